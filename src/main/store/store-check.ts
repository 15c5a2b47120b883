// `triangulate check`: what `git fsck` or SQLite's `integrity_check` are to their stores. Reads
// everything without changing anything: each JSON file against its checksum and its schema, the
// journal, every pack record against its hash, the pack index against the packs, and the
// references between records (links to missing claims or highlights, highlights on missing
// articles, articles whose text is missing or damaged). Says for each problem what `--repair`
// would do; with --repair, opens the store for writing (which restores files from backups,
// rebuilds the index and sets damaged bytes aside), marks the articles whose text is lost, removes
// links that lead nowhere, and checks again. The cheap part (everything but hashing the packs)
// also runs whenever the store opens, and what it finds is told to the analyst.

import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Article } from '../../shared/model'
import { readJournal } from './annotations-journal'
import { inspectPacks } from './body-packs'
import { ANNOTATIONS_FILE, ANNOTATIONS_JOURNAL_FILE, CorpusStore, LIBRARY_FILE, readStoreFile } from './corpus-store'
import { listBackups } from './backups'
import { annotationsFileSchema, JOURNAL_SINCE_VERSION, libraryFileSchema, STORE_SCHEMA_VERSION, type AnnotationsFile } from './store-schema'

export interface CheckProblem {
  /** The file or records concerned, relative to the store. */
  where: string
  problem: string
  /** What --repair does about it. */
  repair: string
}

export interface CheckReport {
  store: string
  ok: boolean
  problems: CheckProblem[]
  /** What is worth knowing but needs nothing done (damaged bytes no text needs any more). */
  notes: string[]
  counts: { articles: number; records: number; highlights: number; claims: number; links: number }
  /** With --repair: what the repair changed; the problems listed are those left after it. */
  repaired?: string[]
}

export async function checkStore(dir: string, options: { repair?: boolean } = {}): Promise<CheckReport> {
  if (!options.repair) return inspectStore(dir)
  const before = await inspectStore(dir)
  if (before.ok) return { ...before, repaired: [] }
  const repaired: string[] = []
  const store = await CorpusStore.open(dir, { app: 'triangulate check --repair' })
  try {
    repaired.push(...store.notices)
    for (const article of store.listArticles()) {
      await store.readBody(article).catch(() => {
        repaired.push(`Marked “${article.title}” (${article.id}) as damaged: its text is lost; importing ${article.paths[0] ?? 'its file'} again restores it.`)
      })
    }
    const removed = await store.changeAnnotations((data) => removeDanglingLinks(data))
    if (removed > 0) repaired.push(`Removed ${removed} evidence links to claims or highlights that no longer exist.`)
  } finally {
    await store.close()
  }
  const after = await inspectStore(dir)
  return { ...after, repaired }
}

