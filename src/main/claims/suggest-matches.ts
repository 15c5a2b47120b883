// Suggests evidence: sentences in other articles that likely state the same fact as a highlight.
// Candidate articles come from the full-text index (any of the passage's words), then each of their
// sentences is scored by lexical coverage of the highlight itself and, with less weight, of the
// sentence it sits in, which brings context (who, where) to a short quote like "1,400 deaths".
//
// Words alone cannot tell two meetings apart: "officials met in Baku" and "officials will meet in
// Baku on Thursday" share every word. So, after the words:
// - dates first: where both sentences name a day the dates index resolves (against each article's
//   own date), the same day ranks a sentence higher and another day lower, whatever the tenses (a
//   report of the morning says "will meet later on Saturday", one of the month after "met on July 12");
// - else tense: where both speak of an event (a meeting, an attack, deaths) in opposite tenses, the
//   candidate is most likely another occurrence of it, and ranks lower;
// - a dateline ("BAKU, Azerbaijan (MNTV) —") says where a report was filed, not where the event
//   happened, so its words do not count.
// Each suggestion says why it was made.

import { articleContent } from '../../shared/boilerplate/article-content'
import { datelineLength, isEventToken, matchTerms, passageTerms, splitSentences, type Term } from '../../shared/claims/passage-similarity'
import type { DateExpression, Tense } from '../../shared/chronology/date-expression'
import { sentenceTense } from '../../shared/chronology/sentence-tense'
import { eventsOfArticle } from '../../shared/chronology/timeline'
import type { Article, SuggestedMatch } from '../../shared/model'
import type { CorpusSearch } from '../search/corpus-search'
import type { CorpusStore } from '../store/corpus-store'

/** Candidate articles examined sentence by sentence: enough for one story's coverage, bounded in cost. */
const CANDIDATE_ARTICLES = 40
/** Below this score a sentence shares words, not a fact. */
export const MIN_SUGGESTION_SCORE = 0.25
/** Share of the score from the highlighted words; the rest from the sentence around them. */
const QUOTE_SHARE = 0.6
/**
 * Kept of the score when the two sentences put their event on opposite sides of their writing day.
 * Not zero: a report written before a meeting ("will meet on July 12") and one written after ("met
 * on July 12") can be about the same meeting, and the shared date then still ranks it well.
 */
const TENSE_DISAGREEMENT = 0.7
/** Kept of the score when both sentences name a day and the days differ: two events, most likely. */
const DATE_DISAGREEMENT = 0.7
/** Gained when both name the same day (the score stays at most 1). */
const DATE_AGREEMENT = 1.3

/** The date expressions the dates index holds for an article, null where it has not reached it. */
export type DatesOf = (article: Article) => readonly DateExpression[] | null

/** A span of an article to find matches for: a highlight, or a passage named by the CLI. */
export interface Passage {
  articleId: string
  start: number
  end: number
  /** The passage's text (a highlight's quote stands even where its article has changed since). */
  exact: string
}

export async function suggestMatches(store: CorpusStore, search: CorpusSearch, highlightId: string, limit: number, datesOf?: DatesOf): Promise<SuggestedMatch[]> {
  const highlight = store.requireHighlight(highlightId)
  return suggestMatchesFor(store, search, highlight, limit, datesOf)
}

