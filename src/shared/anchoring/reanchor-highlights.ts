// Applies re-anchoring to an article's highlights after its text changed: each highlight either
// moves to where its quote is now (its selectors refreshed from the new text) or becomes an orphan
// that keeps its old quote, so the analyst can see what was lost and decide.

import type { Highlight } from '../model'
import { snapBackward, snapForward } from './code-points'
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
      // A fuzzy match counts code units and may end inside a character: widen it to whole characters.
      const start = snapBackward(text, anchor.start)
      const end = snapForward(text, anchor.end)
      changed.push({ ...h, start, end, ...describeQuote(text, start, end), orphaned: false })
      moved++
    } else {
      const orphan = { ...h, orphaned: true }
      orphaned.push(orphan)
      if (!h.orphaned) changed.push(orphan)
    }
  }
  return { changed, moved, orphaned }
}
