// One tag model (DECISIONS.md section 5): tags belong to claims. Stores and project files from before
// carried tags on highlights too (typed in the tag popover, never shown on the board); this moves
// them onto the claims each highlight is evidence for, so the board's tag lanes and filter find them.
// A highlight that is evidence for no claim keeps its tags in its note ("Tags: a, b"), so none is lost.
// Pure, over raw JSON records: used by the store migration and by reading older project files.

type Json = Record<string, unknown>

export interface TaggedRecords {
  highlights: Json[]
  claims: Json[]
  links: Json[]
}

export function moveHighlightTagsToClaims<T extends TaggedRecords>(data: T): T {
  const tagsOf = (record: Json): string[] => (Array.isArray(record.tags) ? record.tags.filter((t): t is string => typeof t === 'string' && t.trim() !== '') : [])
  const highlightTags = new Map<string, string[]>()
  for (const h of data.highlights) {
    const tags = tagsOf(h)
    if (tags.length > 0) highlightTags.set(String(h.id), tags)
  }
  const added = new Map<string, string[]>()
  const linked = new Set<string>()
  for (const l of data.links) {
    const tags = highlightTags.get(String(l.highlightId))
    if (!tags) continue
    linked.add(String(l.highlightId))
    added.set(String(l.claimId), [...(added.get(String(l.claimId)) ?? []), ...tags])
  }
  const claims = data.claims.map((c) => {
    const more = added.get(String(c.id))
    return more ? { ...c, tags: [...new Set([...tagsOf(c), ...more])] } : c
  })
  const highlights = data.highlights.map((h) => {
    const { tags: _dropped, ...rest } = h
    const tags = highlightTags.get(String(h.id))
    if (!tags || linked.has(String(h.id))) return rest
    const note = typeof h.note === 'string' ? h.note : ''
    return { ...rest, note: [note, `Tags: ${tags.join(', ')}`].filter(Boolean).join('\n') }
  })
  return { ...data, claims, highlights }
}
