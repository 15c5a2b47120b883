// The store's rules for its records, beyond their shapes (record-schemas.ts checks those): a
// highlight covers at least one character of its article's text and its ends fall between
// characters; a claim has a statement; evidence links a claim and a highlight that exist. The
// commands that make records keep these rules by construction; every other way a record comes in
// (undo and redo from the history file, a merged project file, a conflict's incoming version) checks
// it here before it is stored. Pure functions: each says what is wrong, in words for the analyst, or
// null.

import { splitsSurrogatePair } from '../../shared/anchoring/code-points'
import type { Claim, EvidenceLink, Highlight } from '../../shared/model'

/**
 * What is wrong with a highlight's position in `text`, its article's text, or null. An orphan (its
 * quote was not found in a revised text) keeps the position it had in the old text, so only its
 * order is checked.
 */
export function highlightProblem(highlight: Pick<Highlight, 'start' | 'end' | 'orphaned'>, text: string): string | null {
  const { start, end } = highlight
  if (end <= start) return `it covers no text (it ends at ${end}, ${end < start ? 'before' : 'where'} it starts)`
  if (highlight.orphaned) return null
  if (end > text.length) return `its position (${start}–${end}) is past the end of its article (${text.length} characters)`
  for (const [name, offset] of [
    ['start', start],
    ['end', end],
  ] as const) {
    if (splitsSurrogatePair(text, offset))
      return `its ${name} (${offset}) falls inside a character outside the Basic Multilingual Plane (two UTF-16 code units); positions must fall between characters`
  }
  return null
}

/** What is wrong with a claim, or null. */
export function claimProblem(claim: Pick<Claim, 'text'>): string | null {
  return claim.text.trim() === '' ? 'it has no statement (a claim needs one)' : null
}

/** What is wrong with a piece of evidence, given which claims and highlights exist, or null. */
export function linkProblem(
  link: Pick<EvidenceLink, 'claimId' | 'highlightId'>,
  claimExists: (id: string) => boolean,
  highlightExists: (id: string) => boolean,
): string | null {
  if (!claimExists(link.claimId)) return 'its claim is not in this store'
  if (!highlightExists(link.highlightId)) return 'its highlight is not in this store'
  return null
}
