// Passage reuse kept beside the store (derived-passage-reuse.json), with the inputs it was worked out
// from, so a session whose corpus has not changed reads it instead of working it out again: joining
// ~456,000 passages of a 10,000-article corpus costs 1.5–2 s of CPU on the service's thread, which the
// first claim board or export of every session paid. What it is worked out from is said by a digest
// of every article's id, outlet, date and original, and of the provenance entry it has (the input key
// that entry was made from, under the index's version): the same digest is the same reuse, exactly
// (findPassageReuse is a pure function of those). A file of another format, or damaged, or of other
// inputs is ignored: reuse is then worked out as before, and saved again. Reads and writes only its
// own sidecar.

import { createHash } from 'node:crypto'
import type { PassageCopy } from '../../shared/provenance/origins'
import type { CorpusStore } from '../store/corpus-store'
import type { ReuseArticle } from './passage-reuse'

export const SAVED_REUSE_FILE = 'derived-passage-reuse.json'
/**
 * Bumped whenever the file's layout, or how passage reuse is worked out (passage-reuse.ts: its
 * thresholds, buckets, roots), changes: a file of another format is worked out again.
 */
export const SAVED_REUSE_FORMAT = 1

/** One copy: start, end, cluster, isRoot (1/0), articles, then its root's article id, start, end (null, 0, 0 when none). */
type SavedCopy = [start: number, end: number, cluster: string, isRoot: 0 | 1, articles: number, rootArticle: string | null, rootStart: number, rootEnd: number]

interface SavedReuse {
  format: number
  inputs: string
  /** Each article's copies, in the order of the map they were worked out as (by article, then in the article's order). */
  copies: [articleId: string, copies: SavedCopy[]][]
}

/**
 * The digest of what findPassageReuse reads: the articles in order (id, outlet, date, original) and
 * which provenance entry each has (`entryKey`: the input key it was made from, undefined for none),
 * under the provenance index's version.
 */
export function reuseInputs(articles: readonly ReuseArticle[], entryKey: (id: string) => string | undefined, indexVersion: number): string {
  const hash = createHash('sha256')
  hash.update(`${SAVED_REUSE_FORMAT}\u0000${indexVersion}`)
  // NUL cannot occur in an id, a hash, an outlet name or a date, so the fields cannot run into one another.
  for (const a of articles)
    hash.update(`\u0001${a.id}\u0000${entryKey(a.id) ?? '\u0002'}\u0000${a.outlet ?? '\u0002'}\u0000${a.date ?? '\u0002'}\u0000${a.nearDuplicateOf ?? '\u0002'}`)
  return hash.digest('base64')
}

/** The saved reuse if it was worked out from `inputs`; else null (none saved, damaged, another format or other inputs). */
export async function readSavedReuse(store: CorpusStore, inputs: string): Promise<Map<string, PassageCopy[]> | null> {
  const saved = (await store.readSidecar(SAVED_REUSE_FILE)) as Partial<SavedReuse> | null
  if (!saved || typeof saved !== 'object' || saved.format !== SAVED_REUSE_FORMAT || saved.inputs !== inputs || !Array.isArray(saved.copies)) return null
  const copies = new Map<string, PassageCopy[]>()
  for (const item of saved.copies as unknown[]) {
    if (!Array.isArray(item) || typeof item[0] !== 'string' || !Array.isArray(item[1])) return null
    const list: PassageCopy[] = []
    for (const c of item[1] as unknown[]) {
      const copy = copyOf(c)
      if (!copy) return null
      list.push(copy)
    }
    copies.set(item[0], list)
  }
  return copies
}

/** Saves the reuse worked out from `inputs`, replacing any file before. */
export async function saveReuse(store: CorpusStore, inputs: string, copies: ReadonlyMap<string, readonly PassageCopy[]>): Promise<void> {
  const data: SavedReuse = { format: SAVED_REUSE_FORMAT, inputs, copies: [] }
  for (const [articleId, list] of copies) {
    data.copies.push([
      articleId,
      list.map((c): SavedCopy => [c.start, c.end, c.cluster, c.isRoot ? 1 : 0, c.articles, c.root?.articleId ?? null, c.root?.start ?? 0, c.root?.end ?? 0]),
    ])
  }
  await store.writeSidecar(SAVED_REUSE_FILE, data)
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0

function copyOf(value: unknown): PassageCopy | null {
  if (!Array.isArray(value) || value.length !== 8) return null
  const [start, end, cluster, isRoot, articles, rootArticle, rootStart, rootEnd] = value as unknown[]
  if (!isCount(start) || !isCount(end) || typeof cluster !== 'string' || (isRoot !== 0 && isRoot !== 1) || !isCount(articles)) return null
  if (rootArticle !== null && typeof rootArticle !== 'string') return null
  if (!isCount(rootStart) || !isCount(rootEnd)) return null
  return {
    start,
    end,
    cluster,
    root: rootArticle === null ? null : { articleId: rootArticle, start: rootStart, end: rootEnd },
    isRoot: isRoot === 1,
    articles,
  }
}
