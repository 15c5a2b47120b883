// The dates index: every date expression of every stored text, found once per text, as a derived
// index of the shared runner (src/main/derived/derived-index-runner.ts, DECISIONS section 1): built
// after an import commits, never inside it; in worker threads for large runs; resumable and
// versioned (derived-dates.json beside the store; a file of another version, or damaged, is rebuilt
// from the texts); with progress; stopped when the store closes. Page furniture is skipped
// (section 2). It holds the expressions in their reference-free form
// (src/shared/chronology/date-expression.ts), so an analyst who gives an article its date, or
// corrects it, needs no rebuild: resolution against the article's current date happens on every
// read, and costs microseconds.
// Must not touch the annotations or the library: it only reads them, and writes its own sidecar.

import type { DateExpression } from '../../shared/chronology/date-expression'
import type { Article } from '../../shared/model'
import { DerivedIndexRunner, type DerivedIndexSpec, type RunnerOptions } from '../derived/derived-index-runner'
import { derivedWorkerScript } from '../derived/derived-worker-script'
import type { CorpusStore } from '../store/corpus-store'
import { datesOfText } from './dates-of-text'

export { datesOfText } from './dates-of-text'

/** The sidecar the runner keeps the index in (derived-<name>.json). */
export const DATE_INDEX_FILE = 'derived-dates.json'
/** Where the index lived before it moved onto the runner: removed once the runner has its own file. */
const LEGACY_DATE_INDEX_FILE = 'date-index.json'

/** Bumped whenever what is stored per text changes: an index of another version is rebuilt. */
export const DATE_INDEX_VERSION = 2

export const dateIndexSpec: DerivedIndexSpec<DateExpression[]> = {
  name: 'dates',
  label: 'dates',
  version: DATE_INDEX_VERSION,
  analyse: (article) => datesOfText(article.text),
  workerScript: () => derivedWorkerScript(__dirname, 'dates-worker'),
}

export interface IndexProgress {
  done: number
  total: number
}

/** The chronology's view of the runner: expressions by article, read without waiting or after the saved file is loaded. */
export class DateIndex {
  readonly runner: DerivedIndexRunner<DateExpression[]>

  constructor(
    private readonly store: CorpusStore,
    options: RunnerOptions = {},
  ) {
    this.runner = new DerivedIndexRunner(store, dateIndexSpec, options)
  }

  /** How far the current (or last) run got: for "Finding dates: 3,200 of 10,000 articles". */
  get status(): IndexProgress & { running: boolean } {
    const status = this.runner.status()
    return { done: status.done, total: status.total, running: status.state === 'running' }
  }

  /** Reads the saved index once; until then peek() knows nothing. */
  ready(): Promise<void> {
    return this.runner.load()
  }

  /** The expressions of one article's current text as far as the index has them now, without waiting: for synchronous callers (cards, exports). */
  peek(article: Article): readonly DateExpression[] | null {
    return this.runner.currentEntry(article) ?? null
  }

  /** The expressions of one article's text, or null when the index has not reached it yet. */
  async expressionsOf(article: Article): Promise<readonly DateExpression[] | null> {
    await this.ready()
    return this.peek(article)
  }

  /**
   * Brings the index up to date with every stored text (a run already going is joined, and runs once
   * more for what changed meanwhile). Never rejects: a failure is in the runner's status.
   */
  async update(): Promise<void> {
    await this.runner.update()
    if (!this.store.readOnly && this.runner.isCurrent()) await this.store.removeSidecar(LEGACY_DATE_INDEX_FILE)
  }
}
