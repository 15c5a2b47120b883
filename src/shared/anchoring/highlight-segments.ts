// mark.js renders ranges but skips any range that overlaps one already marked. Overlapping
// highlights are therefore cut into non-overlapping segments, each knowing every highlight that
// covers it, and the segments are what gets marked.

export interface Span {
  id: string
  start: number
  end: number
}

export interface Segment {
  start: number
  end: number
  /** Ids of the highlights covering this segment, in the order they were given. */
  ids: string[]
}

export function segmentHighlights(spans: readonly Span[]): Segment[] {
  const boundaries = new Set<number>()
  for (const s of spans) {
    if (s.end > s.start) {
      boundaries.add(s.start)
      boundaries.add(s.end)
    }
  }
  const points = [...boundaries].sort((a, b) => a - b)
  const segments: Segment[] = []
  for (const [i, start] of points.entries()) {
    const end = points[i + 1]
    if (end === undefined) break
    const ids = spans.filter((s) => s.start <= start && s.end >= end && s.end > s.start).map((s) => s.id)
    if (ids.length === 0) continue
    const previous = segments[segments.length - 1]
    // Adjacent pieces covered by the same highlights are one segment: fewer <mark> elements.
    if (previous && previous.end === start && sameIds(previous.ids, ids)) previous.end = end
    else segments.push({ start, end, ids })
  }
  return segments
}

function sameIds(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i])
}
