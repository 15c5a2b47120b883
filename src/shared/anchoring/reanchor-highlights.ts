// Applies re-anchoring to an article's highlights after its text changed: each highlight either
// moves to where its quote is now (its selectors refreshed from the new text) or becomes an orphan
// that keeps its old quote, so the analyst can see what was lost and decide.

import type { Highlight } from '../model'
import { reanchor } from './reanchor'
import { describeQuote } from './text-quote'

export interface ReanchorOutcome {
  /** Highlights whose stored anchor changed (moved, or newly orphaned); write these back. */
  changed: Highlight[]
  moved: number
  orphaned: Highlight[]
}

export function reanchorHighlights(text: string, highlights: readonly Highlight[]): ReanchorOutcome {
  const changed: Highlight[] = []
  const orphaned: Highlight[] = []
  let moved = 0
  for (const h of highlights) {
    if (!h.orphaned && text.slice(h.start, h.end) === h.exact) continue
    const anchor = reanchor(text, h)
    if (anchor) {
      changed.push({ ...h, start: anchor.start, end: anchor.end, ...describeQuote(text, anchor.start, anchor.end), orphaned: false })
      moved++
    } else {
      const orphan = { ...h, orphaned: true }
      orphaned.push(orphan)
      if (!h.orphaned) changed.push(orphan)
    }
  }
  return { changed, moved, orphaned }
}
