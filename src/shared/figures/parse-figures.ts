// Reads every figure out of a text: each number with what it counts and how exact it is, as a range
// (DECISIONS.md section 11). Pure: the main process runs it when evidence is linked and over the
// whole corpus for the derived index; the renderer may run it too.
//
// The reading goes from the number outwards:
//   1. find number cores: digits in any grouping ("1,400", "1400", "1 400", "1.4 million", and
//      "1.400" / "1,2 million" in a text whose language writes a decimal comma), number words
//      ("twelve", "a dozen", "two hundred and six") and vague quantities ("hundreds", "scores of");
//   2. drop what only looks like a figure: dates, times, ordinals, parts of names ("F-16"), page
//      furniture the caller asks to skip (section 2);
//   3. join two cores into a range ("between 1,000 and 1,400", "1,000–1,400", "1.2 to 1.5 million");
//   4. read the qualifier before ("more than", "at least", "nearly", "about", "up to", "fewer than")
//      or after ("or more", "+", "or so"), a currency or percent sign, and what is counted from the
//      words around (killed, wounded, casualties, people, or the counted noun as written).
// The trade-off throughout: a figure missed costs the analyst less than a wrong one flagged as a
// conflict, so where the words are ambiguous (a bare year, "one of"), nothing is read.

import { CASUALTIES, DEATHS, INJURED, PEOPLE, type Figure, type FigureKind, type FigureQualifier } from './figure'
import { NUMBER_WORD_START, readNumberWords } from './number-words'

export type DecimalSeparator = '.' | ','

export interface ParseFiguresOptions {
  /** How the text writes decimals; guessed from its language when not given. */
  decimalSeparator?: DecimalSeparator
  /** Ranges to skip (page furniture, DECISIONS section 2): no figure is read inside them. */
  skip?: readonly { start: number; end: number }[]
}

/** A number before its context is read: where it is and the values it may take. */
interface Core {
  start: number
  end: number
  /** The number, or the low end of a range or a vague quantity. */
  low: number
  high: number
  vague: string | null
  isRange: boolean
  /** Digits only, no grouping, decimals or scale: could be a year or a day. */
  plainInteger: boolean
  /** A scale word or abbreviation ended it ("million", "bn"): a range's other end takes it too. */
  scale: number
}

// ---------------------------------------------------------------------------------------------
// The text's decimal separator

/** Common words of English, and of languages that write a decimal comma (de, fr, es, it, nl, pt, ru, tr, pl). */
const ENGLISH_MARKERS = new Set(['the', 'and', 'of', 'to', 'is', 'was', 'that', 'with', 'for', 'said', 'were', 'have'])
const DECIMAL_COMMA_MARKERS = new Set([
  'der',
  'die',
  'und',
  'das',
  'ist',
  'nicht',
  'mit',
  'den',
  'le',
  'les',
  'et',
  'des',
  'est',
  'une',
  'dans',
  'du',
  'el',
  'los',
  'las',
  'que',
  'del',
  'y',
  'il',
  'di',
  'che',
  'della',
  'het',
  'een',
  'van',
  'não',
  'uma',
  'com',
  'и',
  'в',
  'не',
  'на',
  'что',
  've',
  'bir',
  'için',
  'się',
  'jest',
  'nie',
])
/** Enough words to tell the language; reading more only costs time. */
const LANGUAGE_SAMPLE_CHARS = 3000

/** "," when the text's language writes decimals with a comma ("1,2 million", "1.400"), else ".". */
export function guessDecimalSeparator(text: string): DecimalSeparator {
  let english = 0
  let comma = 0
  for (const m of text
    .slice(0, LANGUAGE_SAMPLE_CHARS)
    .toLowerCase()
    .matchAll(/\p{L}+/gu)) {
    if (ENGLISH_MARKERS.has(m[0])) english++
    else if (DECIMAL_COMMA_MARKERS.has(m[0])) comma++
  }
  return comma > english ? ',' : '.'
}

// ---------------------------------------------------------------------------------------------
// Step 1: number cores

