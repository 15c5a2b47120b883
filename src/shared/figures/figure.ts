// What a figure is: a number read out of text, with what it counts and how exact it is, as a range.
// Plain data and the few formatting functions every view of a figure shares (card, CLI, CSV, brief).
// Pure: no Node, no DOM. The meanings of the vague words are fixed in DECISIONS.md section 11.

export type FigureKind = 'count' | 'percent' | 'money'

/** How the text qualified the number; drives the label ("over 1,400") and the bounds. */
export type FigureQualifier =
  | 'exact' // "1,400"
  | 'over' // "over", "more than", "above", "1,400+" : above N, exclusive
  | 'at-least' // "at least", "no fewer than", "1,400 or more"
  | 'nearly' // "nearly", "almost": 0.9N up to N, exclusive
  | 'about' // "about", "around", "some", "roughly": 0.9N–1.1N
  | 'up-to' // "up to", "as many as": 0–N
  | 'under' // "fewer than", "under", "less than": below N, exclusive
  | 'range' // "between 1,000 and 1,400", "1,000–1,400"
  | 'vague' // "dozens", "hundreds", "thousands", "scores"

/** Normalised counted kinds (section 11); any other counted noun is kept as written. */
export const DEATHS = 'deaths'
export const INJURED = 'injured'
export const CASUALTIES = 'casualties'
export const PEOPLE = 'people'

export interface Figure {
  /** The words the figure was read from, qualifier to counted noun: "more than 1,400 deaths". */
  text: string
  /** UTF-16 offsets of `text` in the text that was parsed, end exclusive. */
  start: number
  end: number
  kind: FigureKind
  /**
   * Bounds of the range the words allow; null is an open bound. Counts are whole, so their bounds are
   * always inclusive ("over 1,400" is 1401..null); a percentage's or a sum's exclusive bound is kept
   * as the number with `lowExclusive`/`highExclusive` set.
   */
  low: number | null
  high: number | null
  lowExclusive: boolean
  highExclusive: boolean
  /** "deaths", "injured", "casualties", "people", or the counted noun as written ("strikes"); for a
   * percentage "percent" (or "percentage points"); for money its currency code. Null when nothing
   * around the number says what it counts. */
  counted: string | null
  /** ISO 4217 code for money ("USD", "EUR"), else null. */
  currency: string | null
  qualifier: FigureQualifier
  /** The number the qualifier applies to (the low end of a range); for a vague word, null. */
  value: number | null
  /** The high end of a range, else null. */
  valueHigh: number | null
  /** The vague word as normalised ("hundreds", "tens of thousands"), else null. */
  vague: string | null
}

const QUALIFIER_WORDS: Record<Exclude<FigureQualifier, 'exact' | 'range' | 'vague'>, string> = {
  over: 'over',
  'at-least': 'at least',
  nearly: 'nearly',
  about: 'about',
  'up-to': 'up to',
  under: 'under',
}

/**
 * One formatter for every label: `toLocaleString('en-US')` builds a new one per call, and a board of
 * figures asks for thousands of labels (a tenth of its first render in Chromium went there).
 */
const WHOLE_NUMBER = new Intl.NumberFormat('en-US')

/** "1,400", "1.4 million", "12.5": how a number is written back in labels. */
export function formatNumber(n: number): string {
  const abs = Math.abs(n)
  for (const [scale, word] of [
    [1e12, 'trillion'],
    [1e9, 'billion'],
    [1e6, 'million'],
  ] as const) {
    // Round millions read better as words; 1,234,567 stays in digits so no precision is lost.
    if (abs >= scale && Number.isInteger((n / scale) * 100)) return `${trimDecimals(n / scale)} ${word}`
  }
  if (Number.isInteger(n)) return WHOLE_NUMBER.format(n)
  return trimDecimals(n)
}

function trimDecimals(n: number): string {
  return String(Math.round(n * 1000) / 1000)
}

function withUnit(f: Figure, number: string): string {
  if (f.kind === 'percent') return `${number}%`
  if (f.kind === 'money' && f.currency) return `${CURRENCY_SIGNS[f.currency] ?? `${f.currency} `}${number}`
  return number
}

const CURRENCY_SIGNS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', INR: '₹' }

/**
 * The figure as the card and the brief name it, the same for every wording of one range: "more than
 * 1,400" and "over 1,400" both read "over 1,400"; "hundreds"; "1,000–1,400"; "12%"; "$5 million".
 */
export function figureLabel(f: Figure): string {
  if (f.vague !== null)
    return f.qualifier === 'vague' || f.qualifier === 'exact' || f.qualifier === 'range' || f.qualifier === 'nearly' || f.qualifier === 'about'
      ? f.vague
      : `${QUALIFIER_WORDS[f.qualifier]} ${f.vague}`
  if (f.value === null) return rangeText(f)
  const number = withUnit(f, formatNumber(f.value))
  if (f.qualifier === 'exact' || f.qualifier === 'vague') return number
  if (f.qualifier === 'range') return `${withUnit(f, formatNumber(f.value))}–${withUnit(f, formatNumber(f.valueHigh ?? f.value))}`
  return `${QUALIFIER_WORDS[f.qualifier]} ${number}`
}

/** The figure with what it counts, as a sentence would say it: "over 1,400 deaths", "hundreds of casualties". */
export function figurePhrase(f: Figure): string {
  const label = figureLabel(f)
  if (f.kind !== 'count' || !f.counted) return label
  return f.vague !== null ? `${label} of ${f.counted}` : `${label} ${f.counted}`
}

function rangeText(f: Figure): string {
  return `${f.low ?? ''}..${f.high ?? ''}`
}

/** DECISIONS section 8: `low..high counted`, an open bound left empty: "1401.. deaths". */
export function figureCsvText(f: Pick<Figure, 'low' | 'high' | 'counted'>): string {
  const range = `${f.low ?? ''}..${f.high ?? ''}`
  return f.counted ? `${range} ${f.counted}` : range
}
