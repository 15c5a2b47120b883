// Reads an article's title, date and outlet from what its text offers, and says where the outlet
// came from: a dateline ("BAKU, Azerbaijan (MNTV) —"), the folder the article sits in, or the text's
// self-reference ("…, senior diplomats have told The National"). Pure string code, cheap enough for
// the import's budget (a few regular expressions over the first lines); the importer adds what the
// file system knows (the folder) and what the file states (front matter, HTML meta), which wins.

import type { OutletSource } from '../../shared/provenance/outlet-source'
import { wireAgencyOf } from '../../shared/provenance/source-names'
import { isWhitespace } from '../../shared/whitespace'

export interface ArticleMetadata {
  title: string
  date: string | null
  outlet: string | null
  /** Where the outlet came from; null when there is none. */
  outletSource: OutletSource | null
}

/** Lines looked at for metadata: a headline, a date line and a dateline all sit at the top. */
const HEADER_LINES = 4
/** Longer than this, a first line is a paragraph, not a headline. */
const MAX_HEADLINE_LENGTH = 160
/** Paragraphs searched for a self-reference ("told The National"): the lede says who it told. */
const SELF_REFERENCE_PARAGRAPHS = 2

const DATE_LINE = /^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*/i
// "BAKU, Azerbaijan (MNTV) —": a place in capitals, the outlet in brackets, a dash.
const DATELINE = /^[A-Z][A-Z .'-]+(?:,\s*[A-Za-z .'-]+)?\s*\(([^)]{2,40})\)\s*[—–-]/
// A photo caption ends with its credit: "… last week [Getty]" or "(Photo: AFP)".
const CAPTION_CREDIT = /(\[[^\]]{2,40}\]|\((?:photo|image|picture)[^)]*\))\s*$/i
// "… have told The National.", "… told The Harbour Times on Monday": a capitalised name after "told".
const TOLD_OUTLET = /\btold\s+((?:The\s+)?\p{Lu}[\p{L}'’.&-]*(?:\s+(?:of\s+|the\s+)?\p{Lu}[\p{L}'’.&-]*){0,4})/u

export function extractMetadata(text: string, fallback: { fileName: string; folderOutlet: string | null }): ArticleMetadata {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
  const header = lines.slice(0, HEADER_LINES)

  let date: string | null = null
  let outlet: string | null = null
  for (const line of header) {
    date ??= DATE_LINE.exec(line)?.[1] ?? null
    outlet ??= DATELINE.exec(line)?.[1]?.trim() ?? null
  }

  const first = (lines[0] ?? '').replace(DATE_LINE, '')
  const title = looksLikeHeadline(first) ? first : deriveTitle(lines, fallback.fileName)
  const selfReference = outlet || fallback.folderOutlet ? null : selfReferenceIn(lines)
  const [found, outletSource]: [string | null, OutletSource | null] = outlet
    ? [outlet, 'dateline']
    : fallback.folderOutlet
      ? [fallback.folderOutlet, 'folder']
      : selfReference
        ? [selfReference, 'text']
        : [null, null]
  return { title, date: date && isRealDate(date) ? date : null, outlet: found, outletSource }
}

/**
 * The outlet an article names as the one it was told something: "senior diplomats have told The
 * National". A wire agency is a credit ("told AFP"), not the article's own outlet.
 */
function selfReferenceIn(lines: readonly string[]): string | null {
  for (const line of lines.filter((l) => !looksLikeHeadline(l.replace(DATE_LINE, ''))).slice(0, SELF_REFERENCE_PARAGRAPHS)) {
    const name = TOLD_OUTLET.exec(line)?.[1]?.replace(/[.,;:]+$/, '')
    if (name && !wireAgencyOf(name)) return name
  }
  return null
}

function looksLikeHeadline(line: string): boolean {
  return line.length > 0 && line.length <= MAX_HEADLINE_LENGTH && !/[.!?:;,"”]$/.test(line) && !CAPTION_CREDIT.test(line) && !DATELINE.test(line)
}

/** No headline: the first sentence of the first real paragraph. */
function deriveTitle(lines: string[], fileName: string): string {
  const paragraph = lines.map((l) => l.replace(DATE_LINE, '').replace(DATELINE, '').trim()).find((l) => l.length > 0 && !CAPTION_CREDIT.test(l))
  if (!paragraph) return fileName
  const sentence = /^.+?[.!?](?=\s|$)/.exec(paragraph)?.[0] ?? paragraph
  // Stored whole: a list or a card cuts it to its width on screen, never the store.
  return sentence.replace(/\.$/, '')
}

function isRealDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso)
}

/** Runs of non-whitespace, as text.split(/\s+/) counts them (without the empty ends), in one pass without the array. */
export function countWords(text: string): number {
  let words = 0
  let inWord = false
  for (let i = 0; i < text.length; i++) {
    const space = isWhitespace(text.charCodeAt(i))
    if (!space && !inWord) words++
    inWord = !space
  }
  return words
}
