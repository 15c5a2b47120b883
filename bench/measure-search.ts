// The full-text search figures: service.search exactly as the search panel calls it (its first
// page of results, snippets included), over the bench's query mix. The first search after the store
// opens loads the persisted index (or builds it) and is reported on its own; the per-query figures
// come after a warm-up round. Should search ever be absent, `searchOperationOf` returns null and the
// figures read "n/a (not implemented)".

import type { TriangulateService } from '../src/main/service/triangulate-service'
import { SEARCH_FIRST_RESULTS } from '../src/shared/model'
import { type SampleSummary, summarise } from './timing'

export type SearchOperation = (query: string) => Promise<unknown>

/** Rounds over every query before timing: the first queries would otherwise pay for the JIT and cold caches. */
export const SEARCH_WARM_UP_ROUNDS = 1

/** The service's full-text search, as the renderer calls it; null where the contract has none. */
export function searchOperationOf(service: TriangulateService): SearchOperation | null {
  if (typeof service.search !== 'function') return null
  return (query) => service.search({ query, limit: SEARCH_FIRST_RESULTS })
}

export interface SearchMeasurement extends SampleSummary {
  /** The first query after opening the store: loads (or builds) the index, then searches. */
  firstQueryMs: number
  /** Articles returned per query (at most the panel's first page). */
  hitsP50: number
}

/** `search` must be fresh (no query run since the store opened), so the first query is cold. */
export async function measureSearch(search: SearchOperation, queries: readonly string[]): Promise<SearchMeasurement> {
  const firstStarted = performance.now()
  await search(queries[0] as string)
  const firstQueryMs = performance.now() - firstStarted
  for (let round = 0; round < SEARCH_WARM_UP_ROUNDS; round++) for (const query of queries) await search(query)
  const samples: number[] = []
  const hits: number[] = []
  for (const query of queries) {
    const started = performance.now()
    const result = await search(query)
    samples.push(performance.now() - started)
    hits.push(Array.isArray(result) ? result.length : 0)
  }
  return { ...summarise(samples), firstQueryMs, hitsP50: summarise(hits).p50 }
}
