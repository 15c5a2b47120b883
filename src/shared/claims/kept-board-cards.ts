// The board's cards kept per claim across whole rebuilds: when the board is built again from every
// record (board-view.ts; after an edit to claims, links or highlights the service updates the last
// answer instead, board-update.ts, and builds whole only when articles, grades or an index changed),
// a card whose claim, evidence and table entries are as they were is the card it was, so it is taken
// from the previous build rather than grouped and counted again. Regrouping 1,000 cards by origin
// (boardClaimOf) was most of a rebuild's cost when one claim changed.
//
// What a card is made of (boardClaimOf): the claim record (replaced, never edited in place, when it
// changes), its evidence in order, and the entries of the board's article and source tables the
// evidence points to (by index). The tables are rebuilt with the board, in the order the links name
// their articles and origins, so a link added or removed can shift every index after it: a card is
// kept only if each entry it points to is, at the same index, the same as in the previous build,
// field by field, and each piece of its evidence is too. Pure: holds the previous build and nothing else.

import type { Claim } from '../model'
import { boardClaimOf, type BoardArticle, type BoardClaim, type BoardEvidence, type BoardSource, type BoardView } from './board-view'

interface KeptCard {
  claim: Claim
  evidence: readonly BoardEvidence[]
  card: BoardClaim
}

export class KeptBoardCards {
  private previous: { articles: readonly BoardArticle[]; sources: readonly BoardSource[]; cards: Map<string, KeptCard> } | null = null

  /**
   * Takes a board made otherwise (updated from an earlier answer, board-update.ts, or read from the
   * file the last session kept) as the previous build, so the next whole build keeps what it can.
   * Each card must be boardClaimOf's for `claimOf(id)` and `evidenceOf(id)`; the dates and entity
   * names the service added to it are left off, as the cards kept here have none.
   */
  seed(view: BoardView, claimOf: (claimId: string) => Claim | undefined, evidenceOf: (claimId: string) => readonly BoardEvidence[]): void {
    const cards = new Map<string, KeptCard>()
    for (const card of view.claims) {
      const claim = claimOf(card.claim.id)
      if (!claim) continue
      const { dates: _dates, entities: _entities, ...made } = card
      cards.set(claim.id, { claim, evidence: evidenceOf(claim.id), card: { ...made, claim } })
    }
    this.previous = { articles: view.articles, sources: view.sources, cards }
  }

  /**
   * Each claim's card, as boardClaimOf makes it: the previous build's where nothing it is made of
   * changed. Each card is a copy of its own (the board adds dates and entities to it), sharing its
   * groups with the card kept: callers must not change those.
   */
  cardsOf(
    claims: readonly Claim[],
    evidenceOf: (claimId: string) => readonly BoardEvidence[],
    articles: readonly BoardArticle[],
    sources: readonly BoardSource[],
  ): BoardClaim[] {
    const previous = this.previous
    const articleSame = previous ? sameEntries(previous.articles, articles) : []
    const sourceSame = previous ? sameEntries(previous.sources, sources) : []
    const pointsToSame = (e: BoardEvidence) => {
      if (!articleSame[e.article]) return false
      if (!e.origins) return sourceSame[(articles[e.article] as BoardArticle).source] === true
      return e.origins.every((index) => sourceSame[index])
    }
    const cards = new Map<string, KeptCard>()
    const built = claims.map((claim) => {
      const evidence = evidenceOf(claim.id)
      const before = previous?.cards.get(claim.id)
      const kept = before && before.claim === claim && sameEvidence(before.evidence, evidence) && evidence.every(pointsToSame) ? before : null
      const card = kept?.card ?? boardClaimOf(claim, evidence, articles, sources)
      cards.set(claim.id, kept ?? { claim, evidence, card })
      return { ...card }
    })
    this.previous = { articles, sources, cards }
    return built
  }
}

/** For each entry of the new table, whether the old table held the same at the same index (also board-update.ts). */
export function sameEntries<T extends object>(before: readonly T[], after: readonly T[]): boolean[] {
  return after.map((entry, i) => i < before.length && sameFields(before[i] as T, entry))
}

function sameEvidence(before: readonly BoardEvidence[], after: readonly BoardEvidence[]): boolean {
  if (before.length !== after.length) return false
  for (let i = 0; i < after.length; i++) if (!sameFields(before[i] as BoardEvidence, after[i] as BoardEvidence)) return false
  return true
}

/**
 * Field by field, whatever the fields (one added later is compared too): equal values, or arrays of
 * equal numbers (an evidence's origin indices). Anything else must be the same object: the figures
 * read from one highlight record are one array (figure-reader.ts), so other figures rebuild the card.
 */
function sameFields(a: object, b: object): boolean {
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  for (const key of keys) {
    const x = (a as Record<string, unknown>)[key]
    const y = (b as Record<string, unknown>)[key]
    if (x !== y && !sameNumbers(x, y)) return false
  }
  return true
}

function sameNumbers(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (typeof a[i] !== 'number' || a[i] !== b[i]) return false
  return true
}
