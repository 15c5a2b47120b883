// Imports a folder of article files into the store. A bad file is skipped with its reason and never
// stops the import; work is committed in batches so a cancelled or crashed import keeps every batch
// finished before it, and the store never points at a body that is not on disk. Files are processed
// one at a time in listing order (which decides what counts as an original), but the work is spread
// around that: the next files are read ahead and prepared (decoded, hashed, signed for the
// near-duplicate index) in worker threads, and bodies are written behind, all bounded.

import { resolve } from 'node:path'
import { reanchorHighlights } from '../../shared/anchoring/reanchor-highlights'
import { statedOutletSource } from '../../shared/provenance/outlet-source'
import { recordReanchoring } from '../anchoring/reanchoring-record'
import type { Article, ImportProgress, ImportReport } from '../../shared/model'
import { NEAR_DUPLICATES_FILE, type CorpusStore } from '../store/corpus-store'
import { createNearDuplicateIndex, restoreNearDuplicateIndex, type NearDuplicateIndex } from './near-duplicates'
import { PendingArticles } from './pending-articles'
import type { DocumentTerms, NumberedTerms } from '../search/document-terms'
import { deriveFromText, sha256 } from './prepare-article-file'
import type { FileOutcome as PreparedFile } from './preparation-protocol'
import { openPreparationPool, SPARE_WORKER_KEPT_MS, workersFor, type PreparationOptions, type PreparationPool } from './preparation-pool'
import { readAhead } from './read-ahead'
import { listArticleFiles, type FolderListing, type FoundFile } from './walk-folder'
import { WriteBehind } from './write-behind'

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void
  signal?: AbortSignal
  /** Larger files are skipped: no news article is this long, a log or a dump is. */
  maxFileBytes?: number
  /**
   * Each new text's search terms as it is stored, page furniture left out (DECISIONS section 2),
   * counted by the preparation worker: the search index takes them here, while the worker prepares
   * the next files, rather than reading every text back after. An article whose body write then
   * fails is not committed; the listener's caller must forget it.
   */
  onArticleTerms?: (article: Article, terms: DocumentTerms | NumberedTerms) => void
  /** Worker threads that prepare the files; by default as many as the cores and the new files warrant. */
  preparation?: PreparationOptions
  /** When to commit while files are being imported (by default COMMIT_EVERY files, at most as often as MIN_COMMIT_INTERVAL_MS); for tests. */
  commits?: { everyFiles: number; minIntervalMs: number }
  /**
   * Called once, when every file has been processed and before the last commit is written: every new
   * text has been handed to onArticleTerms by then, so its listener can save what it took while the
   * library goes to disk. Not called when the import is cancelled or fails before.
   */
  onFilesProcessed?: () => void
}

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024
/**
 * Sidecar keeping the raw bytes (base64) of each imported path that is not valid UTF-8, by the path as
 * stored (with U+FFFD): the stored path shows the name, these bytes open the file. Importing the
 * folder again writes it again, should it be lost.
 */
export const RAW_PATHS_FILE = 'raw-paths.json'
/** Files per durable metadata write: bounds both the work lost to a crash and the write count. */
const COMMIT_EVERY = 500
/**
 * ...but not more often than this, nor more often than COMMIT_TIME_SHARE allows: each commit
 * rewrites the library file, which grows with the corpus, so a fixed batch size or a fixed interval
 * would make a large import quadratic. With the interval a multiple of the last commit's duration,
 * commits never take more than about a fifth of the import, however large the library. A crash
 * loses at most one interval of import work, which importing the folder again redoes.
 */
const MIN_COMMIT_INTERVAL_MS = 2000
const COMMIT_TIME_SHARE = 0.2
/**
 * Files read and prepared ahead of the one being processed: enough that the workers go on preparing
 * while this thread is busy elsewhere (a commit, a batch of body writes), few enough that their texts
 * stay a few MB. At 16 a worker ran dry within ~5 ms of any pause here: at 10,000 files it sat idle
 * 3.4–5.8 s in all, against 2.1–3.5 s at 256 (same runs, machine loaded).
 */
