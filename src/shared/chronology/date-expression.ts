// What a date expression in an article says, independent of the day the article was written.
// "Thursday", "last month" and "July 31" mean nothing until an article date anchors them, and the
// analyst may give or correct that date at any time; so the index stores the expression in this
// reference-free form and resolution (resolve-date.ts) runs whenever a date is asked for.

/** Which way the sentence looks from the day it was written: "met on Monday" against "will meet on Friday". */
export type Tense = 'past' | 'future' | 'unknown'

export type DateExpressionForm =
  /** A calendar date that names its year: "July 18, 2024", "in 2023", "March 2025". */
  | { form: 'absolute'; year: number; month: number | null; day: number | null }
  /** A month and day without a year: "July 31", "18 July". */
  | { form: 'month-day'; month: number; day: number }
  /** A month without a year: "in March". */
  | { form: 'month'; month: number }
  /** A day of the week: "Thursday", "next Tuesday", "last Friday". 0 is Sunday, as in JavaScript. */
  | { form: 'weekday'; weekday: number; modifier: 'last' | 'next' | 'this' | null }
  /** So many days from the article's day: "yesterday" -1, "today" 0, "two days ago" -2. */
  | { form: 'relative-day'; offset: number }
  /** So many weeks from the article's week: "last week" -1, "this week" 0. */
  | { form: 'relative-week'; offset: number }
  /** So many months from the article's month: "last month" -1. */
  | { form: 'relative-month'; offset: number }
  /** So many years from the article's year: "earlier this year" 0, "last year" -1. */
  | { form: 'relative-year'; offset: number }

/** One date expression found in an article, with where it is and the sentence around it. */
export type DateExpression = DateExpressionForm & {
  /** UTF-16 code units into the article text, end exclusive. */
  start: number
  end: number
  /** The words as written. */
  expression: string
  sentenceStart: number
  sentenceEnd: number
  /** The sentence's text, kept so a timeline of the whole corpus needs no article text read. */
  sentence: string
  tense: Tense
  /** The end of a range ("July 18 to 20"), in the same reference-free form, else null. */
  rangeEnd: DateExpressionForm | null
}

export type DatePrecision = 'day' | 'week' | 'month' | 'year'

export type DateBasis = 'explicit' | 'article-date' | 'unresolved'

export interface ResolvedDate {
  /** YYYY-MM-DD for a day or a week (its Monday), YYYY-MM for a month, YYYY for a year; null when unresolved. */
  date: string | null
  /** The end of a range in the same format, else null. */
  dateEnd: string | null
  precision: DatePrecision
  basis: DateBasis
  /** Why it resolved this way, or why it could not: shown to the analyst. */
  reason: string
}
