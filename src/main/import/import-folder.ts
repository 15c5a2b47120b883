// Imports a folder of article files into the store. A bad file is skipped with its reason and never
// stops the import; work is committed in batches so a cancelled or crashed import keeps every batch
// finished before it, and the store never points at a body that is not on disk.

import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { basename, extname, resolve } from 'node:path'
import { reanchorHighlights } from '../../shared/anchoring/reanchor-highlights'
import type { Article, ImportProgress, ImportReport } from '../../shared/model'
import type { CorpusStore } from '../store/corpus-store'
import { countWords, extractMetadata } from './article-metadata'
import { decodeText } from './decode-text'
import { listArticleFiles, type FoundFile } from './walk-folder'

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void
  signal?: AbortSignal
  /** Larger files are skipped: no news article is this long, a log or a dump is. */
  maxFileBytes?: number
}

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024
/** Files per durable metadata write: bounds both the work lost to a crash and the write count. */
const COMMIT_EVERY = 500

export async function importFolder(store: CorpusStore, folder: string, options: ImportOptions = {}): Promise<ImportReport> {
  const root = resolve(folder)
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
  const progress: ImportProgress = { scanned: 0, total: 0, processed: 0, imported: 0, duplicates: 0, skipped: 0 }
  const report = (progressUpdate: Partial<ImportProgress>) => {
    Object.assign(progress, progressUpdate)
    options.onProgress?.({ ...progress })
  }

  const listing = await listArticleFiles(root, (scanned, total) => report({ scanned, total }), options.signal)
  const result: ImportReport = {
    folder: root,
    imported: 0,
    duplicates: 0,
    updated: 0,
    reanchored: 0,
    orphaned: 0,
    skipped: [...listing.skipped],
    warnings: [],
    articleIds: [],
  }
  report({ total: listing.files.length, skipped: result.skipped.length })

  const pending = new Map<string, Article>()
  const revised = new Set<string>()
  const commit = async () => {
    await store.saveArticles([...pending.values()])
    pending.clear()
    // After the new texts are committed, their highlights follow them (see reanchorRevised).
    await reanchorRevised(store, revised, result)
    revised.clear()
  }

  try {
    for (const file of listing.files) {
      // Cancelling stops between files; the report then tells what was kept.
      if (options.signal?.aborted) break
      const outcome = await importFile(store, pending, file, maxFileBytes)
      if (outcome.kind === 'skipped') result.skipped.push({ path: file.path, reason: outcome.reason })
      else if (outcome.kind === 'duplicate') result.duplicates++
      else {
        if (outcome.kind === 'imported') result.imported++
        else {
          result.updated++
          revised.add(outcome.article.id)
        }
        result.articleIds.push(outcome.article.id)
      }
      report({
        processed: progress.processed + 1,
        imported: result.imported,
        duplicates: result.duplicates,
        skipped: result.skipped.length,
      })
      if (pending.size >= COMMIT_EVERY) await commit()
    }
  } finally {
    // Cancelled or failed mid-way: what was fully read is kept, never half an article.
    await commit()
  }
  return result
}

/**
 * Moves the highlights of articles whose text was replaced to where their quotes are now, or makes
 * orphans of them, in one annotations write. Should a crash come between the library commit and
 * this write, the service re-anchors on the next read (triangulate-service getArticle).
 */
async function reanchorRevised(store: CorpusStore, revised: ReadonlySet<string>, report: ImportReport): Promise<void> {
  const changed = []
  for (const id of revised) {
    const article = store.requireArticle(id)
    const text = await store.readBody(article)
    const outcome = reanchorHighlights(text, store.highlights.filter((h) => h.articleId === id))
    changed.push(...outcome.changed)
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
}

function shorten(quote: string): string {
  return quote.length > 60 ? `${quote.slice(0, 60)}…` : quote
}

type FileOutcome =
  | { kind: 'imported' | 'updated'; article: Article }
  | { kind: 'duplicate'; article: Article }
  | { kind: 'skipped'; reason: string }

async function importFile(
  store: CorpusStore,
  pending: Map<string, Article>,
  file: FoundFile,
  maxFileBytes: number,
): Promise<FileOutcome> {
  let bytes: Buffer
  try {
    const { size } = await stat(file.path)
    if (size > maxFileBytes) return { kind: 'skipped', reason: `file too large (${formatBytes(size)}, limit ${formatBytes(maxFileBytes)})` }
    bytes = await readFile(file.path)
  } catch (error) {
    return { kind: 'skipped', reason: `file could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` }
  }
  const decoded = decodeText(bytes)
  if (!decoded.ok) return { kind: 'skipped', reason: decoded.reason }

  const contentHash = sha256(decoded.text)
  const lookup = (find: (a: Article) => boolean, stored: Article | undefined) =>
    [...pending.values()].find(find) ?? (stored ? (pending.get(stored.id) ?? stored) : undefined)

  const sameText = lookup((a) => a.contentHash === contentHash, store.findByContentHash(contentHash))
  if (sameText) {
    if (!sameText.paths.includes(file.path)) pending.set(sameText.id, { ...sameText, paths: [...sameText.paths, file.path] })
    return { kind: 'duplicate', article: sameText }
  }

  const metadata = extractMetadata(decoded.text, {
    fileName: basename(file.path, extname(file.path)),
    folderOutlet: folderOutletOf(file.relativePath),
  })
  const samePath = lookup((a) => a.paths.includes(file.path), store.findByPath(file.path))
  await store.writeBody(contentHash, decoded.text)
  const fields = {
    ...metadata,
    author: null,
    url: null,
    nearDuplicateOf: null,
    contentHash,
    fileHash: sha256(bytes),
    wordCount: countWords(decoded.text),
    importedAt: new Date().toISOString(),
  }
  // A file imported before whose text changed is a revision of that article, when it is its only copy.
  if (samePath && samePath.paths.length === 1) {
    const article: Article = { ...samePath, ...fields }
    pending.set(article.id, article)
    return { kind: 'updated', article }
  }
  const article: Article = { id: newArticleId(store, pending, contentHash, file.path), paths: [file.path], ...fields }
  pending.set(article.id, article)
  return { kind: 'imported', article }
}

/**
 * Ids come from the text so two analysts importing the same articles get the same ids (their work
 * can then be merged). A revised article keeps its old id, so a later text may find its id taken.
 */
function newArticleId(store: CorpusStore, pending: Map<string, Article>, contentHash: string, path: string): string {
  const taken = (id: string) => store.getArticle(id) !== undefined || pending.has(id)
  const id = contentHash.slice(0, 16)
  return taken(id) ? sha256(`${contentHash}\n${path}`).slice(0, 16) : id
}

/** An article in a subfolder of the imported folder belongs to the outlet that folder is named after. */
function folderOutletOf(relativePath: string): string | null {
  const parts = relativePath.split('/')
  return parts.length >= 2 ? (parts[parts.length - 2] ?? null) : null
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`
}
