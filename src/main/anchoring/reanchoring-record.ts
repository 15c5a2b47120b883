// What the last re-anchoring of each article did: which of its highlights it moved. The CLI's
// `highlights --json` reports such a highlight as `reanchored` (DECISIONS section 10), so a script can
// see which positions changed under it since the text was revised. Kept as a sidecar beside the
// store (reanchoring.json): it describes how the highlights came to be where they are, not the
// analyst's work, so losing it costs only that distinction (every placed highlight then reads
// `anchored`), never a highlight; a highlight's own record stays what the project file and sync carry.

import { z } from 'zod'
import type { Highlight } from '../../shared/model'
import type { CorpusStore } from '../store/corpus-store'

export const REANCHORING_FILE = 'reanchoring.json'

const recordSchema = z.object({
  version: z.literal(1),
  /** Per article, its last re-anchoring: when, and the highlights it moved (found at a new place). */
  articles: z.record(z.string(), z.object({ at: z.string(), moved: z.array(z.string()) })),
})
type ReanchoringRecord = z.infer<typeof recordSchema>

export type HighlightState = 'anchored' | 'reanchored' | 'orphaned'

/**
 * Records one re-anchoring pass: for each article it covered, the highlights it moved (an article
 * re-anchored with nothing moved is recorded too: its earlier moves are no longer "the last").
 */
export async function recordReanchoring(store: CorpusStore, passes: readonly { articleId: string; changed: readonly Highlight[] }[], at: string): Promise<void> {
  if (passes.length === 0 || store.readOnly) return
  const record = await readRecord(store)
  for (const { articleId, changed } of passes) {
    record.articles[articleId] = { at, moved: changed.filter((h) => !h.orphaned).map((h) => h.id) }
  }
  await store.writeSidecar(REANCHORING_FILE, record)
}

/** Each highlight's anchoring state: orphaned, moved by its article's last re-anchoring, or anchored where it was made. */
export async function highlightStates(store: CorpusStore): Promise<(highlight: Highlight) => HighlightState> {
  const record = await readRecord(store)
  const moved = new Set(Object.values(record.articles).flatMap((a) => a.moved))
  return (h) => (h.orphaned ? 'orphaned' : moved.has(h.id) ? 'reanchored' : 'anchored')
}

async function readRecord(store: CorpusStore): Promise<ReanchoringRecord> {
  const parsed = recordSchema.safeParse(await store.readSidecar(REANCHORING_FILE))
  return parsed.success ? parsed.data : { version: 1, articles: {} }
}
