// The annotations journal: what makes saving a highlight cost the same with 100 evidence links or
// 100,000. annotations.json (lowdb) is a snapshot; each change since it is one line appended to
// annotations.journal and flushed to disk before the change is acknowledged. The snapshot is
// rewritten, and the journal emptied, only now and then (compaction): every so many changes, before
// a backup, and when the store closes.
//
// A line holds the records a change put (added or replaced, whole) and the keys it deleted. Applying
// a line is idempotent (last write wins per key), so a crash between writing a new snapshot and
// emptying the journal is harmless: replaying lines the snapshot already holds changes nothing.
// A last line cut short by a crash was never acknowledged and is dropped; a damaged line anywhere
// else means the journal cannot be trusted, and the caller moves it aside. Replay keeps each record
// where it stood, so a change that removes and re-adds the same key in one step (regrading a source)
// may come back in the record's old place: nothing reads meaning into the order of records.

import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { claimSchema, entityDecisionSchema, highlightSchema, linkSchema, sourceGradeSchema } from '../../shared/record-schemas'
import type { AnnotationsFile } from './store-schema'

export const COLLECTIONS = ['highlights', 'claims', 'links', 'sources', 'entities'] as const
export type Collection = (typeof COLLECTIONS)[number]
type RecordOf<C extends Collection> = AnnotationsFile[C][number]
type AnyRecord = RecordOf<Collection>

/** A record's identity within its collection: ids, except source grades, which are keyed by source. */
export function keyOf(collection: Collection, record: AnyRecord): string {
  return collection === 'sources' ? (record as RecordOf<'sources'>).sourceKey : (record as { id: string }).id
}

export interface AnnotationChange {
  put: { [C in Collection]?: RecordOf<C>[] }
  del: { [C in Collection]?: string[] }
}

/** The collections' arrays as they were before a change; records are never mutated in place, only replaced. */
export type AnnotationsSnapshot = { [C in Collection]: readonly RecordOf<C>[] }

export function snapshotOf(data: AnnotationsFile): AnnotationsSnapshot {
  return { highlights: data.highlights.slice(), claims: data.claims.slice(), links: data.links.slice(), sources: data.sources.slice(), entities: data.entities.slice() }
}

/**
 * What a change did, found by comparing record identities (the claims module replaces records, it
 * never edits one in place). The common shapes — records replaced where they stand, records appended
 * — cost one pass of pointer comparisons; anything else falls back to sets over the rest.
 */
export function diffAnnotations(before: AnnotationsSnapshot, after: AnnotationsFile): AnnotationChange | null {
  const change: AnnotationChange = { put: {}, del: {} }
  let changed = false
  for (const collection of COLLECTIONS) {
    const { put, del } = diffCollection(collection, before[collection], after[collection])
    if (put.length > 0) {
      ;(change.put as Record<Collection, AnyRecord[]>)[collection] = put
      changed = true
    }
    if (del.length > 0) {
      change.del[collection] = del
      changed = true
    }
  }
  return changed ? change : null
}

function diffCollection(collection: Collection, before: readonly AnyRecord[], after: readonly AnyRecord[]): { put: AnyRecord[]; del: string[] } {
  const put: AnyRecord[] = []
  let i = 0
  let j = 0
  for (; i < before.length && j < after.length; i++, j++) {
    const old = before[i] as AnyRecord
    const now = after[j] as AnyRecord
    if (old === now) continue
    if (keyOf(collection, old) !== keyOf(collection, now)) break
    put.push(now)
  }
  if (i === before.length) return { put: put.concat(after.slice(j)), del: [] }

  const restBefore = new Set(before.slice(i))
  const restAfter = new Set(after.slice(j))
  for (const record of restAfter) if (!restBefore.has(record)) put.push(record)
  const stillThere = new Set(put.map((r) => keyOf(collection, r)))
  for (const record of restAfter) stillThere.add(keyOf(collection, record))
  const del: string[] = []
  for (const record of restBefore) {
    const key = keyOf(collection, record)
    if (!restAfter.has(record) && !stillThere.has(key)) del.push(key)
  }
  return { put, del }
}

/**
 * Applies journal lines, in order, to the snapshot's data (in place). Built for replaying many lines
 * over a large snapshot: one key index per collection, deletions compacted once at the end.
 */
