// The chronology operations of the service: the corpus's time line, filtered, and the dates a
// claim's evidence gives. Reads the dates index and the store; changes nothing but the index file.

import {
  claimDates,
  compareEvents,
  eventsOfArticle,
  type ClaimDates,
  type TimelineEvent,
  type TimelineEventView,
  type TimelineView,
} from '../../shared/chronology/timeline'
import type { DateExpression } from '../../shared/chronology/date-expression'
import type { Article, EvidenceLink, Highlight } from '../../shared/model'
import type { CorpusStore } from '../store/corpus-store'
import type { DateIndex } from './date-index'

export interface TimelineQuery {
  /** Only the articles that give this claim's evidence. */
  claimId?: string
  /** Only articles of this outlet (as shown: case and spacing ignored). */
  outlet?: string
  articleId?: string
  /**
   * Only events whose sentence mentions one of these spans (an entity's mentions, by article id):
   * the sentence, not the article, so following one person shows the days said of him, not every
   * date of every article that names him once. The service fills it from the entity index.
   */
  mentions?: ReadonlyMap<string, readonly { start: number; end: number }[]>
}

/** The records a claim's dates are read from. */
interface EvidenceRecords {
  links: readonly EvidenceLink[]
  highlights: readonly Highlight[]
}

const sameOutlet = (a: string | null, b: string) => (a ?? '').trim().toLowerCase().replace(/\s+/g, ' ') === b.trim().toLowerCase().replace(/\s+/g, ' ')

