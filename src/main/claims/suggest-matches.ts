// Suggests evidence: sentences in other articles that likely state the same fact as a highlight.
// Candidate articles come from the full-text index (any of the passage's words), then each of their
// sentences is scored by lexical coverage of the highlight itself and, with less weight, of the
// sentence it sits in, which brings context (who, where) to a short quote like "1,400 deaths".

import { articleContent } from '../../shared/boilerplate/article-content'
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

/** A span of an article to find matches for: a highlight, or a passage named by the CLI. */
export interface Passage {
  articleId: string
  start: number
  end: number
  /** The passage's text (a highlight's quote stands even where its article has changed since). */
  exact: string
}

export async function suggestMatches(store: CorpusStore, search: CorpusSearch, highlightId: string, limit: number): Promise<SuggestedMatch[]> {
  const highlight = store.requireHighlight(highlightId)
  return suggestMatchesFor(store, search, highlight, limit)
}

export async function suggestMatchesFor(store: CorpusStore, search: CorpusSearch, passage: Passage, limit: number): Promise<SuggestedMatch[]> {
  const article = store.requireArticle(passage.articleId)
  // Page furniture (captions, teasers, a date prefix) is neither context nor a match (DECISIONS section 2).
  const text = articleContent(await store.readBody(article))
  const { exact } = passage
  const sentence = splitSentences(text).find((s) => s.start <= passage.start && s.end >= passage.end)
  const quoteTokens = passageTokens(exact)
  const contextTokens = passageTokens(sentence?.text ?? exact)

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
    for (const s of splitSentences(otherTexts[i]!)) {
      const tokens = passageTokens(s.text)
      const score = QUOTE_SHARE * coverage(quoteTokens, tokens) + (1 - QUOTE_SHARE) * coverage(contextTokens, tokens)
      if (score < MIN_SUGGESTION_SCORE || alreadyEvidence.has(`${other.id}:${s.start}`)) continue
      suggestions.push({ articleId: other.id, articleTitle: other.title, outlet: other.outlet, start: s.start, end: s.end, text: s.text, score })
    }
  })
  return suggestions.sort((a, b) => b.score - a.score).slice(0, limit)
}
