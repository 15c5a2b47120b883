// What the sync remembers between runs, kept in the store folder (sync-state.json), so that a
// restart never turns every record into a conflict (issue 19, "design persistence first").
//
// PouchDB's memory adapter forgets everything at exit, and a record put again would get a new
// revision id that conflicts with the server's. So for every synced record this file keeps its
// revision leaves (each leaf's revision ids back to the first, and its body), and the server's
// change sequence this store has pulled up to (the replication checkpoint). At the next start the
// replica is rebuilt from it with `new_edits: false`, which inserts revisions as they are, history
// included: the replica is the one the last run ended with, and sync resumes from the checkpoint.
//
// Crash safety (a kill at any point loses nothing, and never makes a false conflict):
// - the store is the source of truth; what a sync brings is saved here first, with the documents
//   about to be written into the store and a fingerprint of what each held (pendingApply), then
//   written into the store, then this file is saved again. A sync that died before the first save
//   pulls again from the older checkpoint; one that died between the saves finishes writing at the
//   next start (a record still as it was takes the new version; a changed one was already written);
// - the file is written whole now and then; between, each save appends one line to
//   sync-state.journal with the documents that changed and the small fields (checkpoint,
//   resolutions), flushed before the save resolves, so a sync that changes one record costs one
//   short line rather than rewriting megabytes. A line names the generation of the file it follows:
//   lines left from before a rewrite (a crash between the rewrite and emptying the journal) are
//   skipped, and a torn last line (a crash while appending) ends the reading;
// - a local change that reached the server but not this file is put again on the same parent with
//   the same body: PouchDB's revision ids are a hash of both (deterministic_revs), so it is the same
//   revision and the server already has it; and two leaves that say the same are folded into one.

import { z } from 'zod'
import { SYNC_KINDS, type SyncBody } from '../../shared/sync/sync-docs'
import type { CorpusStore } from '../store/corpus-store'

export const SYNC_STATE_FILE = 'sync-state.json'
export const SYNC_JOURNAL_FILE = 'sync-state.journal'
const STATE_VERSION = 1
/** Journal lines before the state is written whole again and the journal emptied: bounds the reading at start. */
const JOURNAL_MAX_LINES = 500

const bodySchema = z.object({ kind: z.enum(SYNC_KINDS), contentHash: z.string().optional(), record: z.record(z.string(), z.unknown()) })
const leafSchema = z.object({
  rev: z.string(),
  /** Revision hashes of this line of history, newest first (CouchDB's `_revisions.ids`). */
  ids: z.array(z.string()).min(1),
  deleted: z.boolean(),
  author: z.string().nullable(),
  body: bodySchema.nullable(),
})
const docSchema = z.object({
  leaves: z.array(leafSchema).min(1),
  /** The server has every leaf (false after a local change until a push succeeds). */
  pushed: z.boolean(),
  /** The store holds the winning version (false while a record waits for something this store lacks). */
  applied: z.boolean(),
})
const stateSchema = z.object({
  version: z.literal(STATE_VERSION),
  /** The database these revisions were exchanged with; another one starts the checkpoint afresh. */
  remote: z.string().nullable(),
  /** The server's change sequence pulled up to (opaque: CouchDB's are strings, PouchDB's numbers). */
  pullSeq: z.union([z.string(), z.number()]).nullable(),
  docs: z.record(z.string(), docSchema),
  /** Conflicts the analyst resolved: the losing revisions to delete at the next sync. */
  resolutions: z.record(z.string(), z.array(z.string())),
  /**
   * Resolutions undone after they synced: each losing version to bring back, as a new revision on
   * top of the tombstone that deleted it (CouchDB keeps that line of history), so the conflict is
   * there again for everyone. Written into the replica at once; kept here until then.
   */
  revivals: z.record(z.string(), z.array(z.object({ tombstone: z.string(), author: z.string().nullable(), body: bodySchema }))).default({}),
  /** Whether this store took shared article texts at its last sync (turning it on pulls once from the start, for the texts skipped meanwhile). */
  sharesTexts: z.boolean().default(false),
  /**
   * Documents whose winning version was being written into the store when this file was saved,
   * each with a fingerprint of what the store held before: one still holding that had not taken
   * the new version yet (the run died in between) and takes it at the next start.
   */
  pendingApply: z.record(z.string(), z.string().nullable()).default({}),
  /** Goes up each time the file is written whole: journal lines carry the generation they follow. */
  generation: z.number().int().min(0).default(0),
})
const journalLineSchema = stateSchema.omit({ version: true })

export type LeafState = z.infer<typeof leafSchema>
export type DocState = z.infer<typeof docSchema>
export type SyncStateFile = z.infer<typeof stateSchema>

export function emptySyncState(remote: string | null): SyncStateFile {
  return { version: STATE_VERSION, remote, pullSeq: null, docs: {}, resolutions: {}, revivals: {}, sharesTexts: false, pendingApply: {}, generation: 0 }
}

