// The figures index: every figure of every stored text, read after an import commits, as a derived
// index of the shared runner (src/main/derived/derived-index-runner.ts, DECISIONS section 1):
// resumable, versioned, with progress, the app usable meanwhile. Page furniture is skipped
// (section 2): the ranges boilerplate detection marked, and only those. Reads the store; writes only
// its own sidecar (derived-figures.json, through the runner).

import { detectBoilerplate } from '../../shared/boilerplate/detect-boilerplate'
import type { Figure, FigureKind } from '../../shared/figures/figure'
import { parseFigures } from '../../shared/figures/parse-figures'
import { DerivedIndexRunner, type DerivedIndexSpec, type RunnerOptions } from '../derived/derived-index-runner'
import type { CorpusStore } from '../store/corpus-store'

/** Bumped whenever what is stored per text, or how figures are read, changes: another version is rebuilt. */
export const FIGURE_INDEX_VERSION = 1

/**
 * A figure as the index keeps it: a row, not an object, since 10,000 articles hold ~100,000 figures.
 * [start, end, kind, low, high, counted, currency].
 */
export type FigureRow = [number, number, FigureKind, number | null, number | null, string | null, string | null]

export function figureRow(f: Figure): FigureRow {
  return [f.start, f.end, f.kind, f.low, f.high, f.counted, f.currency]
}

/** The figures of one text, page furniture skipped: what the index stores for it. */
export function figuresOfText(text: string): FigureRow[] {
  return parseFigures(text, { skip: detectBoilerplate(text) }).map(figureRow)
}

export const figureIndexSpec: DerivedIndexSpec<FigureRow[]> = {
  name: 'figures',
  label: 'figures',
  version: FIGURE_INDEX_VERSION,
  analyse: (article) => figuresOfText(article.text),
}

/** The figures index of a store: a runner of the shared kind, to register with the service's derived indexes. */
export function createFigureIndex(store: CorpusStore, options: RunnerOptions = {}): DerivedIndexRunner<FigureRow[]> {
  return new DerivedIndexRunner(store, figureIndexSpec, options)
}
