// What the figures index stores per text, and the analysis that finds it: kept apart from the index
// so a worker thread loads only this and the parser, not the runner. Pure: text in, rows out.

import { detectBoilerplate } from '../../shared/boilerplate/detect-boilerplate'
import type { Figure, FigureKind } from '../../shared/figures/figure'
import { parseFigures } from '../../shared/figures/parse-figures'

/**
 * A figure as the index keeps it: a row, not an object, since 10,000 articles hold ~100,000 figures.
 * [start, end, kind, low, high, counted, currency].
 */
export type FigureRow = [number, number, FigureKind, number | null, number | null, string | null, string | null]

export function figureRow(f: Figure): FigureRow {
  return [f.start, f.end, f.kind, f.low, f.high, f.counted, f.currency]
}

/** The figures of one text, page furniture skipped (DECISIONS section 2): what the index stores for it. */
export function figuresOfText(text: string): FigureRow[] {
  return parseFigures(text, { skip: detectBoilerplate(text) }).map(figureRow)
}