/** Spaces that group thousands: ordinary, no-break, narrow no-break, thin. */
const GROUP_SPACES = ' \u00a0\u202f\u2009'

function digitPatterns(sep: DecimalSeparator): { grouped: RegExp; plain: RegExp } {
  const group = sep === '.' ? `[,${GROUP_SPACES}]` : `[.${GROUP_SPACES}]`
  const decimal = sep === '.' ? '\\.' : ','
  return {
    // Every group exactly three digits and one separator throughout, so "2025 300" is not 2025300.
    grouped: new RegExp(`\\d{1,3}(${group})\\d{3}(?!\\d)(?:\\1\\d{3}(?!\\d))*(?:${decimal}\\d+)?`, 'y'),
    plain: new RegExp(`\\d+(?:${decimal}\\d+)?`, 'y'),
  }
}

// English, and the words for million and billion in the languages that write a decimal comma.
const SCALE_AFTER =
  /(?:\s*(million|billion|trillion|thousand|millions|millionen|millones|milioni|milhões|miljoen|milliards?|milliarden|mio\.|mrd\.)(?!\p{L})|(\s?(?:bn|mn|mln|tn)|m|k|b)(?![\p{L}\d]))/iuy
const SCALE_OF: Record<string, number> = {
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  k: 1e3,
  m: 1e6,
  mn: 1e6,
  mln: 1e6,
  b: 1e9,
  bn: 1e9,
  tn: 1e12,
  millions: 1e6,
  millionen: 1e6,
  millones: 1e6,
  milioni: 1e6,
  milhões: 1e6,
  miljoen: 1e6,
  'mio.': 1e6,
  milliard: 1e9,
  milliards: 1e9,
  milliarden: 1e9,
  'mrd.': 1e9,
}

/** Removes floating-point noise: 1.4 × 1e6 is 1400000, not 1399999.9999999998. */
function clean(n: number): number {
  return Number(n.toPrecision(12))
}

function digitCores(text: string, sep: DecimalSeparator): Core[] {
  const { grouped, plain } = digitPatterns(sep)
  const cores: Core[] = []
  const starts = /\d+/g
  let m: RegExpExecArray | null
  while ((m = starts.exec(text))) {
    const start = m.index
    if (start > 0 && /[\d.,]/.test(text[start - 1] ?? '') && /\d/.test(text[start - 2] ?? '')) continue
    grouped.lastIndex = start
    plain.lastIndex = start
    const g = grouped.exec(text)
    const p = g ? null : plain.exec(text)
    const match = (g ?? p)!
    let end = start + match[0].length
    // "1,2" in an English text, "1.400.000" read with the wrong separator: not a number we can trust.
    if (/[.,]/.test(text[end] ?? '') && /\d/.test(text[end + 1] ?? '')) {
      const run = /[\d.,]+/y
      run.lastIndex = start
      run.exec(text)
      starts.lastIndex = run.lastIndex
      continue
    }
    starts.lastIndex = end
    const raw = match[0]
    const groupChars = sep === '.' ? /[,\s\u00a0\u202f\u2009]/g : /[.\s\u00a0\u202f\u2009]/g
    let value = Number(raw.replace(groupChars, '').replace(',', '.'))
    let scale = 1
    SCALE_AFTER.lastIndex = end
    const s = SCALE_AFTER.exec(text)
    if (s) {
      scale = SCALE_OF[(s[1] ?? s[2] ?? '').trim().toLowerCase()] ?? 1
      value = clean(value * scale)
      end = SCALE_AFTER.lastIndex
    }
    cores.push({
      start,
      end,
      low: value,
      high: value,
      vague: null,
      isRange: false,
      plainInteger: !g && scale === 1 && /^\d+$/.test(raw),
      scale,
    })
  }
  return cores
}

function wordCores(text: string): Core[] {
  const cores: Core[] = []
  NUMBER_WORD_START.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = NUMBER_WORD_START.exec(text))) {
    const read = readNumberWords(text, m.index)
    if (!read || read.end <= m.index) continue
    NUMBER_WORD_START.lastIndex = read.end
    cores.push({
      start: m.index,
      end: read.end,
      low: read.value,
      high: read.value,
      vague: null,
      isRange: false,
      plainInteger: false,
      scale: 1,
    })
  }
  return cores
}

