// The claim board's first answer, made lean: every claim with its counts, status, origin groups,
// dates and entities (the lanes, their counts and their order need every claim), but of its evidence
// only what a collapsed card draws — its first few pieces — and any piece stating a figure (the
// card's figures line compares them all). What the filter matches on the whole card travels as one
// lower-cased string per card rather than as 10,000 evidence objects. The renderer draws this first
// and asks for the full board at once; the full board replaces it before "Show all", the matrix or a
// drag needs the rest (they wait for it). Pure.

import { claimSearchText } from './board-filter'
import type { BoardClaim, BoardView } from './board-view'

/**
 * The board with each card cut to its first `evidencePerCard` pieces of evidence (in the card's
 * order, as ClaimCardView draws a collapsed card) plus those stating figures, each card saying how
 * much evidence it has in all and what the filter matches on it.
 */
export function firstScreenBoard(view: BoardView, evidencePerCard: number): BoardView {
  return {
    ...view,
    partial: true,
    claims: view.claims.map((card): BoardClaim => {
      let budget = evidencePerCard
      let evidenceCount = 0
      const groups = card.groups.map((group) => {
        evidenceCount += group.evidence.length
        const kept = group.evidence.filter((e) => budget-- > 0 || e.figures !== undefined)
        return kept.length === group.evidence.length ? group : { ...group, evidence: kept }
      })
      return { ...card, groups, evidenceCount, searchText: claimSearchText(card, view) }
    }),
  }
}

/** Every piece of evidence the card has, whether or not the board it came with carries them all. */
export function evidenceCountOf(card: BoardClaim): number {
  return card.evidenceCount ?? card.groups.reduce((n, g) => n + g.evidence.length, 0)
}
