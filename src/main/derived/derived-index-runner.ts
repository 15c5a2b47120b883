// The derived index runner (DECISIONS section 1): one reusable way to keep an analysis of every
// article's text — credits and reused passages (provenance), entities, dates, figures — up to date
// after imports, off the import's own budget. Shared by the provenance, entities, chronology and
// figures indexes; a new index is a DerivedIndexSpec (a name, a version and a pure per-article
// `analyse`) plus, for speed, a worker entry that serves the same `analyse` (derived-worker-protocol.ts).
//
// What it guarantees:
//   - after the import commits: the service calls update() when an import job ends; the app stays
//     usable meanwhile, and readers see the entries analysed so far (entries(), generation);
//   - in worker threads (one per core beyond the first) when there are many articles to analyse, on
//     this thread in small slices otherwise, and whenever no worker can start or one crashes;
//   - resumable: what is analysed is saved every few seconds to derived-<name>.json beside the store,
//     so a restart analyses only what is missing;
//   - versioned: entries are kept per article with the input they were made from (its content hash,
//     or the spec's inputKey); a file of another spec version, or damaged, or lost, is rebuilt from the
//     texts;
//   - progress: status() gives "Analysing done of total articles" while it runs;
//   - stopped when the store closes (CorpusStore.beforeClose): the batches in flight finish and are saved;
//     once it has closed (CorpusStore.whenClosed) the entries are let go of: the index answers nothing.
// It must not touch the library or the annotations: it only reads them, and writes its own sidecar.

import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { z } from 'zod'
import type { DerivedIndexStatus } from '../../shared/derived/derived-index-status'
import type { Article } from '../../shared/model'
import type { WorkerScript } from '../import/preparation-pool'
import type { CorpusStore } from '../store/corpus-store'
import { analyseSafely, type AnalysedArticle, type AnalyseRequest, type DerivedArticle, type DerivedWorkerReply } from './derived-worker-protocol'

export type { DerivedArticle } from './derived-worker-protocol'
export type { DerivedIndexStatus } from '../../shared/derived/derived-index-status'

export interface DerivedIndexSpec<Entry> {
  /** Names the sidecar file (derived-<name>.json) and the index in status(). Letters, digits and -. */
  name: string
  /** What the index finds, for the progress line: "Analysing 3,200 of 10,000 articles (credits and reused passages)". */
  label: string
  /** Bumped whenever `analyse` gives other entries for the same input: a saved index of another version is rebuilt. */
  version: number
  /**
   * What of an article the analysis depends on: an article whose key changed is analysed again.
   * Default: its content hash (the text alone). Add metadata only if `analyse` reads it.
   */
  inputKey?: (article: Article) => string
  /** The analysis of one article: pure and JSON-serialisable, the same in a worker and on this thread. */
  analyse: (article: DerivedArticle) => Entry
  /** The worker entry serving `analyse` (serveDerivedAnalysis); absent: analysed on this thread only. */
  workerScript?: () => WorkerScript
  /**
   * One worker per core, rather than one per core beyond the first: for an analysis whose CPU cost
   * dwarfs reading the texts (entities: compromise), where this thread only reads meanwhile.
   */
  everyCore?: boolean
  /**
   * The entry as the sidecar file keeps it, and back: for an index that holds a more compact form
   * in memory than JSON has (provenance: passages in a typed array). Default: the entry is its own
   * JSON. `fromSaved` throws on a saved entry it cannot read: that article is analysed again.
   */
  saved?: { toSaved(entry: Entry): unknown; fromSaved(saved: unknown): Entry }
}

export interface RunnerOptions {
  /** Worker threads; 0 analyses on this thread. Default: one per core beyond the first, for large runs only. */
  workers?: number
  /** Least time between two saves of the sidecar during a run. */
  saveIntervalMs?: number
  /**
   * Work joining every article's entry (provenance: passage reuse), done once an update has analysed
   * what was stale and before it resolves: in the update, so status() says running and whenIdle()
   * waits for it, and done again if the library changed meanwhile. A failure is kept in status().
   */
  afterUpdate?: () => Promise<void>
}

