// The figures index: every figure of every stored text, read once per text after an import commits
// and kept in the store as a derived file (DECISIONS section 1), beside the dates index and in the
// same shape (src/main/chronology/date-index.ts): keyed by content hash, resumable (texts already in
// the file are not read again), versioned (a file of another version, or unreadable, is rebuilt from
// the texts), yielding to the event loop between articles so the app stays usable meanwhile. Page
// furniture is skipped (section 2): the ranges boilerplate detection marked, and only those.
// Must not touch the annotations or the library: it only reads them.

import { detectBoilerplate } from '../../shared/boilerplate/detect-boilerplate'
import type { Figure, FigureKind } from '../../shared/figures/figure'
import { parseFigures } from '../../shared/figures/parse-figures'
import type { Article } from '../../shared/model'
import type { CorpusStore } from '../store/corpus-store'

export const FIGURE_INDEX_FILE = 'figure-index.json'

/** Bumped whenever what is stored per text, or how figures are read, changes: another version is rebuilt. */
export const FIGURE_INDEX_VERSION = 1

/** Articles read between two saves of the index: a crash loses at most this much work. */
const SAVE_EVERY = 500
/** Articles read between two yields to the event loop: one article takes well under a millisecond. */
const YIELD_EVERY = 20

/**
 * A figure as the index keeps it: a row, not an object, since 10,000 articles hold ~100,000 figures.
 * [start, end, kind, low, high, counted, currency].
 */
export type FigureRow = [number, number, FigureKind, number | null, number | null, string | null, string | null]

interface FigureIndexFile {
  version: number
  /** Content hash → the figures of that text. */
  texts: Record<string, FigureRow[]>
}

export interface FigureIndexProgress {
  done: number
  total: number
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

export function figureRow(f: Figure): FigureRow {
  return [f.start, f.end, f.kind, f.low, f.high, f.counted, f.currency]
}

/** The figures of one text, page furniture skipped: what the index stores for it. */
export function figuresOfText(text: string): FigureRow[] {
  return parseFigures(text, { skip: detectBoilerplate(text) }).map(figureRow)
}

export class FigureIndex {
  private texts = new Map<string, FigureRow[]>()
  private loaded = false
  private running: Promise<void> | null = null
  private progress: FigureIndexProgress = { done: 0, total: 0 }

  constructor(private readonly store: CorpusStore) {}

  /** How far the current (or last) build got: for "Reading figures: 3,200 of 10,000 articles". */
  get status(): FigureIndexProgress & { running: boolean } {
    return { ...this.progress, running: this.running !== null }
  }

  async ready(): Promise<void> {
    return this.load()
  }

  /** The figures of one article as far as the index has them, or null when it has not reached it. */
  peek(article: Pick<Article, 'contentHash'>): readonly FigureRow[] | null {
    return this.texts.get(article.contentHash) ?? null
  }

  private async load(): Promise<void> {
    if (this.loaded) return
    this.loaded = true
    const raw = (await this.store.readSidecar(FIGURE_INDEX_FILE)) as Partial<FigureIndexFile> | null
    if (raw && raw.version === FIGURE_INDEX_VERSION && raw.texts && typeof raw.texts === 'object') {
      this.texts = new Map(Object.entries(raw.texts))
    }
  }

  private async save(): Promise<void> {
    if (this.store.readOnly) return
    const live = new Set(this.store.listArticles().map((a) => a.contentHash))
    for (const hash of this.texts.keys()) if (!live.has(hash)) this.texts.delete(hash)
    const file: FigureIndexFile = { version: FIGURE_INDEX_VERSION, texts: Object.fromEntries(this.texts) }
    await this.store.writeSidecar(FIGURE_INDEX_FILE, file)
  }

  /** Brings the index up to date with every stored text; concurrent callers share one run. */
  async update(options: { onProgress?: (p: FigureIndexProgress) => void; signal?: AbortSignal } = {}): Promise<void> {
    while (this.running) await this.running.catch(() => undefined)
    this.running = this.run(options).finally(() => {
      this.running = null
    })
    return this.running
  }

  private async run({ onProgress, signal }: { onProgress?: (p: FigureIndexProgress) => void; signal?: AbortSignal }): Promise<void> {
    await this.load()
    const missing = new Map<string, Article>()
    for (const article of this.store.listArticles()) if (!this.texts.has(article.contentHash)) missing.set(article.contentHash, article)
    this.progress = { done: 0, total: missing.size }
    onProgress?.(this.progress)
    let unsaved = 0
    for (const article of missing.values()) {
      if (signal?.aborted) break
      try {
        this.texts.set(article.contentHash, figuresOfText(await this.store.readBody(article)))
      } catch {
        // A text the store cannot read has no figures to give; it is read again once repaired.
      }
      this.progress = { ...this.progress, done: this.progress.done + 1 }
      onProgress?.(this.progress)
      if (++unsaved >= SAVE_EVERY) {
        await this.save()
        unsaved = 0
      }
      if (this.progress.done % YIELD_EVERY === 0) await yieldToEventLoop()
    }
    if (unsaved > 0) await this.save()
  }
}