const READ_AHEAD_FILES = 256
/**
 * Body writes left running behind the processing. The store writes the bodies handed over in one
 * turn of the event loop as one batch (flushed at the commit), so this bounds a batch: 64 bodies of
 * ~6 KB, one writev, where 8 made eight times the round trips through the thread pool.
 */
const BODY_WRITES_IN_FLIGHT = 64

export async function importFolder(store: CorpusStore, folder: string, options: ImportOptions = {}): Promise<ImportReport> {
  const root = resolve(folder)
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
  const progress: ImportProgress = { scanned: 0, total: 0, processed: 0, imported: 0, duplicates: 0, skipped: 0 }
  const report = (progressUpdate: Partial<ImportProgress>) => {
    Object.assign(progress, progressUpdate)
    options.onProgress?.({ ...progress })
  }

  // The first worker loads its modules while the folder is listed: an import waits for both before
  // its first file. One that finds no file is ended unused.
  const preparation = openPreparationPool({
    knownContentHashes: new Set(store.listArticles().map((article) => article.contentHash)),
    ...options.preparation,
    workers: options.preparation?.workers ?? 1,
  })
  let listing: FolderListing
  let similar: NearDuplicateIndex
  try {
    listing = await listArticleFiles(root, (scanned, total) => report({ scanned, total }), options.signal)
    similar = await openNearDuplicateIndex(store)
  } catch (error) {
    await preparation.close()
    throw error
  }
  const result: ImportReport = {
    folder: root,
    imported: 0,
    duplicates: 0,
    updated: 0,
    reanchored: 0,
    orphaned: 0,
    nearDuplicates: [],
    skipped: [...listing.skipped],
    warnings: [],
    articleIds: [],
  }
  report({ total: listing.files.length, skipped: result.skipped.length })

  const pending = new PendingArticles()
  const revised = new Set<string>()
  const bodyWrites = new WriteBehind(BODY_WRITES_IN_FLIGHT)
  let lastCommit = performance.now()
  const commitEvery = options.commits?.everyFiles ?? COMMIT_EVERY
  const minCommitInterval = options.commits?.minIntervalMs ?? MIN_COMMIT_INTERVAL_MS
  let commitInterval = minCommitInterval
  const commit = async ({ last }: { last: boolean }) => {
    // What is pending now is saved; the import may go on meanwhile (see below), and what it adds
    // waits for the next commit. Until it is saved, an article stays pending, where the import
    // finds it (removeSaved).
    const batch = pending.values()
    const revisedNow = new Set(revised)
    revised.clear()
    // Metadata is saved only for articles whose bodies are on disk: one whose write failed is left
    // out (and out of the near-duplicate index), and the failure ends the import after this commit.
    const failedBodies = await bodyWrites.settle()
    for (const id of failedBodies.keys()) {
      pending.delete(id)
      similar.remove(id)
    }
    const saving = batch.filter((article) => !failedBodies.has(article.id))
    // The near-duplicate index is saved whole, so only at the end: an import that stops before
    // leaves it behind the library by the articles added since, which the next import adds from their
    // texts (openNearDuplicateIndex). A revised article's new signature is not caught up that way (its
    // id is indexed already), so a commit with revisions saves it too. It is written beside the
    // library, their flushes to disk overlapping: saved ahead of a library write that then fails, it
    // holds articles the library does not, which opening it drops.
    await Promise.all([store.saveArticles(saving), last || revisedNow.size > 0 ? store.writeSidecarPieces(NEAR_DUPLICATES_FILE, similar.jsonPieces()) : undefined])
    pending.removeSaved(saving)
    await recordRawPaths(store, rawNamed)
    // After the new texts are committed, their highlights follow them (see reanchorRevised).
    await reanchorRevised(store, revisedNow, result)
    const [failure] = failedBodies.values()
    if (failure !== undefined) throw failure
  }
  // A commit made while files are being imported runs beside the import, one at a time: the import
  // waited for each, though most of a commit is waiting for the disk, and at 100,000 articles its
  // commits were a tenth of it. A failed one ends the import at the next file.
  // (Typed by assertion: set in startCommit, which the compiler does not follow into.)
  let running = null as { done: boolean; commit: Promise<void> } | null
  const startCommit = () => {
    const started = performance.now()
    const flight = {
      done: false,
      commit: commit({ last: false })
        .then(() => {
          lastCommit = performance.now()
          commitInterval = Math.max(minCommitInterval, ((lastCommit - started) * (1 - COMMIT_TIME_SHARE)) / COMMIT_TIME_SHARE)
        })
        .finally(() => (flight.done = true)),
    }
    // Awaited later, by the import or its last commit; not a rejection nobody handles meanwhile.
    flight.commit.catch(() => undefined)
    running = flight
  }

  const rawNamed = listing.files.filter((file) => file.rawPath !== undefined)
  const newFiles = listing.files.filter((file) => store.findByPath(file.path) === undefined).length
  if (options.preparation?.workers === undefined) preparation.startWorkers(workersFor(newFiles, listing.files.length))
  // Cancelling ends the workers at once, mid-file: a file that stalls its parser cannot hold the
  // import (the files they held come back skipped, and are left out of the report).
  const stopPreparing = () => void preparation.close()
  options.signal?.addEventListener('abort', stopPreparing, { once: true })
  const prepared = readAhead(listing.files, READ_AHEAD_FILES, (file) => readAndPrepare(file, maxFileBytes, preparation))
  let closing: Promise<void> | undefined
  try {
    for (const file of listing.files) {
      // Cancelling stops between files, or ends the file being prepared; the report then tells what was kept.
      if (options.signal?.aborted) break
      const ready = await prepared.next()
      if (options.signal?.aborted) break
      const outcome = await importFile(store, pending, file, ready, similar, bodyWrites)
      for (const message of outcome.warnings ?? []) result.warnings.push({ path: file.path, message })
      if (outcome.kind === 'skipped') result.skipped.push({ path: file.path, reason: outcome.reason })
      else if (outcome.kind === 'duplicate') result.duplicates++
      else {
        if (outcome.kind === 'imported') {
          result.imported++
          const original = outcome.article.nearDuplicateOf
            ? (pending.get(outcome.article.nearDuplicateOf) ?? store.getArticle(outcome.article.nearDuplicateOf))
            : undefined
          if (original)
            result.nearDuplicates.push({ path: file.path, articleId: outcome.article.id, of: original.id, ofTitle: original.title, similarity: outcome.similarity ?? 0 })
        } else {
          result.updated++
          revised.add(outcome.article.id)
        }
        result.articleIds.push(outcome.article.id)
        if (outcome.searchTerms && options.onArticleTerms) options.onArticleTerms(outcome.article, outcome.searchTerms)
      }
      report({
        processed: progress.processed + 1,
        imported: result.imported,
        duplicates: result.duplicates,
        skipped: result.skipped.length,
      })
      if (running?.done) {
        const { commit: finished } = running
        running = null
        await finished
      }
      if (running === null && pending.size >= commitEvery && performance.now() - lastCommit >= commitInterval) startCommit()
    }
    if (!options.signal?.aborted) {
      // The workers are done: they end while the last commit is written, but for one kept for the next import.
      closing = preparation.close({ keepOneWarmForMs: SPARE_WORKER_KEPT_MS })
      options.onFilesProcessed?.()
    }
  } finally {
    // Cancelled or failed mid-way: what was fully read is kept, never half an article.
    try {
      try {
        await running?.commit
      } finally {
        await commit({ last: true })
      }
    } finally {
      options.signal?.removeEventListener('abort', stopPreparing)
      await (closing ?? preparation.close())
    }
  }
  return result
}

