// How the claim board lays out its cards: in lanes by status (or by tag), each lane sorted by
// independent sources (or by last change). Shared so the service can tell which cards open at the
// top of each lane, the ones the first screen draws (first-screen-board.ts), exactly as the board
// orders them. Pure.

import type { ClaimStatus } from '../model'
import type { BoardClaim } from './board-view'
import { STATUS_LABELS } from './claim-status'

/** Lane order: what needs the analyst's attention first. */
export const LANES: readonly ClaimStatus[] = ['contested', 'contradicted', 'single-source', 'corroborated', 'no-evidence']

export type BoardGrouping = 'status' | 'tag'
export type BoardSorting = 'sources' | 'changed'

export interface Lane {
  key: string
  title: string
  cards: BoardClaim[]
}

/** The cards in the board's order: most independent sources (then articles) first, or last changed first. Stable. */
export function sortCards(cards: readonly BoardClaim[], sortBy: BoardSorting): BoardClaim[] {
  return [...cards].sort((a, b) =>
    sortBy === 'sources'
      ? b.sourceCount - a.sourceCount || b.articleCount - a.articleCount
      : a.claim.updatedAt < b.claim.updatedAt
        ? 1
        : a.claim.updatedAt > b.claim.updatedAt
          ? -1
          : 0,
  )
}

/** Lanes in their fixed order (status) or by tag name, with claims in the order given; empty lanes are left out. */
export function lanesOf(cards: readonly BoardClaim[], groupBy: BoardGrouping): Lane[] {
  if (groupBy === 'status') {
    const byStatus = new Map<ClaimStatus, BoardClaim[]>(LANES.map((s) => [s, []]))
    for (const card of cards) byStatus.get(card.status)?.push(card)
    return LANES.map((status) => ({ key: status, title: STATUS_LABELS[status], cards: byStatus.get(status) ?? [] })).filter((l) => l.cards.length > 0)
  }
  const byTag = new Map<string, BoardClaim[]>()
  const untagged: BoardClaim[] = []
  for (const card of cards) {
    if (card.claim.tags.length === 0) untagged.push(card)
    for (const tag of new Set(card.claim.tags)) {
      const lane = byTag.get(tag)
      if (lane) lane.push(card)
      else byTag.set(tag, [card])
    }
  }
  return [
    ...[...byTag.keys()].sort().map((tag) => ({ key: `tag:${tag}`, title: `#${tag}`, cards: byTag.get(tag) ?? [] })),
    { key: 'untagged', title: 'Untagged', cards: untagged },
  ].filter((l) => l.cards.length > 0)
}
