// The figures index: every figure of every stored text, read after an import commits, as a derived
// index of the shared runner (src/main/derived/derived-index-runner.ts, DECISIONS section 1): in
// worker threads for large runs, resumable, versioned, with progress, the app usable meanwhile,
// stopped when the store closes. Page furniture is skipped (section 2): the ranges boilerplate
// detection marked, and only those. Reads the store; writes only its own sidecar
// (derived-figures.json, through the runner).

import { DerivedIndexRunner, type DerivedIndexSpec, type RunnerOptions } from '../derived/derived-index-runner'
import { derivedWorkerScript } from '../derived/derived-worker-script'
import type { CorpusStore } from '../store/corpus-store'
import { figuresOfText, type FigureRow } from './figure-rows'

export { figureRow, figuresOfText, type FigureRow } from './figure-rows'

/** Bumped whenever what is stored per text, or how figures are read, changes: another version is rebuilt. */
export const FIGURE_INDEX_VERSION = 1

export const figureIndexSpec: DerivedIndexSpec<FigureRow[]> = {
  name: 'figures',
  label: 'figures',
  version: FIGURE_INDEX_VERSION,
  analyse: (article) => figuresOfText(article.text),
  workerScript: () => derivedWorkerScript(__dirname, 'figures-worker'),
}

/** The figures index of a store: a runner of the shared kind, to register with the service's derived indexes. */
export function createFigureIndex(store: CorpusStore, options: RunnerOptions = {}): DerivedIndexRunner<FigureRow[]> {
  return new DerivedIndexRunner(store, figureIndexSpec, options)
}