/** Format of the sidecar file itself (not of the entries: that is the spec's version). */
const SIDECAR_FORMAT = 1
/**
 * Below this many articles to analyse, no worker is started: loading one takes about 0.2 s, in which
 * this thread analyses a few hundred articles of a light index itself.
 */
const MIN_ARTICLES_FOR_WORKERS = 200
/** Articles per message to a worker: few enough to spread over workers, many enough that messages cost little. */
const BATCH = 32

/**
 * Worker threads for a run over `stale` articles. A light analysis of a few articles runs here: a
 * worker would take longer to load than the work. A heavy one (everyCore: entities' tagger takes
 * 0.1–2 s per article) always runs in workers, however few the articles: on this thread a batch of
 * them would hold the service, and every request of the app's window, for seconds.
 */
export function workersFor(stale: number, spec: Pick<DerivedIndexSpec<unknown>, 'everyCore' | 'workerScript'>, cores: number): number {
  if (!spec.workerScript || stale === 0) return 0
  if (spec.everyCore) return Math.max(1, Math.min(cores, Math.ceil(stale / BATCH)))
  return stale >= MIN_ARTICLES_FOR_WORKERS ? Math.max(1, cores - 1) : 0
}
/**
 * Each worker's V8 heap limits. V8 lets an old generation grow to a multiple of what a collection left
 * alive before it collects again, and the multiple depends on the heap's ceiling: up to 4 for the
 * default ceiling (a quarter of the machine's memory, capped at a few GB), 1.3 to 1.4 for a ceiling
 * of 512 MB or less. An entities worker keeps ~20–30 MB alive after a collection but held 75–110 MB
 * of heap at 10,000 articles with the default; two of them beside the service thread were the long
 * session's peak. 512 MB is many times what a worker keeps alive (its analyser, the names it has
 * typed, a batch of texts); a worker that still ran out would end, and its batches would be analysed
 * on this thread (AnalysisPool), slower but complete.
 */
const WORKER_RESOURCE_LIMITS = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 12 }
/** Batches in flight per worker: one being analysed and one waiting, so a worker never idles on a read. */
const BATCHES_PER_WORKER = 2
/** Saves at least this far apart, and never more than a fifth of the run (see nextSaveInterval). */
const DEFAULT_SAVE_INTERVAL_MS = 3000
const SAVE_TIME_SHARE = 0.2

interface Stored<Entry> {
  key: string
  entry: Entry | null
  error?: string
}

export class DerivedIndexRunner<Entry> {
  private readonly stored = new Map<string, Stored<Entry>>()
  private readonly present = new Map<string, Entry>()
  private loading: Promise<void> | null = null
  private running: Promise<void> | null = null
  private again = false
  private closed = false
  /** The store has closed and the entries were let go of: a load still under way keeps nothing. */
  private released = false
  private progress = { done: 0, total: 0 }
  private lastError: string | null = null
  private changes = 0

  constructor(
    private readonly store: CorpusStore,
    readonly spec: DerivedIndexSpec<Entry>,
    private readonly options: RunnerOptions = {},
  ) {
    if (!/^[a-z0-9-]+$/.test(spec.name)) throw new Error(`a derived index name has only lower-case letters, digits and -, not "${spec.name}"`)
    // Closing the store stops a run first (what it analysed is saved), so no run reads a closed store.
    store.beforeClose(() => this.close())
    store.whenClosed(() => this.release())
  }

  /** The sidecar file, beside the store's other derived files. */
  get file(): string {
    return `derived-${this.spec.name}.json`
  }

  /** Grows whenever an entry is added, replaced or dropped: a reader recomputes what it built from the entries when it moves. */
  get generation(): number {
    return this.changes
  }

  status(): DerivedIndexStatus {
    const running = this.running !== null
    return {
      name: this.spec.name,
      label: this.spec.label,
      state: running ? 'running' : this.lastError ? 'failed' : 'idle',
      done: running ? this.progress.done : this.progress.total,
      total: this.progress.total,
      error: this.lastError,
    }
  }