async function inspectStore(dir: string): Promise<CheckReport> {
  const problems: CheckProblem[] = []
  const backups = await listBackups(dir)
  const restore = (name: string) =>
    backups.length > 0
      ? `restore ${name} from the newest good backup (the damaged file is moved to damaged/)`
      : `none possible: there is no backup; put back a good copy of ${name}`

  const libraryRead = await readStoreFile(join(dir, LIBRARY_FILE))
  const annotationsRead = await readStoreFile(join(dir, ANNOTATIONS_FILE))
  let articles: Article[] = []
  let annotations: AnnotationsFile = { schemaVersion: STORE_SCHEMA_VERSION, highlights: [], claims: [], links: [], sources: [], entities: [] }
  const jsonFiles = [
    { name: LIBRARY_FILE, read: libraryRead, schema: libraryFileSchema, use: (data: unknown) => (articles = (data as { articles: Article[] }).articles) },
    { name: ANNOTATIONS_FILE, read: annotationsRead, schema: annotationsFileSchema, use: (data: unknown) => (annotations = data as AnnotationsFile) },
  ]
  for (const { name, read, schema, use } of jsonFiles) {
    if (read.kind === 'missing') {
      if (libraryRead.kind !== 'missing' || annotationsRead.kind !== 'missing') problems.push({ where: name, problem: 'the file is missing', repair: restore(name) })
      continue
    }
    if (read.kind === 'damaged') {
      problems.push({ where: name, problem: `the file is damaged: ${read.reason}`, repair: restore(name) })
      continue
    }
    if (Number(read.data.schemaVersion) < STORE_SCHEMA_VERSION) {
      problems.push({
        where: name,
        problem: `the file is from store version ${String(read.data.schemaVersion)}`,
        repair: `upgrade it to version ${STORE_SCHEMA_VERSION} (after a backup)`,
      })
      continue
    }
    const parsed = schema.safeParse(read.data)
    if (!parsed.success)
      problems.push({
        where: name,
        problem: `the file is not the shape of a store file (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`,
        repair: restore(name),
      })
    else use(parsed.data)
  }

  const journal = await readJournal(join(dir, ANNOTATIONS_JOURNAL_FILE), STORE_SCHEMA_VERSION, JOURNAL_SINCE_VERSION)
  if (journal.kind === 'damaged') {
    problems.push({
      where: ANNOTATIONS_JOURNAL_FILE,
      problem: `damaged at line ${journal.line} (${journal.reason})`,
      repair: `keep the ${journal.changes.length} changes before that line and move the file to damaged/`,
    })
  }

  const packs = await inspectPacks(join(dir, 'bodies'))
  if (packs.indexProblem) problems.push({ where: 'bodies/packs/index', problem: packs.indexProblem, repair: 'rebuild the index from the packs (no text is lost)' })
  if (packs.badEntries > 0)
    problems.push({
      where: 'bodies/packs/index',
      problem: `${packs.badEntries} entries do not lead to an intact text`,
      // The packs hold no intact copy for the index to point to instead: only the original file can give one.
      repair: 'none by itself: import again the files of the articles whose texts are reported lost; their texts are written anew and indexed',
    })
  if (packs.unindexed > 0)
    problems.push({
      where: 'bodies/packs/index',
      problem: `${packs.unindexed} intact texts in the packs are not in the index (an unfinished write, or entries the index lost)`,
      repair: 'index them again',
    })
  // Damaged bytes matter through the texts they held (reported below, per article); they are told as notes.
  const notes = packs.damagedStretches.map(
    (stretch) =>
      `bodies/packs/${stretch.pack}: ${stretch.bytes} bytes from offset ${stretch.offset} are not an intact text; they are skipped (past the last text of the last pack, moved to damaged/)`,
  )

  // References.
  const articleIds = new Set(articles.map((a) => a.id))
  for (const article of articles) {
    if (!packs.intact.has(article.contentHash) && !(await looseTextIntact(dir, article.contentHash))) {
      problems.push({
        where: `article ${article.id}`,
        problem: `the text of “${article.title}” is missing or damaged${article.damaged ? ` (${article.damaged})` : ''}`,
        repair: `mark the article damaged; import ${article.paths[0] ?? 'its file'} again to restore the text`,
      })
    }
  }
  const highlightIds = new Set(annotations.highlights.map((h) => h.id))
  const claimIds = new Set(annotations.claims.map((c) => c.id))
  for (const highlight of annotations.highlights) {
    if (libraryRead.kind === 'ok' && !articleIds.has(highlight.articleId)) {
      problems.push({
        where: `highlight ${highlight.id}`,
        problem: `it is on article ${highlight.articleId}, which is not in the library`,
        repair: 'none: import that article again, or restore library.json',
      })
    }
    if (highlight.end < highlight.start) problems.push({ where: `highlight ${highlight.id}`, problem: 'it ends before it starts', repair: 'none: delete the highlight' })
  }
  for (const link of annotations.links) {
    if (!claimIds.has(link.claimId))
      problems.push({ where: `link ${link.id}`, problem: `it points to claim ${link.claimId}, which does not exist`, repair: 'remove the link' })
    if (!highlightIds.has(link.highlightId))
      problems.push({ where: `link ${link.id}`, problem: `it points to highlight ${link.highlightId}, which does not exist`, repair: 'remove the link' })
  }

  return {
    store: dir,
    ok: problems.length === 0,
    problems,
    notes,
    counts: {
      articles: articles.length,
      records: packs.records,
      highlights: annotations.highlights.length,
      claims: annotations.claims.length,
      links: annotations.links.length,
    },
  }
}

/** Links whose claim or highlight is gone lead nowhere: removed; returns how many. */
function removeDanglingLinks(data: AnnotationsFile): number {
  const claims = new Set(data.claims.map((c) => c.id))
  const highlights = new Set(data.highlights.map((h) => h.id))
  const kept = data.links.filter((l) => claims.has(l.claimId) && highlights.has(l.highlightId))
  const removed = data.links.length - kept.length
  if (removed > 0) data.links = kept
  return removed
}

async function looseTextIntact(dir: string, contentHash: string): Promise<boolean> {
  try {
    const bytes = await readFile(join(dir, 'bodies', contentHash.slice(0, 2), `${contentHash}.txt`))
    return createHash('sha256').update(bytes).digest('hex') === contentHash
  } catch {
    return false
  }
}