/** What the importer gets of a file: why it could not be read, or what its preparation gave. */
type FileReady = PreparedFile

/** Never rejects (readAhead's rule): every failure is a reason to skip the file. */
async function readAndPrepare(file: FoundFile, maxFileBytes: number, preparation: PreparationPool): Promise<FileReady> {
  for (;;) {
    const outcome = await preparation.prepare({ path: file.path, relativePath: file.relativePath, source: file.rawPath ?? file.path, maxBytes: maxFileBytes })
    // It went down with a worker that crashed on another file: ask again. This repeats at most once
    // per crash, and the pool stops starting workers after a few.
    if (outcome.kind !== 'interrupted') return outcome
  }
}

/** Adds the raw bytes of the listed paths that are not UTF-8 and now belong to an article to RAW_PATHS_FILE. */
async function recordRawPaths(store: CorpusStore, files: readonly FoundFile[]): Promise<void> {
  const stored = files.filter((file) => store.findByPath(file.path) !== undefined)
  if (stored.length === 0) return
  const known = await store.readSidecar(RAW_PATHS_FILE)
  const rawPaths: Record<string, string> = known !== null && typeof known === 'object' && !Array.isArray(known) ? { ...(known as Record<string, string>) } : {}
  for (const file of stored) rawPaths[file.path] = (file.rawPath as Buffer).toString('base64')
  await store.writeSidecar(RAW_PATHS_FILE, rawPaths)
}