  /** An article's entry as analysed so far (undefined before its analysis, or if it failed). */
  entry(articleId: string): Entry | undefined {
    return this.present.get(articleId)
  }

  /**
   * An article's entry only if it was made from the article's current input: after a re-import
   * changed its text, undefined until the article is analysed again (an entry of the old text would
   * point at the wrong offsets).
   */
  currentEntry(article: Article): Entry | undefined {
    const stored = this.stored.get(article.id)
    return stored && stored.entry !== null && stored.key === this.keyOf(article) ? stored.entry : undefined
  }

  /**
   * The input key (content hash, or the spec's inputKey) the article's present entry was made from;
   * undefined when it has none. With the spec's version, it says which entry entry() gives.
   */
  entryKey(articleId: string): string | undefined {
    const stored = this.stored.get(articleId)
    return stored && stored.entry !== null ? stored.key : undefined
  }

  /** Every entry analysed so far, by article id. */
  entries(): ReadonlyMap<string, Entry> {
    return this.present
  }

  /** Whether every article in the library has an entry for its current input (after the saved file is loaded). */
  isCurrent(): boolean {
    return this.loading !== null && this.running === null && this.staleArticles().length === 0 && this.stored.size === this.store.listArticles().length
  }

  /** Loads the saved index once (no analysis). */
  load(): Promise<void> {
    this.loading ??= this.readSaved()
    return this.loading
  }

