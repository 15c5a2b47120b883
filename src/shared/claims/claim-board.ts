// Assembles the claim board from the stored records: each claim with its evidence grouped by
// source and its derived status. Pure: the service, the exports and tests share it.

import type { Article, Claim, ClaimCard, EvidenceLink, Highlight, SourceGroup } from '../model'
import { sourceKeyOf, tallyClaim } from './claim-status'

export interface BoardRecords {
  claims: readonly Claim[]
  links: readonly EvidenceLink[]
  highlights: readonly Highlight[]
  articleById: (id: string) => Pick<Article, 'id' | 'title' | 'outlet'> | undefined
}

export function buildClaimBoard({ claims, links, highlights, articleById }: BoardRecords): ClaimCard[] {
  const highlightById = new Map(highlights.map((h) => [h.id, h]))
  const linksByClaim = new Map<string, EvidenceLink[]>()
  for (const link of links) {
    const list = linksByClaim.get(link.claimId) ?? []
    list.push(link)
    linksByClaim.set(link.claimId, list)
  }

  return claims.map((claim) => {
    const groups = new Map<string, SourceGroup>()
    for (const link of linksByClaim.get(claim.id) ?? []) {
      const highlight = highlightById.get(link.highlightId)
      const article = highlight && articleById(highlight.articleId)
      if (!highlight || !article) continue
      const sourceKey = sourceKeyOf(article)
      const group = groups.get(sourceKey) ?? { sourceKey, sourceLabel: article.outlet ?? article.title, evidence: [] }
      group.evidence.push({ linkId: link.id, stance: link.stance, highlight, articleTitle: article.title })
      groups.set(sourceKey, group)
    }
    const sources = [...groups.values()]
    const tally = tallyClaim(sources.flatMap((g) => g.evidence.map((e) => ({ sourceKey: g.sourceKey, stance: e.stance }))))
    return { claim, ...tally, sources }
  })
}