/** DECISIONS section 11, and the same steps for the larger words: at least two of the unit, below the next. */
const VAGUE: Record<string, [number, number]> = {
  dozens: [24, 99],
  scores: [40, 99],
  hundreds: [200, 999],
  thousands: [2_000, 999_999],
  'tens of thousands': [20_000, 99_999],
  'hundreds of thousands': [200_000, 999_999],
  millions: [2_000_000, 999_999_999],
  'tens of millions': [20_000_000, 99_999_999],
  'hundreds of millions': [200_000_000, 999_999_999],
}
// Longest first, so "hundreds of thousands" is not read as "hundreds"; "scores" only as "scores of",
// since "scores" alone is more often a verb or a result.
const VAGUE_PATTERN = /\b(tens of thousands|hundreds of thousands|tens of millions|hundreds of millions|millions|thousands|hundreds|dozens|scores(?=\s+of\b))\b/giu

function vagueCores(text: string): Core[] {
  const cores: Core[] = []
  for (const m of text.matchAll(VAGUE_PATTERN)) {
    const word = (m[1] ?? '').toLowerCase().replace(/\s+/g, ' ')
    const range = VAGUE[word]
    if (!range) continue
    const [low, high] = range
    cores.push({
      start: m.index,
      end: m.index + m[0].length,
      low,
      high,
      vague: word,
      isRange: false,
      plainInteger: false,
      scale: 1,
    })
  }
  return cores
}

// ---------------------------------------------------------------------------------------------
// Step 2: what only looks like a figure

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)'
const MONTH_BEFORE = new RegExp(`\\b${MONTH}\\.?\\s+(?:\\d{1,2},?\\s+)?$`, 'i')
const MONTH_AFTER = new RegExp(`^(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\b`, 'i')
const YEAR_BEFORE = /\b(?:in|since|of|by|until|till|from|during|before|after|year|early|late|mid|summer|winter|spring|autumn|fall|end|start)\s+$/i
/** Numeric dates (2025-07-12, 12/07/2025, 12.07.2025) and clock times (10:30): read as a whole, not as figures. */
const DATE_OR_TIME = /\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{1,2}:\d{2}\b/g
/** How far before a number a month, a qualifier or a verb is looked for. */
const BEFORE_WINDOW = 60
const AFTER_WINDOW = 80

function looksLikeDateOrName(text: string, core: Core): boolean {
  const before = text.slice(Math.max(0, core.start - BEFORE_WINDOW), core.start)
  const after = text.slice(core.end, core.end + AFTER_WINDOW)
  if (!/^\d/.test(text.slice(core.start))) return false // number words and vague words are never dates
  if (/\p{L}-?$/u.test(before)) return true // "F-16", "COVID-19", "A320"
  if (/^(?:st|nd|rd|th)\b/i.test(after)) return true // ordinal
  if (/^[\p{L}]/u.test(after)) return true // "3D", "5G": part of a name
  if (/^\s?(?:am|pm|a\.m\.|p\.m\.)(?!\p{L})/iu.test(after)) return true
  if (core.plainInteger && core.low >= 1 && core.low <= 31 && (MONTH_BEFORE.test(before) || MONTH_AFTER.test(after))) return true
  if (core.plainInteger && core.low >= 1000 && core.low <= 2100 && (MONTH_BEFORE.test(before) || YEAR_BEFORE.test(before) || /^\s*(?:BC|AD|CE|BCE)\b/.test(after)))
    return true
  return false
}

function overlapsAny(core: { start: number; end: number }, ranges: readonly { start: number; end: number }[]): boolean {
  for (const r of ranges) if (core.start < r.end && r.start < core.end) return true
  return false
}

// ---------------------------------------------------------------------------------------------
// Step 3: ranges

const RANGE_JOIN = /^\s*(?:-|–|—|to)\s*$/i
const BETWEEN_JOIN = /^\s+and\s+$/i

