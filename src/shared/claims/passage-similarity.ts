// Lexical similarity between a highlighted passage and sentences of other articles, for suggesting
// evidence. Works offline with no model: words are folded (case, accents, transliteration marks),
// numbers normalised ("1,400" = "1400"), light suffixes stripped (killed/kills/killing), a few news
// concepts merged (deaths = killed = casualties), and near-spellings matched (Sweida ~ Suweida,
// Sharaa ~ Shara). Pure: shared by the service and the tests.

/** Words that carry no fact: matching them says nothing about the same event. */
const STOPWORDS = new Set(
  'a an the al el and or but if of in on at to for from by with as is are was were be been being has have had it its this that these those there their they them he she his her we our you your i not no than then so such will would could should may might can do does did said says say also about into over after before more most other some any all which who whom whose what when where while'.split(
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

/** Tokens this long or longer may match as transliteration variants (Sweida/Suweida); shorter ones must be equal. */
const FUZZY_MIN_LENGTH = 5
/** Figures are what tolls and dates disagree on: a shared number weighs more than a shared word. */
const NUMBER_WEIGHT = 2

export function foldWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/[\u0300-\u036f'’ʿʾ]/g, '')
    .toLowerCase()
}

/** One fact-bearing word of a text: its normalised token and the words as written ("Suweida"). */
export interface Term {
  token: string
  surface: string
  /** Offset of the surface in the text it came from. */
  at: number
}

/** The fact-bearing terms of a text, normalised as described above, with the words as written. */
export function passageTerms(text: string): Term[] {
  const terms: Term[] = []
  for (const match of text.matchAll(/\d[\d,.]*\d|\d|[\p{L}]+/gu)) {
    const raw = match[0]
    const at = match.index ?? 0
    if (/^\d/.test(raw)) {
      const number = { token: raw.replace(/[,.](?=\d{3}\b)/g, ''), surface: raw, at }
      // "July 12" is a day, not a count: it matches "12 July" but not "over 1,400".
      if (isDayOfMonth(text, at, at + raw.length)) terms.push(number)
      else terms.push(number, { token: QUANTITY, surface: raw, at })
      continue
    }
    const word = foldWord(raw)
    if (word.length < 2 || STOPWORDS.has(word)) continue
    if (QUANTITY_WORDS.has(word)) {
      terms.push({ token: QUANTITY, surface: raw, at })
      continue
    }
    terms.push({ token: CONCEPTS[word] ?? stem(word), surface: raw, at })
  }
  return terms
}

/** The fact-bearing tokens of a text, normalised as described above. */
export function passageTokens(text: string): string[] {
  return passageTerms(text).map((t) => t.token)
}

/** True for the tokens that stand for an event (a meeting, an attack, deaths): what tense is read around. */
export function isEventToken(token: string): boolean {
  return token.startsWith('#') && token !== QUANTITY
}

const MONTH = /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?$/i

/** True when the number at [start, end) sits right after or before a month's name. */
function isDayOfMonth(text: string, start: number, end: number): boolean {
  const before = /(\p{L}+\.?)\s+$/u.exec(text.slice(Math.max(0, start - 12), start))?.[1]
  const after = /^\s+(\p{L}+)/u.exec(text.slice(end, end + 12))?.[1]
  return (before !== undefined && MONTH.test(before)) || (after !== undefined && MONTH.test(after))
}

function stem(word: string): string {
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (word.length - suffix.length < 4 || !word.endsWith(suffix)) continue
    // "-es" is a suffix after a hiss ("crashes", "taxes"); in "sources" only the "-s" is.
    if (suffix === 'es' && !/(?:s|x|z|ch|sh)es$/.test(word)) continue
    return word.slice(0, -suffix.length)
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
 * How a word of the highlight was found in a candidate, for the analyst: the same word; a spelling
 * one letter apart (Sweida, Suweida); the same number however grouped ("1,400", "1400"); two
 * different figures, which may count the same thing ("1,400", "hundreds"); or a word news copy uses
 * for the same fact (deaths, killed).
 */
export type MatchKind = 'word' | 'spelling' | 'number' | 'figure' | 'concept'

export interface MatchedTerm {
  kind: MatchKind
  /** The word as the highlight (or its sentence) writes it. */
  highlight: string
  /** The word as the candidate writes it. */
  match: string
}

export interface TermMatch {
  /** Share of the query's weight the candidate covers, 0–1. */
  coverage: number
  /** Each query word found, once, in the query's order. */
  terms: MatchedTerm[]
}

/**
 * How much of the query's weight a candidate covers, and through which words. Each distinct query
 * token counts once; the candidate's own extra words do not lower the score (an article's sentence
 * may add detail). A query token is covered by an equal token or, when both may match fuzzily, by
 * one a single edit away.
 */
export function matchTerms(query: readonly Term[], candidate: readonly Term[]): TermMatch {
  const byToken = new Map<string, Term>()
  for (const term of candidate) if (!byToken.has(term.token)) byToken.set(term.token, term)
  let fuzzyCandidates: Term[] | null = null
  const seen = new Set<string>()
  const terms: MatchedTerm[] = []
  const shown = new Set<string>()
  let total = 0
  let matched = 0
  const show = (term: MatchedTerm) => {
    // A number stands for itself and for "a figure": say so once.
    if (shown.has(term.highlight)) return
    shown.add(term.highlight)
    terms.push(term)
  }
  for (const term of query) {
    const { token } = term
    if (seen.has(token)) continue
    seen.add(token)
    const weight = weightOf(token)
    total += weight
    const equal = byToken.get(token)
    if (equal) {
      matched += weight
      show({ kind: kindOfEqual(term, equal), highlight: term.surface, match: equal.surface })
      continue
    }
    if (!mayMatchFuzzily(token)) continue
    fuzzyCandidates ??= [...byToken.values()].filter((c) => mayMatchFuzzily(c.token))
    const near = fuzzyCandidates.find((c) => transliterationVariants(token, c.token))
    if (near) {
      matched += weight
      show({ kind: 'spelling', highlight: term.surface, match: near.surface })
    }
  }
  return { coverage: total === 0 ? 0 : matched / total, terms }
}

const VOWEL = /^[aeiouy]$/

/**
 * True when two words differ by one vowel added, dropped or changed, or one letter doubled: how
 * transliterations of one name differ (Sweida/Suweida, Sharaa/Shara, Ahmad/Ahmed, Hassan/Hasan).
 * Any single edit would be looser and wrong: "right" and "fight", "Ahmed" and "aimed" are one edit
 * apart and are different words.
 */
export function transliterationVariants(a: string, b: string): boolean {
  if (a === b) return true
  if (a.length === b.length) {
    let differing = -1
    for (let i = 0; i < a.length; i++) {
      if (a[i] === b[i]) continue
      if (differing >= 0) return false
      differing = i
    }
    return VOWEL.test(a[differing]!) && VOWEL.test(b[differing]!)
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a]
  if (long.length - short.length !== 1) return false
  let i = 0
  while (i < short.length && short[i] === long[i]) i++
  if (short.slice(i) !== long.slice(i + 1)) return false
  const extra = long[i]!
  return VOWEL.test(extra) || long[i - 1] === extra || long[i + 1] === extra
}

function kindOfEqual(query: Term, candidate: Term): MatchKind {
  if (query.token === QUANTITY) return foldWord(query.surface) === foldWord(candidate.surface) ? 'number' : 'figure'
  if (/^\d/.test(query.token)) return 'number'
  if (isEventToken(query.token) && foldWord(query.surface) !== foldWord(candidate.surface)) return 'concept'
  return 'word'
}

/** How much of the query's weight a candidate covers, from 0 to 1 (see matchTerms). */
export function coverage(queryTokens: readonly string[], candidateTokens: readonly string[]): number {
  const asTerms = (tokens: readonly string[]) => tokens.map((token) => ({ token, surface: token, at: 0 }))
  return matchTerms(asTerms(queryTokens), asTerms(candidateTokens)).coverage
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

/**
 * A wire-style dateline at the head of a sentence ("BAKU, Azerbaijan (MNTV) — ", "DAMASCUS (Reuters) - "):
 * it names where the report was filed, not where the event took place, so it must not make a
 * sentence look like a match for "met in Baku". Returns its length, 0 when there is none.
 */
const DATELINE = /^\p{Lu}{3,}(?:[\s.'-]+\p{Lu}{2,})*(?:,\s*[\p{L}.' -]{2,40}?)?\s*(?:\([^()]{1,40}\))?\s*[—–-]{1,2}\s+/u

export function datelineLength(sentence: string): number {
  return DATELINE.exec(sentence)?.[0].length ?? 0
}
