// Lexical similarity between a highlighted passage and sentences of other articles, for suggesting
// evidence. Works offline with no model: words are folded (case, accents, transliteration marks),
// numbers normalised ("1,400" = "1400"), light suffixes stripped (killed/kills/killing), a few news
// concepts merged (deaths = killed = casualties), and near-spellings matched (Sweida ~ Suweida,
// Sharaa ~ Shara). Pure: shared by the service and the tests.

import { distance as editDistance } from 'fastest-levenshtein'

/** Words that carry no fact: matching them says nothing about the same event. */
const STOPWORDS = new Set(
  'a an the and or but if of in on at to for from by with as is are was were be been being has have had it its this that these those there their they them he she his her we our you your i not no than then so such will would could should may might can do does did said says say also about into over after before more most other some any all which who whom whose what when where while'.split(
    ' ',
  ),
)

/**
 * Words news reports use interchangeably for the same fact. Small on purpose: each entry is a kind of
 * claim analysts compare across outlets (tolls, meetings, attacks), not a general thesaurus.
 */
const CONCEPTS: Record<string, string> = Object.fromEntries(
  [
    ['#casualty', 'death deaths dead die died dying kill killed killing kills casualty casualties fatality fatalities toll victims'],
    ['#meeting', 'meet meets meeting met talk talks summit discuss discussed discussion dialogue'],
    ['#attack', 'strike strikes struck airstrike airstrikes attack attacks attacked bomb bombed bombing raid raids'],
    ['#injury', 'injure injured injuries wounded wound hurt hospitalised hospitalized'],
    ['#ceasefire', 'ceasefire truce armistice'],
  ].flatMap(([concept, words]) => words!.split(' ').map((w) => [w, concept!])),
)

/**
 * Any figure, in digits or words: "over 1,400" and "hundreds" disagree on the number but are both a
 * count of the same thing, which is exactly what an analyst wants to see side by side.
 */
const QUANTITY = '#quantity'
const QUANTITY_WORDS = new Set(['dozens', 'hundreds', 'thousands', 'millions', 'scores', 'several', 'dozen', 'hundred', 'thousand', 'million'])

/** Tokens this long or longer may match with one edit (Sweida/Suweida); shorter ones must be equal. */
const FUZZY_MIN_LENGTH = 5
/** Figures are what tolls and dates disagree on: a shared number weighs more than a shared word. */
const NUMBER_WEIGHT = 2

export function foldWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/[\u0300-\u036f'’ʿʾ]/g, '')
    .toLowerCase()
}

/** The fact-bearing tokens of a text, normalised as described above. */
export function passageTokens(text: string): string[] {
  const tokens: string[] = []
  for (const match of text.matchAll(/\d[\d,.]*\d|\d|[\p{L}]+/gu)) {
    const raw = match[0]
    if (/^\d/.test(raw)) {
      tokens.push(raw.replace(/[,.](?=\d{3}\b)/g, ''), QUANTITY)
      continue
    }
    const word = foldWord(raw)
    if (word.length < 2 || STOPWORDS.has(word)) continue
    if (QUANTITY_WORDS.has(word)) {
      tokens.push(QUANTITY)
      continue
    }
    tokens.push(CONCEPTS[word] ?? stem(word))
  }
  return tokens
}

function stem(word: string): string {
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (word.length - suffix.length >= 4 && word.endsWith(suffix)) return word.slice(0, -suffix.length)
  }
  return word
}

function weightOf(token: string): number {
  return /^\d/.test(token) ? NUMBER_WEIGHT : 1
}

/** Only longer words may match with an edit: numbers and concepts must be equal. */
function mayMatchFuzzily(token: string): boolean {
  return token.length >= FUZZY_MIN_LENGTH && !token.startsWith('#') && !/^\d/.test(token)
}

/**
 * How much of the query's weight a candidate covers, from 0 to 1. Each distinct query token counts
 * once; the candidate's own extra words do not lower the score (an article's sentence may add detail).
 * A query token is covered by an equal token or, when both may match fuzzily, by one a single edit away.
 */
export function coverage(queryTokens: readonly string[], candidateTokens: readonly string[]): number {
  const candidate = new Set(candidateTokens)
  let fuzzyCandidates: string[] | null = null
  let total = 0
  let matched = 0
  for (const token of new Set(queryTokens)) {
    const weight = weightOf(token)
    total += weight
    if (candidate.has(token)) {
      matched += weight
      continue
    }
    if (!mayMatchFuzzily(token)) continue
    fuzzyCandidates ??= [...candidate].filter(mayMatchFuzzily)
    if (fuzzyCandidates.some((c) => Math.abs(c.length - token.length) <= 1 && editDistance(token, c) <= 1)) matched += weight
  }
  return total === 0 ? 0 : matched / total
}

export interface Sentence {
  start: number
  end: number
  text: string
}

/** Splits an article into sentences (and lines: scraped text often has one paragraph per line). */
/** A period after a title or an initial ("Dr.", "St.", "U.S.") does not end a sentence. */
const ABBREVIATION_BEFORE = /(?:\b(?:Dr|Mr|Mrs|Ms|St|Gen|Col|Lt|Sgt|Prof|Sen|Rep|Gov|No|Jan|Feb|Aug|Sept|Oct|Nov|Dec)|\b\p{Lu}|\b\p{Lu}\.\p{Lu})\.$/u

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = []
  const boundary = /(?<=[.!?]["”’)]?)\s+(?=["“‘(]?[\p{Lu}\d])|\n+/gu
  let start = 0
  const push = (end: number) => {
    const raw = text.slice(start, end)
    const lead = raw.length - raw.trimStart().length
    const trimmed = raw.trim()
    if (trimmed.length > 0) sentences.push({ start: start + lead, end: start + lead + trimmed.length, text: trimmed })
  }
  for (const m of text.matchAll(boundary)) {
    const at = m.index ?? 0
    if (!m[0].includes('\n') && ABBREVIATION_BEFORE.test(text.slice(Math.max(0, at - 6), at))) continue
    push(at)
    start = at + m[0].length
  }
  push(text.length)
  return sentences
}