export function createChronology(store: CorpusStore, dateIndex: DateIndex) {
  /**
   * Each expression's event, kept with the index's expression it was resolved from and the article
   * record it was resolved against (records are replaced, never edited in place: a date the analyst
   * sets is a new record), so a board rebuilt after an edit resolves none of them again.
   */
  const resolved = new WeakMap<DateExpression, { article: Article; event: TimelineEvent }>()
  const eventOf = (article: Article, expression: DateExpression): TimelineEvent => {
    const kept = resolved.get(expression)
    if (kept && kept.article === article) return kept.event
    const [event] = eventsOfArticle(article, [expression]) as [TimelineEvent]
    resolved.set(expression, { article, event })
    return event
  }
  /**
   * An article's events that lie inside one of its evidence spans, in the article's order: all that
   * claimDates reads of it (it counts an event for a span only inside that span). Resolving each
   * date of ~6,000 articles was most of the board's first dates; a span holds a few of them.
   */
  const eventsInSpans = (article: Article, expressions: readonly DateExpression[], spans: readonly { start: number; end: number }[]): TimelineEvent[] => {
    const events: TimelineEvent[] = []
    for (const e of expressions) if (spans.some((s) => s.start <= e.start && e.end <= s.end)) events.push(eventOf(article, e))
    return events
  }

  /** The evidence spans of every claim (or of those named), by article: which claims hold an expression. */
  function evidenceSpans(records: EvidenceRecords = store, claimIds?: ReadonlySet<string>) {
    const highlights = new Map(records.highlights.map((h) => [h.id, h]))
    const spans: { claimId: string; articleId: string; start: number; end: number }[] = []
    for (const link of records.links) {
      if (claimIds && !claimIds.has(link.claimId)) continue
      const h = highlights.get(link.highlightId)
      if (h && !h.orphaned) spans.push({ claimId: link.claimId, articleId: h.articleId, start: h.start, end: h.end })
    }
    return spans
  }

  return {
    async timeline(query: TimelineQuery = {}): Promise<TimelineView> {
      const spans = evidenceSpans()
      // Spans by article, once: the events of an article are matched against its own spans only
      // (10,000 articles hold ~100,000 events; scanning every span per event was quadratic).
      const spansByArticle = new Map<string, typeof spans>()
      for (const s of spans) {
        const list = spansByArticle.get(s.articleId)
        if (list) list.push(s)
        else spansByArticle.set(s.articleId, [s])
      }
      const claimArticles = query.claimId ? new Set(spans.filter((s) => s.claimId === query.claimId).map((s) => s.articleId)) : null
      const articles = store
        .listArticles()
        .filter(
          (a) =>
            (!claimArticles || claimArticles.has(a.id)) &&
            (!query.outlet || sameOutlet(a.outlet, query.outlet)) &&
            (!query.articleId || a.id === query.articleId) &&
            (!query.mentions || query.mentions.has(a.id)),
        )
      const all: TimelineEventView[] = []
      let indexedArticles = 0
      await dateIndex.ready()
      for (const article of articles) {
        const expressions = dateIndex.peek(article)
        if (expressions) indexedArticles++
        const events = expressions ? eventsOfArticle(article, expressions) : []
        const mentioned = query.mentions?.get(article.id)
        events.forEach((event, i) => {
          const expression = expressions![i]!
          if (mentioned && !mentioned.some((m) => m.start < expression.sentenceEnd && m.end > expression.sentenceStart)) return
          const inArticle = spansByArticle.get(article.id) ?? []
          const claimIds = [...new Set(inArticle.filter((s) => s.start <= event.start && event.end <= s.end).map((s) => s.claimId))]
          all.push({
            ...event,
            title: article.title,
            outlet: article.outlet,
            articleDate: article.date,
            claimIds,
            sentenceStart: expression.sentenceStart,
            sentenceEnd: expression.sentenceEnd,
          })
        })
      }
      all.sort(compareEvents)
      // Texts the index has not read yet (an import just landed, an index rebuilt): read them in the
      // background and say how far it got, rather than keep the analyst waiting for the whole corpus.
      if (indexedArticles < articles.length && !dateIndex.status.running && !store.readOnly) void dateIndex.update()
      return {
        events: all.filter((e) => e.date !== null),
        unresolved: all.filter((e) => e.date === null),
        indexed: { done: indexedArticles, total: articles.length, running: dateIndex.status.running },
      }
    },

    /** The days each claim's evidence names, and whether they disagree. */
    async claimDates(): Promise<Map<string, ClaimDates>> {
      await dateIndex.ready()
      return this.claimDatesNow()
    },

    /** The same from what the index holds now, without waiting (texts not read yet say nothing). */
    claimDatesNow(): Map<string, ClaimDates> {
      return this.claimDatesOf(store)
    },

    /**
     * The days the evidence of the claims named (all, without `claimIds`) names, from these links and
     * highlights (a board's snapshot of the records) and what the index holds now: for one claim, the
     * same as claimDatesNow gives it (a span counts only the events inside it).
     */
    claimDatesOf(records: EvidenceRecords, claimIds?: ReadonlySet<string>): Map<string, ClaimDates> {
      const spans = evidenceSpans(records, claimIds)
      const spansByArticle = new Map<string, typeof spans>()
      for (const s of spans) {
        const list = spansByArticle.get(s.articleId)
        if (list) list.push(s)
        else spansByArticle.set(s.articleId, [s])
      }
      const eventsByArticle = new Map<string, TimelineEvent[] | null>()
      for (const [id, articleSpans] of spansByArticle) {
        const article = store.getArticle(id)
        const expressions = article ? dateIndex.peek(article) : null
        eventsByArticle.set(id, article && expressions ? eventsInSpans(article, expressions, articleSpans) : null)
      }
      const byClaim = new Map<string, typeof spans>()
      for (const s of spans) {
        // Pushed in place: copying the list per span made this quadratic in a claim's evidence.
        const list = byClaim.get(s.claimId)
        if (list) list.push(s)
        else byClaim.set(s.claimId, [s])
      }
      const result = new Map<string, ClaimDates>()
      for (const [claimId, claimSpans] of byClaim)
        result.set(
          claimId,
          claimDates(claimSpans, (id) => eventsByArticle.get(id) ?? null),
        )
      return result
    },
  }
}

export type Chronology = ReturnType<typeof createChronology>
