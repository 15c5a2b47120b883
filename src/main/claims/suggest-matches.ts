// Suggests evidence: sentences in other articles that likely state the same fact as a highlight.
// Candidate articles come from the full-text index (any of the passage's words), then each of their
// sentences is scored by lexical coverage of the highlight itself and, with less weight, of the
// sentence it sits in, which brings context (who, where) to a short quote like "1,400 deaths".

import { coverage, passageTokens, splitSentences } from '../../shared/claims/passage-similarity'
import type { SuggestedMatch } from '../../shared/model'
import type { CorpusSearch } from '../search/corpus-search'
import type { CorpusStore } from '../store/corpus-store'

/** Candidate articles examined sentence by sentence: enough for one story's coverage, bounded in cost. */
const CANDIDATE_ARTICLES = 40
/** Below this score a sentence shares words, not a fact. */
export const MIN_SUGGESTION_SCORE = 0.25
/** Share of the score from the highlighted words; the rest from the sentence around them. */
const QUOTE_SHARE = 0.6

export async function suggestMatches(store: CorpusStore, search: CorpusSearch, highlightId: string, limit: number): Promise<SuggestedMatch[]> {
  const highlight = store.requireHighlight(highlightId)
  const article = store.requireArticle(highlight.articleId)
  const text = await store.readBody(article)
  const sentence = splitSentences(text).find((s) => s.start <= highlight.start && s.end >= highlight.end)
  const quoteTokens = passageTokens(highlight.exact)
  const contextTokens = passageTokens(sentence?.text ?? highlight.exact)

  const words = [...new Set((sentence?.text ?? highlight.exact).match(/[\p{L}\d]{3,}/gu) ?? [])]
  const candidates = await search.articlesMentioningAny(words, CANDIDATE_ARTICLES)
  const alreadyEvidence = new Set(
    store.highlights.filter((h) => store.links.some((l) => l.highlightId === h.id)).map((h) => `${h.articleId}:${h.start}`),
  )

  const suggestions: SuggestedMatch[] = []
  for (const id of candidates) {
    if (id === article.id) continue
    const other = store.getArticle(id)
    if (!other) continue
    const otherText = await store.readBody(other)
    for (const s of splitSentences(otherText)) {
      const tokens = passageTokens(s.text)
      const score = QUOTE_SHARE * coverage(quoteTokens, tokens) + (1 - QUOTE_SHARE) * coverage(contextTokens, tokens)
      if (score < MIN_SUGGESTION_SCORE || alreadyEvidence.has(`${id}:${s.start}`)) continue
      suggestions.push({ articleId: id, articleTitle: other.title, outlet: other.outlet, start: s.start, end: s.end, text: s.text, score })
    }
  }
  return suggestions.sort((a, b) => b.score - a.score).slice(0, limit)
}
