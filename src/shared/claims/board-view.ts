// The claim board as the renderer receives it: only what the cards, lanes and matrix show. Each
// piece of evidence carries its stance, grade, quote and an index into one article table, and each
// article an index into one source table, so titles, outlets and grades travel once per board rather
// than once per link (a 1,000-claim, 10,000-link board went from 5.8 MB of JSON to a fraction of it).
// The highlight behind a link (its id, positions, context, dates) is fetched when the evidence is
// opened (getEvidence). Pure: the service builds it, the renderer regroups a card with it after an optimistic move.

import type { Claim, ClaimStanding, Credibility, Reliability, Stance } from '../model'
import type { Figure } from '../figures/figure'
import type { ClaimDates } from '../chronology/timeline'
import type { BoardRecords } from './claim-board'
import { originalOf } from './claim-board'
import { sourceKeyOf, tallyClaim } from './claim-status'

export interface BoardSource {
  /** Identity used to count independent sources (see claim-status). */
  key: string
  label: string
  reliability: Reliability | null
}

export interface BoardArticle {
  id: string
  title: string
  /** Index into BoardView.sources: the source this article's evidence counts for (its original's, for a copy). */
  source: number
}

export interface BoardEvidence {
  linkId: string
  /** Index into BoardView.articles. */
  article: number
  stance: Stance
  quote: string
  /** Absent when ungraded or empty: most links carry neither, and 10,000 links make every byte count. */
  credibility?: Credibility
  note?: string
  /** The quote is no longer in the article's current text. */
  orphaned?: true
  /** The figures the quote states (issue 20); absent when none, as most quotes state none. */
  figures?: Figure[]
}

export interface BoardSourceGroup {
  /** Index into BoardView.sources. */
  source: number
  /** Distinct articles in the group: more than one means copies that add no independence. */
  articleCount: number
  evidence: BoardEvidence[]
}

export interface BoardClaim extends ClaimStanding {
  groups: BoardSourceGroup[]
  /** The days the evidence quotes name (src/shared/chronology), when any; conflict when two or more differ. */
  dates?: ClaimDates
}

export interface BoardView {
  claims: BoardClaim[]
  articles: BoardArticle[]
  sources: BoardSource[]
}

/**
 * One claim's card from its evidence, in the order given: grouped by source (groups in order of
 * first evidence), counted, and its status derived. The only place a card's numbers are worked out.
 */
export function boardClaimOf(claim: Claim, evidence: readonly BoardEvidence[], articles: readonly BoardArticle[], sources: readonly BoardSource[]): BoardClaim {
  const groups = new Map<number, BoardSourceGroup & { articleIds: Set<number> }>()
  for (const e of evidence) {
    const source = (articles[e.article] as BoardArticle).source
    let group = groups.get(source)
    if (!group) {
      group = { source, articleCount: 0, evidence: [], articleIds: new Set() }
      groups.set(source, group)
    }
    group.articleIds.add(e.article)
    group.evidence.push(e)
  }
  const stanced = evidence.map((e) => ({ sourceKey: (sources[(articles[e.article] as BoardArticle).source] as BoardSource).key, stance: e.stance }))
  const tally = tallyClaim(stanced)
  let articleCount = 0
  const grouped: BoardSourceGroup[] = []
  for (const { articleIds, ...group } of groups.values()) {
    group.articleCount = articleIds.size
    articleCount += articleIds.size
    grouped.push(group)
  }
  return {
    claim,
    ...tally,
    derivedStatus: tally.status,
    status: claim.statusOverride?.status ?? tally.status,
    articleCount,
    groups: grouped,
  }
}

/**
 * The whole board in one pass over the links: each article's source is resolved once (not once per
 * link), and each claim's links are bucketed before any card is built.
 */
export function buildBoardView({ claims, links, highlights, sourceGrades, articleById, figuresOf }: BoardRecords): BoardView {
  const highlightById = new Map(highlights.map((h) => [h.id, h]))
  const grade = new Map(sourceGrades.map((g) => [g.sourceKey, g.reliability]))
  const articles: BoardArticle[] = []
  const sources: BoardSource[] = []
  const articleIndex = new Map<string, number>()
  const sourceIndex = new Map<string, number>()

  const indexOfArticle = (articleId: string): number | undefined => {
    const known = articleIndex.get(articleId)
    if (known !== undefined) return known
    const article = articleById(articleId)
    if (!article) return undefined
    const original = originalOf(article, articleById)
    const key = sourceKeyOf(original)
    let source = sourceIndex.get(key)
    if (source === undefined) {
      source = sources.push({ key, label: original.outlet ?? original.title, reliability: grade.get(key) ?? null }) - 1
      sourceIndex.set(key, source)
    }
    const index = articles.push({ id: article.id, title: article.title, source }) - 1
    articleIndex.set(articleId, index)
    return index
  }

  const evidenceByClaim = new Map<string, BoardEvidence[]>()
  for (const link of links) {
    const highlight = highlightById.get(link.highlightId)
    const article = highlight && indexOfArticle(highlight.articleId)
    if (!highlight || article === undefined) continue
    const evidence: BoardEvidence = { linkId: link.id, article, stance: link.stance, quote: highlight.exact }
    if (link.credibility !== null) evidence.credibility = link.credibility
    if (link.note) evidence.note = link.note
    if (highlight.orphaned) evidence.orphaned = true
    const figures = figuresOf?.(highlight)
    if (figures && figures.length > 0) evidence.figures = figures
    const list = evidenceByClaim.get(link.claimId)
    if (list) list.push(evidence)
    else evidenceByClaim.set(link.claimId, [evidence])
  }

  return {
    claims: claims.map((claim) => boardClaimOf(claim, evidenceByClaim.get(claim.id) ?? [], articles, sources)),
    articles,
    sources,
  }
}
