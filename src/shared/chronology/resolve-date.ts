// Resolves a reference-free date expression against the article's own date and the sentence's tense.
//
// The rules, and why:
// - Never guess from today. An expression that needs a reference (a weekday, "last month", a day
//   and month without a year) stays unresolved, with the reason, until the article has a date:
//   dating a 2025 report's "Thursday" by the week the analyst happens to read it would be wrong
//   and look right.
// - A weekday in the article's own weekday is that day ("later on Saturday" in a Saturday report):
//   news writes "today" that way. Otherwise the tense picks the side: "met on Monday" is the Monday
//   before, "will meet on Friday" the Friday after; with no tense, the nearer of the two.
//   "last"/"next" name the side outright.
// - A month and day without a year take the year that puts them nearest the article's date on
//   the sentence's side: a report of early January about "December 30" means the December before,
//   "will meet on January 3" in a late-December report means the next year.
// - Weeks are dated by their Monday (ISO 8601), months as YYYY-MM, years as YYYY.

import type { DateExpressionForm, DatePrecision, ResolvedDate, Tense } from './date-expression'

const DAY_MS = 86_400_000

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

/** Days since the epoch of a YYYY-MM-DD date, or null when it is not one. */
export function dayNumber(isoDate: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate)
  if (!m) return null
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const ms = Date.UTC(year, month - 1, day)
  const back = new Date(ms)
  if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null
  return Math.round(ms / DAY_MS)
}

