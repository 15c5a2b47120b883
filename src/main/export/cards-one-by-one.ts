// The claim board's cards built one claim at a time, for an export that writes each card's rows and
// lets it go: the whole board of 100,000 pieces of evidence (a view per piece, its traced origins,
// its figures) was built first and held while every row was written — most of the export's memory
// and much of its time in garbage collection of a large old generation. A card depends only on its
// own claim's links and highlights (buildClaimBoard is pure per claim), so the cards are the board's.
// The claims, links and highlights are taken when called, not as cards are asked for: records
// changed while the file is written (the store edits its lists in place) do not mix into it.

import { buildClaimBoard, type BoardRecords } from '../../shared/claims/claim-board'
import type { Claim, ClaimCard, EvidenceLink, Highlight } from '../../shared/model'
import { copyWith } from '../../shared/copy-with'

/**
 * The cards of `claims`, in their order, each built from the records and then given to `finish`
 * (the service adds figures and dates there, as it does for the board).
 */
export function cardsOneByOne(records: BoardRecords, claims: readonly Claim[], finish: (card: ClaimCard) => ClaimCard): Iterable<ClaimCard> {
  const wanted = [...claims]
  // Each claim's links and their highlights, found in one pass (as buildClaimBoard finds them, in
  // the links' order; a link whose highlight is gone is left to buildClaimBoard to skip).
  const evidence = new Map<string, { links: EvidenceLink[]; highlights: Highlight[] }>()
  for (const claim of wanted) evidence.set(claim.id, { links: [], highlights: [] })
  const highlightById = new Map<string, Highlight>()
  for (const h of records.highlights) highlightById.set(h.id, h)
  for (const link of records.links) {
    const own = evidence.get(link.claimId)
    if (!own) continue
    own.links.push(link)
    const highlight = highlightById.get(link.highlightId)
    if (highlight) own.highlights.push(highlight)
  }

  return {
    *[Symbol.iterator]() {
      for (const claim of wanted) {
        const { links, highlights } = evidence.get(claim.id) as { links: EvidenceLink[]; highlights: Highlight[] }
        const [card] = buildClaimBoard(copyWith(records, { claims: [claim], links, highlights }))
        yield finish(card as ClaimCard)
      }
    },
  }
}