/** The state file with its journal's lines applied, and how many lines there were; null without a readable file. */
async function readState(store: CorpusStore): Promise<{ state: SyncStateFile; lines: number } | null> {
  const parsed = stateSchema.safeParse(await store.readSidecar(SYNC_STATE_FILE))
  if (!parsed.success) return null
  const state = parsed.data
  let lines = 0
  for (const raw of ((await store.readSidecarText(SYNC_JOURNAL_FILE)) ?? '').split('\n')) {
    if (!raw) continue
    let json: unknown
    try {
      json = JSON.parse(raw)
    } catch {
      break // a line torn by a crash while appending: the save it held did not finish
    }
    const line = journalLineSchema.safeParse(json)
    if (!line.success || line.data.generation !== state.generation) continue
    const { docs, ...fields } = line.data
    Object.assign(state, fields)
    Object.assign(state.docs, docs)
    lines++
  }
  return { state, lines }
}

/**
 * Writes the state: one journal line with what changed since the last save (documents whose leaves
 * or marks changed, and the small fields), or the whole file when the journal is long, much
 * changed, or there is none yet. One writer per engine: it remembers what it saved.
 */
export class SyncStateWriter {
  private saved = new Map<string, { leaves: LeafState[]; pushed: boolean; applied: boolean }>()

  constructor(
    private readonly store: CorpusStore,
    /** Lines in the journal now; Infinity: write the whole file next. */
    private lines: number,
    state: SyncStateFile,
  ) {
    this.remember(state)
  }

  async save(state: SyncStateFile): Promise<void> {
    const changed: string[] = []
    for (const [docId, doc] of Object.entries(state.docs)) {
      const saved = this.saved.get(docId)
      if (!saved || saved.leaves !== doc.leaves || saved.pushed !== doc.pushed || saved.applied !== doc.applied) changed.push(docId)
    }
    const count = Object.keys(state.docs).length
    const removed = this.saved.size + changed.filter((id) => !this.saved.has(id)).length !== count
    if (this.lines >= JOURNAL_MAX_LINES || removed || changed.length > Math.max(1000, count / 4)) {
      state.generation++
      await this.store.writeSidecar(SYNC_STATE_FILE, { ...state, docs: Object.fromEntries(Object.entries(state.docs).map(([id, doc]) => [id, this.forDisk(doc)])) })
      await this.store.appendSidecar(SYNC_JOURNAL_FILE, '')
      this.lines = 0
    } else {
      const { version: _version, docs, ...fields } = state
      const line = { ...fields, docs: Object.fromEntries(changed.map((id) => [id, this.forDisk(docs[id]!)])) }
      await this.store.appendSidecar(SYNC_JOURNAL_FILE, `${JSON.stringify(line)}\n`)
      this.lines++
    }
    this.remember(state)
  }

  private remember(state: SyncStateFile): void {
    this.saved = new Map(Object.entries(state.docs).map(([id, doc]) => [id, { leaves: doc.leaves, pushed: doc.pushed, applied: doc.applied }]))
  }

  /**
   * A shared article text the store holds is saved without its text (the store has it, under the
   * same hash; rebuilding the replica reads it back from there): a team that shares 10,000 texts
   * would otherwise write 60 MB here.
   */
  private forDisk(doc: DocState): DocState {
    const hash = doc.leaves[0]?.body?.kind === 'text' ? doc.leaves[0].body.contentHash : undefined
    return hash && this.store.findByContentHash(hash) ? { ...doc, leaves: doc.leaves.map(withoutText) } : doc
  }
}

/**
 * The saved state for this remote. A missing or unreadable file starts empty (the next sync pulls
 * everything and folds versions that say the same); another remote keeps the revision histories,
 * which are the same everywhere, but pulls from the start and pushes everything once.
 */
export async function loadSyncState(store: CorpusStore, remote: string): Promise<{ state: SyncStateFile; writer: SyncStateWriter }> {
  const read = await readState(store)
  if (!read) {
    const state = emptySyncState(remote)
    return { state, writer: new SyncStateWriter(store, Infinity, state) }
  }
  const { state, lines } = read
  if (state.remote === remote) return { state, writer: new SyncStateWriter(store, lines, state) }
  for (const doc of Object.values(state.docs)) doc.pushed = false
  const moved = { ...state, remote, pullSeq: null }
  return { state: moved, writer: new SyncStateWriter(store, Infinity, moved) }
}

/** The saved state whatever remote it was for (the CLI's `conflicts` reads it without a server). */
export async function readSyncState(store: CorpusStore): Promise<SyncStateFile | null> {
  return (await readState(store))?.state ?? null
}

function withoutText(leaf: LeafState): LeafState {
  if (!leaf.body || !('text' in leaf.body.record)) return leaf
  const { text: _stored, ...record } = leaf.body.record
  return { ...leaf, body: { ...leaf.body, record } }
}

export function bodyOfLeaf(leaf: LeafState): SyncBody | null {
  return leaf.deleted ? null : (leaf.body as SyncBody | null)
}
