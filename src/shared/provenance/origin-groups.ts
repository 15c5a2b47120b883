// Groups a claim's evidence by origin: pieces of evidence that share any origin are one group
// (union-find over origin keys), and a claim's independent sources are its groups (DECISIONS section 9).
// The analyst may overrule the grouping with a reason: a split keeps the listed evidence from sharing
// a group with the rest (each override's evidence is keyed apart), a join makes the listed evidence
// one group (a key they all share). Pure.

import type { Stance } from '../model'
import type { Origin } from './origins'

export interface OriginOverride {
  id: string
  action: 'split' | 'join'
  /** The evidence links it applies to. */
  linkIds: string[]
  reason: string
  createdAt: string
}

export interface GroupableEvidence {
  linkId: string
  stance: Stance
  articleId: string
  origins: readonly Origin[]
}

/**
 * The keys an evidence item is grouped by once the overrides apply: its origins' keys, each prefixed by
 * the last split that holds it, plus one key per join that holds it. tallyClaim counts groups from these.
 */
export function groupingKeys(evidence: GroupableEvidence, overrides: readonly OriginOverride[]): string[] {
  // Most claims have no overrides: their keys are the origins' keys (no copy of the overrides to search).
  if (overrides.length === 0) return evidence.origins.map((o) => o.key)
  const split = [...overrides].reverse().find((o) => o.action === 'split' && o.linkIds.includes(evidence.linkId))
  const keys = evidence.origins.map((o) => (split ? `split:${split.id}|${o.key}` : o.key))
  for (const o of overrides) if (o.action === 'join' && o.linkIds.includes(evidence.linkId)) keys.push(`join:${o.id}`)
  return keys
}

/** Indices of `items` in groups: each group's members share a key, directly or through others. */
export function groupIndices(keysOf: readonly (readonly string[])[]): number[][] {
  const parent = keysOf.map((_, i) => i)
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number
      i = parent[i] as number
    }
    return i
  }
  const firstWithKey = new Map<string, number>()
  keysOf.forEach((keys, i) => {
    for (const key of keys) {
      const other = firstWithKey.get(key)
      if (other === undefined) firstWithKey.set(key, i)
      else parent[find(i)] = find(other)
    }
  })
  const groups = new Map<number, number[]>()
  keysOf.forEach((_, i) => {
    const root = find(i)
    const group = groups.get(root)
    if (group) group.push(i)
    else groups.set(root, [i])
  })
  return [...groups.values()]
}

export interface OriginGroupSummary {
  /** The origin most of the group's evidence traces to: its name for the group. */
  label: string
  key: string
  kind: Origin['kind']
  /** Distinct articles in the group, in order of first evidence. */
  articles: string[]
}

/** Names a group by its most shared origin (ties: the first met), and lists its articles. */
export function summariseGroup(members: readonly GroupableEvidence[]): OriginGroupSummary {
  const counts = new Map<string, { origin: Origin; articles: Set<string> }>()
  const articles: string[] = []
  for (const e of members) {
    if (!articles.includes(e.articleId)) articles.push(e.articleId)
    for (const o of e.origins) {
      const entry = counts.get(o.key) ?? { origin: o, articles: new Set<string>() }
      entry.articles.add(e.articleId)
      counts.set(o.key, entry)
    }
  }
  let best: { origin: Origin; articles: Set<string> } | undefined
  for (const entry of counts.values()) if (!best || entry.articles.size > best.articles.size) best = entry
  const origin = best?.origin ?? { key: 'unknown', label: 'Unknown', kind: 'outlet' as const }
  return { label: origin.label, key: origin.key, kind: origin.kind, articles }
}
