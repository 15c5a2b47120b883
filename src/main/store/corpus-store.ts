// The corpus store: the only module that touches lowdb. On disk (documented in the README):
//   <store>/library.json      article metadata (lowdb), written by imports and metadata edits
//   <store>/annotations.json  highlights, claims, evidence links (lowdb): a snapshot, rewritten now and then
//   <store>/annotations.journal  the changes since that snapshot, one line each (see annotations-journal.ts)
//   <store>/bodies/packs/     article texts, appended to pack files, found by sha256 (see body-packs.ts)
//   <store>/backups/<time>/   rolling copies of the two JSON files (see backups.ts)
//   <store>/damaged/          files that could not be read, moved aside, never deleted
//   <store>/store.lock        who has the store open for writing (see store-lock.ts)
// Annotations and the library are separate files so saving a highlight never rewrites the corpus,
// and annotation changes are appended to a journal so saving one never rewrites the others.

import type { EntityDecision } from '../../shared/entities/cluster-entities'
import { mkdir, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import type { z } from 'zod'
import type { Article, Claim, EvidenceLink, Highlight, SourceGrade } from '../../shared/model'
import { UserError } from '../../shared/result'
import {
  type AnnotationChange,
  type AnnotationsSnapshot,
  applyChanges,
  diffAnnotations,
  foldOlderJournal,
  type Collection,
  journalLine,
  readJournal,
  snapshotOf,
} from './annotations-journal'
import { createBackup, listBackups, BACKUP_DIR } from './backups'
import { BodyPacks, DamagedTextError } from './body-packs'
import { DurableJsonFile, RecordJson } from './durable-json-adapter'
import { readFileLines } from './file-lines'
import { appendFileDurably, pathExists, truncateFileDurably, writeFileDurably, writeTextDurably } from './durable-write'
import { openSealedJson, type SealedRead } from './sealed-json'
import { acquireStoreLock, type StoreLock } from './store-lock'
import { annotationsFileSchema, libraryFileSchema, JOURNAL_SINCE_VERSION, migrate, STORE_SCHEMA_VERSION, type AnnotationsFile, type LibraryFile } from './store-schema'

export { STORE_SCHEMA_VERSION }

export const LIBRARY_FILE = 'library.json'
export const ANNOTATIONS_FILE = 'annotations.json'
export const ANNOTATIONS_JOURNAL_FILE = 'annotations.journal'
export const DAMAGED_DIR = 'damaged'
export const UI_STATE_FILE = 'ui-state.json'
export const NEAR_DUPLICATES_FILE = 'near-duplicates.json'
/**
 * Writes between two rolling backups: a backup costs a copy of both JSON files, and a compaction
 * first (so the copies hold every change); with the journal, snapshots are rarely rewritten, which
 * is what backups mostly guard against.
 */
const BACKUP_EVERY_WRITES = 500
/**
 * Journal lines, or bytes, after which the annotations snapshot is rewritten and the journal emptied:
 * bounds both the replay at the next start and the journal's size, at the cost of one full rewrite
 * per so many changes instead of one per change.
 */
const COMPACT_EVERY_LINES = 500
const COMPACT_AT_BYTES = 8 * 1024 * 1024

export interface OpenOptions {
  /** Named in the lock file, so a second writer is told who holds the store. */
  app?: string
  /** Reads without taking the lock (CLI list, stats, export); every write is refused. */
  readOnly?: boolean
}

/** Stores opened in this process and not closed yet (see openCorpusStores). */
const openStores = new Set<CorpusStore>()

/**
 * The stores this process has open: tests close the ones a test left open before removing its
 * folders (test-support/temp-dir.ts), so no background work reads a folder being deleted.
 */
export function openCorpusStores(): readonly CorpusStore[] {
  return [...openStores]
}

export class CorpusStore {
  private readonly articlesById = new Map<string, Article>()
  private readonly articleByContentHash = new Map<string, Article>()
  private readonly articleByPath = new Map<string, Article>()
  /**
   * Where each article stands in the library's list, made at the first save and kept up with it (a
   * failed save drops it, to be made again): made anew at each save, it was a third of the cost of
   * an import's commit at 100,000 articles.
   */
  private positions: Map<string, number> | null = null
  private writesSinceBackup = 0
  /** Lines in the journal since the last compaction. */
  private journalLines = 0
  /** Journal appends and compactions, one at a time and in the order the changes were made. */
  private journalQueue: Promise<unknown> = Promise.resolve()
  /** Opened read-only because the disk was full: writes are refused with that reason. */
  private diskFull = false
  /** Background work reading the store (derived indexes): stopped, and awaited, before it closes. */
  private readonly stopBeforeClose = new Set<() => Promise<void>>()
  /** What readers built from the store (indexes' entries, caches): let go of once it has closed. */
  private readonly releaseWhenClosed = new Set<() => void>()

  private constructor(
    readonly dir: string,
    private readonly library: Low<LibraryFile>,
    private readonly annotations: Low<AnnotationsFile>,
    private readonly bodies: BodyPacks,
    private readonly lock: StoreLock | null,
    /** What the user must be told about opening this store (recovered files, migrations). */
    readonly notices: readonly string[],
  ) {
    for (const article of library.data.articles) this.indexArticle(article)
  }

  static async open(dir: string, options: OpenOptions = {}): Promise<CorpusStore> {
    try {
      return await CorpusStore.openAs(dir, options, [])
    } catch (error) {
      if (options.readOnly || !isDiskFull(error)) throw error
      // Opening writes (the lock, a backup, repairs): on a full disk the store can still be read.
      return CorpusStore.openAs(dir, { ...options, readOnly: true }, [
        `The disk holding ${dir} is full, so the store was opened read-only: you can read and search, but nothing can be saved. Free some space and open the store again.`,
      ])
    }
  }

  private static async openAs(dir: string, options: OpenOptions, notices: string[]): Promise<CorpusStore> {
    const readOnly = options.readOnly ?? false
    if (!readOnly) await mkdir(join(dir, 'bodies'), { recursive: true })
    const lock = readOnly ? null : await acquireStoreLock(dir, options.app ?? 'Triangulate')
    let bodies: BodyPacks | undefined
    try {
      const hadData = await hasStoreData(dir)
      const files = { library: await readStoreFile(join(dir, LIBRARY_FILE)), annotations: await readStoreFile(join(dir, ANNOTATIONS_FILE)) }
      const library = await loadStoreFile(dir, LIBRARY_FILE, 'library', libraryFileSchema, notices, readOnly, files, hadData)
      const annotations = await loadStoreFile(dir, ANNOTATIONS_FILE, 'annotations', annotationsFileSchema, notices, readOnly, files, hadData)
      const journalLines = await replayJournal(dir, annotations, notices, readOnly)
      bodies = await BodyPacks.open(join(dir, 'bodies'), { readOnly, damagedDir: join(dir, DAMAGED_DIR) })
      notices.push(...bodies.notices)
      const named = library.data.articles.filter((article) => bodies!.recovered.has(article.contentHash)).length
      if (named > 0) {
        // Committed texts are always indexed before the library names them: these were dropped from the index by outside damage.
        notices.push(
          `The index of the stored texts had lost ${named} texts of the library (the index file was damaged, cut short or removed); it was rebuilt from the packs, and no text was lost.`,
        )
      }
      const store = new CorpusStore(dir, library, annotations, bodies, lock, notices)
      store.diskFull = notices.some((notice) => notice.startsWith('The disk holding'))
      await store.checkAtOpen()
      if (!readOnly) {
        // Both files exist from a store's first open on: from then on a missing one is a loss, never a new store.
        if (!hadData || !(await pathExists(join(dir, LIBRARY_FILE)))) await library.write()
        if (!hadData || !(await pathExists(join(dir, ANNOTATIONS_FILE)))) await annotations.write()
        // Start from a clean snapshot: the next start replays nothing, and a backup is complete.
        if (journalLines > 0) await store.compactJournal()
        await createBackup(dir, [LIBRARY_FILE, ANNOTATIONS_FILE])
      }
      openStores.add(store)
      return store
    } catch (error) {
      await bodies?.close()
      await lock?.release()
      throw error
    }
  }

  /**
   * The cheap part of `check` (no text is read): articles whose text the store does not have, and
   * evidence links that lead to no claim or highlight. Lost texts are marked on their articles.
   */
  private async checkAtOpen(): Promise<void> {
    const lost = this.library.data.articles.filter((article) => article.damaged === undefined && !this.bodies.has(article.contentHash))
    if (lost.length > 0 && !this.readOnly) {
      await this.saveArticles(lost.map((article) => ({ ...article, damaged: 'its text is missing from the store' })))
    }
    const damaged = this.library.data.articles.filter((article) => article.damaged !== undefined || lost.includes(article)).length
    if (damaged > 0) {
      this.noticeList.push(
        `${damaged} ${damaged === 1 ? 'article has' : 'articles have'} lost ${damaged === 1 ? 'its' : 'their'} text (missing or damaged on disk); ${damaged === 1 ? 'it is' : 'they are'} marked in the library, with details and highlights kept. Import ${damaged === 1 ? 'its file' : 'their files'} again to restore the text (\`triangulate check --store ${this.dir}\` lists them).`,
      )
    }
    const claims = new Set(this.claims.map((c) => c.id))
    const highlights = new Set(this.highlights.map((h) => h.id))
    const dangling = this.links.filter((l) => !claims.has(l.claimId) || !highlights.has(l.highlightId)).length
    if (dangling > 0) {
      this.noticeList.push(
        `${dangling} evidence links point to claims or highlights that no longer exist; \`triangulate check --store ${this.dir} --repair\` removes them.`,
      )
    }
  }

  private get noticeList(): string[] {
    return this.notices as string[]
  }

  /**
   * Registers background work that reads the store (a derived index's run): close() stops it first,
   * so nothing reads a closed store. Returns a function that unregisters it.
   */
  beforeClose(stop: () => Promise<void>): () => void {
    this.stopBeforeClose.add(stop)
    return () => this.stopBeforeClose.delete(stop)
  }

  /**
   * Registers memory built from the store (an index's entries, a cache of answers) to let go of once
   * it has closed, after every beforeClose step (which may still read or save it): nothing can be
   * read through a closed store, and whoever still holds its service (a process that opens another
   * store, or this one again, and has not dropped every reference to the first) must not keep a
   * second copy of every index alive with it.
   */
  whenClosed(release: () => void): void {
    this.releaseWhenClosed.add(release)
  }

  /** Releases the store for other processes, after stopping its background work. The store must not be used afterwards. */
  async close(): Promise<void> {
    openStores.delete(this)
    await Promise.allSettled([...this.stopBeforeClose].map((stop) => stop()))
    this.stopBeforeClose.clear()
    if (!this.readOnly) await this.inJournalQueue(() => (this.journalLines > 0 ? this.compactJournal() : undefined)).catch(() => undefined)
    await this.bodies.close()
    await this.lock?.release()
    for (const release of this.releaseWhenClosed) release()
    this.releaseWhenClosed.clear()
  }

  get readOnly(): boolean {
    return this.lock === null
  }

  // ── Library ────────────────────────────────────────────────────────────────

  listArticles(): readonly Article[] {
    return this.library.data.articles
  }

  getArticle(id: string): Article | undefined {
    return this.articlesById.get(id)
  }

  requireArticle(id: string): Article {
    const article = this.articlesById.get(id)
    if (!article) throw new UserError('not-found', `No article with id ${id} in this store; it may have been removed.`)
    return article
  }

  findByContentHash(contentHash: string): Article | undefined {
    return this.articleByContentHash.get(contentHash)
  }

  findByPath(path: string): Article | undefined {
    return this.articleByPath.get(path)
  }

  /**
   * The article's text, checked against its hash. A text that is missing or damaged is never
   * returned: the article is marked damaged in the library, with the reason, and the error says how
   * to repair it (importing its file again writes the text back).
   */
  async readBody(article: Pick<Article, 'contentHash'>): Promise<string> {
    try {
      return await this.bodies.read(article.contentHash)
    } catch (error) {
      if (!(error instanceof DamagedTextError)) throw error
      const marked = await this.markDamaged(article.contentHash, error.reason)
      const name = marked ? `“${marked.title}”` : `with text ${article.contentHash.slice(0, 12)}…`
      const file = marked?.paths[0]
      throw new UserError(
        'io',
        `The text of the article ${name} cannot be shown: ${error.reason}. Its details, highlights and claims are kept${file ? `; import its file (${file}) again to restore the text` : ''}.`,
      )
    }
  }

  /** Whether the article's text is known to be missing or damaged (it may still be damaged unknown until read or checked). */
  hasIntactBody(article: Pick<Article, 'contentHash'> & { damaged?: string }): boolean {
    return article.damaged === undefined && this.bodies.has(article.contentHash)
  }

  /** Marks the article holding this text damaged (once), so lists, search and `check` can say so; returns it. */
  private async markDamaged(contentHash: string, reason: string): Promise<Article | undefined> {
    const article = this.articleByContentHash.get(contentHash)
    this.bodies.forget(contentHash)
    const notice = `The text of ${article ? `“${article.title}”` : `a stored article`} is ${reason.startsWith('its text is missing') ? 'missing' : 'damaged'} on disk (${reason}); it is not shown or searched. Import ${article?.paths[0] ?? 'its file'} again to restore it.`
    if (!this.notices.includes(notice)) this.noticeList.push(notice)
    if (!article || article.damaged === reason || this.readOnly) return article
    const marked = { ...article, damaged: reason }
    await this.saveArticles([marked]).catch(() => undefined)
    return this.articlesById.get(article.id)
  }

  /**
   * Bodies are written before the metadata that points at them: a body is written when this resolves,
   * and flushed to disk, with its index entry, before that metadata is committed (saveArticles). A
   * crash leaves at most an unused body, never an article without its text. Writes may overlap; an
   * article whose body write failed must not be saved.
   */
  writeBody(contentHash: string, text: string, options: { gather?: boolean } = {}): Promise<void> {
    this.requireWritable()
    return this.bodies.write(contentHash, text, options)
  }

  /** Writes a text the store has lost or holds damaged again (a re-import repairing it); the damaged record stays where it is. */
  rewriteBody(contentHash: string, text: string): Promise<void> {
    this.requireWritable()
    this.bodies.forget(contentHash)
    return this.bodies.write(contentHash, text)
  }

  /** Adds or replaces articles (matched by id) in one durable write. */
  async saveArticles(changed: readonly Article[]): Promise<void> {
    if (changed.length === 0) return
    this.requireWritable()
    await this.lock?.verify()
    await this.bodies.flush()
    const before = this.library.data.articles
    const articles = before.slice()
    const positions = (this.positions ??= new Map(before.map((article, at) => [article.id, at])))
    for (const article of changed) {
      const at = positions.get(article.id)
      if (at === undefined) positions.set(article.id, articles.push(article) - 1)
      else articles[at] = article
    }
    this.library.data.articles = articles
    try {
      await this.library.write()
    } catch (error) {
      // Memory never runs ahead of disk: what the app lists is what was saved.
      this.library.data.articles = before
      this.positions = null
      throw new UserError('io', `Could not save the library in ${this.dir} (${describeIoError(error)}). Nothing was changed.`)
    }
    for (const article of changed) {
      const existing = this.articlesById.get(article.id)
      if (existing) this.unindexArticle(existing)
      this.indexArticle(article)
    }
    await this.countWrite()
  }

  private indexArticle(article: Article): void {
    this.articlesById.set(article.id, article)
    this.articleByContentHash.set(article.contentHash, article)
    for (const path of article.paths) this.articleByPath.set(path, article)
  }

  private unindexArticle(article: Article): void {
    this.articlesById.delete(article.id)
    this.articleByContentHash.delete(article.contentHash)
    for (const path of article.paths) this.articleByPath.delete(path)
  }

  // ── Sidecar files ──────────────────────────────────────────────────────────
  // Derived or convenience data beside the store (the UI layout, the near-duplicate index): losing
  // one costs a rebuild or a default, never work, so they are not backed up.

  /** A sidecar's content, or null when it is missing or unreadable. */
  async readSidecar(file: string): Promise<unknown> {
    const raw = await readRaw(join(this.dir, file))
    return raw.kind === 'ok' ? raw.data : null
  }

  async writeSidecar(file: string, data: unknown): Promise<void> {
    this.requireWritable()
    await this.lock?.verify()
    await writeFileDurably(join(this.dir, file), JSON.stringify(data))
  }

  /** A sidecar's text as it is on disk (a journal of lines), or null when there is none. */
  async readSidecarText(file: string): Promise<string | null> {
    try {
      return await readFile(join(this.dir, file), 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  }

  /** A sidecar's bytes as they are on disk, or null when there is none (a large sidecar read without one string of it all). */
  async readSidecarBytes(file: string): Promise<Buffer | null> {
    try {
      return await readFile(join(this.dir, file))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  }

  /**
   * A sidecar's lines as bytes, read a block at a time (file-lines.ts: each line's bytes are valid until
   * the next is asked for), or null when there is none: a large sidecar read without its whole bytes
   * in memory at once.
   */
  readSidecarLines(file: string): Promise<AsyncGenerator<Buffer> | null> {
    return readFileLines(join(this.dir, file))
  }

  /** Writes a sidecar from its text in pieces, durably, so that a large one never has to be one string (V8 caps a string near 512 MB). */
  async writeSidecarPieces(file: string, pieces: Iterable<string>): Promise<void> {
    this.requireWritable()
    await this.lock?.verify()
    await writeTextDurably(join(this.dir, file), pieces)
  }

  /** Appends to a sidecar journal, flushed to disk before it resolves; empty text empties the file. */
  async appendSidecar(file: string, text: string): Promise<void> {
    this.requireWritable()
    await this.lock?.verify()
    if (text === '') await truncateFileDurably(join(this.dir, file), 0)
    else await appendFileDurably(join(this.dir, file), text)
  }

  /** Removes a sidecar no longer used (one a newer version keeps elsewhere); nothing if it is not there. */
  async removeSidecar(file: string): Promise<void> {
    this.requireWritable()
    await rm(join(this.dir, file), { force: true })
  }

  // ── Annotations ────────────────────────────────────────────────────────────

  get highlights(): readonly Highlight[] {
    return this.annotations.data.highlights
  }

  get claims(): readonly Claim[] {
    return this.annotations.data.claims
  }

  get links(): readonly EvidenceLink[] {
    return this.annotations.data.links
  }

  get sourceGrades(): readonly SourceGrade[] {
    return this.annotations.data.sources
  }

  /** The analyst's entity decisions (merge, split, rename, type, delete), as records of variants. */
  get entityDecisions(): readonly EntityDecision[] {
    return this.annotations.data.entities
  }

  /** One annotation collection's records by its name (the command history reads them generically). */
  annotationRecords<C extends keyof AnnotationsFile & Collection>(collection: C): readonly AnnotationsFile[C][number][] {
    return this.annotations.data[collection]
  }

  /**
   * Applies a change to highlights, claims, links and grades — computed by the claims module from
   * the current records — and writes it durably; the change returns what the caller gets back.
   * `observe` is told what the change did (the records before it, and the diff written to the
   * journal) before it is written: the undo history records steps from it without a second diff.
   */
  changeAnnotations<T>(change: (data: AnnotationsFile) => T, observe?: (before: AnnotationsSnapshot, diff: AnnotationChange) => void): Promise<T> {
    return this.mutateAnnotations(change, observe)
  }

  requireHighlight(id: string): Highlight {
    const highlight = this.highlights.find((h) => h.id === id)
    if (!highlight) throw new UserError('not-found', `No highlight with id ${id}; it may have been deleted.`)
    return highlight
  }

  requireClaim(id: string): Claim {
    const claim = this.claims.find((c) => c.id === id)
    if (!claim) throw new UserError('not-found', `No claim with id ${id}; it may have been deleted.`)
    return claim
  }

  addHighlight(highlight: Highlight): Promise<Highlight> {
    return this.mutateAnnotations((data) => {
      data.highlights.push(highlight)
      return highlight
    })
  }

  /** Replaces highlights (matched by id) in one durable write: re-anchoring after a text change. */
  replaceHighlights(changed: readonly Highlight[]): Promise<void> {
    if (changed.length === 0) return Promise.resolve()
    const byId = new Map(changed.map((h) => [h.id, h]))
    return this.mutateAnnotations((data) => {
      data.highlights = data.highlights.map((h) => byId.get(h.id) ?? h)
    })
  }

  /** Removes a highlight and its evidence links, returning both so the caller can offer undo. */
  removeHighlight(id: string): Promise<{ highlight: Highlight; links: EvidenceLink[] }> {
    const highlight = this.requireHighlight(id)
    return this.mutateAnnotations((data) => {
      const links = data.links.filter((l) => l.highlightId === id)
      data.highlights = data.highlights.filter((h) => h.id !== id)
      data.links = data.links.filter((l) => l.highlightId !== id)
      return { highlight, links }
    })
  }

  addClaim(claim: Claim): Promise<Claim> {
    return this.mutateAnnotations((data) => {
      data.claims.push(claim)
      return claim
    })
  }

  addLink(link: EvidenceLink): Promise<EvidenceLink> {
    return this.mutateAnnotations((data) => {
      data.links.push(link)
      return link
    })
  }

  removeLink(linkId: string): Promise<EvidenceLink> {
    const link = this.links.find((l) => l.id === linkId)
    if (!link) throw new UserError('not-found', `No evidence link with id ${linkId}; it may have been removed.`)
    return this.mutateAnnotations((data) => {
      data.links = data.links.filter((l) => l.id !== linkId)
      return link
    })
  }

  /**
   * Applies a change in memory and appends it durably to the journal. If that fails, memory is
   * reloaded from disk so what the app shows never claims more than what was saved.
   */
  private async mutateAnnotations<T>(change: (data: AnnotationsFile) => T, observe?: (before: AnnotationsSnapshot, diff: AnnotationChange) => void): Promise<T> {
    this.requireWritable()
    await this.lock?.verify()
    const before = snapshotOf(this.annotations.data)
    const value = change(this.annotations.data)
    const diff = diffAnnotations(before, this.annotations.data)
    if (!diff) return value
    observe?.(before, diff)
    const line = journalLine(diff, STORE_SCHEMA_VERSION)
    let journalBytes: number
    try {
      journalBytes = await this.inJournalQueue(() => appendFileDurably(join(this.dir, ANNOTATIONS_JOURNAL_FILE), line))
    } catch (error) {
      await this.reloadAnnotations()
      throw new UserError('io', `Could not save to ${this.dir}: ${(error as Error).message}. Nothing was changed.`)
    }
    this.journalLines++
    if (this.journalLines >= COMPACT_EVERY_LINES || journalBytes >= COMPACT_AT_BYTES) {
      // The change is already safe in the journal; a compaction that fails is retried later.
      await this.inJournalQueue(() => this.compactJournal()).catch(() => undefined)
    }
    await this.countWrite()
    return value
  }

  private inJournalQueue<T>(work: () => Promise<T> | T): Promise<T> {
    const next = this.journalQueue.then(work)
    this.journalQueue = next.catch(() => undefined)
    return next
  }

  /** Rewrites the snapshot with everything in memory, then empties the journal (in that order: see annotations-journal.ts). */
  private async compactJournal(): Promise<void> {
    await this.lock?.verify()
    await this.annotations.write()
    await truncateFileDurably(join(this.dir, ANNOTATIONS_JOURNAL_FILE), 0)
    this.journalLines = 0
  }

  private async reloadAnnotations(): Promise<void> {
    await this.annotations.read()
    const journal = await readJournal(join(this.dir, ANNOTATIONS_JOURNAL_FILE), STORE_SCHEMA_VERSION, JOURNAL_SINCE_VERSION)
    applyChanges(this.annotations.data, journal.changes)
  }

  private requireWritable(): void {
    if (this.diskFull)
      throw new UserError('io', `The disk holding ${this.dir} is full, so the store was opened read-only and nothing can be saved. Free some space and open it again.`)
    if (this.readOnly) throw new UserError('conflict', `The store ${this.dir} was opened read-only; nothing can be changed through it.`)
  }

  private async countWrite(): Promise<void> {
    if (++this.writesSinceBackup < BACKUP_EVERY_WRITES) return
    this.writesSinceBackup = 0
    // A backup is the two snapshots; compacting first puts every change of the journal in them.
    // The change is saved already: a backup that fails (a full disk) is told, never the change's failure.
    await this.inJournalQueue(async () => {
      if (this.journalLines > 0) await this.compactJournal()
      await createBackup(this.dir, [LIBRARY_FILE, ANNOTATIONS_FILE])
    }).catch((error: unknown) => {
      const notice = `A rolling backup of ${this.dir} could not be made (${describeIoError(error)}); your changes are saved, and the next backup is tried after ${BACKUP_EVERY_WRITES} more.`
      if (!this.notices.includes(notice)) this.noticeList.push(notice)
    })
  }
}

/**
 * Reads one of the store's JSON files: migrates an older version forward (after a backup), refuses a
 * newer one, and recovers a damaged one (a checksum that does not match, bad JSON, or not the shape
 * of a store file) — moved aside to damaged/, never deleted — from the newest backup that is good,
 * telling the user through `notices`. A missing file in a store that holds other files is restored
 * from a backup too. With no good backup, a store that had data is refused for writing: it never
 * opens as empty, which the next save would make permanent.
 */
async function loadStoreFile<S extends typeof libraryFileSchema | typeof annotationsFileSchema>(
  dir: string,
  name: string,
  kind: 'library' | 'annotations',
  schema: S,
  notices: string[],
  readOnly: boolean,
  files: Record<'library' | 'annotations', StoreFileRead>,
  hadData: boolean,
): Promise<Low<z.infer<S>>> {
  const path = join(dir, name)
  // Articles are replaced, never changed in place: their JSON is kept from one library write to the next.
  const adapter = new DurableJsonFile<z.infer<S>>(path, kind === 'library' ? new RecordJson() : undefined)
  const empty = { schemaVersion: STORE_SCHEMA_VERSION, ...(kind === 'library' ? { articles: [] } : { highlights: [], claims: [], links: [], sources: [], entities: [] }) }
  const db = new Low<z.infer<S>>(adapter, empty as z.infer<S>)
  const what = kind === 'library' ? 'article list' : 'highlights, claims and evidence links'

  const raw = files[kind]
  let problem: string
  if (raw.kind === 'missing') {
    const other = files[kind === 'library' ? 'annotations' : 'library']
    // Stores from before sealing wrote a file only once it had something in it.
    const legacy = other.kind === 'ok' && !other.sealed
    if (!hadData) return db
    problem = 'missing'
    if (legacy && !(await anyBackupHolds(dir, name))) return db
  } else if (raw.kind === 'ok') {
    const version = Number(raw.data.schemaVersion)
    if (version > STORE_SCHEMA_VERSION) {
      throw new UserError(
        'conflict',
        `${path} was written by a newer Triangulate (store version ${version}, this app reads up to ${STORE_SCHEMA_VERSION}). Update Triangulate; the store was left untouched.`,
      )
    }
    if (version < STORE_SCHEMA_VERSION) {
      if (readOnly) throw new UserError('conflict', `${path} is from an older Triangulate; open the store once with write access to upgrade it.`)
      const backup = await createBackup(dir, [name])
      // The journal holds changes in the old version's shape: they go into the snapshot before it is migrated.
      const journalPath = join(dir, ANNOTATIONS_JOURNAL_FILE)
      const journalText = kind === 'annotations' ? await readFile(journalPath, 'utf8').catch(() => '') : ''
      const folded = journalText === '' ? { data: raw.data, complete: false } : foldOlderJournal(raw.data, journalText, version)
      const migrated = schema.safeParse(migrate(kind, folded.data))
      if (migrated.success) {
        db.data = migrated.data as z.infer<S>
        await db.write()
        if (folded.complete) await truncateFileDurably(journalPath, 0)
        notices.push(`Upgraded ${name} from store version ${version} to ${STORE_SCHEMA_VERSION} (backup: ${join(dir, BACKUP_DIR, backup ?? '')}).`)
        return db
      }
      problem = 'not the shape of a store file'
    } else {
      const valid = schema.safeParse(raw.data)
      if (valid.success) {
        db.data = valid.data as z.infer<S>
        return db
      }
      problem = 'it is not the shape of a store file'
    }
  } else {
    problem = raw.reason
  }

  const missing = raw.kind === 'missing'
  const damage = missing ? `${name} is missing` : `${name} is damaged (${problem})`
  if (readOnly) {
    notices.push(`${damage}; the store is shown without its ${what}. Open it with write access to restore the file from a backup.`)
    return db
  }
  let aside: string | null = null
  if (!missing) {
    await mkdir(join(dir, DAMAGED_DIR), { recursive: true })
    aside = join(dir, DAMAGED_DIR, `${name}.${new Date().toISOString().replace(/[:.]/g, '-')}`)
    await rename(path, aside)
  }
  for (const backup of await listBackups(dir)) {
    const candidate = await readStoreFile(join(dir, BACKUP_DIR, backup, name))
    if (candidate.kind !== 'ok') continue
    const data = candidate.data
    if (Number(data.schemaVersion) > STORE_SCHEMA_VERSION) continue
    const parsed = schema.safeParse(Number(data.schemaVersion) < STORE_SCHEMA_VERSION ? migrate(kind, data) : data)
    if (!parsed.success) continue
    db.data = parsed.data as z.infer<S>
    await db.write()
    notices.push(`${damage}${aside ? `; it was moved to ${aside}` : ''}. The backup from ${backup} was restored; work saved after that backup is missing from it.`)
    return db
  }
  if (aside) await rename(aside, path) // left where it was: the analyst decides
  throw new UserError(
    'io',
    `${damage}, and no good backup of it was found in ${join(dir, BACKUP_DIR)}. Triangulate will not open this store for writing, so that its ${what} are not replaced by an empty list: put a good copy of ${name} back (from your own backups), or move the file away to start the store without its ${what}. The store can still be opened read-only.`,
  )
}

/** Whether any backup holds this file (good or not). */
async function anyBackupHolds(dir: string, name: string): Promise<boolean> {
  for (const backup of await listBackups(dir)) if (await pathExists(join(dir, BACKUP_DIR, backup, name))) return true
  return false
}

/** Whether the folder already holds a store's files: then a missing JSON file is a loss, not a new store. */
async function hasStoreData(dir: string): Promise<boolean> {
  for (const name of [LIBRARY_FILE, ANNOTATIONS_FILE, ANNOTATIONS_JOURNAL_FILE, join('bodies', 'packs', 'index'), join('bodies', 'packs', '000001.pack')]) {
    if (await pathExists(join(dir, name))) return true
  }
  return (await listBackups(dir)).length > 0
}

function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code
  return code === 'ENOSPC' || code === 'EDQUOT'
}

/** A file system error in words, without quoting any file's content. */
function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'the disk is full'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'EROFS') return 'the disk is read-only'
  return (error as Error)?.message ?? String(error)
}

/**
 * Applies the journal's changes to the freshly loaded snapshot; returns how many lines it held. A
 * damaged journal keeps the good lines before the damage and is moved aside to damaged/, never
 * deleted, and the user is told.
 */
async function replayJournal(dir: string, annotations: Low<AnnotationsFile>, notices: string[], readOnly: boolean): Promise<number> {
  const path = join(dir, ANNOTATIONS_JOURNAL_FILE)
  const journal = await readJournal(path, STORE_SCHEMA_VERSION, JOURNAL_SINCE_VERSION)
  applyChanges(annotations.data, journal.changes)
  if (journal.kind === 'ok') return journal.changes.length + (journal.tornTail ? 1 : 0)
  if (readOnly) throw new UserError('io', `${path} is damaged at line ${journal.line} (${journal.reason}); open the store with write access to recover it.`)
  await mkdir(join(dir, DAMAGED_DIR), { recursive: true })
  const aside = join(dir, DAMAGED_DIR, `${ANNOTATIONS_JOURNAL_FILE}.${new Date().toISOString().replace(/[:.]/g, '-')}`)
  await rename(path, aside)
  notices.push(
    `${ANNOTATIONS_JOURNAL_FILE} was damaged at line ${journal.line} (${journal.reason}). The ${journal.changes.length} changes before that line were kept; the file was moved to ${aside}, and changes recorded after the damage are missing.`,
  )
  return journal.changes.length
}

type RawFile = { kind: 'missing' } | { kind: 'damaged' } | { kind: 'ok'; data: unknown }

export type StoreFileRead = { kind: 'missing' } | SealedRead

/** Reads a sealed store file (library.json, annotations.json, or a backup's copy). */
export async function readStoreFile(path: string): Promise<StoreFileRead> {
  let text: Buffer
  try {
    text = await readFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' }
    throw error
  }
  return openSealedJson(text)
}

async function readRaw(path: string): Promise<RawFile> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' }
    throw error
  }
  try {
    return { kind: 'ok', data: JSON.parse(text) }
  } catch {
    return { kind: 'damaged' }
  }
}
