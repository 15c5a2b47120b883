// Cards kept across rebuilds are the cards built afresh: after any sequence of edits (claims, links,
// stances, orphaned quotes, outlets, titles, grades), the board built with the previous build's cards
// is the board built from nothing; and the cards nothing touched are taken from the previous build.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Article, Claim, EvidenceLink, Highlight, Reliability, Stance } from '../model'
import { buildBoardView } from './board-view'
import type { BoardRecords } from './claim-board'
import { KeptBoardCards } from './kept-board-cards'
import { claimRecord, highlightRecord } from './test-records'

const at = '2026-01-01T00:00:00.000Z'
type BoardArticleRecord = Pick<Article, 'id' | 'title' | 'outlet' | 'nearDuplicateOf'>

const OUTLETS = ['Wire', 'Daily', 'Post', null] as const
const STANCES: Stance[] = ['supports', 'contradicts', 'context']

/** A board's records that edits replace (never change in place), as the store does. */
class Board {
  articles: BoardArticleRecord[] = []
  claims: Claim[] = []
  highlights: Highlight[] = []
  links: EvidenceLink[] = []
  sourceGrades: { sourceKey: string; reliability: Reliability }[] = []
  private n = 0

  constructor(articles: number, claims: number, highlights: number) {
    for (let i = 0; i < articles; i++) this.articles.push({ id: `a${i}`, title: `Title ${i}`, outlet: OUTLETS[i % OUTLETS.length] ?? null, nearDuplicateOf: null })
    for (let i = 0; i < claims; i++) this.claims.push(claimRecord(`c${i}`, `Claim ${i}`))
    for (let i = 0; i < highlights; i++) this.highlights.push(highlightRecord(`h${i}`, `a${i % articles}`, `quote ${i}`))
  }

  records(): BoardRecords {
    const byId = new Map(this.articles.map((a) => [a.id, a]))
    return { claims: this.claims, links: this.links, highlights: this.highlights, sourceGrades: this.sourceGrades, articleById: (id) => byId.get(id) }
  }

  link(claim: number, highlight: number, stance: Stance): void {
    this.links = [...this.links, { id: `l${this.n++}`, claimId: `c${claim}`, highlightId: `h${highlight}`, stance, credibility: null, note: '', createdAt: at }]
  }

  apply(edit: Edit): void {
    const replace = <T>(list: T[], i: number, change: (t: T) => T) => list.map((t, j) => (j === i % list.length ? change(t) : t))
    switch (edit.kind) {
      case 'link':
        return this.link(edit.claim % this.claims.length, edit.highlight % this.highlights.length, edit.stance)
      case 'unlink':
        if (this.links.length > 0) this.links = this.links.filter((_, j) => j !== edit.at % this.links.length)
        return
      case 'stance':
        if (this.links.length > 0) this.links = replace(this.links, edit.at, (l) => ({ ...l, stance: edit.stance }))
        return
      case 'claim':
        this.claims = replace(this.claims, edit.at, (c) => ({ ...c, text: `${c.text}, edited` }))
        return
      case 'orphan':
        this.highlights = replace(this.highlights, edit.at, (h) => ({ ...h, orphaned: !h.orphaned }))
        return
      case 'outlet':
        this.articles = replace(this.articles, edit.at, (a) => ({ ...a, outlet: edit.outlet }))
        return
      case 'title':
        this.articles = replace(this.articles, edit.at, (a) => ({ ...a, title: `${a.title}, retitled` }))
        return
      case 'grade':
        this.sourceGrades = [...this.sourceGrades.filter((g) => g.sourceKey !== edit.sourceKey), { sourceKey: edit.sourceKey, reliability: edit.reliability }]
    }
  }
}

type Edit =
  | { kind: 'link'; claim: number; highlight: number; stance: Stance }
  | { kind: 'unlink' | 'claim' | 'orphan' | 'title'; at: number }
  | { kind: 'stance'; at: number; stance: Stance }
  | { kind: 'outlet'; at: number; outlet: string | null }
  | { kind: 'grade'; sourceKey: string; reliability: Reliability }

const index = fc.nat(50)
const stance = fc.constantFrom(...STANCES)
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('link' as const), claim: index, highlight: index, stance }),
  fc.record({ kind: fc.constantFrom('unlink' as const, 'claim' as const, 'orphan' as const, 'title' as const), at: index }),
  fc.record({ kind: fc.constant('stance' as const), at: index, stance }),
  fc.record({ kind: fc.constant('outlet' as const), at: index, outlet: fc.constantFrom(...OUTLETS) }),
  fc.record({
    kind: fc.constant('grade' as const),
    sourceKey: fc.constantFrom('outlet:wire', 'outlet:daily', 'outlet:post'),
    reliability: fc.constantFrom<Reliability>('A', 'C', 'F'),
  }),
)

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
