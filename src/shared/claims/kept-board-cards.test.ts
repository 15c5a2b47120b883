// Cards kept across rebuilds are the cards built afresh: after any sequence of edits (claims, links,
// stances, orphaned quotes, outlets, titles, grades), the board built with the previous build's cards
// is the board built from nothing; and the cards nothing touched are taken from the previous build.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildBoardView } from './board-view'
import { KeptBoardCards } from './kept-board-cards'
import { Board, edit, stance } from './test-board'

describe('board cards kept across rebuilds', () => {
  it('give the board built afresh after any sequence of edits', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(5), fc.nat(11), stance), { maxLength: 20 }), fc.array(edit, { minLength: 1, maxLength: 25 }), (links, edits) => {
        const board = new Board(6, 6, 12)
        for (const [claim, highlight, s] of links) board.link(claim, highlight, s)
        const kept = new KeptBoardCards()
        expect(JSON.stringify(buildBoardView(board.records(), kept))).toBe(JSON.stringify(buildBoardView(board.records())))
        for (const e of edits) {
          board.apply(e)
          expect(JSON.stringify(buildBoardView(board.records(), kept)), JSON.stringify(e)).toBe(JSON.stringify(buildBoardView(board.records())))
        }
      }),
      { numRuns: 300 },
    )
  })

  it('take the cards nothing touched from the previous build, and rebuild the edited one', () => {
    const board = new Board(4, 3, 6)
    for (let i = 0; i < 6; i++) board.link(i % 3, i, 'supports')
    const kept = new KeptBoardCards()
    const first = buildBoardView(board.records(), kept)
    board.apply({ kind: 'claim', at: 1 })
    const second = buildBoardView(board.records(), kept)
    expect(second.claims.map((c, i) => c.groups === first.claims[i]!.groups)).toEqual([true, false, true])
    // Each card is the caller's own: what the service adds to one (dates, entities) stays off the kept one.
    second.claims[0]!.entities = ['Added']
    expect(buildBoardView(board.records(), kept).claims[0]!.entities).toBeUndefined()
  })

  it('rebuild a card when only a table entry it points to changed: an outlet renamed to another’s merges their groups', () => {
    const board = new Board(2, 1, 2)
    board.link(0, 0, 'supports')
    board.link(0, 1, 'supports')
    const kept = new KeptBoardCards()
    expect(buildBoardView(board.records(), kept).claims[0]!.groups).toHaveLength(2)
    // a1 (Daily) becomes a Wire outlet like a0: its evidence is the same, its table entry is not.
    board.apply({ kind: 'outlet', at: 1, outlet: 'Wire' })
    const view = buildBoardView(board.records(), kept)
    expect(view.claims[0]!.groups).toHaveLength(1)
    expect(view).toEqual(buildBoardView(board.records()))
  })
})