  /**
   * Brings the index up to date with the library, in the background: resolves when it is (or when
   * closed). Called while a run is going, it runs once more afterwards for what changed meanwhile.
   * Never rejects: a failure is kept in status().
   */
  update(): Promise<void> {
    if (this.closed) return Promise.resolve()
    if (this.running) {
      this.again = true
      return this.running
    }
    const run = async () => {
      try {
        do {
          this.again = false
          await this.load()
          await this.run()
          if (!this.again && !this.closed) await this.options.afterUpdate?.()
        } while (this.again && !this.closed)
        this.lastError = null
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error)
        console.error(`[triangulate] the ${this.spec.name} index could not be brought up to date:`, error)
      } finally {
        this.running = null
      }
    }
    this.running = run()
    return this.running
  }

  /** Resolves when no run is going. */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running
  }

  /** Stops a run after the batches in flight (what they gave is saved) and ends the workers. */
  async close(): Promise<void> {
    this.closed = true
    await this.whenIdle()
  }

  /**
   * The store has closed (and close() saved what was analysed): the entries go, so whoever still
   * holds this runner does not keep them alive (provenance's alone are ~40 MB at 10,000 articles),
   * and nothing is loaded again from the closed store.
   */
  private release(): void {
    this.released = true
    this.loading ??= Promise.resolve()
    this.stored.clear()
    this.present.clear()
    this.changes++
  }

  private staleArticles(): Article[] {
    return this.store.listArticles().filter((article) => this.stored.get(article.id)?.key !== this.keyOf(article))
  }

  private keyOf(article: Article): string {
    return this.spec.inputKey ? this.spec.inputKey(article) : article.contentHash
  }

  private async run(): Promise<void> {
    // Articles removed from the library since are dropped.
    const inLibrary = new Set(this.store.listArticles().map((a) => a.id))
    let dirty = false
    for (const id of [...this.stored.keys()]) {
      if (!inLibrary.has(id)) {
        this.stored.delete(id)
        this.present.delete(id)
        this.changes++
        dirty = true
      }
    }
    const stale = this.staleArticles()
    this.progress = { done: 0, total: stale.length }
    if (stale.length === 0) {
      if (dirty) await this.save()
      return
    }

    const workers = this.options.workers ?? workersFor(stale.length, this.spec, availableParallelism())
    const pool = new AnalysisPool<Entry>(this.spec, workers)
    const saveInterval = { last: performance.now(), every: this.options.saveIntervalMs ?? DEFAULT_SAVE_INTERVAL_MS }
    try {
      const inFlight: Promise<void>[] = []
      const maxInFlight = Math.max(1, workers * BATCHES_PER_WORKER)
      let next = this.readBatch(stale, 0)
      for (let at = 0; at < stale.length && !this.closed; at += BATCH) {
        const batch = await next
        next = this.readBatch(stale, at + BATCH)
        inFlight.push(pool.analyse(batch.map((b) => b.input)).then((results) => this.record(batch, results)))
        if (inFlight.length >= maxInFlight) await inFlight.shift()
        if (performance.now() - saveInterval.last >= saveInterval.every) {
          const started = performance.now()
          await this.save()
          saveInterval.last = performance.now()
          saveInterval.every = Math.max(saveInterval.every, ((saveInterval.last - started) * (1 - SAVE_TIME_SHARE)) / SAVE_TIME_SHARE)
        }
      }
      await Promise.all(inFlight)
      // A read started for a batch that will not be analysed (closed) must not reject unseen.
      await next.catch(() => undefined)
    } finally {
      await pool.close()
    }
    await this.save()
  }

  /** The articles of stale[at, at + BATCH) with their texts, read together. */
  private async readBatch(stale: readonly Article[], at: number): Promise<{ article: Article; key: string; input: DerivedArticle }[]> {
    const articles = stale.slice(at, at + BATCH)
    const texts = await Promise.all(articles.map((article) => this.store.readBody(article)))
    return articles.map((article, i) => ({
      article,
      key: this.keyOf(article),
      input: { id: article.id, title: article.title, outlet: article.outlet, date: article.date, text: texts[i] as string },
    }))
  }

  private record(batch: readonly { article: Article; key: string }[], results: readonly AnalysedArticle<Entry>[]): void {
    batch.forEach(({ article, key }, i) => {
      const result = results[i]
      if (!result) return
      if (result.ok) {
        this.stored.set(article.id, { key, entry: result.entry })
        this.present.set(article.id, result.entry)
      } else {
        // Kept, so the article is not analysed again until its input changes; said once in the log.
        console.warn(`[triangulate] ${this.spec.name}: article ${article.id} could not be analysed: ${result.error}`)
        this.stored.set(article.id, { key, entry: null, error: result.error })
        this.present.delete(article.id)
      }
    })
    this.progress.done += batch.length
    this.changes++
  }

  private async readSaved(): Promise<void> {
    const saved = await readSidecar(this.store, this.file)
    // Missing, damaged, or made by another version of the analysis: rebuilt from the texts.
    if (!saved || saved.header.format !== SIDECAR_FORMAT || saved.header.name !== this.spec.name || saved.header.version !== this.spec.version) return
    const entries: { id: string; key: string; entry: Entry | null; error?: string }[] = []
    try {
      // Each entry is parsed and made into its in-memory form before the next: the whole file's JSON
      // is never one tree in memory (provenance's alone was ~90 MB of tuples for 10,000 articles).
      for await (const [id, key, savedEntry, error] of saved.entries()) {
        const entry = savedEntry === null ? null : this.fromSaved(savedEntry)
        if (entry !== undefined) entries.push({ id, key, entry, ...(error ? { error } : {}) })
      }
    } catch {
      return // damaged: rebuilt from the texts
    }
    if (this.released) return
    for (const { id, key, entry, error } of entries) {
      this.stored.set(id, { key, entry, ...(error ? { error } : {}) })
      if (entry !== null) this.present.set(id, entry)
    }
    this.changes++
  }

  /** A saved entry as held in memory; undefined when the spec cannot read it (the article is then analysed again). */
  private fromSaved(saved: unknown): Entry | undefined {
    if (!this.spec.saved) return saved as Entry
    try {
      return this.spec.saved.fromSaved(saved)
    } catch {
      return undefined
    }
  }

  private async save(): Promise<void> {
    if (this.store.readOnly) return
    const toSaved = this.spec.saved?.toSaved
    const stored = [...this.stored]
    const header = { format: SIDECAR_FORMAT, name: this.spec.name, version: this.spec.version }
    // One JSON object, as JSON.stringify would write it but with each entry on a line of its own,
    // written a piece at a time: no string of the whole file (V8 caps a string near 512 MB, which
    // provenance's sidecar nears at 100,000 articles), and entries read back one at a time.
    function* pieces(): Generator<string> {
      yield `${JSON.stringify(header).slice(0, -1)},"entries":[${SIDECAR_ENTRY_SEPARATOR}`
      for (const [at, [id, s]] of stored.entries()) {
        const tuple = s.error ? [id, s.key, null, s.error] : [id, s.key, toSaved && s.entry !== null ? toSaved(s.entry) : s.entry]
        yield `${JSON.stringify(tuple)}${at < stored.length - 1 ? ',' : ''}${SIDECAR_ENTRY_SEPARATOR}`
      }
      yield ']}'
    }
    await this.store.writeSidecarPieces(this.file, pieces())
  }
}

