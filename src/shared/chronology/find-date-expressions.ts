// Finds the date expressions in an article's text, in the reference-free form the index keeps.
//
// chrono-node finds the expressions (it knows English date phrasing far better than a regex
// would); this module turns each of its results into what the words say, independent of the
// reference day chrono was given. It parses against a fixed reference day and reads relative
// results back as offsets from it ("last week" → -1 week), so the article's own date, which the
// analyst may add or correct later, is applied only by resolve-date.ts.
//
// Two of chrono's habits are corrected here:
// - Its casual parser reads "on the night of July 18" as "tonight" (the reference day), losing
//   the date. The strict parser finds "July 18" there, so strict results win where the two overlap.
// - Its casual parser takes a lone capitalised or lower-case "may"/"march"/"sun" for a date. A
//   month or weekday standing alone must be written with its capital and not be the modal "May".
//
// Page furniture (boilerplate ranges: seed 004's " date 2025-07-12" prefix, captions) is skipped,
// and only those ranges (DECISIONS section 2).

import * as chrono from 'chrono-node'
import { splitSentences } from '../claims/passage-similarity'
import type { DateExpression, DateExpressionForm } from './date-expression'
import { dayNumber } from './resolve-date'
import { sentenceTense } from './sentence-tense'

export interface SkippedRange {
  start: number
  end: number
}

/** chrono's reference day: a Wednesday in mid-June, far from any month or year edge. */
const REFERENCE_ISO = '2001-06-13'
const REFERENCE_DAY = dayNumber(REFERENCE_ISO) as number
const REFERENCE_INSTANT = new Date(`${REFERENCE_ISO}T12:00:00Z`)
const REFERENCE_YEAR = 2001
const REFERENCE_MONTH = 6

/** Words without which a sentence holds no date chrono could find: skips chrono on most sentences. */
const DATE_HINT =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|yesterday|today|tonight|tomorrow|week|month|year|ago|(?:19|20)\d{2})\b/i

/** A bare year chrono does not read: "in 2023", "since 2011". */
const BARE_YEAR = /\b(?:in|since|during|until|through|throughout|early|late|mid-?|of)\s+((?:19|20)\d{2})\b(?![-/]\d)/gi

const MONTH_OR_WEEKDAY_ALONE =
  /^(?:on\s+|in\s+)?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon|tue|wed|thu|fri|sat|sun)\.?$/i

const LEADING_PREPOSITION = /^(?:on|in|at|by|from|since|during)\s+/i

interface Found {
  start: number
  end: number
  expression: string
  form: DateExpressionForm
  rangeEnd: DateExpressionForm | null
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end
}

function dayOf(component: chrono.ParsedComponents): number {
  return dayNumber(
    `${String(component.get('year')).padStart(4, '0')}-${String(component.get('month')).padStart(2, '0')}-${String(component.get('day')).padStart(2, '0')}`,
  ) as number
}

/** What one chrono component says, read back against the fixed reference day; null for a time of day alone. */
function formOf(text: string, component: chrono.ParsedComponents, tags: ReadonlySet<string>): DateExpressionForm | null {
  const lower = text.toLowerCase()
  const known = (unit: chrono.Component) => component.isCertain(unit)
  // "a year after the 1973 war", "two days before the vote": relative to another event, not to the article's day.
  if (/\b(?:after|before|later than|earlier than)\b/.test(lower)) return null
  const named = /\b(?:ago|last|next|this|past|coming|previous)\b/.test(lower)
  const relative = named || tags.has('result/relativeDate') || [...tags].some((t) => t.startsWith('casualReference/'))
  // Rounded day differences rather than Monday arithmetic: chrono's "this week" lands on its Sunday.
  if (/\bweeks?\b/.test(lower) && named) return { form: 'relative-week', offset: Math.round((dayOf(component) - REFERENCE_DAY) / 7) }
  if (/\bmonths?\b/.test(lower) && named) {
    return { form: 'relative-month', offset: ((component.get('year') as number) - REFERENCE_YEAR) * 12 + ((component.get('month') as number) - REFERENCE_MONTH) }
  }
  if (/\byears?\b/.test(lower) && named) return { form: 'relative-year', offset: (component.get('year') as number) - REFERENCE_YEAR }
  if (/\b(?:weeks?|months?|years?)\b/.test(lower)) return null
  if (known('weekday') && !known('day')) {
    const modifier = /\b(?:last|past|previous)\b/.test(lower) ? 'last' : /\b(?:next|coming)\b/.test(lower) ? 'next' : /\bthis\b/.test(lower) ? 'this' : null
    return { form: 'weekday', weekday: component.get('weekday') as number, modifier }
  }
  if (/\bnow\b/.test(lower)) return null
  if (relative && known('day')) return { form: 'relative-day', offset: dayOf(component) - REFERENCE_DAY }
  if (known('year'))
    return {
      form: 'absolute',
      year: component.get('year') as number,
      month: known('month') ? (component.get('month') as number) : null,
      day: known('month') && known('day') ? (component.get('day') as number) : null,
    }
  if (known('month') && known('day')) return { form: 'month-day', month: component.get('month') as number, day: component.get('day') as number }
  if (known('month')) return { form: 'month', month: component.get('month') as number }
  return null
}

