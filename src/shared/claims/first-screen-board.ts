// The claim board's first answer, made lean: every claim with its counts and status (the lanes, their
// counts and their order need every claim), but of its evidence only what a collapsed card draws —
// its first few pieces — and any piece stating a figure (the card's figures line compares them all).
// What the filter matches on the whole card travels as one lower-cased string per card rather than as
// 10,000 evidence objects. Asked with `cardsPerLane`, it is leaner still: only the cards that open at
// the top of each lane (status lanes, most sources first: the board's first order, board-lanes.ts)
// come whole (and any card with no evidence); every other card is an outline (statement, status, counts; no filter text, origin
// groups, dates, entities or evidence), drawn as loading until the full board arrives, and the
// article table holds only the articles the whole cards name. The renderer draws this first and asks
// for the full board at once; the full board replaces it before "Show all", the matrix or a drag
// needs the rest (they wait for it). Pure.

import { claimSearchText } from './board-filter'
import { lanesOf, sortCards } from './board-lanes'
import type { BoardArticle, BoardClaim, BoardEvidence, BoardView } from './board-view'

export interface FirstScreenShape {
  /** Pieces of evidence each whole card keeps (plus any stating a figure). */
  evidencePerCard: number
  /** Cards at the top of each status lane that come whole; absent: every card does. */
  cardsPerLane?: number
}

/**
 * The board with each card cut to its first `evidencePerCard` pieces of evidence (in the card's
 * order, as ClaimCardView draws a collapsed card) plus those stating figures, each card saying how
 * much evidence it has in all and what the filter matches on it; with `cardsPerLane`, every card past
 * that many in its lane an outline, and the article table cut to what the whole cards name.
 */
export function firstScreenBoard(view: BoardView, { evidencePerCard, cardsPerLane }: FirstScreenShape): BoardView {
  const whole = cardsPerLane === undefined ? null : topOfLanes(view.claims, cardsPerLane)
  const articles = whole ? new ArticleTable(view.articles) : null
  const claims = view.claims.map((card): BoardClaim => {
    const evidenceCount = evidenceCountOf(card)
    // A card with no evidence is as small whole as outlined. An outline carries no filter text either
    // (its quotes were 0.6 of the bench board's 1.07 MB first screen): a filter typed before the full
    // board arrives waits for it (ClaimBoard).
    if (whole && !whole.has(card) && evidenceCount > 0) {
      const { groups: _groups, dates: _dates, entities: _entities, ...outline } = card
      return { ...outline, groups: [], evidenceCount, outline: true }
    }
    const searchText = claimSearchText(card, view)
    let budget = evidencePerCard
    const groups = card.groups.map((group) => {
      const kept = group.evidence.filter((e) => budget-- > 0 || e.figures !== undefined)
      if (articles) return { ...group, evidence: kept.map((e) => articles.evidence(e)) }
      return kept.length === group.evidence.length ? group : { ...group, evidence: kept }
    })
    if (articles) for (const day of card.dates?.days ?? []) for (const id of day.articleIds) articles.byId(id)
    return { ...card, groups, evidenceCount, searchText }
  })
  return { ...view, partial: true, claims, articles: articles ? articles.kept : view.articles }
}

/** Whether the board's filter must wait for the full board: an outline carries no filter text. */
export function filterNeedsFullBoard(view: Pick<BoardView, 'claims'>): boolean {
  return view.claims.some((card) => card.outline === true)
}

/** Every piece of evidence the card has, whether or not the board it came with carries them all. */
export function evidenceCountOf(card: BoardClaim): number {
  return card.evidenceCount ?? card.groups.reduce((n, g) => n + g.evidence.length, 0)
}

/** The first `perLane` cards of each lane as the board first orders them (by status, most sources first). */
function topOfLanes(cards: readonly BoardClaim[], perLane: number): Set<BoardClaim> {
  return new Set(lanesOf(sortCards(cards, 'sources'), 'status').flatMap((lane) => lane.cards.slice(0, perLane)))
}

/** The articles the whole cards name, in a table of their own, and their evidence pointing into it. */
class ArticleTable {
  readonly kept: BoardArticle[] = []
  private readonly index = new Map<number, number>()
  private ids: Map<string, number> | null = null

  constructor(private readonly all: readonly BoardArticle[]) {}

  evidence(e: BoardEvidence): BoardEvidence {
    return { ...e, article: this.keep(e.article) }
  }

  /** An article a card names by id (its dates line): kept too, so the line can name its source. */
  byId(id: string): void {
    this.ids ??= new Map(this.all.map((a, i) => [a.id, i]))
    const at = this.ids.get(id)
    if (at !== undefined) this.keep(at)
  }

  private keep(at: number): number {
    let kept = this.index.get(at)
    if (kept === undefined) {
      kept = this.kept.push(this.all[at] as BoardArticle) - 1
      this.index.set(at, kept)
    }
    return kept
  }
}
