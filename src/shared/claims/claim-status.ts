// Derives a claim's status from its evidence. Independent origins, not highlights nor outlets, are
// what corroborate (DECISIONS section 9): three outlets printing one AFP report are one voice, and
// evidence that shares any origin (directly or through other evidence) is one group. Supporting and
// contradicting evidence are each grouped among their stance. Pure: the board, the CLI and the
// exports share it.

import type { ClaimStatus, Stance } from '../model'
import { groupIndices } from '../provenance/origin-groups'

export interface StancedSource {
  /** The evidence's source when nothing finer is known (its outlet); used when originKeys is absent. */
  sourceKey: string
  stance: Stance
  /** The keys of the evidence's origins (provenance/origin-groups groupingKeys): evidence sharing one is one source. */
  originKeys?: readonly string[]
}

export interface ClaimTally {
  status: ClaimStatus
  /** Independent origins (groups) among all the claim's evidence, context included. */
  sourceCount: number
  supportingSources: number
  contradictingSources: number
}

/** Corroboration needs this many independent supporting sources. */
export const CORROBORATION_THRESHOLD = 2

export function tallyClaim(evidence: readonly StancedSource[]): ClaimTally {
  const groupsAmong = (items: readonly StancedSource[]) => groupIndices(items.map((e) => e.originKeys ?? [e.sourceKey])).length
  const supporting = groupsAmong(evidence.filter((e) => e.stance === 'supports'))
  const contradicting = groupsAmong(evidence.filter((e) => e.stance === 'contradicts'))
  return {
    status: statusOf(supporting, contradicting),
    sourceCount: groupsAmong(evidence),
    supportingSources: supporting,
    contradictingSources: contradicting,
  }
}

function statusOf(supporting: number, contradicting: number): ClaimStatus {
  if (supporting > 0 && contradicting > 0) return 'contested'
  if (contradicting > 0) return 'contradicted'
  if (supporting >= CORROBORATION_THRESHOLD) return 'corroborated'
  if (supporting === 1) return 'single-source'
  return 'no-evidence'
}

/**
 * The identity under which an article counts as a source: its outlet when known (case and spacing
 * ignored), otherwise the article itself, so unattributed articles never merge into one voice.
 */
export function sourceKeyOf(article: { id: string; outlet: string | null }): string {
  const outlet = article.outlet?.trim().toLowerCase().replace(/\s+/g, ' ')
  return outlet ? `outlet:${outlet}` : `article:${article.id}`
}

export const STATUS_LABELS: Record<ClaimStatus, string> = {
  corroborated: 'Corroborated',
  'single-source': 'Single source',
  contested: 'Contested',
  contradicted: 'Contradicted',
  'no-evidence': 'No evidence',
}