/** What separates the entries of a sidecar file (whitespace to JSON): each is then read alone. */
const SIDECAR_ENTRY_SEPARATOR = '\n'

const sidecarHeaderSchema = z.object({ format: z.number(), name: z.string(), version: z.number() })
const sidecarEntrySchema = z.union([z.tuple([z.string(), z.string(), z.unknown()]), z.tuple([z.string(), z.string(), z.null(), z.string()])])
const sidecarSchema = sidecarHeaderSchema.extend({ entries: z.array(sidecarEntrySchema) })
type SidecarEntry = [id: string, key: string, entry: unknown, error?: string]

/**
 * A sidecar file's header and its entries, read from the file a line at a time (the store's
 * readSidecarLines): the whole file's bytes are never in memory at once — they had been (46 MB for
 * provenance at 10,000 articles), and stayed until a full garbage collection, which during a run of
 * exports came only after several of them. The iterator throws on a damaged entry or a file cut
 * short. A file of another layout (written whole by older versions) is read whole, as before.
 */
async function readSidecar(
  store: CorpusStore,
  file: string,
): Promise<{ header: z.infer<typeof sidecarHeaderSchema>; entries: () => AsyncIterable<SidecarEntry> | Iterable<SidecarEntry> } | null> {
  const lines = await store.readSidecarLines(file)
  if (!lines) return null
  const first = await lines.next()
  const firstLine = first.done ? null : first.value
  if (!firstLine || !firstLine.subarray(-ENTRIES_OPENING.length).equals(ENTRIES_OPENING)) {
    await lines.return(undefined)
    return readSidecarEntries(await store.readSidecarBytes(file))
  }
  let header: z.infer<typeof sidecarHeaderSchema>
  try {
    const parsed = sidecarHeaderSchema.safeParse(JSON.parse(`${firstLine.toString('utf8')}]}`))
    if (!parsed.success) throw new Error('not a sidecar header')
    header = parsed.data
  } catch {
    await lines.return(undefined)
    return null
  }
  return {
    header,
    async *entries() {
      for await (const bytes of lines) {
        const line = bytes.toString('utf8')
        if (line === ']}') return
        yield sidecarEntrySchema.parse(JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line)) as SidecarEntry
      }
      throw new Error('the sidecar file is cut short')
    },
  }
}

/** How the first line of a sidecar saved an entry per line ends. */
const ENTRIES_OPENING = Buffer.from('"entries":[')

/**
 * A sidecar file's header and its entries, read one at a time (the iterator throws on a damaged
 * entry); null when there is none or its header is damaged. Reads the layout save() writes, one entry
 * per line, and any other layout of the same JSON (a file written whole, by older versions) at once.
 */