function joinRanges(text: string, cores: Core[]): Core[] {
  const out: Core[] = []
  for (let i = 0; i < cores.length; i++) {
    const a = cores[i]!
    const b = cores[i + 1]
    if (b && a.vague === null && b.vague === null) {
      const gap = text.slice(a.end, b.start)
      const before = text.slice(Math.max(0, a.start - 10), a.start)
      const between = /\bbetween\s+$/i.test(before) && BETWEEN_JOIN.test(gap)
      // "rose from 300 to 1,400" reports a change, not a range: the later figure is the one that stands.
      const fromTo = /\bfrom\s+$/i.test(before) && /to/i.test(gap)
      if ((between || RANGE_JOIN.test(gap)) && !fromTo) {
        // "1.2 to 1.5 million": the scale written once belongs to both ends.
        const low = a.scale === 1 && b.scale > 1 && a.low * b.scale <= b.low ? clean(a.low * b.scale) : a.low
        if (low <= b.high) {
          out.push({ start: a.start, end: b.end, low, high: b.high, vague: null, isRange: true, plainInteger: false, scale: b.scale })
          i++
          continue
        }
      }
    }
    out.push(a)
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Step 4: qualifier, unit and what is counted

const QUALIFIER_BEFORE: [RegExp, FigureQualifier][] = [
  [/(?:more than|over|above|in excess of|upwards of|greater than)\s+$/i, 'over'],
  [/(?:at least|no fewer than|no less than|not less than|a minimum of|at a minimum)\s+$/i, 'at-least'],
  [/(?:nearly|almost|close to|just under|just shy of)\s+$/i, 'nearly'],
  [/(?:about|around|some|roughly|approximately|approx\.|an estimated|estimated|circa|ca\.|an approximate)\s+$/i, 'about'],
  [/(?:up to|as many as|a maximum of|at most|no more than)\s+$/i, 'up-to'],
  [/(?:fewer than|less than|under|below)\s+$/i, 'under'],
]
const QUALIFIER_AFTER: [RegExp, FigureQualifier][] = [
  [/^(?:\s*\+|-?plus\b|\s+or more\b|\s+and more\b|\s+at least\b)/i, 'at-least'],
  [/^\s+or so\b/i, 'about'],
  [/^\s+or fewer\b|^\s+or less\b/i, 'up-to'],
]

const CURRENCY_SIGN_BEFORE = /(US\$|A\$|C\$|\$|€|£|¥|₹|₽|₺|₪|\b(?:USD|EUR|GBP|JPY|CHF|CNY|INR|RUB|TRY|ILS|SYP|AUD|CAD)\s?)$/
const CURRENCY_OF_SIGN: Record<string, string> = {
  US$: 'USD',
  $: 'USD',
  A$: 'AUD',
  C$: 'CAD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
  '₽': 'RUB',
  '₺': 'TRY',
  '₪': 'ILS',
}
const CURRENCY_WORD_AFTER =
  /^\s+(?:of\s+)?(?:(?:us|u\.s\.|american)\s+)?(dollars?|euros?|pounds sterling|pounds|sterling|yen|yuan|renminbi|rupees?|roubles?|rubles?|francs?|liras?|lira|shekels?|syrian pounds|USD|EUR|GBP|JPY|CHF|CNY|INR|RUB|TRY|ILS|SYP)\b/i
const CURRENCY_OF_WORD: Record<string, string> = {
  dollar: 'USD',
  dollars: 'USD',
  euro: 'EUR',
  euros: 'EUR',
  pounds: 'GBP',
  'pounds sterling': 'GBP',
  sterling: 'GBP',
  yen: 'JPY',
  yuan: 'CNY',
  renminbi: 'CNY',
  rupee: 'INR',
  rupees: 'INR',
  rouble: 'RUB',
  roubles: 'RUB',
  ruble: 'RUB',
  rubles: 'RUB',
  franc: 'CHF',
  francs: 'CHF',
  lira: 'TRY',
  liras: 'TRY',
  shekel: 'ILS',
  shekels: 'ILS',
  'syrian pounds': 'SYP',
}
const PERCENT_AFTER = /^(?:\s?%|\s+(?:percentage points?|per\s?cent|pct)\b)/i

const DEATH_WORDS = new Set(['killed', 'dead', 'died', 'deaths', 'death', 'fatalities', 'bodies', 'slain', 'perished'])
const INJURED_WORDS = new Set(['wounded', 'injured', 'hurt', 'injuries'])
const CASUALTY_WORDS = new Set(['casualties', 'casualty'])
const PEOPLE_WORDS = new Set(['people', 'persons', 'individuals'])
/** Nouns for people: with a verb of killing or wounding nearby, the figure counts deaths or injured. */
const PERSON_NOUNS = new Set([
  ...PEOPLE_WORDS,
  'civilians',
  'children',
  'women',
  'men',
  'soldiers',
  'troops',
  'fighters',
  'militants',
  'residents',
  'protesters',
  'members',
  'officers',
  'police',
  'policemen',
  'migrants',
  'refugees',
  'workers',
  'journalists',
  'patients',
  'combatants',
  'villagers',
  'tribesmen',
  'gunmen',
  'personnel',
  'others',
  'person',
  'civilian',
  'child',
  'soldier',
])
/** Words between a number and its noun that are not the noun: "1,400 more civilian deaths". */
const FILLER_WORDS = new Set([
  'of',
  'the',
  'more',
  'other',
  'additional',
  'further',
  'new',
  'young',
  'unarmed',
  'innocent',
  'civilian',
  'armed',
  'local',
  'foreign',
  'confirmed',
  'reported',
])
/** Words that end the search for a noun: the number stands alone ("1,400, according to", "1,400 were killed"). */
const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'or',
  'but',
  'in',
  'on',
  'at',
  'to',
  'from',
  'by',
  'for',
  'as',
  'since',
  'with',
  'into',
  'after',
  'before',
  'during',
  'while',
  'when',
  'who',
  'which',
  'that',
  'were',
  'was',
  'are',
  'is',
  'be',
  'been',
  'being',
  'have',
  'has',
  'had',
  'will',
  'would',
  'could',
  'may',
  'might',
  'according',
  'said',
  'says',
  'than',
  'this',
  'these',
  'those',
  'it',
  'its',
  'their',
  'them',
  'they',
  'he',
  'she',
  'we',
  'you',
  'i',
  'so',
  'if',
  'not',
  'no',
  'per',
  'each',
  'out',
  'up',
  'over',
  'under',
  'about',
  'year',
  'years',
  'times',
  'percent',
])
const AUXILIARIES = new Set(['were', 'was', 'are', 'is', 'have', 'has', 'had', 'been', 'reportedly', 'also', 'lost', 'being'])
/** A noun search looks at this many words after the number; the verb search a few more either side. */
const NOUN_WORDS = 4
const VERB_WORDS_AFTER = 5
const VERB_WORDS_BEFORE = 5

