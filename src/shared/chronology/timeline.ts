// The corpus's dated events on one time line, and the dates a claim's evidence gives: pure
// functions over the dates index (reference-free expressions) and each article's current date.

import type { DateBasis, DateExpression, DatePrecision } from './date-expression'
import { resolveDate } from './resolve-date'

/** One dated event: the shape of `timeline --json` (DECISIONS section 10). */
export interface TimelineEvent {
  articleId: string
  /** UTF-16 code units into the article text, end exclusive. */
  start: number
  end: number
  expression: string
  sentence: string
  date: string | null
  dateEnd: string | null
  precision: DatePrecision
  basis: DateBasis
  reason: string
}

export interface TimelineEventView extends TimelineEvent {
  title: string
  outlet: string | null
  articleDate: string | null
  /** The claims whose evidence quotes hold this expression. */
  claimIds: string[]
  /** Where the sentence is in the article, to open it there. */
  sentenceStart: number
  sentenceEnd: number
}

export interface TimelineView {
  events: TimelineEventView[]
  /** Expressions that need an article date the article does not have, with the reason. */
  unresolved: TimelineEventView[]
  /** Articles the dates index has read, of all: the time line is complete when they are equal. */
  indexed: { done: number; total: number; running: boolean }
}

export interface DatedArticle {
  id: string
  date: string | null
}

/** Resolves one article's expressions against its current date. */
export function eventsOfArticle(article: DatedArticle, expressions: readonly DateExpression[]): TimelineEvent[] {
  return expressions.map((e) => {
    const r = resolveDate(e, article.date, e.tense, e.rangeEnd)
    return {
      articleId: article.id,
      start: e.start,
      end: e.end,
      expression: e.expression,
      sentence: e.sentence,
      date: r.date,
      dateEnd: r.dateEnd,
      precision: r.precision,
      basis: r.basis,
      reason: r.reason,
    }
  })
}

/**
 * Time-line order: resolved events by date (a month "2025-07" sorts before its days, a year before
 * its months: the coarser statement first), then by article and position; unresolved events last,
 * in article order.
 */
export function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  if ((a.date === null) !== (b.date === null)) return a.date === null ? 1 : -1
  if (a.date !== null && b.date !== null && a.date !== b.date) return a.date < b.date ? -1 : 1
  if (a.articleId !== b.articleId) return a.articleId < b.articleId ? -1 : 1
  return a.start - b.start
}

/** The key events are grouped under on the time line: the day, or the week's Monday, month or year. */
export function groupKey(event: TimelineEvent): string {
  return event.date ?? 'unresolved'
}

export interface EvidenceSpan {
  articleId: string
  start: number
  end: number
}

export interface ClaimDates {
  /** Each distinct day its evidence names, with the articles that name it. */
  days: { date: string; articleIds: string[] }[]
  /** True when the evidence names two or more different days. */
  conflict: boolean
}

/**
 * The days a claim's evidence names: the date expressions inside each evidence quote, resolved
 * against their article's date, at day precision only (a month and a day inside it are not a
 * conflict). Expressions the index has not reached, or that stay unresolved, say nothing.
 */
export function claimDates(evidence: readonly EvidenceSpan[], eventsOf: (articleId: string) => readonly TimelineEvent[] | null): ClaimDates {
  const byDay = new Map<string, Set<string>>()
  for (const span of evidence) {
    for (const event of eventsOf(span.articleId) ?? []) {
      if (event.date === null || event.precision !== 'day') continue
      if (event.start < span.start || event.end > span.end) continue
      let articles = byDay.get(event.date)
      if (!articles) byDay.set(event.date, (articles = new Set()))
      articles.add(span.articleId)
    }
  }
  const days = [...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, ids]) => ({ date, articleIds: [...ids] }))
  return { days, conflict: days.length > 1 }
}
