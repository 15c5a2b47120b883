import { describe, expect, it } from 'vitest'
import type { Claim, ClaimStatus } from '../model'
import { LANES, lanesOf, sortCards } from './board-lanes'
import type { BoardClaim } from './board-view'

const card = (id: string, status: ClaimStatus, sources: number, articles: number, updatedAt: string, tags: string[] = []): BoardClaim => ({
  claim: { id, text: id, tags, note: '', statusOverride: null, createdAt: updatedAt, updatedAt } as Claim,
  status,
  derivedStatus: status,
  sourceCount: sources,
  supportingSources: sources,
  contradictingSources: 0,
  articleCount: articles,
  outlets: sources,
  groups: [],
})

const cards = [
  card('a', 'corroborated', 2, 3, '2026-01-02', ['x']),
  card('b', 'contested', 1, 1, '2026-01-05'),
  card('c', 'corroborated', 3, 3, '2026-01-01', ['y', 'x']),
  card('d', 'corroborated', 2, 4, '2026-01-04'),
  card('e', 'contested', 1, 1, '2026-01-03', ['y']),
]
const ids = (list: readonly BoardClaim[]) => list.map((c) => c.claim.id)

describe('board lanes', () => {
  it('sorts by independent sources, then articles, keeping the given order between equals; or by last change', () => {
    expect(ids(sortCards(cards, 'sources'))).toEqual(['c', 'd', 'a', 'b', 'e'])
    expect(ids(sortCards(cards, 'changed'))).toEqual(['b', 'd', 'e', 'a', 'c'])
    expect(ids(cards)).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  it('lays status lanes out in their fixed order, leaving empty ones out, each in the order given', () => {
    const lanes = lanesOf(sortCards(cards, 'sources'), 'status')
    expect(lanes.map((l) => l.key)).toEqual(LANES.filter((s) => s === 'contested' || s === 'corroborated'))
    expect(lanes.map((l) => ids(l.cards))).toEqual([
      ['b', 'e'],
      ['c', 'd', 'a'],
    ])
    expect(lanes[0]!.title).toBe('Contested')
  })

  it('lays tag lanes out by tag name, a card in each of its tags, the untagged last', () => {
    const lanes = lanesOf(cards, 'tag')
    expect(lanes.map((l) => [l.title, ids(l.cards)])).toEqual([
      ['#x', ['a', 'c']],
      ['#y', ['c', 'e']],
      ['Untagged', ['b', 'd']],
    ])
  })
})
