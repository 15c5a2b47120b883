// Assembles the claim board from the stored records: each claim with its evidence grouped by
// independent source, and its status — derived from the evidence, or the analyst's override. Pure:
// the service, the exports and tests share it.

import type { Article, Claim, ClaimCard, EvidenceLink, Highlight, SourceGrade, SourceGroup } from '../model'
import type { Figure } from '../figures/figure'
import { sourceKeyOf, tallyClaim } from './claim-status'

type BoardArticle = Pick<Article, 'id' | 'title' | 'outlet' | 'nearDuplicateOf'>

export interface BoardRecords {
  claims: readonly Claim[]
  links: readonly EvidenceLink[]
  highlights: readonly Highlight[]
  sourceGrades: readonly SourceGrade[]
  articleById: (id: string) => BoardArticle | undefined
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

export function buildClaimBoard({ claims, links, highlights, sourceGrades, articleById }: BoardRecords): ClaimCard[] {
  const highlightById = new Map(highlights.map((h) => [h.id, h]))
  const grade = new Map(sourceGrades.map((g) => [g.sourceKey, g.reliability]))
  const linksByClaim = new Map<string, EvidenceLink[]>()
  for (const link of links) {
    const list = linksByClaim.get(link.claimId) ?? []
    list.push(link)
    linksByClaim.set(link.claimId, list)
  }

  return claims.map((claim) => {
    const groups = new Map<string, SourceGroup & { articles: Set<string> }>()
    for (const link of linksByClaim.get(claim.id) ?? []) {
      const highlight = highlightById.get(link.highlightId)
      const article = highlight && articleById(highlight.articleId)
      if (!highlight || !article) continue
      const original = originalOf(article, articleById)
      const sourceKey = sourceKeyOf(original)
      const group = groups.get(sourceKey) ?? {
        sourceKey,
        sourceLabel: original.outlet ?? original.title,
        reliability: grade.get(sourceKey) ?? null,
        articleCount: 0,
        evidence: [],
        articles: new Set<string>(),
      }
      group.articles.add(article.id)
      group.articleCount = group.articles.size
      group.evidence.push({ linkId: link.id, stance: link.stance, credibility: link.credibility, note: link.note, highlight, articleTitle: article.title })
      groups.set(sourceKey, group)
    }
    const sources: SourceGroup[] = [...groups.values()].map(({ articles: _articles, ...group }) => group)
    const tally = tallyClaim(sources.flatMap((g) => g.evidence.map((e) => ({ sourceKey: g.sourceKey, stance: e.stance }))))
    return {
      claim,
      ...tally,
      derivedStatus: tally.status,
      status: claim.statusOverride?.status ?? tally.status,
      articleCount: sources.reduce((n, g) => n + g.articleCount, 0),
      sources,
    }
  })
}