interface WordAt {
  word: string
  lower: string
  start: number
  end: number
}

function wordsIn(text: string, from: number, to: number): WordAt[] {
  const out: WordAt[] = []
  for (const m of text.slice(from, to).matchAll(/\p{L}[\p{L}'’]*/gu)) {
    out.push({ word: m[0], lower: m[0].toLowerCase(), start: from + m.index, end: from + m.index + m[0].length })
  }
  return out
}

/** The clause around a position ends at sentence punctuation, a comma or a bracket. */
const CLAUSE_BREAK = /[.;:!?,()\n"“”]/

function clauseEndAfter(text: string, pos: number): number {
  const limit = Math.min(text.length, pos + AFTER_WINDOW)
  for (let i = pos; i < limit; i++) if (CLAUSE_BREAK.test(text[i] ?? '') && !isDecimalPoint(text, i)) return i
  return limit
}

function clauseStartBefore(text: string, pos: number): number {
  const limit = Math.max(0, pos - BEFORE_WINDOW)
  for (let i = pos - 1; i >= limit; i--) if (CLAUSE_BREAK.test(text[i] ?? '') && !isDecimalPoint(text, i)) return i + 1
  return limit
}

function isDecimalPoint(text: string, i: number): boolean {
  return /\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '')
}

function kindOfWord(words: WordAt[], i: number): string | null {
  const w = words[i]?.lower ?? ''
  if (DEATH_WORDS.has(w) || w === 'killing' || w === 'kills' || w === 'kill') return DEATHS
  if (w === 'toll') return DEATHS // "the death toll", "the toll rose to"
  if (w === 'lives' && (words[i + 1]?.lower === 'lost' || words[i - 1]?.lower === 'lost' || words[i - 1]?.lower === 'claimed')) return DEATHS
  if (w === 'lost' && words[i + 1]?.lower === 'their' && words[i + 2]?.lower === 'lives') return DEATHS
  if (INJURED_WORDS.has(w) || w === 'wounding' || w === 'injuring') return INJURED
  if (CASUALTY_WORDS.has(w)) return CASUALTIES
  return null
}

/**
 * The first kind the words name; "killed or wounded" names both, which is casualties. Only the first
 * counts: in "69 people were killed and almost 150 injured" the injured belong to the next number.
 */
function kindsIn(words: WordAt[]): string | null {
  for (let i = 0; i < words.length; i++) {
    const k = kindOfWord(words, i)
    if (!k) continue
    const joined = /^(?:or|and)$/.test(words[i + 1]?.lower ?? '') && words[i + 2] ? kindOfWord(words, i + 2) : null
    if (joined && joined !== k) return CASUALTIES
    return k
  }
  return null
}

interface Counted {
  counted: string | null
  /** Where the counted noun ends, when it follows the number: the figure's text runs to it. */
  nounEnd: number | null
}

function countedAround(text: string, figureStart: number, coreEnd: number, isOne: boolean, english: boolean): Counted {
  const clauseEnd = clauseEndAfter(text, coreEnd)
  const after = wordsIn(text, coreEnd, clauseEnd)
  // The noun phrase: up to NOUN_WORDS words after the number, past filler and adjectives of origin,
  // up to the first function word. Its head is the first word that names a kind, a person or looks
  // plural ("air strikes", "federal workers"), else its first word ("one diplomat").
  const phrase: number[] = []
  for (let i = 0; i < Math.min(after.length, NOUN_WORDS); i++) {
    const w = after[i]!
    if (STOP_WORDS.has(w.lower)) break
    if (FILLER_WORDS.has(w.lower) && phrase.length === 0) continue
    const next = after[i + 1]
    // "1,400 Syrian civilians": a capitalised word followed by a lowercase one is an adjective
    // (in English; German capitalises every noun).
    if (english && phrase.length === 0 && /^\p{Lu}/u.test(w.word) && next && !/^\p{Lu}/u.test(next.word) && !STOP_WORDS.has(next.lower)) continue
    phrase.push(i)
  }
  const nounIndex = phrase.find((i) => isNounHead(after, i)) ?? phrase[0] ?? -1
  const noun: WordAt | null = after[nounIndex] ?? null
  if (noun) {
    const kind = kindOfWord(after, nounIndex)
    if (kind) return { counted: kind, nounEnd: extendLivesLost(after, nounIndex) }
  }
  if (isOne && !noun) return { counted: null, nounEnd: null }
  if (!noun || PERSON_NOUNS.has(noun.lower)) {
    // "1,400 people were killed", "killed over 1,400 people", "the death toll rose to 1,400".
    // Words after count only as the number's own predicate ("were killed", "died"), not a next
    // clause's ("killed 12 and wounded 30": the 12 are not the wounded).
    const rest = after.slice(nounIndex + 1, nounIndex + 1 + VERB_WORDS_AFTER)
    const verbsAfter = rest.length > 0 && (AUXILIARIES.has(rest[0]?.lower ?? '') || kindOfWord(rest, 0)) ? rest : []
    const clauseStart = clauseStartBefore(text, figureStart)
    const before = wordsIn(text, clauseStart, figureStart).slice(-VERB_WORDS_BEFORE)
    const kind = kindsIn(verbsAfter) ?? nearestKindBefore(before)
    if (kind) return { counted: kind, nounEnd: noun ? noun.end : null }
  }
  if (!noun) return { counted: null, nounEnd: null }
  return { counted: PEOPLE_WORDS.has(noun.lower) ? PEOPLE : noun.lower, nounEnd: noun.end }
}

function isNounHead(words: WordAt[], i: number): boolean {
  const w = words[i]?.lower ?? ''
  return kindOfWord(words, i) !== null || PERSON_NOUNS.has(w) || (/[^su]s$/.test(w) && w.length > 3)
}

function isPersonCount(counted: string): boolean {
  return counted === DEATHS || counted === INJURED || counted === CASUALTIES || counted === PEOPLE || PERSON_NOUNS.has(counted)
}

function extendLivesLost(words: WordAt[], i: number): number {
  const next = words[i + 1]
  if (words[i]?.lower === 'lives' && next?.lower === 'lost') return next.end
  return words[i]?.end ?? 0
}

function nearestKindBefore(words: WordAt[]): string | null {
  for (let i = words.length - 1; i >= 0; i--) {
    const k = kindOfWord(words, i)
    if (k) return k
  }
  return null
}

// ---------------------------------------------------------------------------------------------
// Bounds

function bounds(
  qualifier: FigureQualifier,
  low: number,
  high: number,
  isCount: boolean,
  isVague: boolean,
): Pick<Figure, 'low' | 'high' | 'lowExclusive' | 'highExclusive'> {
  let lo: number | null = low
  let hi: number | null = high
  let lowExclusive = false
  let highExclusive = false
  // "more than hundreds", "up to thousands": the vague range with its open side opened.
  if (isVague && (qualifier === 'over' || qualifier === 'at-least')) hi = null
  else if (isVague && (qualifier === 'up-to' || qualifier === 'under')) lo = 0
  else
    switch (qualifier) {
      case 'over':
        lo = high
        hi = null
        lowExclusive = true
        break
      case 'at-least':
        hi = null
        break
      case 'nearly':
        lo = clean(low * 0.9)
        highExclusive = true
        break
      case 'about':
        lo = clean(low * 0.9)
        hi = clean(high * 1.1)
        break
      case 'up-to':
        lo = 0
        break
      case 'under':
        lo = 0
        highExclusive = true
        break
      default:
        break
    }
  // A count written with decimals ("6.9-magnitude") is a measure, not a number of things: kept as read.
  if (!isCount || !Number.isInteger(low) || !Number.isInteger(high)) return { low: lo, high: hi, lowExclusive, highExclusive }
  // Counts are whole: an exclusive bound moves to the next whole number, a fractional one inwards.
  if (lo !== null) lo = lowExclusive ? Math.floor(lo) + 1 : Math.ceil(lo)
  if (hi !== null) hi = highExclusive ? Math.ceil(hi) - 1 : Math.floor(hi)
  return { low: lo, high: hi, lowExclusive: false, highExclusive: false }
}

// ---------------------------------------------------------------------------------------------
// The whole reading

export function parseFigures(text: string, options: ParseFiguresOptions = {}): Figure[] {
  const sep = options.decimalSeparator ?? guessDecimalSeparator(text)
  const skip = [...(options.skip ?? [])]
  for (const m of text.matchAll(DATE_OR_TIME)) skip.push({ start: m.index, end: m.index + m[0].length })
  const found = [...digitCores(text, sep), ...wordCores(text), ...vagueCores(text)]
    .filter((c) => !overlapsAny(c, skip) && !looksLikeDateOrName(text, c))
    .sort((a, b) => a.start - b.start)
  // A number word inside a vague phrase or a digit run ("hundreds of thousands") is read once.
  const cores: Core[] = []
  for (const c of found) {
    const prev = cores[cores.length - 1]
    if (prev && c.start < prev.end) continue
    cores.push(c)
  }
  const figures: Figure[] = []
  for (const core of joinRanges(text, cores)) {
    const figure = readFigure(text, core, sep)
    if (figure) figures.push(figure)
  }
  return figures
}

function readFigure(text: string, core: Core, sep: DecimalSeparator): Figure | null {
  let start = core.start
  let end = core.end
  let kind: FigureKind = 'count'
  let currency: string | null = null
  let counted: string | null = null
  let qualifier: FigureQualifier = core.vague ? 'vague' : core.isRange ? 'range' : 'exact'

  const signBefore = CURRENCY_SIGN_BEFORE.exec(text.slice(Math.max(0, start - 5), start))
  if (signBefore) {
    const sign = signBefore[1] ?? ''
    currency = CURRENCY_OF_SIGN[sign] ?? sign.trim()
    kind = 'money'
    start -= sign.length
  }
  const before = text.slice(Math.max(0, start - 25), start)
  const between = core.isRange ? /\bbetween\s+$/i.exec(before) : null
  if (between) start -= between[0].length
  if (!core.isRange) {
    for (const [pattern, q] of QUALIFIER_BEFORE) {
      const m = pattern.exec(before)
      // The qualifier must be a whole word: "Moreover 30" is not "over 30".
      if (m && !/\p{L}/u.test(before[before.length - m[0].length - 1] ?? '')) {
        qualifier = core.vague ? vagueQualifier(q) : q
        start -= m[0].length
        break
      }
    }
  }
  let tail = text.slice(end, end + AFTER_WINDOW)
  const percent = PERCENT_AFTER.exec(tail)
  if (percent && kind === 'count') {
    kind = 'percent'
    counted = /point/i.test(percent[0]) ? 'percentage points' : 'percent'
    end += percent[0].length
    tail = text.slice(end, end + AFTER_WINDOW)
  }
  const currencyWord = kind === 'count' ? CURRENCY_WORD_AFTER.exec(tail) : null
  if (currencyWord) {
    const written = currencyWord[1] ?? ''
    currency = CURRENCY_OF_WORD[written.toLowerCase()] ?? written.toUpperCase()
    kind = 'money'
    end += currencyWord[0].length
    tail = text.slice(end, end + AFTER_WINDOW)
  }
  if (qualifier === 'exact') {
    for (const [pattern, q] of QUALIFIER_AFTER) {
      const m = pattern.exec(tail)
      if (m) {
        qualifier = q
        end += m[0].length
        break
      }
    }
  }
  if (kind === 'money') counted = currency
  if (kind === 'count') {
    const isOne = !core.vague && core.low === 1 && core.high === 1
    const c = countedAround(text, start, end, isOne, sep === '.')
    counted = c.counted
    if (c.nounEnd !== null) end = Math.max(end, c.nounEnd)
    // "one" without a noun ("one of them", "no one") is a word, not a figure.
    if (isOne && /^\p{L}/u.test(text.slice(core.start))) {
      if (!c.counted || /^\s+(?:of|another)\b/i.test(text.slice(core.end))) return null
      if (/\b(?:no|any|every|some|each|the|this|that|which|anyone|someone)\s+$/i.test(text.slice(Math.max(0, core.start - 12), core.start))) return null
    }
    // A bare year-like number is a year ("in 2025", "the 2024 elections") unless it plainly counts
    // people or is qualified ("over 2000"): a missed figure costs less than a year read as a toll.
    if (core.plainInteger && core.low >= 1000 && core.low <= 2100 && qualifier === 'exact') {
      if (counted === null) return null
      if (core.low >= 1900 && !isPersonCount(counted)) return null
    }
  }
  const b = bounds(qualifier, core.low, core.high, kind === 'count', core.vague !== null)
  return {
    text: text.slice(start, end),
    start,
    end,
    kind,
    ...b,
    counted,
    currency,
    qualifier,
    value: core.vague ? null : core.low,
    valueHigh: core.isRange ? core.high : null,
    vague: core.vague,
  }
}

/** "more than hundreds": the vague range is kept, with its open side opened. */
function vagueQualifier(q: FigureQualifier): FigureQualifier {
  return q === 'over' || q === 'at-least' || q === 'up-to' || q === 'under' ? q : 'vague'
}