/** The end of a range, completed from its start where it names only a day ("July 18 to 20"). */
function rangeEndOf(start: DateExpressionForm, end: chrono.ParsedComponents): DateExpressionForm | null {
  if (!end.isCertain('day')) return null
  const day = end.get('day') as number
  if (start.form === 'absolute' && start.month !== null) {
    const month = end.isCertain('month') ? (end.get('month') as number) : start.month
    const year = end.isCertain('year') ? (end.get('year') as number) : start.year
    return { form: 'absolute', year, month, day }
  }
  if (start.form === 'month-day') {
    const month = end.isCertain('month') ? (end.get('month') as number) : start.month
    return end.isCertain('year') ? { form: 'absolute', year: end.get('year') as number, month, day } : { form: 'month-day', month, day }
  }
  return null
}

function parseSentence(text: string): Found[] {
  const options = { forwardDate: false }
  const strict = chrono.strict.parse(text, REFERENCE_INSTANT, options)
  const casual = chrono.casual.parse(text, REFERENCE_INSTANT, options)
  const results = [...strict]
  for (const r of casual) {
    const span = { start: r.index, end: r.index + r.text.length }
    if (!strict.some((s) => overlaps(span, { start: s.index, end: s.index + s.text.length }))) results.push(r)
  }
  const found: Found[] = []
  for (const r of results) {
    let expression = r.text
    let start = r.index
    const bare = expression.replace(/[\s,.;:]+$/u, '')
    if (MONTH_OR_WEEKDAY_ALONE.test(bare)) {
      const word = bare.replace(LEADING_PREPOSITION, '')
      const afterPreposition = word !== bare || /\b(?:in|on|since|during|of|early|late|until|by|mid-?)\s+$/i.test(text.slice(Math.max(0, r.index - 8), r.index))
      // "march" the verb, "sun" the star: a lone month or weekday needs its capital; "May" the modal
      // verb is capitalised at a sentence's start, so May alone also needs a preposition before it.
      if (!/^\p{Lu}/u.test(word)) continue
      if (/^may$/i.test(word) && !afterPreposition) continue
    }
    // chrono keeps a trailing comma or period ("December,"): not part of the date.
    expression = expression.replace(/[\s,.;:]+$/u, '')
    const lead = LEADING_PREPOSITION.exec(expression)
    if (lead) {
      start += lead[0].length
      expression = expression.slice(lead[0].length)
    }
    const form = formOf(r.text, r.start, r.tags())
    if (!form) continue
    found.push({ start, end: start + expression.length, expression, form, rangeEnd: r.end ? rangeEndOf(form, r.end) : null })
  }
  for (const m of text.matchAll(BARE_YEAR)) {
    const year = m[1] as string
    const start = (m.index ?? 0) + m[0].length - year.length
    const span = { start, end: start + year.length }
    if (found.some((f) => overlaps(f, span))) continue
    found.push({ ...span, expression: year, form: { form: 'absolute', year: Number(year), month: null, day: null }, rangeEnd: null })
  }
  return found.sort((a, b) => a.start - b.start)
}

/**
 * Every date expression in `text`, in order, outside the skipped ranges (page furniture). Offsets
 * are UTF-16 code units into `text`; each expression comes with its sentence, trimmed of any
 * furniture it shares a line with, and the sentence's tense around it.
 */
export function findDateExpressions(text: string, skipped: readonly SkippedRange[] = []): DateExpression[] {
  const expressions: DateExpression[] = []
  for (const sentence of splitSentences(text)) {
    let sentenceStart = sentence.start
    let sentenceEnd = sentence.end
    for (const range of skipped) {
      if (range.start <= sentenceStart && range.end > sentenceStart) sentenceStart = Math.min(sentenceEnd, range.end)
      if (range.start < sentenceEnd && range.end >= sentenceEnd && range.start > sentenceStart) sentenceEnd = range.start
    }
    while (sentenceStart < sentenceEnd && /\s/.test(text[sentenceStart] ?? '')) sentenceStart++
    if (sentenceStart >= sentenceEnd) continue
    const sentenceText = text.slice(sentenceStart, sentenceEnd)
    if (!DATE_HINT.test(sentenceText)) continue
    for (const f of parseSentence(sentenceText)) {
      const absolute = { start: sentenceStart + f.start, end: sentenceStart + f.end }
      if (skipped.some((r) => overlaps(r, absolute))) continue
      expressions.push({
        ...f.form,
        ...absolute,
        expression: f.expression,
        sentenceStart,
        sentenceEnd,
        sentence: sentenceText,
        tense: sentenceTense(sentenceText, f.start, f.end),
        rangeEnd: f.rangeEnd,
      })
    }
  }
  return expressions
}
