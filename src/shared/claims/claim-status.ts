// Derives a claim's status from its evidence. Sources, not highlights, are what corroborate: three
// highlights from one outlet are one voice. Pure: the board, the CLI and the exports share it.

import type { ClaimStatus, Stance } from '../model'

export interface StancedSource {
  sourceKey: string
  stance: Stance
}

export interface ClaimTally {
  status: ClaimStatus
  /** Distinct sources with any evidence on the claim, context included. */
  sourceCount: number
  supportingSources: number
  contradictingSources: number
}

/** Corroboration needs this many independent supporting sources. */
export const CORROBORATION_THRESHOLD = 2

export function tallyClaim(evidence: readonly StancedSource[]): ClaimTally {
  const all = new Set<string>()
  const supporting = new Set<string>()
  const contradicting = new Set<string>()
  for (const e of evidence) {
    all.add(e.sourceKey)
    if (e.stance === 'supports') supporting.add(e.sourceKey)
    if (e.stance === 'contradicts') contradicting.add(e.sourceKey)
  }
  return {
    status: statusOf(supporting.size, contradicting.size),
    sourceCount: all.size,
    supportingSources: supporting.size,
    contradictingSources: contradicting.size,
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
