// Assembles the claim board from the stored records: each claim with its evidence grouped by
// independent origin (DECISIONS section 9: evidence sharing any origin is one group), and its status —
// derived from the groups, or the analyst's override. Pure: the service, the exports and tests share it.

import type { Article, Claim, ClaimCard, EvidenceLink, EvidenceView, Highlight, SourceGrade, SourceGroup } from '../model'
import { countOutlets, groupClaimEvidence } from '../provenance/claim-origins'
import { groupingKeys } from '../provenance/origin-groups'
import { traceOrigins, type OriginContext } from '../provenance/origins'
import { tallyClaim } from './claim-status'
import type { Figure } from '../figures/figure'

type BoardArticle = Pick<Article, 'id' | 'title' | 'outlet' | 'nearDuplicateOf'> & Partial<Pick<Article, 'outletSource'>>

export interface BoardRecords {
  claims: readonly Claim[]
  links: readonly EvidenceLink[]
  highlights: readonly Highlight[]
  sourceGrades: readonly SourceGrade[]
  articleById: (id: string) => BoardArticle | undefined
  /** Credits and copied passages (the provenance index); without it evidence is traced to outlets and originals only. */
  origins?: OriginContext
  /** The figures a highlight's quote states (issue 20); the board view carries them when given. */
  figuresOf?: (highlight: Highlight) => Figure[]
}

/** Near-duplicate chains longer than this are treated as broken data, not followed for ever. */
const MAX_DUPLICATE_CHAIN = 16

/**
 * The article whose source an article's evidence counts for: a near-duplicate (a syndicated copy, a
 * lightly edited version) speaks with its original's voice, not its own.
 */
export function originalOf(article: BoardArticle, articleById: (id: string) => BoardArticle | undefined): BoardArticle {
  let current = article
  for (let i = 0; i < MAX_DUPLICATE_CHAIN && current.nearDuplicateOf; i++) {
    const next = articleById(current.nearDuplicateOf)
    if (!next || next.id === article.id) break
    current = next
  }
  return current
}

/** An origin context that knows articles only: evidence is traced to outlets and near-duplicate originals. */
export function originContextOf(articleById: (id: string) => BoardArticle | undefined): OriginContext {
  return { article: articleById, provenance: () => undefined }
}

export function buildClaimBoard({ claims, links, highlights, sourceGrades, articleById, origins }: BoardRecords): ClaimCard[] {
  const context = origins ?? originContextOf(articleById)
  const highlightById = new Map(highlights.map((h) => [h.id, h]))
  const grade = new Map(sourceGrades.map((g) => [g.sourceKey, g.reliability]))
  const linksByClaim = new Map<string, EvidenceLink[]>()
  for (const link of links) {
    const list = linksByClaim.get(link.claimId) ?? []
    list.push(link)
    linksByClaim.set(link.claimId, list)
  }

  return claims.map((claim) => {
    const items = []
    // The claim's articles, each looked up once (evidence often shares an article; countOutlets reads them again).
    const articles = new Map<string, BoardArticle>()
    for (const link of linksByClaim.get(claim.id) ?? []) {
      const highlight = highlightById.get(link.highlightId)
      const article = highlight && (articles.get(highlight.articleId) ?? articleById(highlight.articleId))
      if (!highlight || !article) continue
      articles.set(article.id, article)
      const traced = traceOrigins(context, article.id, highlight)
      const view: EvidenceView = {
        linkId: link.id,
        stance: link.stance,
        credibility: link.credibility,
        note: link.note,
        highlight,
        articleTitle: article.title,
        origins: traced.origins.map((o) => o.label),
        chain: traced.chain,
      }
      if (article.outletSource) view.outletSource = article.outletSource
      items.push({ linkId: link.id, stance: link.stance, articleId: article.id, origins: traced.origins, chain: traced.chain, view })
    }
    const overrides = claim.originOverrides ?? []
    // Each evidence's grouping keys, once: the tally and the groups both read them.
    const keys = items.map((e) => groupingKeys(e, overrides))
    const tally = tallyClaim(items.map((e, i) => ({ sourceKey: e.articleId, stance: e.stance, originKeys: keys[i] as string[] })))
    const groups = groupClaimEvidence(items, overrides, keys)
    const sources: SourceGroup[] = groups.map((g) => ({
      sourceKey: g.gradeKey,
      sourceLabel: g.label,
      reliability: grade.get(g.gradeKey) ?? null,
      articleCount: g.articles.length,
      evidence: g.evidence.map((e) => e.view),
      kind: g.kind,
      copies: g.copies,
      overridden: g.overridden,
    }))
    // The keys of `{ claim, ...tally, derivedStatus, … }`, in that order, without spread syntax: see copy-with.ts.
    return Object.assign({ claim }, tally, {
      derivedStatus: tally.status,
      status: claim.statusOverride?.status ?? tally.status,
      articleCount: articles.size,
      outlets: countOutlets([...articles.values()]),
      origins: groups.map((g) => ({ label: g.label, kind: g.kind, articles: g.articles })),
      sources,
    })
  })
}