export async function suggestMatchesFor(
  store: CorpusStore,
  search: CorpusSearch,
  passage: Passage,
  limit: number,
  datesOf: DatesOf = () => null,
): Promise<SuggestedMatch[]> {
  const article = store.requireArticle(passage.articleId)
  // Page furniture (captions, teasers, a date prefix) is neither context nor a match (DECISIONS section 2).
  const text = articleContent(await store.readBody(article))
  const { exact } = passage
  const sentence = splitSentences(text).find((s) => s.start <= passage.start && s.end >= passage.end)
  const quoteTerms = passageTerms(exact)
  const contextTerms = passageTerms(sentence ? withoutDateline(sentence.text) : exact)
  const quoteSentence = sentence?.text ?? exact
  const quoteSpan = sentence ? { start: passage.start - sentence.start, end: passage.end - sentence.start } : { start: 0, end: exact.length }
  const quoteTense = tenseOfEvent(quoteSentence, passageTerms(quoteSentence), quoteSpan.start, quoteSpan.end)
  const quoteDays = daysNamedIn(article, datesOf)(sentence ?? passage)

  const words = [...new Set((sentence?.text ?? exact).match(/[\p{L}\d]{3,}/gu) ?? [])]
  const candidates = await search.articlesMentioningAny(words, CANDIDATE_ARTICLES)
  const linked = new Set(store.links.map((l) => l.highlightId))
  const alreadyEvidence = new Set(store.highlights.filter((h) => linked.has(h.id)).map((h) => `${h.articleId}:${h.start}`))

  const others = candidates.flatMap((id) => {
    const other = id === article.id ? undefined : store.getArticle(id)
    return other ? [other] : []
  })
  const otherTexts = (await Promise.all(others.map((other) => store.readBody(other)))).map(articleContent)
  const suggestions: SuggestedMatch[] = []
  others.forEach((other, i) => {
    const otherDays = daysNamedIn(other, datesOf)
    for (const s of splitSentences(otherTexts[i]!)) {
      if (alreadyEvidence.has(`${other.id}:${s.start}`)) continue
      const ownText = withoutDateline(s.text)
      const terms = passageTerms(ownText)
      const quote = matchTerms(quoteTerms, terms)
      const context = matchTerms(contextTerms, terms)
      const lexical = QUOTE_SHARE * quote.coverage + (1 - QUOTE_SHARE) * context.coverage
      if (lexical < MIN_SUGGESTION_SCORE) continue
      // The sentence's terms, already read for the match, locate its event word too.
      const tense = tenseOfEvent(ownText, terms, 0, ownText.length)
      const days = otherDays(s)
      const dates = quoteDays.length > 0 && days.length > 0 ? { highlight: quoteDays, match: days, agree: days.some((d) => quoteDays.includes(d)) } : null
      const tenseDisagrees = quoteTense !== 'unknown' && tense !== 'unknown' && quoteTense !== tense
      const factor = dates ? (dates.agree ? DATE_AGREEMENT : DATE_DISAGREEMENT) : tenseDisagrees ? TENSE_DISAGREEMENT : 1
      const score = Math.min(1, lexical * factor)
      if (score < MIN_SUGGESTION_SCORE) continue
      // The highlight's own words first, then what its sentence adds.
      const shown = new Set(quote.terms.map((t) => t.highlight))
      suggestions.push({
        articleId: other.id,
        articleTitle: other.title,
        outlet: other.outlet,
        start: s.start,
        end: s.end,
        text: s.text,
        score,
        why: {
          terms: [...quote.terms, ...context.terms.filter((t) => !shown.has(t.highlight))],
          tense: quoteTense === 'unknown' || tense === 'unknown' ? null : { highlight: quoteTense, match: tense },
          dates,
          dateline: s.text.length > ownText.length ? s.text.slice(0, s.text.length - ownText.length).trim() : null,
        },
      })
    }
  })
  return suggestions.sort((a, b) => b.score - a.score).slice(0, limit)
}

/** The days (day precision, resolved against the article's date) named inside a span of an article. */
function daysNamedIn(article: Article, datesOf: DatesOf): (span: { start: number; end: number }) => string[] {
  const expressions = datesOf(article)
  if (!expressions || expressions.length === 0) return () => []
  const events = eventsOfArticle(article, expressions).filter((e) => e.date !== null && e.precision === 'day')
  return (span) => [...new Set(events.filter((e) => e.start >= span.start && e.end <= span.end).map((e) => e.date!))]
}

function withoutDateline(sentence: string): string {
  return sentence.slice(datelineLength(sentence))
}

/**
 * The tense around the first event word (met, meeting, killed, strikes, …) inside [start, end) of a
 * sentence, else the first in the whole sentence; unknown without one. The event word itself is read
 * as a cue ("met" is past), which is why the zero-width anchor sits just after it.
 */
function tenseOfEvent(sentence: string, terms: readonly Term[], start: number, end: number): Tense {
  const events = terms.filter((t) => isEventToken(t.token))
  const event = events.find((t) => t.at >= start && t.at < end) ?? events[0]
  if (!event) return 'unknown'
  const after = event.at + event.surface.length
  return sentenceTense(sentence, after, after)
}