export function applyChanges(data: AnnotationsFile, changes: readonly AnnotationChange[]): void {
  for (const collection of COLLECTIONS) {
    if (!changes.some((c) => c.put[collection] || c.del[collection])) continue
    const records: (AnyRecord | null)[] = data[collection].slice()
    const indexByKey = new Map<string, number>()
    records.forEach((r, i) => indexByKey.set(keyOf(collection, r as AnyRecord), i))
    for (const change of changes) {
      for (const key of change.del[collection] ?? []) {
        const at = indexByKey.get(key)
        if (at === undefined) continue
        records[at] = null
        indexByKey.delete(key)
      }
      for (const record of (change.put[collection] ?? []) as AnyRecord[]) {
        const key = keyOf(collection, record)
        const at = indexByKey.get(key)
        if (at === undefined) {
          indexByKey.set(key, records.length)
          records.push(record)
        } else {
          records[at] = record
        }
      }
    }
    ;(data as Record<Collection, AnyRecord[]>)[collection] = records.filter((r): r is AnyRecord => r !== null)
  }
}

const journalLineSchema = z.object({
  /** The store version the records are written in; a line of another version is not replayed. */
  v: z.number().int(),
  put: z
    .object({
      highlights: z.array(highlightSchema),
      claims: z.array(claimSchema),
      links: z.array(linkSchema),
      sources: z.array(sourceGradeSchema),
      entities: z.array(entityDecisionSchema),
    })
    .partial()
    .strict(),
  del: z
    .object({ highlights: z.array(z.string()), claims: z.array(z.string()), links: z.array(z.string()), sources: z.array(z.string()), entities: z.array(z.string()) })
    .partial()
    .strict(),
})

export function journalLine(change: AnnotationChange, version: number): string {
  return `${JSON.stringify({ v: version, put: change.put, del: change.del })}\n`
}

export type JournalRead =
  | { kind: 'ok'; changes: AnnotationChange[]; tornTail: boolean }
  /** `changes` are the good lines before the damaged one, in order. */
  | { kind: 'damaged'; changes: AnnotationChange[]; line: number; reason: string }

/** Parses a journal's text. A missing final newline marks a line cut short by a crash: dropped, never an error. */
export function parseJournal(text: string, version: number, oldest = version): JournalRead {
  const lines = text.split('\n')
  const last = lines.pop() as string
  const changes: AnnotationChange[] = []
  for (const [index, line] of lines.entries()) {
    if (line === '') continue
    let raw: unknown
    try {
      raw = JSON.parse(line)
    } catch {
      return { kind: 'damaged', changes, line: index + 1, reason: 'not valid JSON' }
    }
    const parsed = journalLineSchema.safeParse(raw)
    if (!parsed.success) return { kind: 'damaged', changes, line: index + 1, reason: `not a journal entry (${parsed.error.issues[0]?.message})` }
    // Lines from an older version whose records have the same shape (`oldest` on) replay as they are.
    if (parsed.data.v > version || parsed.data.v < oldest)
      return { kind: 'damaged', changes, line: index + 1, reason: `written by store version ${parsed.data.v}, this app is at ${version}` }
    changes.push({ put: parsed.data.put, del: parsed.data.del })
  }
  return { kind: 'ok', changes, tornTail: last !== '' }
}

export async function readJournal(path: string, version: number, oldest = version): Promise<JournalRead> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'ok', changes: [], tornTail: false }
    throw error
  }
  return parseJournal(text, version, oldest)
}

/**
 * Folds a journal written by an older store version into that version's raw snapshot, before the
 * snapshot is migrated: the migration then sees every acknowledged change, in the shape it was
 * written in (a crash before an upgrade leaves such lines; their records may not parse as today's).
 * Returns the folded snapshot and whether every line was folded (a line of another version, or one
 * that is not a journal entry, is left for the replay to report).
 */
export function foldOlderJournal(snapshot: Record<string, unknown>, text: string, version: number): { data: Record<string, unknown>; complete: boolean } {
  const lines = text.split('\n')
  lines.pop() // a line without its newline was cut short by a crash: never acknowledged
  const changes: AnnotationChange[] = []
  for (const line of lines) {
    if (line === '') continue
    let raw: { v?: unknown; put?: unknown; del?: unknown }
    try {
      raw = JSON.parse(line) as typeof raw
    } catch {
      return { data: foldRaw(snapshot, changes), complete: false }
    }
    const isMap = (value: unknown): value is Record<string, unknown[]> =>
      typeof value === 'object' && value !== null && Object.entries(value).every(([k, v]) => (COLLECTIONS as readonly string[]).includes(k) && Array.isArray(v))
    if (raw.v !== version || !isMap(raw.put) || !isMap(raw.del)) return { data: foldRaw(snapshot, changes), complete: false }
    changes.push({ put: raw.put, del: raw.del } as AnnotationChange)
  }
  return { data: foldRaw(snapshot, changes), complete: true }
}

function foldRaw(snapshot: Record<string, unknown>, changes: AnnotationChange[]): Record<string, unknown> {
  const data = { ...snapshot } as Record<string, unknown>
  for (const collection of COLLECTIONS) if (!Array.isArray(data[collection])) data[collection] = []
  applyChanges(data as unknown as AnnotationsFile, changes)
  return data
}
