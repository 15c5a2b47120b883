// Records for the board's pure tests: a claim or a highlight with everything but what a test varies
// left plain (no tags, note, override or context).

import type { Claim, Highlight } from '../model'

const at = '2026-01-01T00:00:00.000Z'

export function claimRecord(id: string, text: string): Claim {
  return { id, text, tags: [], note: '', statusOverride: null, createdAt: at, updatedAt: at }
}

/** A highlight of `exact` at the start of its article, with no prefix or suffix. */
export function highlightRecord(id: string, articleId: string, exact: string): Highlight {
  return { id, articleId, start: 0, end: exact.length, exact, prefix: '', suffix: '', orphaned: false, note: '', createdAt: at }
}
