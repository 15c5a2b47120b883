// The board updated from the previous answer is the board built afresh: after any sequence of edits
// to claims, links and highlights (the service builds whole when anything else changed), from a
// previous answer built here or read back as JSON (the kept answer of the last session), each answer
// is buildBoardView's; and the cards an edit does not touch are the previous answer's own objects.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Figure } from '../figures/figure'
import type { Highlight } from '../model'
import { traceOrigins } from '../provenance/origins'
import { boardBuildOf, updateBoardView, type BoardBuild, type BoardUpdate } from './board-update'
import { buildBoardView, type BoardView } from './board-view'
import { originContextOf, type BoardRecords } from './claim-board'
import { KeptBoardCards } from './kept-board-cards'
import { Board, edit, stance, type Edit } from './test-board'

/** Some quotes state a figure: one array per highlight record, as the service's figure reader gives. */
const figures = new WeakMap<Highlight, Figure[]>()
const figuresOf = (h: Highlight): Figure[] => {
  let found = figures.get(h)
  if (!found) figures.set(h, (found = /[02468]$/.test(h.id) ? [{ text: `${h.id} figure`, low: 1, high: 1 } as unknown as Figure] : []))
  return found
}
const withFigures = (records: BoardRecords): BoardRecords => ({ ...records, figuresOf })
const readersOf = (records: BoardRecords) => ({ traceOf: (h: Highlight) => traceOrigins(originContextOf(records.articleById), h.articleId, h), figuresOf })
/** What the service does: the update, or the whole board when the update cannot take the previous answer. */
const answer = (previous: BoardBuild | null, records: BoardRecords) => updateBoardView(previous, records, readersOf(records))
const WORLD_EDITS: Edit['kind'][] = ['outlet', 'title', 'grade']

describe('the board updated after an edit', () => {
  it('is the board built afresh after any sequence of edits, from a build or from an answer read back as JSON', () => {
    let updates = 0
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(5), fc.nat(11), stance), { maxLength: 20 }),
        fc.array(edit, { minLength: 1, maxLength: 25 }),
        fc.boolean(),
        (links, edits, readBack) => {
          const board = new Board(6, 6, 12)
          for (const [claim, highlight, s] of links) board.link(claim, highlight, s)
          const first = buildBoardView(withFigures(board.records()))
          const view: BoardView = readBack ? (JSON.parse(JSON.stringify(first)) as BoardView) : first
          let previous: BoardBuild | null = boardBuildOf(view, board.records())
          for (const e of edits) {
            board.apply(e)
            const records = withFigures(board.records())
            // Articles and grades are what the service compares before updating: a change there builds whole.
            const update: BoardUpdate | null = WORLD_EDITS.includes(e.kind) ? null : answer(previous, records)
            if (update) updates++
            // Built whole, as the service does: with the kept cards, seeded from the previous build.
            const kept = new KeptBoardCards()
            if (previous)
              kept.seed(
                previous.view,
                (id) => previous!.claims.get(id),
                (id) => previous!.evidenceByClaim.get(id) ?? [],
              )
            const built: BoardBuild = update?.build ?? boardBuildOf(buildBoardView(records, kept), records)
            expect(JSON.stringify(built.view), JSON.stringify(e)).toBe(JSON.stringify(buildBoardView(records)))
            previous = built
          }
        },
      ),
      { numRuns: 300 },
    )
    // Not a test of the fallback alone: most edits are updates.
    expect(updates).toBeGreaterThan(1000)
  })

  it('takes the cards an edit does not touch from the previous answer, and makes the edited one again', () => {
    const board = new Board(4, 3, 6)
    for (let i = 0; i < 6; i++) board.link(i % 3, i, 'supports')
    const records = board.records()
    const first = buildBoardView(withFigures(records))
    board.apply({ kind: 'claim', at: 1 })
    const update = answer(boardBuildOf(first, records), withFigures(board.records()))!
    expect(update.build.view.claims.map((c, i) => c === first.claims[i])).toEqual([true, false, true])
    expect(update.build.view.articles).toBe(first.articles)
    // Its links' highlights are the same: nothing to read again for its dates and entity names.
    expect(update.unread).toEqual([])
    // A stance changed on claim 2's evidence: only that card, its dates and names still standing.
    board.apply({ kind: 'stance', at: 2, stance: 'contradicts' })
    const second = answer(update.build, withFigures(board.records()))!
    expect(second.build.view.claims.map((c, i) => c === update.build.view.claims[i])).toEqual([true, true, false])
    expect(second.unread).toEqual([])
    // A new highlight linked to claim 0: its card is made again and its dates and names read.
    board.apply({ kind: 'highlight', at: 3 })
    board.link(0, board.highlights.length - 1, 'supports')
    const third = answer(second.build, withFigures(board.records()))!
    expect(third.build.view.claims.map((c, i) => c === second.build.view.claims[i])).toEqual([false, true, true])
    expect(third.unread.map((c) => c.claim.id)).toEqual(['c0'])
  })

  it('builds whole when the evidence that named an origin first is gone and another names it otherwise', () => {
    // a0 is "Wire", a2 "WIRE": one origin, named by whichever evidence the links meet first.
    const board = new Board(3, 2, 3)
    board.link(0, 0, 'supports')
    board.link(1, 2, 'supports')
    const records = board.records()
    const first = buildBoardView(records)
    expect(first.sources.map((s) => s.label)).toContain('Wire')
    board.apply({ kind: 'unlink', at: 0 })
    expect(answer(boardBuildOf(first, records), board.records())).toBeNull()
    expect(buildBoardView(board.records()).sources.map((s) => s.label)).toContain('WIRE')
  })
})
