// Suggested matches on a large corpus: highlight a sentence in an article, then time the service's
// suggestMatches (full-text candidates, then sentence scoring) for it. The target is 200 ms at 10,000
// articles. The index is warmed first: its one-time load is the search figure's, not this one's.

import { splitSentences } from '../src/shared/claims/passage-similarity'
import type { TriangulateService } from '../src/main/service/triangulate-service'
import { sampleTimes, summarise, type SampleSummary } from './timing'

export const SUGGESTION_TARGET_MS = 200
const WARM_UP = 3
const SAMPLES = 30
/** Sentences long enough to be a claim, not a dateline. */
const MIN_SENTENCE_CHARS = 60

export async function measureSuggestions(service: TriangulateService, seed: number): Promise<SampleSummary & { suggestionsPerQuery: number }> {
  await service.corpusSearch.ready()
  const articles = (await service.listArticles({})).articles
  const highlightIds: string[] = []
  for (let i = 0; highlightIds.length < WARM_UP + SAMPLES && i < articles.length * 2; i++) {
    const article = articles[(seed * 7919 + i * 104729) % articles.length]
    if (!article) continue
    const { text } = await service.getArticle({ id: article.id })
    const sentence = splitSentences(text).find((s) => s.text.length >= MIN_SENTENCE_CHARS)
    if (!sentence) continue
    const highlight = await service.createHighlight({ articleId: article.id, start: sentence.start, end: sentence.end })
    highlightIds.push(highlight.id)
  }
  let found = 0
  const samples = await sampleTimes(WARM_UP, SAMPLES, async (i) => {
    // Warm-up runs get negative iterations (see sampleTimes): each query uses its own highlight.
    const suggestions = await service.suggestMatches({ highlightId: highlightIds[(i + WARM_UP) % highlightIds.length] as string })
    found += suggestions.length
  })
  return { ...summarise(samples), suggestionsPerQuery: found / (WARM_UP + SAMPLES) }
}
