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

import { mkdir, readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import type { z } from 'zod'
import type { Article, Claim, EvidenceLink, Highlight, SourceGrade } from '../../shared/model'
import { UserError } from '../../shared/result'
import {
  applyChanges,
  diffAnnotations,
  type Collection,
  journalLine,
  readJournal,
  snapshotOf,
} from './annotations-journal'
import { createBackup, listBackups, BACKUP_DIR } from './backups'
import { BodyPacks } from './body-packs'
import { DurableJsonFile } from './durable-json-adapter'
import { appendFileDurably, truncateFileDurably, writeFileDurably } from './durable-write'
import { acquireStoreLock, type StoreLock } from './store-lock'
import {
  annotationsFileSchema,
  libraryFileSchema,
  migrate,
  STORE_SCHEMA_VERSION,
  type AnnotationsFile,
  type LibraryFile,
} from './store-schema'

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

export class CorpusStore {
  private readonly articlesById = new Map<string, Article>()
  private readonly articleByContentHash = new Map<string, Article>()
  private readonly articleByPath = new Map<string, Article>()
  private writesSinceBackup = 0
  /** Lines in the journal since the last compaction. */
  private journalLines = 0
  /** Journal appends and compactions, one at a time and in the order the changes were made. */
  private journalQueue: Promise<unknown> = Promise.resolve()

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
    const readOnly = options.readOnly ?? false
    if (!readOnly) await mkdir(join(dir, 'bodies'), { recursive: true })
    const lock = readOnly ? null : await acquireStoreLock(dir, options.app ?? 'Triangulate')
    let bodies: BodyPacks | undefined
    try {
      const notices: string[] = []
      const library = await loadStoreFile(dir, LIBRARY_FILE, 'library', libraryFileSchema, notices, readOnly)
      const annotations = await loadStoreFile(dir, ANNOTATIONS_FILE, 'annotations', annotationsFileSchema, notices, readOnly)
      const journalLines = await replayJournal(dir, annotations, notices, readOnly)
      bodies = await BodyPacks.open(join(dir, 'bodies'), { readOnly })
      const store = new CorpusStore(dir, library, annotations, bodies, lock, notices)
      if (!readOnly) {
        // Start from a clean snapshot: the next start replays nothing, and a backup is complete.
        if (journalLines > 0) await store.compactJournal()
        await createBackup(dir, [LIBRARY_FILE, ANNOTATIONS_FILE])
      }
      return store
    } catch (error) {
      await bodies?.close()
      await lock?.release()
      throw error
    }
  }

  /** Releases the store for other processes. The store must not be used afterwards. */
  async close(): Promise<void> {
    if (!this.readOnly) await this.inJournalQueue(() => (this.journalLines > 0 ? this.compactJournal() : undefined)).catch(() => undefined)
    await this.bodies.close()
    await this.lock?.release()
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

  readBody(article: Pick<Article, 'contentHash'>): Promise<string> {
    return this.bodies.read(article.contentHash)
  }

  /**
   * Bodies are written before the metadata that points at them: a body is written when this resolves,
   * and flushed to disk, with its index entry, before that metadata is committed (saveArticles). A
   * crash leaves at most an unused body, never an article without its text. Writes may overlap; an
   * article whose body write failed must not be saved.
   */
  writeBody(contentHash: string, text: string): Promise<void> {
    this.requireWritable()
    return this.bodies.write(contentHash, text)
  }

  /** Adds or replaces articles (matched by id) in one durable write. */
  async saveArticles(changed: readonly Article[]): Promise<void> {
    if (changed.length === 0) return
    this.requireWritable()
    await this.bodies.flush()
    const articles = this.library.data.articles
    for (const article of changed) {
      const existing = this.articlesById.get(article.id)
      if (existing) {
        this.unindexArticle(existing)
        articles[articles.indexOf(existing)] = article
      } else {
        articles.push(article)
      }
      this.indexArticle(article)
    }
    await this.library.write()
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
    await writeFileDurably(join(this.dir, file), JSON.stringify(data))
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

  /** One annotation collection's records by its name (the command history reads them generically). */
  annotationRecords<C extends keyof AnnotationsFile & Collection>(collection: C): readonly AnnotationsFile[C][number][] {
    return this.annotations.data[collection]
  }

  /**
   * Applies a change to highlights, claims, links and grades — computed by the claims module from
   * the current records — and writes it durably; the change returns what the caller gets back.
   */
  changeAnnotations<T>(change: (data: AnnotationsFile) => T): Promise<T> {
    return this.mutateAnnotations(change)
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
  private async mutateAnnotations<T>(change: (data: AnnotationsFile) => T): Promise<T> {
    this.requireWritable()
    const before = snapshotOf(this.annotations.data)
    const value = change(this.annotations.data)
    const diff = diffAnnotations(before, this.annotations.data)
    if (!diff) return value
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
    await this.annotations.write()
    await truncateFileDurably(join(this.dir, ANNOTATIONS_JOURNAL_FILE), 0)
    this.journalLines = 0
  }

  private async reloadAnnotations(): Promise<void> {
    await this.annotations.read()
    const journal = await readJournal(join(this.dir, ANNOTATIONS_JOURNAL_FILE), STORE_SCHEMA_VERSION)
    applyChanges(this.annotations.data, journal.changes)
  }

  private requireWritable(): void {
    if (this.readOnly) throw new UserError('conflict', `The store ${this.dir} was opened read-only; nothing can be changed through it.`)
  }

  private async countWrite(): Promise<void> {
    if (++this.writesSinceBackup < BACKUP_EVERY_WRITES) return
    this.writesSinceBackup = 0
    // A backup is the two snapshots; compacting first puts every change of the journal in them.
    await this.inJournalQueue(async () => {
      if (this.journalLines > 0) await this.compactJournal()
      await createBackup(this.dir, [LIBRARY_FILE, ANNOTATIONS_FILE])
    })
  }
}

/**
 * Reads one of the store's JSON files: migrates an older version forward (after a backup), refuses a
 * newer one, and recovers a damaged one — moved aside to damaged/, never deleted — from the newest
 * backup that is good, telling the user through `notices`.
 */
async function loadStoreFile<S extends typeof libraryFileSchema | typeof annotationsFileSchema>(
  dir: string,
  name: string,
  kind: 'library' | 'annotations',
  schema: S,
  notices: string[],
  readOnly: boolean,
): Promise<Low<z.infer<S>>> {
  const path = join(dir, name)
  const adapter = new DurableJsonFile<z.infer<S>>(path)
  const empty = { schemaVersion: STORE_SCHEMA_VERSION, ...(kind === 'library' ? { articles: [] } : { highlights: [], claims: [], links: [], sources: [] }) }
  const db = new Low<z.infer<S>>(adapter, empty as z.infer<S>)

  const raw = await readRaw(path)
  if (raw.kind === 'missing') return db
  if (raw.kind === 'ok') {
    const version = Number((raw.data as { schemaVersion?: unknown })?.schemaVersion)
    if (version > STORE_SCHEMA_VERSION) {
      throw new UserError(
        'conflict',
        `${path} was written by a newer Triangulate (store version ${version}, this app reads up to ${STORE_SCHEMA_VERSION}). Update Triangulate; the store was left untouched.`,
      )
    }
    if (version < STORE_SCHEMA_VERSION) {
      if (readOnly) throw new UserError('conflict', `${path} is from an older Triangulate; open the store once with write access to upgrade it.`)
      const backup = await createBackup(dir, [name])
      const migrated = schema.safeParse(migrate(kind, raw.data as Record<string, unknown>))
      if (migrated.success) {
        db.data = migrated.data as z.infer<S>
        await db.write()
        notices.push(`Upgraded ${name} from store version ${version} to ${STORE_SCHEMA_VERSION} (backup: ${join(dir, BACKUP_DIR, backup ?? '')}).`)
        return db
      }
    } else {
      const valid = schema.safeParse(raw.data)
      if (valid.success) {
        db.data = valid.data as z.infer<S>
        return db
      }
    }
  }

  // Damaged: unreadable, or not the shape of a store file.
  if (readOnly) throw new UserError('io', `${path} is damaged; open the store with write access to recover it from a backup.`)
  await mkdir(join(dir, DAMAGED_DIR), { recursive: true })
  const aside = join(dir, DAMAGED_DIR, `${name}.${new Date().toISOString().replace(/[:.]/g, '-')}`)
  await rename(path, aside)
  for (const backup of await listBackups(dir)) {
    const candidate = await readRaw(join(dir, BACKUP_DIR, backup, name))
    if (candidate.kind !== 'ok') continue
    const data = candidate.data as Record<string, unknown>
    const parsed = schema.safeParse(Number(data.schemaVersion) < STORE_SCHEMA_VERSION ? migrate(kind, data) : data)
    if (!parsed.success) continue
    db.data = parsed.data as z.infer<S>
    await writeFileDurably(path, JSON.stringify(db.data))
    notices.push(`${name} was damaged and could not be read. It was moved to ${aside}, and the backup from ${backup} was restored; work saved after that backup is missing from it.`)
    return db
  }
  notices.push(`${name} was damaged and could not be read, and no good backup was found. It was moved to ${aside}; the store starts without its ${kind === 'library' ? 'article list' : 'highlights and claims'}.`)
  return db
}

/**
 * Applies the journal's changes to the freshly loaded snapshot; returns how many lines it held. A
 * damaged journal keeps the good lines before the damage and is moved aside to damaged/, never
 * deleted, and the user is told.
 */
async function replayJournal(dir: string, annotations: Low<AnnotationsFile>, notices: string[], readOnly: boolean): Promise<number> {
  const path = join(dir, ANNOTATIONS_JOURNAL_FILE)
  const journal = await readJournal(path, STORE_SCHEMA_VERSION)
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
