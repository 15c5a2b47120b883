// Evidence dragged to another claim shows there at once, before the service has stored the move:
// the board is the service's last answer with the moves still in flight laid over it. A move is
// dropped from the overlay when a newer board already shows it, or when the service refused it.

import { boardClaimOf, type BoardClaim, type BoardEvidence, type BoardView } from '../../../../shared/claims/board-view'

/** linkId → the claim it is being moved to. */
export type PendingMoves = ReadonlyMap<string, string>

/** Which claim each link belongs to on a board: what a drop needs to know where evidence came from. */
export function claimOfLinks(view: BoardView): Map<string, string> {
  const owner = new Map<string, string>()
  for (const card of view.claims) for (const group of card.groups) for (const e of group.evidence) owner.set(e.linkId, card.claim.id)
  return owner
}

/** The moves the board does not show yet. */
export function unsettledMoves(moves: PendingMoves, owner: ReadonlyMap<string, string>): PendingMoves {
  let left: Map<string, string> | null = null
  for (const [linkId, claimId] of moves) {
    if (owner.get(linkId) === claimId || !owner.has(linkId)) (left ??= new Map(moves)).delete(linkId)
  }
  return left ?? moves
}

/** The board's cards with the pending moves applied; cards no move touches keep their identity. */
export function withMoves(view: BoardView, moves: PendingMoves, owner: ReadonlyMap<string, string>): BoardClaim[] {
  if (moves.size === 0) return view.claims
  const touched = new Set<string>()
  for (const [linkId, to] of moves) {
    const from = owner.get(linkId)
    if (from && from !== to) touched.add(from).add(to)
  }
  if (touched.size === 0) return view.claims
  const arriving = new Map<string, BoardEvidence[]>()
  for (const card of view.claims) {
    for (const group of card.groups) {
      for (const e of group.evidence) {
        const to = moves.get(e.linkId)
        if (to && to !== card.claim.id) arriving.set(to, [...(arriving.get(to) ?? []), e])
      }
    }
  }
  return view.claims.map((card) => {
    if (!touched.has(card.claim.id)) return card
    const staying = card.groups.flatMap((g) => g.evidence).filter((e) => (moves.get(e.linkId) ?? card.claim.id) === card.claim.id)
    return boardClaimOf(card.claim, [...staying, ...(arriving.get(card.claim.id) ?? [])], view.articles, view.sources)
  })
}
