import { describe, expect, it } from 'vitest'
import type { Figure } from '../figures/figure'
import type { Article, Claim, EvidenceLink, Highlight } from '../model'
import { claimSearchText, filterWords, matchesFilter } from './board-filter'
import { buildBoardView, type BoardClaim } from './board-view'
import { evidenceCountOf, firstScreenBoard } from './first-screen-board'

const at = '2026-01-01T00:00:00.000Z'
const outlets = ['Wire', 'Daily', 'Post', 'Herald']
const articles: Pick<Article, 'id' | 'title' | 'outlet' | 'nearDuplicateOf'>[] = outlets.map((outlet, i) => ({
  id: `a${i}`,
  title: `Title ${i}`,
  outlet,
  nearDuplicateOf: null,
}))
const claim = (id: string): Claim => ({ id, text: `Statement ${id}`, tags: [], note: '', statusOverride: null, createdAt: at, updatedAt: at })
const highlight = (id: string, articleId: string, exact: string): Highlight => ({
  id,
  articleId,
  start: 0,
  end: exact.length,
  exact,
  prefix: '',
  suffix: '',
  orphaned: false,
  note: '',
  createdAt: at,
})
const link = (id: string, claimId: string, highlightId: string, i: number): EvidenceLink => ({
  id,
  claimId,
  highlightId,
  stance: i % 3 === 2 ? 'contradicts' : 'supports',
  credibility: null,
  note: '',
  createdAt: at,
})
/** A figure for every quote of a toll: enough to see which evidence the first screen keeps. */
const figuresOf = (h: Highlight): Figure[] => (h.exact.startsWith('toll') ? [{ text: h.exact } as unknown as Figure] : [])

/** Claim c<k> has k pieces of evidence over the four outlets; every fifth quote states a figure. */
function board() {
  const claims: Claim[] = []
  const highlights: Highlight[] = []
  const links: EvidenceLink[] = []
  for (let k = 0; k <= 9; k++) {
    claims.push(claim(`c${k}`))
    for (let i = 0; i < k; i++) {
      const id = `c${k}e${i}`
      highlights.push(highlight(`h${id}`, `a${(i * 7 + k) % outlets.length}`, i % 5 === 4 ? `toll of ${100 + i} in ${id}` : `quote ${id} word${i}`))
      links.push(link(`l${id}`, `c${k}`, `h${id}`, i))
    }
  }
  const byId = new Map(articles.map((a) => [a.id, a]))
  return buildBoardView({ claims, links, highlights, sourceGrades: [], articleById: (id) => byId.get(id), figuresOf })
}

const evidenceOf = (card: BoardClaim) => card.groups.flatMap((g) => g.evidence)
/** What a collapsed card draws (ClaimCardView): groups in order, evidence until the budget is spent. */
function drawnCollapsed(card: BoardClaim, budget: number): string[] {
  const drawn: string[] = []
  for (const g of card.groups) for (const e of g.evidence.slice(0, Math.max(0, budget - drawn.length))) drawn.push(e.linkId)
  return drawn
}

describe('firstScreenBoard', () => {
  it('keeps every card with its counts, status and origin groups, and the evidence a collapsed card draws', () => {
    const full = board()
    const first = firstScreenBoard(full, 3)
    expect(first.partial).toBe(true)
    expect(first.articles).toBe(full.articles)
    expect(first.sources).toBe(full.sources)
    expect(first.claims.map((c) => c.claim.id)).toEqual(full.claims.map((c) => c.claim.id))
    first.claims.forEach((card, i) => {
      const whole = full.claims[i]!
      const { groups, evidenceCount, searchText, ...counts } = card
      const { groups: wholeGroups, ...wholeCounts } = whole
      expect(counts).toEqual(wholeCounts)
      expect(groups.map(({ evidence, ...g }) => g)).toEqual(wholeGroups.map(({ evidence, ...g }) => g))
      expect(evidenceCount).toBe(evidenceOf(whole).length)
      expect(evidenceCountOf(card)).toBe(evidenceCountOf(whole))
      expect(drawnCollapsed(card, 3)).toEqual(drawnCollapsed(whole, 3))
      // The rest of its evidence is left out, except what states a figure (the card compares them all).
      const firstThree = new Set(drawnCollapsed(whole, 3))
      expect(evidenceOf(card).map((e) => e.linkId)).toEqual(
        evidenceOf(whole)
          .filter((e) => firstThree.has(e.linkId) || e.figures)
          .map((e) => e.linkId),
      )
      expect(evidenceOf(card).filter((e) => e.figures)).toEqual(evidenceOf(whole).filter((e) => e.figures))
      // The filter matches on the whole card: a quote it no longer carries still finds it.
      expect(searchText).toBe(claimSearchText(whole, full))
    })
    const last = first.claims[9]!
    expect(evidenceOf(last).length).toBeLessThan(9)
    expect(matchesFilter(last.searchText!, filterWords('word7'))).toBe(true)
    expect(evidenceOf(last).some((e) => e.quote.includes('word7'))).toBe(false)
  })

  it('leaves a card with no more evidence than it draws as it was', () => {
    const full = board()
    const first = firstScreenBoard(full, 3)
    for (const k of [0, 1, 2, 3]) expect(first.claims[k]!.groups).toEqual(full.claims[k]!.groups)
  })
})