export function isoOfDay(dayNo: number): string {
  return new Date(dayNo * DAY_MS).toISOString().slice(0, 10)
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

function isoOfMonth(year: number, month: number): string {
  return `${pad(year, 4)}-${pad(month)}`
}

/** The Monday of the week a day falls in. */
export function mondayOf(dayNo: number): number {
  const weekday = new Date(dayNo * DAY_MS).getUTCDay()
  return dayNo - ((weekday + 6) % 7)
}

function validDay(year: number, month: number, day: number): number | null {
  return dayNumber(`${pad(year, 4)}-${pad(month)}-${pad(day)}`)
}

/** Needs a reference date: every form but an absolute date that names its year. */
export function needsArticleDate(expression: DateExpressionForm): boolean {
  return expression.form !== 'absolute'
}

/**
 * Picks among candidate days the one on the sentence's side of the reference: the latest not
 * after it for the past, the earliest not before it for the future, the nearest otherwise.
 */
function pickBySide(candidates: readonly number[], reference: number, tense: Tense): number | null {
  const valid = candidates.filter((c) => Number.isFinite(c))
  if (valid.length === 0) return null
  if (tense === 'past') {
    const before = valid.filter((c) => c <= reference)
    if (before.length > 0) return Math.max(...before)
  }
  if (tense === 'future') {
    const after = valid.filter((c) => c >= reference)
    if (after.length > 0) return Math.min(...after)
  }
  return valid.reduce((best, c) => (Math.abs(c - reference) < Math.abs(best - reference) ? c : best))
}

interface Resolved {
  date: string
  precision: DatePrecision
  reason: string
}

function resolveForm(expression: DateExpressionForm, reference: number | null, tense: Tense, articleDate: string | null): Resolved | string {
  if (expression.form === 'absolute') {
    const { year, month, day } = expression
    if (month !== null && day !== null) {
      const dayNo = validDay(year, month, day)
      return dayNo === null ? 'not a calendar date' : { date: isoOfDay(dayNo), precision: 'day', reason: 'the text gives the full date' }
    }
    if (month !== null) return { date: isoOfMonth(year, month), precision: 'month', reason: 'the text gives the month and year' }
    return { date: pad(year, 4), precision: 'year', reason: 'the text gives the year' }
  }
  if (reference === null) return 'the article has no date, and this expression needs one; give the article its date to place it'
  const ref = new Date(reference * DAY_MS)
  const refYear = ref.getUTCFullYear()
  const refMonth = ref.getUTCMonth() + 1
  const side = tense === 'unknown' ? 'the nearer one' : tense === 'past' ? 'the sentence looks back' : 'the sentence looks ahead'
  switch (expression.form) {
    case 'month-day': {
      const candidates = [refYear - 1, refYear, refYear + 1].map((y) => validDay(y, expression.month, expression.day)).filter((d): d is number => d !== null)
      const picked = pickBySide(candidates, reference, tense)
      if (picked === null) return 'not a calendar date'
      return { date: isoOfDay(picked), precision: 'day', reason: `year from the article's date (${articleDate}); ${side}` }
    }
    case 'month': {
      // A month is compared by its first day; its own month counts as "this month".
      const candidates = [refYear - 1, refYear, refYear + 1].map((y) => validDay(y, expression.month, 1) as number)
      const refMonthStart = validDay(refYear, refMonth, 1) as number
      const picked = pickBySide(candidates, refMonthStart, tense) as number
      const d = new Date(picked * DAY_MS)
      return { date: isoOfMonth(d.getUTCFullYear(), d.getUTCMonth() + 1), precision: 'month', reason: `year from the article's date (${articleDate}); ${side}` }
    }
    case 'weekday': {
      const refWeekday = ref.getUTCDay()
      const forward = (expression.weekday - refWeekday + 7) % 7
      const after = reference + (forward === 0 ? 7 : forward)
      const before = reference - (forward === 0 ? 7 : 7 - forward)
      const name = WEEKDAY_NAMES[expression.weekday]
      if (expression.modifier === 'last') return { date: isoOfDay(before), precision: 'day', reason: `the ${name} before the article's date (${articleDate})` }
      if (expression.modifier === 'next') return { date: isoOfDay(after), precision: 'day', reason: `the ${name} after the article's date (${articleDate})` }
      if (forward === 0) return { date: isoOfDay(reference), precision: 'day', reason: `the article's own day (${articleDate}) is a ${name}` }
      if (expression.modifier === 'this') {
        const sameWeek = mondayOf(reference) + ((expression.weekday + 6) % 7)
        return { date: isoOfDay(sameWeek), precision: 'day', reason: `the ${name} of the article's week (${articleDate})` }
      }
      const picked = pickBySide([before, after], reference, tense) as number
      const where = picked < reference ? 'before' : 'after'
      return { date: isoOfDay(picked), precision: 'day', reason: `the ${name} ${where} the article's date (${articleDate}); ${side}` }
    }
    case 'relative-day':
      return { date: isoOfDay(reference + expression.offset), precision: 'day', reason: `counted from the article's date (${articleDate})` }
    case 'relative-week':
      return {
        date: isoOfDay(mondayOf(reference) + 7 * expression.offset),
        precision: 'week',
        reason: `the week counted from the article's date (${articleDate}), dated by its Monday`,
      }
    case 'relative-month': {
      const index = refYear * 12 + (refMonth - 1) + expression.offset
      return { date: isoOfMonth(Math.floor(index / 12), (index % 12) + 1), precision: 'month', reason: `the month counted from the article's date (${articleDate})` }
    }
    case 'relative-year':
      return { date: pad(refYear + expression.offset, 4), precision: 'year', reason: `the year counted from the article's date (${articleDate})` }
  }
}

function precisionOf(expression: DateExpressionForm): DatePrecision {
  switch (expression.form) {
    case 'absolute':
      return expression.day !== null ? 'day' : expression.month !== null ? 'month' : 'year'
    case 'month':
    case 'relative-month':
      return 'month'
    case 'relative-week':
      return 'week'
    case 'relative-year':
      return 'year'
    default:
      return 'day'
  }
}

/**
 * The date an expression names, given the article's date (YYYY-MM-DD or null) and the sentence's
 * tense. `rangeEnd`, when given, is resolved the same way and must not fall before the start (a
 * range "December 30 to January 2" rolls its end into the next year).
 */
export function resolveDate(expression: DateExpressionForm, articleDate: string | null, tense: Tense, rangeEnd: DateExpressionForm | null = null): ResolvedDate {
  const reference = articleDate === null ? null : dayNumber(articleDate)
  const start = resolveForm(expression, reference, tense, articleDate)
  if (typeof start === 'string') return { date: null, dateEnd: null, precision: precisionOf(expression), basis: 'unresolved', reason: start }
  let dateEnd: string | null = null
  if (rangeEnd) {
    const startDay = dayNumber(start.date)
    // The end of a range is read from its start: "July 18 to 20" needs no article date once the start has one.
    const endReference = startDay ?? reference
    const end = resolveForm(rangeEnd, endReference, 'future', start.date)
    if (typeof end !== 'string') dateEnd = end.date
  }
  return {
    date: start.date,
    dateEnd,
    precision: start.precision,
    basis: expression.form === 'absolute' ? 'explicit' : 'article-date',
    reason: start.reason,
  }
}
