import { describe, expect, it } from 'vitest'
import type { Article, Claim, EvidenceLink, Highlight, Stance } from '../model'
import { claimSearchText, filterWords, matchesFilter } from './board-filter'
import { boardClaimOf, buildBoardView } from './board-view'
import { buildClaimBoard, type BoardRecords } from './claim-board'

const at = '2026-01-01T00:00:00.000Z'
const article = (id: string, outlet: string | null, nearDuplicateOf: string | null = null): Pick<Article, 'id' | 'title' | 'outlet' | 'nearDuplicateOf'> => ({
  id,
  title: `Title ${id}`,
  outlet,
  nearDuplicateOf,
})
const claim = (id: string, text: string, override: Claim['statusOverride'] = null): Claim => ({
  id,
  text,
  tags: ['t'],
  note: '',
  statusOverride: override,
  createdAt: at,
  updatedAt: at,
})
const highlight = (id: string, articleId: string, exact: string, orphaned = false): Highlight => ({
  id,
  articleId,
  start: 0,
  end: exact.length,
  exact,
  prefix: 'before ',
  suffix: ' after',
  orphaned,
  note: '',
  createdAt: at,
})
const link = (id: string, claimId: string, highlightId: string, stance: Stance, note = ''): EvidenceLink => ({
  id,
  claimId,
  highlightId,
  stance,
  credibility: note ? 2 : null,
  note,
  createdAt: at,
})

function records(): BoardRecords {
  const articles = [article('a1', 'Wire'), article('a2', 'wire '), article('a3', 'Daily', null), article('a4', null), article('copy', 'Other', 'a3')]
  const byId = new Map(articles.map((a) => [a.id, a]))
  return {
    claims: [claim('c1', 'Talks in Baku'), claim('c2', 'Toll over 1,400', { status: 'contested', reason: 'counts differ' }), claim('c3', 'Nothing yet')],
    highlights: [
      highlight('h1', 'a1', 'met in Baku'),
      highlight('h2', 'a2', 'in Baku'),
      highlight('h3', 'a3', 'Baku talks', true),
      highlight('h4', 'copy', 'Baku talks'),
      highlight('h5', 'a4', '1,400 dead'),
      highlight('h6', 'gone', 'lost'),
    ],
    links: [
      link('l1', 'c1', 'h1', 'supports'),
      link('l2', 'c2', 'h5', 'contradicts', 'SOHR'),
      link('l3', 'c1', 'h2', 'supports'),
      link('l4', 'c1', 'h3', 'contradicts'),
      link('l5', 'c1', 'h4', 'context'),
      link('l6', 'c2', 'h6', 'supports'),
    ],
    sourceGrades: [{ sourceKey: 'outlet:wire', reliability: 'B' }],
    articleById: (id) => byId.get(id),
  }
}

describe('buildBoardView', () => {
  it('counts, groups and grades every claim as the full claim cards do', () => {
    const view = buildBoardView(records())
    const cards = buildClaimBoard(records())
    expect(view.claims.map((c) => c.claim.id)).toEqual(cards.map((c) => c.claim.id))
    view.claims.forEach((boardClaim, i) => {
      const card = cards[i]!
      const { groups, ...counts } = boardClaim
      const { sources, origins, ...cardCounts } = card
      expect(counts).toEqual(cardCounts)
      // The card's independent origins are not sent apart: its groups say the same.
      expect(
        groups.map((g) => ({
          label: view.sources[g.source]!.label,
          kind: view.sources[g.source]!.kind,
          articles: [...new Set(g.evidence.map((e) => view.articles[e.article]!.id))],
        })),
      ).toEqual(origins)
      expect(
        groups.map((g) => ({
          key: view.sources[g.source]!.key,
          label: view.sources[g.source]!.label,
          reliability: view.sources[g.source]!.reliability,
          articleCount: g.articleCount,
          evidence: g.evidence.map((e) => [e.linkId, e.stance, e.quote, view.articles[e.article]!.title]),
        })),
      ).toEqual(
        sources.map((g) => ({
          key: g.sourceKey,
          label: g.sourceLabel,
          reliability: g.reliability,
          articleCount: g.articleCount,
          evidence: g.evidence.map((e) => [e.linkId, e.stance, e.highlight.exact, e.articleTitle]),
        })),
      )
    })
  })

  it('sends each article and source once, a copy under its original, and only the fields a card shows', () => {
    const view = buildBoardView(records())
    expect(view.articles.map((a) => a.id)).toEqual(['a1', 'a4', 'a2', 'a3', 'copy'])
    expect(view.sources.map((s) => s.key)).toEqual(['outlet:wire', 'article:a4', 'outlet:daily'])
    expect(view.articles.find((a) => a.id === 'copy')!.source).toBe(view.articles.find((a) => a.id === 'a3')!.source)
    const c1 = view.claims[0]!
    expect(c1).toMatchObject({ status: 'contested', sourceCount: 2, articleCount: 4 })
    expect(c1.groups[1]).toMatchObject({ articleCount: 2 })
    expect(c1.groups[1]!.evidence[0]).toEqual({ linkId: 'l4', article: 3, stance: 'contradicts', quote: 'Baku talks', orphaned: true })
    expect(view.claims[1]!.groups[0]!.evidence[0]).toEqual({ linkId: 'l2', article: 1, stance: 'contradicts', quote: '1,400 dead', credibility: 2, note: 'SOHR' })
    expect(JSON.stringify(view)).not.toMatch(/before|after|createdAt.*createdAt.*createdAt.*createdAt.*createdAt/)
  })

  it('regroups a card the same way after evidence moves between claims', () => {
    const view = buildBoardView(records())
    const [c1, c2] = view.claims
    const moved = c1!.groups[0]!.evidence[0]!
    const rest = c1!.groups.flatMap((g) => g.evidence).filter((e) => e !== moved)
    const from = boardClaimOf(c1!.claim, rest, view.articles, view.sources)
    const to = boardClaimOf(c2!.claim, [...c2!.groups.flatMap((g) => g.evidence), moved], view.articles, view.sources)
    expect(from).toMatchObject({ status: 'contested', sourceCount: 2, articleCount: 3 })
    expect(to).toMatchObject({ status: 'contested', derivedStatus: 'contested', sourceCount: 2, supportingSources: 1, contradictingSources: 1 })
  })
})

describe('the board filter', () => {
  it('needs every word, anywhere on the card: statement, source, stance or quote', () => {
    const view = buildBoardView(records())
    const texts = view.claims.map((c) => claimSearchText(c, view))
    const shown = (filter: string) => view.claims.filter((_, i) => matchesFilter(texts[i]!, filterWords(filter))).map((c) => c.claim.id)
    expect(shown('')).toEqual(['c1', 'c2', 'c3'])
    expect(shown('BAKU wire')).toEqual(['c1'])
    expect(shown('contradicts 1,400')).toEqual(['c2'])
    expect(shown('no evidence')).toEqual(['c3'])
    expect(shown('baku 1,400')).toEqual([])
  })
})
