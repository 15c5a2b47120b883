// Re-anchoring success rate: highlights in real article texts, each article edited the ways revisions
// edit (insertions and deletions around and inside the quote, duplicated passages, whitespace and
// quote-character changes, a rewrite), then found again. A case succeeds when the highlight lands on
// its passage (exactly, for edits outside it; covering at least 75% of it, for edits inside it) or,
// for a rewritten passage, becomes an orphan. The same criteria as the unit tests, at a larger count.

import fc from 'fast-check'
import { reanchor } from '../src/shared/anchoring/reanchor'
import { EDIT_KINDS, editCase, overlapRatio, spanArbitrary, type EditKind } from '../src/main/test-support/anchoring-edits'

/** Cases per edit kind: enough for a rate to a percent. */
export const ANCHORING_CASES_PER_KIND = 200
const MIN_FUZZY_OVERLAP = 0.75
const EXACT_KINDS = new Set<EditKind>(['insert-before', 'insert-after', 'delete-before', 'delete-after', 'duplicate-passage'])

export interface AnchoringMeasurement {
  cases: number
  succeeded: number
  byKind: Record<string, { cases: number; succeeded: number; orphaned: number }>
  msPerCase: number
}

export function measureAnchoring(texts: readonly string[], seed: number): AnchoringMeasurement {
  const usable = texts.filter((t) => t.length > 400)
  const byKind: AnchoringMeasurement['byKind'] = {}
  let cases = 0
  let succeeded = 0
  const started = performance.now()
  for (const kind of EDIT_KINDS) {
    const entry = (byKind[kind] = { cases: 0, succeeded: 0, orphaned: 0 })
    const picks = fc.sample(fc.tuple(fc.nat(usable.length - 1), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat()), {
      numRuns: ANCHORING_CASES_PER_KIND,
      seed: seed + kind.length,
    })
    for (const [index, at, spanSeed] of picks) {
      const text = usable[index] as string
      const [span] = fc.sample(spanArbitrary(text), { numRuns: 1, seed: spanSeed })
      if (!span) continue
      const c = editCase(text, span.start, span.end, kind, at)
      const found = reanchor(c.text, c.selector)
      // A quote the article held more than once may rightly land on another verbatim copy.
      const first = text.indexOf(c.selector.exact)
      const repeated = first !== -1 && text.indexOf(c.selector.exact, first + 1) !== -1
      const onVerbatimCopy = found !== null && repeated && c.text.slice(found.start, found.end) === c.selector.exact
      let ok: boolean
      if (onVerbatimCopy) ok = true
      else if (c.expected === null) ok = found === null
      else if (found === null) ok = c.orphanAcceptable === true
      else if (EXACT_KINDS.has(kind)) ok = found.start === c.expected.start && found.end === c.expected.end
      else ok = overlapRatio(found, c.expected) >= MIN_FUZZY_OVERLAP
      entry.cases++
      if (ok) entry.succeeded++
      if (found === null) entry.orphaned++
    }
    cases += entry.cases
    succeeded += entry.succeeded
  }
  return { cases, succeeded, byKind, msPerCase: (performance.now() - started) / Math.max(cases, 1) }
}
