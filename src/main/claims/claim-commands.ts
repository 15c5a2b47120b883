// The analyst's edits to claims and evidence, as changes applied to the annotation records inside one
// store write. Each returns what an undo needs. Knows the rules (no duplicate evidence, a merge
// keeps every link once), not how records are stored.

import type { Claim, ClaimStatus, Credibility, EvidenceLink, Highlight, Reliability, SourceGrade, Stance } from '../../shared/model'
import { UserError } from '../../shared/result'

export interface AnnotationRecords {
  highlights: Highlight[]
  claims: Claim[]
  links: EvidenceLink[]
  sources: SourceGrade[]
}

function findClaim(data: AnnotationRecords, id: string): Claim {
  const claim = data.claims.find((c) => c.id === id)
  if (!claim) throw new UserError('not-found', `No claim with id ${id}; it may have been deleted.`)
  return claim
}

function findLink(data: AnnotationRecords, id: string): EvidenceLink {
  const link = data.links.find((l) => l.id === id)
  if (!link) throw new UserError('not-found', `No evidence link with id ${id}; it may have been removed.`)
  return link
}

export interface ClaimEdit {
  text?: string
  tags?: string[]
  note?: string
  statusOverride?: { status: ClaimStatus; reason: string } | null
}

export function editClaim(data: AnnotationRecords, id: string, edit: ClaimEdit, now: string): Claim {
  const claim = findClaim(data, id)
  const updated: Claim = { ...claim, ...definedOnly(edit), updatedAt: now }
  data.claims = data.claims.map((c) => (c.id === id ? updated : c))
  return updated
}

export function deleteClaim(data: AnnotationRecords, id: string): { claim: Claim; links: EvidenceLink[] } {
  const claim = findClaim(data, id)
  const links = data.links.filter((l) => l.claimId === id)
  data.claims = data.claims.filter((c) => c.id !== id)
  data.links = data.links.filter((l) => l.claimId !== id)
  return { claim, links }
}

/** Moves evidence to another claim, keeping its stance and grade; returns where it came from. */
export function moveEvidence(data: AnnotationRecords, linkId: string, toClaimId: string): { link: EvidenceLink; fromClaimId: string } {
  const link = findLink(data, linkId)
  findClaim(data, toClaimId)
  if (link.claimId === toClaimId) return { link, fromClaimId: toClaimId }
  if (data.links.some((l) => l.claimId === toClaimId && l.highlightId === link.highlightId)) {
    throw new UserError('conflict', 'That passage is already evidence for the target claim.')
  }
  const moved = { ...link, claimId: toClaimId }
  data.links = data.links.map((l) => (l.id === linkId ? moved : l))
  return { link: moved, fromClaimId: link.claimId }
}

export interface EvidenceEdit {
  stance?: Stance
  credibility?: Credibility | null
  note?: string
}

export function editEvidence(data: AnnotationRecords, linkId: string, edit: EvidenceEdit): EvidenceLink {
  const updated = { ...findLink(data, linkId), ...definedOnly(edit) }
  data.links = data.links.map((l) => (l.id === linkId ? updated : l))
  return updated
}

/**
 * Folds one claim into another: its evidence moves over (a passage already on the target is kept
 * once), its tags join the target's, and the folded claim is removed.
 */
export function mergeClaims(data: AnnotationRecords, intoId: string, fromId: string, now: string): Claim {
  if (intoId === fromId) throw new UserError('invalid-argument', 'A claim cannot be merged into itself.')
  const into = findClaim(data, intoId)
  const from = findClaim(data, fromId)
  const onTarget = new Set(data.links.filter((l) => l.claimId === intoId).map((l) => l.highlightId))
  data.links = data.links.filter((l) => !(l.claimId === fromId && onTarget.has(l.highlightId))).map((l) => (l.claimId === fromId ? { ...l, claimId: intoId } : l))
  const merged: Claim = {
    ...into,
    tags: [...new Set([...into.tags, ...from.tags])],
    note: [into.note, from.note].filter(Boolean).join('\n\n'),
    updatedAt: now,
  }
  data.claims = data.claims.filter((c) => c.id !== fromId).map((c) => (c.id === intoId ? merged : c))
  return merged
}

export function gradeSource(data: AnnotationRecords, sourceKey: string, reliability: Reliability | null): SourceGrade[] {
  data.sources = data.sources.filter((g) => g.sourceKey !== sourceKey)
  if (reliability) data.sources.push({ sourceKey, reliability })
  return data.sources
}

function definedOnly<T extends object>(edit: T): Partial<T> {
  return Object.fromEntries(Object.entries(edit).filter(([, v]) => v !== undefined)) as Partial<T>
}