/**
 * Moves the highlights of articles whose text was replaced to where their quotes are now, or makes
 * orphans of them, in one annotations write. Should a crash come between the library commit and
 * this write, the service re-anchors on the next read (triangulate-service getArticle).
 */
async function reanchorRevised(store: CorpusStore, revised: ReadonlySet<string>, report: ImportReport): Promise<void> {
  const changed = []
  const passes = []
  for (const id of revised) {
    const article = store.requireArticle(id)
    const text = await store.readBody(article)
    const outcome = reanchorHighlights(
      text,
      store.highlights.filter((h) => h.articleId === id),
    )
    changed.push(...outcome.changed)
    passes.push({ articleId: id, changed: outcome.changed })
    report.reanchored += outcome.moved
    report.orphaned += outcome.orphaned.length
    for (const orphan of outcome.orphaned) {
      report.warnings.push({
        path: article.paths[0] ?? article.title,
        message: `Highlight “${shorten(orphan.exact)}” is no longer in the revised text; it is kept as an orphan, with its claims.`,
      })
    }
  }
  await store.replaceHighlights(changed)
  await recordReanchoring(store, passes, new Date().toISOString())
}

function shorten(quote: string): string {
  return quote.length > 60 ? `${quote.slice(0, 60)}…` : quote
}

type FileOutcome = (
  | {
      kind: 'imported' | 'updated'
      article: Article
      similarity?: number
      /** A new text's search terms, for the search index. */
      searchTerms?: DocumentTerms | NumberedTerms
    }
  | { kind: 'duplicate'; article: Article }
  | { kind: 'skipped'; reason: string }
) & { warnings?: string[] }

