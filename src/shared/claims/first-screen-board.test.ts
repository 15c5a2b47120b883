import { describe, expect, it } from 'vitest'
import type { Figure } from '../figures/figure'
import type { Article, Claim, EvidenceLink, Highlight } from '../model'
import { claimSearchText, filterWords, matchesFilter } from './board-filter'
import { buildBoardView, type BoardClaim } from './board-view'
import { lanesOf, sortCards } from './board-lanes'
import { evidenceCountOf, filterNeedsFullBoard, firstScreenBoard } from './first-screen-board'
import { claimRecord, highlightRecord } from './test-records'

const at = '2026-01-01T00:00:00.000Z'
const outlets = ['Wire', 'Daily', 'Post', 'Herald']
const articles: Pick<Article, 'id' | 'title' | 'outlet' | 'nearDuplicateOf'>[] = outlets.map((outlet, i) => ({
  id: `a${i}`,
  title: `Title ${i}`,
  outlet,
  nearDuplicateOf: null,
}))
const claim = (id: string): Claim => claimRecord(id, `Statement ${id}`)
const highlight = highlightRecord
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
    const first = firstScreenBoard(full, { evidencePerCard: 3 })
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
    const first = firstScreenBoard(full, { evidencePerCard: 3 })
    for (const k of [0, 1, 2, 3]) expect(first.claims[k]!.groups).toEqual(full.claims[k]!.groups)
  })

  it('with cardsPerLane, carries whole only the top of each lane as the board first orders it, and outlines every other card', () => {
    const full = board()
    // A whole card's dates line names its sources by article id: that article must travel too.
    const dated = full.claims.find((c) => c.claim.id === 'c1')!
    dated.dates = { days: [{ date: '2025-07-12', articleIds: ['a3'] }], conflict: false }
    const perLane = 1
    const first = firstScreenBoard(full, { evidencePerCard: 3, cardsPerLane: perLane })
    const cut = firstScreenBoard(full, { evidencePerCard: 3 })
    const top = new Set(lanesOf(sortCards(full.claims, 'sources'), 'status').flatMap((lane) => lane.cards.slice(0, perLane).map((c) => c.claim.id)))
    expect(top.has('c1')).toBe(true)
    expect(top.size).toBeLessThan(full.claims.length - 1)

    expect(first.partial).toBe(true)
    expect(first.sources).toBe(full.sources)
    expect(first.claims.map((c) => c.claim.id)).toEqual(full.claims.map((c) => c.claim.id))
    const named = new Set<string>()
    first.claims.forEach((card, i) => {
      const whole = full.claims[i]!
      expect(card.evidenceCount).toBe(evidenceOf(whole).length)
      if (top.has(card.claim.id) || evidenceOf(whole).length === 0) {
        expect(card.searchText).toBe(claimSearchText(whole, full))
        // Whole: as the first screen without cardsPerLane cuts it, its evidence pointing into the cut article table.
        expect(card.outline).toBeUndefined()
        const { groups, ...rest } = card
        const { groups: cutGroups, ...cutRest } = cut.claims[i]!
        expect(rest).toEqual(cutRest)
        expect(groups.map(({ evidence, ...g }) => g)).toEqual(cutGroups.map(({ evidence, ...g }) => g))
        const ours = groups.flatMap((g) => g.evidence)
        const theirs = cutGroups.flatMap((g) => g.evidence)
        expect(ours.map(({ article, ...e }) => e)).toEqual(theirs.map(({ article, ...e }) => e))
        expect(ours.map((e) => first.articles[e.article])).toEqual(theirs.map((e) => full.articles[e.article]))
        for (const e of ours) named.add(first.articles[e.article]!.id)
        for (const day of card.dates?.days ?? []) for (const id of day.articleIds) named.add(id)
      } else {
        // An outline: its statement, status and counts, nothing it would draw below them, and no
        // filter text (a filter waits for the full board).
        expect(card.outline).toBe(true)
        expect(card.groups).toEqual([])
        const { groups: _g, dates: _d, entities: _e, ...counts } = whole
        const { groups: _og, evidenceCount: _c, outline: _o, ...outlineCounts } = card
        expect(outlineCounts).toEqual(counts)
        expect('dates' in card || 'entities' in card || 'searchText' in card).toBe(false)
      }
    })
    // The article table holds exactly the articles the whole cards name, the dated card's too.
    expect(new Set(first.articles.map((a) => a.id))).toEqual(named)
    expect(first.articles).toHaveLength(named.size)
    expect(named.has('a3')).toBe(true)
  })

  it('outlines no card that has no evidence, and none at all when every card fits the top of its lane', () => {
    const full = board()
    expect(firstScreenBoard(full, { evidencePerCard: 3, cardsPerLane: 1 }).claims[0]!.outline).toBeUndefined()
    const roomy = firstScreenBoard(full, { evidencePerCard: 3, cardsPerLane: full.claims.length })
    expect(roomy.claims.filter((c) => c.outline)).toEqual([])
  })

  it('makes the filter wait for the full board only while some card is an outline', () => {
    const full = board()
    expect(filterNeedsFullBoard(firstScreenBoard(full, { evidencePerCard: 3, cardsPerLane: 1 }))).toBe(true)
    // Whole cards carry their filter text, however little evidence they keep.
    expect(filterNeedsFullBoard(firstScreenBoard(full, { evidencePerCard: 3 }))).toBe(false)
    expect(filterNeedsFullBoard(firstScreenBoard(full, { evidencePerCard: 3, cardsPerLane: full.claims.length }))).toBe(false)
    expect(filterNeedsFullBoard(full)).toBe(false)
  })
})
