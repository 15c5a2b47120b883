// The dates index: every date expression of every stored text, found once per text and kept in the
// store as a derived file (DECISIONS section 1), like the search index. It holds the expressions in
// their reference-free form (src/shared/chronology/date-expression.ts), keyed by content hash, so an
// analyst who gives an article its date, or corrects it, needs no rebuild: resolution against the
// article's current date happens on every read, and costs microseconds.
//
// Built after an import commits, never inside it; resumable (texts already in the file are not
// read again), versioned (a file of another version, or unreadable, is rebuilt from the texts), and
// it yields to the event loop between articles so the app stays usable while it runs.
// Must not touch the annotations or the library: it only reads them.

import { detectBoilerplate } from '../../shared/boilerplate/detect-boilerplate'
import type { DateExpression } from '../../shared/chronology/date-expression'
import { findDateExpressions } from '../../shared/chronology/find-date-expressions'
import type { Article } from '../../shared/model'
import type { CorpusStore } from '../store/corpus-store'

export const DATE_INDEX_FILE = 'date-index.json'

/** Bumped whenever what is stored per text changes: an index of another version is rebuilt. */
export const DATE_INDEX_VERSION = 1

/** Articles read between two saves of the index: a crash loses at most this much work. */
const SAVE_EVERY = 500

interface DateIndexFile {
  version: number
  /** Content hash → the expressions of that text. */
  texts: Record<string, DateExpression[]>
}

export interface IndexProgress {
  done: number
  total: number
}

export interface DateIndexUpdateOptions {
  onProgress?: (progress: IndexProgress) => void
  signal?: AbortSignal
}

/** One turn of the event loop: lets the service answer calls between articles. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

export class DateIndex {
  private texts = new Map<string, DateExpression[]>()
  private loaded = false
  private running: Promise<void> | null = null
  private progress: IndexProgress = { done: 0, total: 0 }

  constructor(private readonly store: CorpusStore) {}

  /** How far the current (or last) build got: for "Finding dates: 3,200 of 10,000 articles". */
  get status(): IndexProgress & { running: boolean } {
    return { ...this.progress, running: this.running !== null }
  }

  /** Reads the index file once; until then peek() knows nothing. */
  async ready(): Promise<void> {
    return this.load()
  }

  /** The expressions of one text as far as the index has them now, without waiting: for synchronous callers (cards, exports). */
  peek(article: Pick<Article, 'contentHash'>): readonly DateExpression[] | null {
    return this.texts.get(article.contentHash) ?? null
  }

  private async load(): Promise<void> {
    if (this.loaded) return
    this.loaded = true
    const raw = (await this.store.readSidecar(DATE_INDEX_FILE)) as Partial<DateIndexFile> | null
    if (raw && raw.version === DATE_INDEX_VERSION && raw.texts && typeof raw.texts === 'object') {
      this.texts = new Map(Object.entries(raw.texts))
    }
  }

  private async save(): Promise<void> {
    if (this.store.readOnly) return
    // Texts no longer in the library are dropped here, so the file never grows past the corpus.
    const live = new Set(this.store.listArticles().map((a) => a.contentHash))
    for (const hash of this.texts.keys()) if (!live.has(hash)) this.texts.delete(hash)
    const file: DateIndexFile = { version: DATE_INDEX_VERSION, texts: Object.fromEntries(this.texts) }
    await this.store.writeSidecar(DATE_INDEX_FILE, file)
  }

  /**
   * Brings the index up to date with every stored text. Concurrent callers share one run; a
   * cancelled run keeps what it found and the next one resumes from there.
   */
  async update(options: DateIndexUpdateOptions = {}): Promise<void> {
    while (this.running) await this.running.catch(() => undefined)
    this.running = this.run(options).finally(() => {
      this.running = null
    })
    return this.running
  }

  private async run({ onProgress, signal }: DateIndexUpdateOptions): Promise<void> {
    await this.load()
    const missing = new Map<string, Article>()
    for (const article of this.store.listArticles()) if (!this.texts.has(article.contentHash)) missing.set(article.contentHash, article)
    this.progress = { done: 0, total: missing.size }
    onProgress?.(this.progress)
    let unsaved = 0
    for (const article of missing.values()) {
      if (signal?.aborted) break
      let text: string
      try {
        text = await this.store.readBody(article)
      } catch {
        // A text the store cannot read has no dates to give; it is indexed again once repaired.
        this.progress = { ...this.progress, done: this.progress.done + 1 }
        continue
      }
      this.texts.set(article.contentHash, findDateExpressions(text, detectBoilerplate(text)))
      this.progress = { ...this.progress, done: this.progress.done + 1 }
      onProgress?.(this.progress)
      if (++unsaved >= SAVE_EVERY) {
        await this.save()
        unsaved = 0
      }
      await yieldToEventLoop()
    }
    if (unsaved > 0) await this.save()
  }

  /** The expressions of one article's text, or null when the index has not reached it yet. */
  async expressionsOf(article: Pick<Article, 'contentHash'>): Promise<readonly DateExpression[] | null> {
    await this.load()
    return this.texts.get(article.contentHash) ?? null
  }
}
