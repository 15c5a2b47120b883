// What a claim card's origins, figures and dates add to the board (#22: ≤ 20% on the board's first
// render): the service's board answer (getClaimBoard, serialised as it is sent) against the same
// board view built from the same records without them (no figures read, no origins traced, no dates),
// on the store holding 1,000 claims and 10,000 links. The first, cold call of each is kept apart
// (the figures of each quote are read once per process); the figure is the median of the warm ones.
// Measures the service's answer, not the drawing in Chromium.

import type { TriangulateService } from '../src/main/service/triangulate-service'
import type { CorpusStore } from '../src/main/store/corpus-store'
import { buildBoardView } from '../src/shared/claims/board-view'
import { percentile } from './timing'

const SAMPLES = 5

export interface BoardCardMeasurement {
  plainMs: number
  fullMs: number
  plainColdMs: number
  fullColdMs: number
  plainMB: number
  fullMB: number
  /** (full − plain) ÷ plain, in percent, of the warm medians. */
  addedPct: number
}

export async function measureBoardCards(store: CorpusStore, service: TriangulateService): Promise<BoardCardMeasurement> {
  const plain = () =>
    JSON.stringify(
      buildBoardView({
        claims: store.claims,
        links: store.links,
        highlights: store.highlights,
        sourceGrades: store.sourceGrades,
        articleById: (id) => store.getArticle(id),
      }),
    )
  const full = async () => JSON.stringify(await service.getClaimBoard({}))
  const time = async (work: () => unknown) => {
    const started = performance.now()
    const value = await work()
    return { ms: performance.now() - started, value: value as string }
  }
  const fullCold = await time(full)
  const plainCold = await time(plain)
  const plainMs: number[] = []
  const fullMs: number[] = []
  for (let i = 0; i < SAMPLES; i++) {
    plainMs.push((await time(plain)).ms)
    fullMs.push((await time(full)).ms)
  }
  const p = percentile(plainMs, 50)
  const f = percentile(fullMs, 50)
  return {
    plainMs: p,
    fullMs: f,
    plainColdMs: plainCold.ms,
    fullColdMs: fullCold.ms,
    plainMB: Buffer.byteLength(plainCold.value) / 1e6,
    fullMB: Buffer.byteLength(fullCold.value) / 1e6,
    addedPct: (100 * (f - p)) / p,
  }
}