export function readSidecarEntries(bytes: Buffer | null): { header: z.infer<typeof sidecarHeaderSchema>; entries: () => Iterable<SidecarEntry> } | null {
  if (!bytes) return null
  const firstBreak = bytes.indexOf(SIDECAR_ENTRY_SEPARATOR)
  const firstLine = firstBreak < 0 ? '' : bytes.toString('utf8', 0, firstBreak)
  if (firstLine.endsWith('"entries":[')) {
    let header: z.infer<typeof sidecarHeaderSchema>
    try {
      const parsed = sidecarHeaderSchema.safeParse(JSON.parse(`${firstLine}]}`))
      if (!parsed.success) return null
      header = parsed.data
    } catch {
      return null
    }
    return {
      header,
      *entries() {
        let from = firstBreak + 1
        for (;;) {
          const end = bytes.indexOf(SIDECAR_ENTRY_SEPARATOR, from)
          const line = bytes.toString('utf8', from, end < 0 ? bytes.length : end)
          if (line === ']}') return
          if (end < 0) throw new Error('the sidecar file is cut short')
          yield sidecarEntrySchema.parse(JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line)) as SidecarEntry
          from = end + 1
        }
      },
    }
  }
  let whole: z.infer<typeof sidecarSchema>
  try {
    const parsed = sidecarSchema.safeParse(JSON.parse(bytes.toString('utf8')))
    if (!parsed.success) return null
    whole = parsed.data
  } catch {
    return null
  }
  const { entries, ...header } = whole
  return { header, entries: () => entries as SidecarEntry[] }
}

/** Workers running in this process now, across runners: tests check that a runner leaves none behind. */
export function runningDerivedWorkers(): number {
  return running.size
}

const running = new Set<Worker>()

interface Slot<Entry> {
  worker: Worker
  ready: Promise<boolean>
  pending: Map<number, (results: AnalysedArticle<Entry>[] | null) => void>
  dead: boolean
}

/**
 * Analyses batches in worker threads, or on this thread when there are none, none could start, or
 * one died: a batch whose worker died is analysed here instead, so a crash costs time, not entries.
 */
class AnalysisPool<Entry> {
  private readonly slots: Slot<Entry>[] = []
  private nextBatch = 0
  private turn = 0

  constructor(
    private readonly spec: DerivedIndexSpec<Entry>,
    workers: number,
  ) {
    for (let i = 0; i < workers; i++) {
      const slot = this.start()
      if (slot) this.slots.push(slot)
    }
  }

  async analyse(articles: DerivedArticle[]): Promise<AnalysedArticle<Entry>[]> {
    const slot = this.pick()
    if (slot && (await slot.ready) && !slot.dead) {
      const batchId = this.nextBatch++
      const results = await new Promise<AnalysedArticle<Entry>[] | null>((resolve) => {
        slot.pending.set(batchId, resolve)
        const request: AnalyseRequest = { batchId, articles }
        slot.worker.postMessage(request)
      })
      if (results) return results
    }
    // On this thread: one batch per turn of the event loop, so requests are answered in between.
    await new Promise((resolve) => setImmediate(resolve))
    return articles.map((article) => analyseSafely(this.spec.analyse, article))
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()))
  }

  private pick(): Slot<Entry> | undefined {
    const alive = this.slots.filter((s) => !s.dead)
    if (alive.length === 0) return undefined
    return alive[this.turn++ % alive.length]
  }

  private start(): Slot<Entry> | null {
    let worker: Worker
    try {
      const script = this.spec.workerScript?.()
      if (!script) return null
      worker = new Worker(script.file, { execArgv: script.execArgv, resourceLimits: WORKER_RESOURCE_LIMITS })
    } catch {
      return null
    }
    running.add(worker)
    let markReady: (ready: boolean) => void = () => {}
    const slot: Slot<Entry> = { worker, ready: new Promise((resolve) => (markReady = resolve)), pending: new Map(), dead: false }
    worker.on('message', (reply: DerivedWorkerReply<Entry>) => {
      if (reply.kind === 'ready') markReady(true)
      else {
        slot.pending.get(reply.batchId)?.(reply.results)
        slot.pending.delete(reply.batchId)
      }
    })
    worker.on('error', (error) => console.warn(`[triangulate] a ${this.spec.name} worker failed: ${error.message}; its articles are analysed on the main thread`))
    worker.on('exit', () => {
      running.delete(worker)
      slot.dead = true
      markReady(false)
      for (const resolve of slot.pending.values()) resolve(null)
      slot.pending.clear()
    })
    return slot
  }
}
