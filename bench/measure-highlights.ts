// The highlight figure: service.createHighlight, awaited, so the time runs until the highlight is
// durably on disk (the store's write is flushed and renamed before the promise resolves). Passages
// are chosen before the clock starts; the service still reads the article body, as it must.

import type { TriangulateService } from '../src/main/service/triangulate-service'
import type { Random } from './seeded-random'
import { indexWords, pickWordSpan, type Span } from './text-spans'
import { type SampleSummary, summarise } from './timing'

export interface HighlightPlan {
  articleId: string
  span: Span
}

/** `count` passages in articles drawn at random from `articleIds`. */
export async function planHighlights(service: TriangulateService, articleIds: readonly string[], count: number, random: Random): Promise<HighlightPlan[]> {
  const plans: HighlightPlan[] = []
  for (let i = 0; i < count; i++) {
    const articleId = random.pick(articleIds)
    const { text } = await service.getArticle({ id: articleId })
    plans.push({ articleId, span: pickWordSpan(indexWords(text), random) })
  }
  return plans
}

/** Creates each planned highlight in turn; the first `warmUp` are not timed. */
export async function measureHighlightDurable(
  service: TriangulateService,
  plans: readonly HighlightPlan[],
  warmUp: number,
): Promise<SampleSummary & { samplesMs: number[] }> {
  const samplesMs: number[] = []
  for (const [i, { articleId, span }] of plans.entries()) {
    const started = performance.now()
    await service.createHighlight({ articleId, start: span.start, end: span.end })
    if (i >= warmUp) samplesMs.push(performance.now() - started)
  }
  return { ...summarise(samplesMs), samplesMs }
}
