// One identity per source, however articles write it: "the UK-based Syrian Observatory for Human
// Rights monitor", "SOHR" and "Syrian Observatory for Human Rights" are one monitor; "Agence
// France-Presse" and "AFP" one agency; "The Times of Israel" and "Times of Israel" one outlet. Origins
// are grouped by this key, whatever their kind, so an outlet named as an article's outlet and the same
// outlet credited by another article meet. Pure string code.

import { WIRE_AGENCIES } from './wire-agencies'

/** Other names of well-known primary sources, folded to one key (add here as they are met). */
const SOURCE_ALIASES: Record<string, string> = {
  sohr: 'syrian observatory for human rights',
  'syrian observatory': 'syrian observatory for human rights',
  'britain-based syrian observatory for human rights': 'syrian observatory for human rights',
  'syrian state tv': 'syrian state television',
  'syrian state media': 'syrian state television',
  'state news agency sana': 'sana',
}

/** Short forms shown on cards for long names. */
const SHORT_LABELS: Record<string, string> = {
  'syrian observatory for human rights': 'SOHR',
}

/**
 * Folded names already seen: the board traces every piece of evidence to an origin and folds its
 * outlet's or credit's name each time (100,000 evidence links, a few hundred names). Cleared when it
 * grows past FOLDED_CACHE_LIMIT, so a long session's memory stays bounded.
 */
const foldedNames = new Map<string, string>()
const FOLDED_CACHE_LIMIT = 20_000

const agencyByKey = new Map<string, string>()
for (const agency of WIRE_AGENCIES) {
  for (const form of [agency.name, ...agency.aliases]) agencyByKey.set(fold(form), agency.name)
}

/** Lower case, accents and "the" dropped, possessive and descriptors such as "UK-based" removed, spacing normalised. */
function fold(name: string): string {
  let folded = foldedNames.get(name)
  if (folded === undefined) {
    if (foldedNames.size >= FOLDED_CACHE_LIMIT) foldedNames.clear()
    folded = foldUncached(name)
    foldedNames.set(name, folded)
  }
  return folded
}

function foldUncached(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(/[“”"‘’'()[\]]/g, '')
    .replace(/\b[\p{L}]+-based\b/gu, '')
    .replace(/^\s*the\s+/, '')
    .replace(/\s+(?:war\s+)?monitor(?:ing group)?$/, '')
    .replace(/[.,;:]+$/, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The key two names of one source share. Empty for a name with no letters. */
export function sourceKey(name: string): string {
  const folded = fold(name)
  const agency = agencyByKey.get(folded)
  if (agency) return fold(agency)
  return SOURCE_ALIASES[folded] ?? folded
}

/** The wire agency a name denotes ("Agence France-Presse" → "AFP"), or null. */
export function wireAgencyOf(name: string): string | null {
  return agencyByKey.get(fold(name)) ?? null
}

/** The name as a card shows it: an agency's own name, a known short form, else the name as written, tidied. */
export function displayName(name: string): string {
  const agency = wireAgencyOf(name)
  if (agency) return agency
  const short = SHORT_LABELS[sourceKey(name)]
  if (short) return short
  return (
    name
      .replace(/\b[\p{L}]+-based\s+/gu, '')
      // "the Syrian Observatory" → "Syrian Observatory"; a capital The is part of a name ("The National").
      .replace(/^\s*the\s+/, '')
      .replace(/\s+(?:war\s+)?monitor$/, '')
      .trim()
  )
}
