// A claim's evidence grouped into independent origins, the numbers and words a card shows of them:
// "6 articles · 6 outlets · 3 independent origins: Reuters (3 articles), Northern Post (2, one copied
// without credit), Metro Daily". Shared by the full claim board (CLI, exports) and the renderer's
// compact board view, so both say the same. Pure.

import { sourceKeyOf } from '../claims/claim-status'
import { copyWith } from '../copy-with'
import { groupIndices, groupingKeys, summariseGroup, type GroupableEvidence, type OriginOverride } from './origin-groups'
import type { Origin } from './origins'

export interface ClaimOriginGroup<E> {
  label: string
  key: string
  kind: Origin['kind']
  /** The key a reliability grade is kept under: an outlet's as before origins ("outlet:the national"), else "origin:<key>". */
  gradeKey: string
  /** Distinct articles, in order of first evidence. */
  articles: string[]
  /** Articles whose evidence reaches this origin only as a copy (a copied passage or a near-duplicate). */
  copies: number
  /** An analyst's split or join shaped this group. */
  overridden: boolean
  evidence: E[]
}

export interface GroupedEvidence extends GroupableEvidence {
  /** The evidence's chain: "SOHR via AFP". */
  chain: string
}

/** A chain that reaches its origin through a copy (origins.ts writes these words). */
const COPIED_CHAIN = /\((?:copied from|near-duplicate of) /

/** Groups evidence sharing any origin (after the analyst's overrides), in order of first evidence. */
export function groupClaimEvidence<E extends GroupedEvidence>(
  evidence: readonly E[],
  overrides: readonly OriginOverride[],
  /** Each evidence's groupingKeys, when the caller has them already. */
  keys: readonly (readonly string[])[] = evidence.map((e) => groupingKeys(e, overrides)),
): ClaimOriginGroup<E>[] {
  const touched = new Set(overrides.flatMap((o) => o.linkIds))
  return groupIndices(keys)
    .sort((a, b) => (a[0] as number) - (b[0] as number))
    .map((indices) => {
      const members = indices.map((i) => evidence[i] as E)
      const summary = summariseGroup(members)
      const copied = new Set(members.filter((e) => COPIED_CHAIN.test(e.chain) || e.origins.some((o) => o.kind === 'copied-passage')).map((e) => e.articleId))
      return copyWith(summary, {
        gradeKey: gradeKeyOf(summary),
        copies: copied.size,
        overridden: members.some((e) => touched.has(e.linkId)),
        evidence: members,
      })
    })
}

/** Distinct outlets among the articles (an article with no outlet known counts as its own). */
export function countOutlets(articles: readonly { id: string; outlet: string | null }[]): number {
  return new Set(articles.map((a) => sourceKeyOf(a))).size
}

/** "Reuters (3 articles)", "Northern Post (2 articles, one copied without credit)", "Metro Daily". */
export function describeGroup(group: Pick<ClaimOriginGroup<unknown>, 'label' | 'articles' | 'copies'>): string {
  const n = group.articles.length
  if (n === 1 && group.copies === 0) return group.label
  const copies = group.copies === 0 ? '' : `, ${group.copies === 1 ? 'one' : group.copies} copied without credit`
  return `${group.label} (${n} ${n === 1 ? 'article' : 'articles'}${copies})`
}

/** The card's headline: "6 articles · 6 outlets · 3 independent origins". */
export function describeCounts(articles: number, outlets: number, origins: number): string {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`
  return `${plural(articles, 'article', 'articles')} · ${plural(outlets, 'outlet', 'outlets')} · ${plural(origins, 'independent origin', 'independent origins')}`
}

export function gradeKeyOf(group: { key: string; kind: Origin['kind']; label: string }): string {
  if (group.key.startsWith('article:')) return group.key
  if (group.kind === 'outlet' || group.kind === 'near-duplicate') return sourceKeyOf({ id: '', outlet: group.label })
  return `origin:${group.key}`
}
