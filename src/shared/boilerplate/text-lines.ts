// A text as its lines, each with its offsets, so that what is found in a line can be reported as a
// range of the original text. Pure string code.

export interface TextLine {
  /** Offset of the line's first character. */
  start: number
  /** Offset just past its last character, before the "\n" that ends it. */
  end: number
  text: string
}

export function splitLines(text: string): TextLine[] {
  const lines: TextLine[] = []
  let start = 0
  for (;;) {
    const newline = text.indexOf('\n', start)
    const end = newline === -1 ? text.length : newline
    lines.push({ start, end, text: text.slice(start, end) })
    if (newline === -1) return lines
    start = newline + 1
  }
}
