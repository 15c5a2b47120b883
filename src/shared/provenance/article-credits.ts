// An article's credits: every credit of every sentence (credits.ts), each with the sentence that makes
// it, and which of them are the article's own — those in its dateline, byline, lede and sign-off,
// which say where the whole article's reporting comes from ("(Reuters) -", "… told AFP" in the first
// paragraph, "Reporting by Reuters" at the end). Pure: the provenance index runs it in a worker.

import type { BoilerplateRange } from '../boilerplate/detect-boilerplate'
import { findCredits, type Credit } from './credits'
import { splitParagraphs, type Paragraph, type TextSpan } from './sentences'

export type OwnPart = 'dateline' | 'byline' | 'lede' | 'sign-off'

export interface ArticleCredit extends Credit {
  /** The sentence making the credit. */
  sentence: TextSpan
  /** The part of the article that makes this one of the article's own credits; null for a credit of one sentence. */
  own: OwnPart | null
}

/** A paragraph this long or longer, ending like a sentence, is prose: the first such is the lede. */
const MIN_LEDE_WORDS = 8
/** Headline, standfirst, byline and date lines come first: the lede is looked for among this many paragraphs. */
const LEDE_SEARCH_PARAGRAPHS = 6
/** A sign-off is one of the last few paragraphs ("Reporting by …", "Editing by …", "— AFP"). */
const SIGN_OFF_PARAGRAPHS = 3

const BYLINE = /^(?:By|BY)\s+\p{Lu}/u
const DATELINE = /^[\p{Lu}][\p{Lu} .'’-]+(?:,\s*[\p{L} .'’-]+)?\s*\([^)]{2,40}\)\s*[—–-]/u
const SIGN_OFF =
  /^\(?(?:(?:Additional\s+)?[Rr]eporting by|Writing by|Editing by|Compiled by|[-—–]\s*\p{Lu}|With\s+\p{Lu}|\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*)*\s+contributed)/u

export function analyseArticleCredits(text: string, boilerplate: readonly BoilerplateRange[]): ArticleCredit[] {
  const paragraphs = splitParagraphs(text, boilerplate)
  const parts = ownParts(text, paragraphs)
  const credits: ArticleCredit[] = []
  for (const paragraph of paragraphs) {
    for (const sentence of paragraph.sentences) {
      const own = parts.get(paragraph) ?? null
      for (const credit of findCredits(text, sentence)) credits.push({ ...credit, sentence: { start: sentence.start, end: sentence.end }, own })
    }
  }
  return credits
}

/** Which paragraphs are the article's dateline (with its lede), byline, lede and sign-off. */
function ownParts(text: string, paragraphs: readonly Paragraph[]): Map<Paragraph, OwnPart> {
  const parts = new Map<Paragraph, OwnPart>()
  const head = paragraphs.slice(0, LEDE_SEARCH_PARAGRAPHS)
  for (const p of head) {
    const line = text.slice(p.start, p.end)
    if (BYLINE.test(line)) parts.set(p, 'byline')
  }
  const lede = head.find((p) => !parts.has(p) && isProse(text.slice(p.start, p.end)))
  if (lede) parts.set(lede, DATELINE.test(text.slice(lede.start, lede.end)) ? 'dateline' : 'lede')
  for (const p of paragraphs.slice(-SIGN_OFF_PARAGRAPHS)) {
    if (p !== lede && SIGN_OFF.test(text.slice(p.start, p.end))) parts.set(p, 'sign-off')
  }
  return parts
}

function isProse(line: string): boolean {
  return /[.!?]["”’')]*$/.test(line) && line.split(/\s+/).length >= MIN_LEDE_WORDS
}

/** A credit as the CLI's list --json and the article's details show it (DECISIONS section 10). */
export interface ArticleCreditView {
  label: string
  kind: ArticleCredit['kind']
  /** The sentence making the credit. */
  sentence: string
  /** Where the credited name stands in the article's text (UTF-16 offsets, end exclusive). */
  start: number
  end: number
  /** The article's own credit (dateline, byline, lede, sign-off), or null for one sentence's. */
  own: OwnPart | null
}