async function importFile(
  store: CorpusStore,
  pending: PendingArticles,
  file: FoundFile,
  ready: FileReady,
  similar: NearDuplicateIndex,
  bodyWrites: WriteBehind,
): Promise<FileOutcome> {
  if (ready.kind === 'too-large') return { kind: 'skipped', reason: `file too large (${formatBytes(ready.size)}, limit ${formatBytes(ready.limit)})` }
  if (ready.kind === 'failed') return { kind: 'skipped', reason: `file could not be read (${ready.code})` }
  if (ready.kind === 'skipped') return { kind: 'skipped', reason: ready.reason }
  const { text, stated, warnings, contentHash } = ready

  const sameText = pending.latest(pending.byContentHash(contentHash), store.findByContentHash(contentHash))
  if (sameText && !pending.has(sameText.id) && !store.hasIntactBody(sameText)) {
    // The store has lost this text, or holds it damaged: the file repairs it.
    await bodyWrites.start(sameText.id, () => store.rewriteBody(contentHash, text))
    const { damaged: _damaged, ...repaired } = sameText
    pending.set({ ...repaired, paths: sameText.paths.includes(file.path) ? sameText.paths : [...sameText.paths, file.path] })
    return {
      kind: 'updated',
      article: repaired,
      warnings: [...(warnings ?? []), 'The stored text of this article was missing or damaged; it was restored from this file.'],
    }
  }
  if (sameText) {
    if (!sameText.paths.includes(file.path)) pending.set({ ...sameText, paths: [...sameText.paths, file.path] })
    return { kind: 'duplicate', article: sameText, warnings }
  }

  // Not derived for a text the store had when the import began (a duplicate then): its article was
  // removed since, so it is a new article after all.
  const { guessed, wordCount, nearDuplicate, searchTerms } = ready.derived ?? deriveFromText(file, text)
  const samePath = pending.latest(pending.byPath(file.path), store.findByPath(file.path))
  // What the file states (front matter, meta tags, document properties) wins over what is guessed.
  const fields = {
    title: stated.title ?? guessed.title,
    date: stated.date ?? guessed.date,
    outlet: stated.outlet ?? guessed.outlet,
    outletSource: stated.outlet ? statedOutletSource(file.path) : guessed.outletSource,
    author: stated.author ?? null,
    url: stated.url ?? null,
    contentHash,
    fileHash: ready.fileHash,
    wordCount,
    importedAt: new Date().toISOString(),
  }
  // A file imported before whose text changed is a revision of that article, when it is its only copy.
  if (samePath && samePath.paths.length === 1) {
    // The analyst's corrections outlive the file's new version.
    const kept: Partial<Article> = Object.fromEntries(samePath.edited.map((field) => [field, samePath[field]]))
    if (samePath.edited.includes('outlet')) kept.outletSource = samePath.outletSource
    const article: Article = { ...samePath, ...fields, ...kept }
    await bodyWrites.start(article.id, () => store.writeBody(contentHash, text, { gather: true }))
    pending.set(article)
    similar.addEntry(article.id, nearDuplicate)
    return { kind: 'updated', article, warnings, searchTerms }
  }
  const id = newArticleId(store, pending, contentHash, file.path)
  await bodyWrites.start(id, () => store.writeBody(contentHash, text, { gather: true }))
  const closest = similar.addEntryAndFindSimilar(id, nearDuplicate)[0]
  const article: Article = { id, paths: [file.path], ...fields, nearDuplicateOf: closest?.id ?? null, edited: [] }
  pending.set(article)
  return { kind: 'imported', article, similarity: closest?.similarity, warnings, searchTerms }
}

/**
 * The near-duplicate index of the articles already in the store, from its sidecar file, or rebuilt
 * from the bodies when the file is missing, damaged or behind the library.
 */
async function openNearDuplicateIndex(store: CorpusStore): Promise<NearDuplicateIndex> {
  const restored = restoreNearDuplicateIndex(await store.readSidecar(NEAR_DUPLICATES_FILE))
  const index = restored.ok ? restored.index : createNearDuplicateIndex()
  const articles = store.listArticles()
  // Saved behind the library (an import stopped before its end), it is caught up: articles removed
  // since are dropped, articles added since are indexed from their texts.
  const inLibrary = new Set(articles.map((article) => article.id))
  for (const id of index.ids()) if (!inLibrary.has(id)) index.remove(id)
  for (const article of articles) {
    if (index.has(article.id)) continue
    // A damaged text is left out until a re-import repairs it (reading it marked its article).
    const text = await store.readBody(article).catch(() => null)
    if (text !== null) index.add(article.id, text)
  }
  return index
}

/**
 * Ids come from the text so two analysts importing the same articles get the same ids (their work
 * can then be merged). A revised article keeps its old id, so a later text may find its id taken.
 */
function newArticleId(store: CorpusStore, pending: PendingArticles, contentHash: string, path: string): string {
  const taken = (id: string) => store.getArticle(id) !== undefined || pending.has(id)
  const id = contentHash.slice(0, 16)
  return taken(id) ? sha256(`${contentHash}\n${path}`).slice(0, 16) : id
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`
}
