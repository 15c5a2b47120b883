// The claim board's cards built one claim at a time, for an export that writes each card's rows and
// lets it go: the whole board of 100,000 pieces of evidence (a view per piece, its traced origins,
// its figures) was built first and held while every row was written — most of the export's memory
// and much of its time in garbage collection of a large old generation. A card depends only on its
// own claim's links and highlights (buildClaimBoard is pure per claim), so the cards are the board's.
// The claims, links and highlights are taken when called, not as cards are asked for: records
// changed while the file is written (the store edits its lists in place) do not mix into it.

import { buildClaimBoard, type BoardRecords } from '../../shared/claims/claim-board'
import type { Claim, ClaimCard, EvidenceLink, Highlight } from '../../shared/model'

/**
 * The cards of `claims`, in their order, each built from the records and then given to `finish`
 * (the service adds figures and dates there, as it does for the board).
 */
export function cardsOneByOne(records: BoardRecords, claims: readonly Claim[], finish: (card: ClaimCard) => ClaimCard): Iterable<ClaimCard> {
  const wanted = [...claims]
  const wantedIds = new Set(wanted.map((c) => c.id))
  const linksByClaim = new Map<string, EvidenceLink[]>()
  for (const link of records.links) {
    if (!wantedIds.has(link.claimId)) continue
    const list = linksByClaim.get(link.claimId)
    if (list) list.push(link)
    else linksByClaim.set(link.claimId, [link])
  }
  const highlightById = new Map<string, Highlight>()
  for (const h of records.highlights) highlightById.set(h.id, h)
  const highlightsOf = (links: readonly EvidenceLink[]) => {
    const found: Highlight[] = []
    for (const link of links) {
      const h = highlightById.get(link.highlightId)
      if (h) found.push(h)
    }
    return found
  }

  return {
    *[Symbol.iterator]() {
      for (const claim of wanted) {
        const links = linksByClaim.get(claim.id) ?? []
        const [card] = buildClaimBoard({ ...records, claims: [claim], links, highlights: highlightsOf(links) })
        yield finish(card as ClaimCard)
      }
    },
  }
}
