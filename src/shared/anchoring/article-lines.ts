// An article cut into the lines the reader draws, each knowing its boilerplate and the highlight
// segments that fall in it, with offsets relative to the line. Drawing line by line is what lets the
// reader redraw only the lines whose highlights changed, and mark each line alone rather than walk the
// whole article once per highlight. Pure: no DOM, so the cutting is tested on its own.

import type { Segment } from './highlight-segments'

export interface ArticleLine {
  /** Offset of the line's first character in the article text. */
  start: number
  /**
   * The line as drawn: its characters and the "\n" after it (none after the last line), so the
   * drawn text equals the article text character for character and offsets mean the same.
   */
  text: string
  blank: boolean
  /** The whole line is boilerplate (collapsed unless it holds a highlight or is revealed). */
  boilerplate: boolean
  /** Boilerplate inside a line that is otherwise kept (a date prefix), relative to the line start. */
  boilerplateParts: LineRange[]
}

export interface LineRange {
  start: number
  end: number
}

export interface LineSegment extends LineRange {
  ids: string[]
}

/** Cuts `text` at its line breaks; `boilerplate` ranges are sorted and never overlap (detectBoilerplate's contract). */
export function splitArticleLines(text: string, boilerplate: readonly LineRange[]): ArticleLine[] {
  const lines: ArticleLine[] = []
  let next = 0
  let start = 0
  for (;;) {
    const newline = text.indexOf('\n', start)
    const end = newline === -1 ? text.length : newline
    // Ranges ending before this line are done with; those reaching into it apply.
    while (next < boilerplate.length && boilerplate[next]!.end <= start) next++
    const touching: LineRange[] = []
    for (let i = next; i < boilerplate.length && boilerplate[i]!.start < end; i++) {
      if (boilerplate[i]!.end > start) touching.push(boilerplate[i]!)
    }
    const whole = touching.some((b) => b.start <= start && b.end >= end)
    const line = text.slice(start, end)
    lines.push({
      start,
      text: newline === -1 ? line : `${line}\n`,
      blank: line.trim() === '',
      boilerplate: whole,
      boilerplateParts: whole ? [] : touching.map((b) => ({ start: Math.max(b.start, start) - start, end: Math.min(b.end, end) - start })),
    })
    if (newline === -1) return lines
    start = newline + 1
  }
}

/**
 * The segments falling in each line, cut at line boundaries and made relative to the line's start.
 * `segments` are sorted and never overlap (segmentHighlights' contract); the result has one entry
 * per line, empty for a line without highlights.
 */
export function segmentsByLine(lines: readonly ArticleLine[], segments: readonly Segment[]): LineSegment[][] {
  const byLine: LineSegment[][] = lines.map(() => [])
  let first = 0
  for (const [i, line] of lines.entries()) {
    const lineEnd = line.start + line.text.length
    while (first < segments.length && segments[first]!.end <= line.start) first++
    for (let s = first; s < segments.length && segments[s]!.start < lineEnd; s++) {
      const segment = segments[s]!
      const start = Math.max(segment.start, line.start)
      const end = Math.min(segment.end, lineEnd)
      if (end > start) byLine[i]!.push({ start: start - line.start, end: end - line.start, ids: segment.ids })
    }
  }
  return byLine
}
