// One store's side of the team sync (issue 19): a local PouchDB replica that mirrors the store's
// shared records with their revision histories, replicated with the team's server by PouchDB's own
// replication (the CouchDB protocol), and the store brought in line with what arrives.
//
// A sync, in order (each step safe to die after; see sync-state.ts for why):
//   1. local changes: every store record that differs from the version last synced becomes a new
//      revision on top of it (a record gone from the store becomes a tombstone), written in bulk;
//      the state learns each new revision from the write's answer (no read back);
//   2. push the replica's new revisions to the server, then pull the server's since the checkpoint;
//   3. learn the leaves of every document received (a new one from the documents the pull wrote,
//      one this store knew by reading its leaves back); fold leaves that say the same;
//   4. write each changed document's winning version into the store, in one write per file; a
//      record that waits for something this store lacks (a highlight whose article is not imported
//      here) is kept and tried again at every sync;
//   5. save the revision leaves and the checkpoint (sync-state.json, or a line of its journal).
// Conflicting versions are never dropped: CouchDB keeps every leaf, the store shows the winner that
// every replica agrees on, and the analyst resolves (resolution = the chosen version written on the
// winner, the other leaves deleted), which syncs back as any change does.
// Knows nothing of settings, timers or the UI: sync-controller.ts runs it.

import { createHash } from 'node:crypto'
import type { Article, Claim, EvidenceLink, Highlight, SourceGrade } from '../../shared/model'
import {
  articleBody,
  articleFromText,
  syncedTextSchema,
  textBody,
  articleWithEdits,
  claimBody,
  docIdOf,
  entityBody,
  highlightBody,
  highlightFromBody,
  linkBody,
  parseDocId,
  sameBody,
  sourceBody,
  stableJson,
  summariseBody,
  winningLeaf,
  type SyncBody,
  type SyncKind,
} from '../../shared/sync/sync-docs'
import type { SyncConflict, SyncResult } from '../../shared/sync/sync-model'
import type { RemoteAddress } from '../../shared/sync/sync-remote'
import { UserError } from '../../shared/result'
import type { CorpusStore } from '../store/corpus-store'
import { claimProblem, highlightProblem } from '../store/record-rules'
import { articleSchema, claimSchema, entityDecisionSchema, highlightSchema, linkSchema, sourceGradeSchema } from '../../shared/record-schemas'
import type { EntityDecision } from '../../shared/entities/cluster-entities'
import { newReplica, openRemote, type BulkResult, type ChangesFeed, type Credentials, type Replica, type SyncDoc } from './pouch'
import { bodyOfLeaf, loadSyncState, type DocState, type LeafState, type SyncStateFile, type SyncStateWriter } from './sync-state'

/**
 * Documents written to the replica per bulk call (rebuilding it, and a sync's local changes).
 * PouchDB's memory adapter takes longer than linearly with the size of one call: 21,000 documents
 * in one call took 40 s here, in calls of 500 under 1 s (bench/sync-bench.ts).
 */
const LOCAL_BATCH = 500
/** Documents read back per call after a sync. */
const READ_BATCH = 200
/**
 * Documents per replication batch. A first sync moves tens of thousands of small documents; with
 * 2,000 a batch (about 1 MB) the server writes them in a tenth of the round trips of PouchDB's
 * default, which measured a third faster on pouchdb-server (bench/sync-bench.ts).
 */
export const REPLICATION_BATCH = 2000
/** How long the server holds a watch request open with nothing to say before answering empty (and being asked again). */
const WATCH_TIMEOUT_MS = 20_000

export interface SyncEngineOptions {
  store: CorpusStore
  remote: RemoteAddress
  /** The team member named as author of every revision this store makes. */
  member: string
  credentials: Credentials | null
  /** Share article texts (the team's switch): send this store's texts, and take teammates' as new articles. */
  shareTexts?: boolean
}

/** What one sync did, with what the service must follow up on (the search index keeps titles and texts). */
export interface EngineSyncResult extends SyncResult {
  changedStore: boolean
  retitled: string[]
  /** Articles this sync added from texts teammates shared. */
  added: string[]
}

/** A document written into the replica for a local change, with where it came from. */
interface LocalWrite {
  doc: SyncDoc
  body: SyncBody | null
  /** The store record it was made from (a record changed or new), or null (a tombstone of a deleted record), or undefined (a resolution's or a revival's write). */
  ref: object | null | undefined
}

/** A store record as a synced document: its id, the record itself (to notice it changed), its body. */
interface LocalRecord {
  docId: string
  ref: object
  body: () => SyncBody | null
}

/** What the store must take from one sync, gathered before writing it in one go. */
interface StorePlan {
  articles: Article[]
  put: { highlights: Highlight[]; claims: Claim[]; links: EvidenceLink[]; sources: SourceGrade[]; entities: EntityDecision[] }
  del: { highlights: Set<string>; claims: Set<string>; links: Set<string>; sources: Set<string>; entities: Set<string> }
  applied: string[]
  waiting: string[]
  retitled: string[]
  /** Whether writing the plan changes the store at all. */
  willTouch: boolean
}

export class SyncEngine {
  /** Records known to match their synced version (by identity: the store replaces records, never edits them in place). */
  private readonly confirmed = new Map<string, object>()
  /** The replica's sequence the server has everything up to. */
  private pushSince: number | string = 0
  /** Received versions this store refused (not the shape of a record, or against the store's rules), with why. */
  private readonly rejected = new Map<string, string>()
  /** Local records the server would not take at the last push (too large, or denied), with why. */
  private readonly refused = new Map<string, string>()
  private closed = false
  private queue: Promise<unknown> = Promise.resolve()
  private watcher: ChangesFeed | null = null

  private constructor(
    private readonly options: SyncEngineOptions,
    private readonly replica: Replica,
    private readonly remoteDb: Replica,
    private state: SyncStateFile,
    private readonly writer: SyncStateWriter,
  ) {}

  /** Rebuilds the replica from the saved state: revisions as they were, the checkpoint where it was. */
  static async open(options: SyncEngineOptions): Promise<SyncEngine> {
    const { state, writer } = await loadSyncState(options.store, options.remote.url)
    // Texts skipped while sharing was off are behind the checkpoint: turning it on pulls once from the start.
    if (options.shareTexts && !state.sharesTexts) state.pullSeq = null
    state.sharesTexts = options.shareTexts === true
    const replica = newReplica()
    const engine = new SyncEngine(options, replica, openRemote(options.remote, options.credentials), state, writer)
    const entries = Object.entries(state.docs)
    // What the server has goes in first; the push starts after it, so only the rest is offered.
    await engine.load(entries.filter(([, doc]) => doc.pushed))
    engine.pushSince = (await replica.info()).update_seq
    await engine.load(entries.filter(([, doc]) => !doc.pushed))
    return engine
  }

  /** A shared text's body with its text read back from the store (the saved state leaves it out); undefined when the store lost it. */
  private async withStoredText(body: SyncBody | null): Promise<SyncBody | null | undefined> {
    if (body?.kind !== 'text' || typeof body.record.text === 'string') return body
    const article = this.options.store.findByContentHash(body.contentHash ?? '')
    const text = article && !article.damaged ? await this.options.store.readBody(article).catch(() => null) : null
    return text === null ? undefined : { ...body, record: { ...body.record, text } }
  }

  get remote(): RemoteAddress {
    return this.options.remote
  }

  private async load(entries: [string, DocState][]): Promise<void> {
    const docs: SyncDoc[] = []
    for (const [docId, doc] of entries) {
      for (const leaf of doc.leaves) {
        const body = await this.withStoredText(leaf.body)
        if (body === undefined) {
          // A shared text saved without its text whose article is gone from the store: the server has it; pull it again.
          this.state.pullSeq = null
          continue
        }
        docs.push(leafDoc(docId, { ...leaf, body }))
      }
    }
    for (let i = 0; i < docs.length; i += LOCAL_BATCH) {
      const results = await this.replica.bulkDocs(docs.slice(i, i + LOCAL_BATCH), { new_edits: false })
      const failed = results.find((r) => 'error' in r && r.error)
      if (failed) throw new Error(`could not rebuild the sync replica: ${JSON.stringify(failed)}`)
    }
  }

  /** One full sync; syncs run one at a time. */
  sync(): Promise<EngineSyncResult> {
    return this.inQueue(() => this.syncOnce())
  }

  private async syncOnce(): Promise<EngineSyncResult> {
    if (this.closed) throw new UserError('conflict', 'The sync was stopped.')
    const { store } = this.options
    if (store.readOnly) throw new UserError('conflict', `The store ${store.dir} is open read-only, so nothing can be synced into it.`)
    await this.finishPendingApply()
    const pullSeqBefore = this.state.pullSeq
    const local = await this.recordLocalChanges()

    let pushed = await this.push()
    const received = await this.pull()
    // Everything the replica holds is on the server now (what it sent, and what it received from
    // there): the next push starts here, so received documents are never offered back.
    this.pushSince = (await this.replica.info()).update_seq
    const learned = this.learnReceived(received.docs)
    await this.readBack([...new Set([...local.unsure, ...[...received.docs.keys()].filter((id) => !learned.has(id))])])
    const folded = await this.foldIdenticalLeaves([...new Set([...local.unsure, ...local.planned, ...received.docs.keys()])])
    const waiting = Object.entries(this.state.docs)
      .filter(([, doc]) => !doc.applied)
      .map(([id]) => id)
    const ids = new Set([...local.unsure, ...local.planned, ...received.docs.keys(), ...waiting])
    const added = await this.takeTexts(ids)
    const plan = await this.planStore(ids, local.refsAtStart)
    const changedStore = (await this.applyDurably(plan)) || added.length > 0
    // Folding identical leaves wrote tombstones: they go to the server in the same sync.
    if (folded > 0) pushed += await this.push()
    // An idle sync (nothing sent, received or written) leaves the saved state as it was; a busy one
    // appends what changed to its journal (sync-state.ts), not the megabytes of a large board.
    if (local.written > 0 || received.count > 0 || folded > 0 || changedStore || plan.applied.length > 0 || this.state.pullSeq !== pullSeqBefore)
      await this.writer.save(this.state)
    return { pushed, pulled: received.count, conflicts: this.conflicts().length, changedStore, retitled: plan.retitled, added }
  }

  /** Local changes not yet on the server: records changed since their last sync, and revisions not pushed. */
  pendingCount(): number {
    let pending = 0
    const seen = new Set<string>()
    for (const record of this.localRecords()) {
      seen.add(record.docId)
      const doc = this.state.docs[record.docId]
      if (doc && !doc.pushed) pending++
      else if (this.confirmed.get(record.docId) !== record.ref && !sameBody(record.body(), doc ? winnerBody(doc) : null)) pending++
    }
    for (const [docId, doc] of Object.entries(this.state.docs)) {
      const kind = parseDocId(docId)?.kind
      if (kind === 'text') {
        if (!doc.pushed) pending++
        continue
      }
      if (seen.has(docId) || !doc.pushed) continue
      if (doc.applied && winnerBody(doc) !== null && kind !== 'article') pending++
    }
    if (this.options.shareTexts) {
      for (const article of this.options.store.listArticles()) if (!article.damaged && !this.state.docs[docIdOf('text', article.contentHash)]) pending++
    }
    return pending
  }

  /** Received records that wait for something this store lacks. */
  waitingCount(): number {
    return Object.entries(this.state.docs).filter(([docId, doc]) => !doc.applied && winnerBody(doc) !== null && parseDocId(docId)?.kind !== 'text').length
  }

  conflicts(): SyncConflict[] {
    return conflictsOf(this.state)
  }

  /**
   * What resolving a conflict writes into the store: the chosen version (a leaf, or a combined
   * record the analyst wrote) as this store keeps it, and the losing revisions to delete. The
   * service runs the write as an undoable command, then calls markResolved.
   */
  planResolution(docId: string, choice: { rev: string } | { record: Record<string, unknown> }): Resolution {
    const doc = this.state.docs[docId]
    const parsed = parseDocId(docId)
    const conflict = this.conflicts().find((c) => c.docId === docId)
    if (!doc || !parsed || !conflict) throw new UserError('not-found', `There is no conflict on ${docId} any more: it was resolved, here or by a teammate.`)
    const winner = winningLeaf(doc.leaves)!
    let body: SyncBody
    if ('rev' in choice) {
      const leaf = doc.leaves.find((l) => l.rev === choice.rev && !l.deleted)
      if (!leaf?.body) throw new UserError('not-found', `The version ${choice.rev} of ${docId} is not one of its conflicting versions.`)
      body = leaf.body as SyncBody
    } else {
      const base = winner.body as SyncBody
      if (parsed.kind !== 'claim') throw new UserError('invalid-argument', 'Only a claim’s versions can be combined into a new text; for other records pick one version.')
      const text = typeof choice.record.text === 'string' ? choice.record.text.trim() : ''
      if (!text) throw new UserError('invalid-argument', 'The combined claim needs a text.')
      body = { ...base, record: { ...base.record, text } }
    }
    const record = this.storeRecordOf(docId, body)
    if (record === null) throw new UserError('conflict', `The chosen version of ${docId} cannot be placed in this store yet (its article is not imported here).`)
    const losing = doc.leaves.filter((l) => !l.deleted && l.rev !== winner.rev)
    return {
      docId,
      kind: parsed.kind,
      key: parsed.key,
      record,
      losers: losing.map((l) => l.rev),
      loserVersions: losing.map((l) => ({ rev: l.rev, author: l.author, body: l.body as SyncBody })),
      summary: summariseBody(body),
    }
  }

  /** Notes a resolution: the next sync deletes the losing revisions, and the conflict leaves the list. */
  async markResolved(resolution: Pick<Resolution, 'docId' | 'losers'>): Promise<void> {
    this.state.resolutions[resolution.docId] = resolution.losers
    await this.writer.save(this.state)
  }

  /**
   * An undone resolution: its conflict comes back. Not yet synced, the resolution is forgotten (the
   * losing versions were never deleted). Synced, each losing version is written again on top of the
   * tombstone that deleted it (CouchDB keeps that line of history, so this is a revision like any
   * other, and every copy gets the conflict back at its next sync); with the store's record as the
   * undo left it, in the replica at once, without the server, so the conflict is listed at once.
   */
  unresolve(resolution: Resolution): Promise<void> {
    return this.inQueue(async () => {
      const { docId } = resolution
      if (this.state.resolutions[docId]) {
        delete this.state.resolutions[docId]
        await this.writer.save(this.state)
        return
      }
      const doc = this.state.docs[docId]
      const revivals: SyncStateFile['revivals'][string] = []
      for (const loser of resolution.loserVersions ?? []) {
        const hash = loser.rev.slice(loser.rev.indexOf('-') + 1)
        // The tombstone that deleted this version, if it is still a leaf (nobody wrote on that line since).
        const tombstone = doc?.leaves.find((l) => l.deleted && l.ids[1] === hash)
        if (tombstone) revivals.push({ tombstone: tombstone.rev, author: loser.author ?? null, body: loser.body })
      }
      if (revivals.length === 0) return
      this.state.revivals[docId] = revivals
      await this.localStep()
    })
  }

  /**
   * A redone resolution: the chosen version is the store's again (the undo's revival may have made
   * the other one CouchDB's winner, which the store then showed), and the versions that lose now
   * are deleted at the next sync, which writes the choice on top of the winner.
   */
  reresolve(resolution: Resolution): Promise<void> {
    return this.inQueue(async () => {
      const { docId, kind, key, record } = resolution
      delete this.state.revivals[docId]
      const doc = this.state.docs[docId]
      if (!doc) return
      const current = this.currentRecord(docId, this.recordIndex())
      if (kind !== 'text' && stableJson(current?.ref ?? null) !== stableJson(record)) {
        const plan = emptyPlan()
        if (kind === 'article') plan.articles.push(record as Article)
        else (plan.put[collectionOf(kind)] as object[]).push(record)
        plan.willTouch = true
        await this.applyToStore(plan)
      }
      const winner = winningLeaf(doc.leaves)!
      const losers = doc.leaves.filter((l) => !l.deleted && l.rev !== winner.rev).map((l) => l.rev)
      if (losers.length > 0) this.state.resolutions[docId] = losers
      await this.writer.save(this.state)
    })
  }

  /** A sync without the server: local changes into the replica, and the store brought in line with the leaves they make. */
  private async localStep(): Promise<void> {
    const local = await this.recordLocalChanges()
    await this.readBack(local.unsure)
    const ids = new Set([...local.unsure, ...local.planned])
    await this.foldIdenticalLeaves([...ids])
    await this.applyDurably(await this.planStore(ids, local.refsAtStart))
    await this.writer.save(this.state)
  }

  private inQueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work)
    this.queue = next.catch(() => undefined)
    return next
  }

  /**
   * Follows the server's changes feed (long polling: the server answers as soon as a revision lands,
   * or after WATCH_TIMEOUT_MS with none) and calls back when one this store lacks arrives, so
   * continuous mode syncs then rather than at its next pause. Revisions this store sent itself are
   * known leaves and call nothing. A feed that fails stops; the next call starts it again.
   */
  watch(onChange: () => void): void {
    if (this.watcher || this.closed) return
    const feed = this.remoteDb.changes({
      since: this.state.pullSeq ?? 'now',
      live: true,
      style: 'all_docs',
      timeout: WATCH_TIMEOUT_MS,
      heartbeat: false,
      return_docs: false,
    })
    this.watcher = feed
    feed.on('change', (change) => {
      const kind = parseDocId(change.id)?.kind
      if (!kind || (kind === 'text' && !this.options.shareTexts)) return
      const doc = this.state.docs[change.id]
      if (change.changes.some((c) => !doc?.leaves.some((l) => l.rev === c.rev))) onChange()
    })
    const stopped = () => {
      if (this.watcher === feed) this.watcher = null
    }
    feed.on('error', stopped)
    feed.on('complete', stopped)
  }

  async close(): Promise<void> {
    this.closed = true
    this.watcher?.cancel()
    this.watcher = null
    await this.queue
    await this.replica.destroy().catch(() => undefined)
    await this.remoteDb.close().catch(() => undefined)
  }

  // ── Step 1: local changes ────────────────────────────────────────────────────────────────────

  private localRecords(): LocalRecord[] {
    const { store } = this.options
    const records: LocalRecord[] = []
    for (const claim of store.claims) records.push({ docId: docIdOf('claim', claim.id), ref: claim, body: () => claimBody(claim) })
    for (const highlight of store.highlights) {
      const article = store.getArticle(highlight.articleId)
      if (article) records.push({ docId: docIdOf('highlight', highlight.id), ref: highlight, body: () => highlightBody(highlight, article.contentHash) })
    }
    for (const link of store.links) records.push({ docId: docIdOf('link', link.id), ref: link, body: () => linkBody(link) })
    for (const grade of store.sourceGrades) records.push({ docId: docIdOf('source', grade.sourceKey), ref: grade, body: () => sourceBody(grade) })
    for (const decision of store.entityDecisions) records.push({ docId: docIdOf('entity', decision.id), ref: decision, body: () => entityBody(decision) })
    for (const article of store.listArticles()) {
      if (article.edited.length > 0) records.push({ docId: docIdOf('article', article.contentHash), ref: article, body: () => articleBody(article) })
    }
    return records
  }

  /**
   * Writes the store's changes since the last sync into the replica, in bulk, and learns each new
   * revision from the write's answer: a new document has one leaf, an edit replaces the leaf it was
   * made on. What cannot be learned so (a revival of a deleted document) is read back later.
   * Returns which documents must be planned into the store: `planned` where a local write did not
   * make the winning version (another analyst's leaf still wins), `unsure` where the leaves must be read.
   */
  private async recordLocalChanges(): Promise<{ refsAtStart: Map<string, object>; written: number; planned: string[]; unsure: string[] }> {
    const local = this.localRecords()
    const refsAtStart = new Map(local.map((r) => [r.docId, r.ref]))
    const writes = [...this.localWrites(local), ...(await this.localTexts())]
    const planned: string[] = []
    const unsure: string[] = []
    if (writes.length === 0) return { refsAtStart, written: 0, planned, unsure }
    const results: BulkResult[] = []
    for (let i = 0; i < writes.length; i += LOCAL_BATCH) results.push(...(await this.replica.bulkDocs(writes.slice(i, i + LOCAL_BATCH).map((w) => w.doc))))
    const failed = results.find((r) => 'error' in r && r.error)
    if (failed) throw new Error(`could not record local changes for sync: ${JSON.stringify(failed)}`)
    writes.forEach((write, i) => {
      const docId = write.doc._id
      const learned = this.learnLocalRevision(write, (results[i] as { rev: string }).rev)
      if (learned === 'unsure') unsure.push(docId)
      else if (learned === 'planned' || write.ref === undefined) planned.push(docId)
      else {
        // The store holds the winning version: it was made from it.
        this.state.docs[docId]!.applied = true
        if (write.ref) this.confirmed.set(docId, write.ref)
      }
    })
    this.state.resolutions = {}
    this.state.revivals = {}
    return { refsAtStart, written: writes.length, planned, unsure }
  }

  /** The local writes a sync makes: changed and new records, tombstones of deleted ones, a resolution's deletions, an undone resolution's revivals. */
  private localWrites(local: LocalRecord[]): LocalWrite[] {
    const author = this.options.member
    const writes: LocalWrite[] = []
    const present = new Set<string>()
    for (const record of local) {
      present.add(record.docId)
      if (this.confirmed.get(record.docId) === record.ref) continue
      const body = record.body()
      if (!body) continue
      const doc = this.state.docs[record.docId]
      const winner = doc ? winningLeaf(doc.leaves)! : null
      if (doc && doc.applied && sameBody(body, winnerBody(doc))) {
        this.confirmed.set(record.docId, record.ref)
        continue
      }
      // A new record, an edit on top of the synced version, or (on a deleted document) a revival:
      // PouchDB puts a record without a revision on a deleted document's tombstone.
      writes.push({ doc: { _id: record.docId, ...(winner && !winner.deleted ? { _rev: winner.rev } : {}), author, ...body } as SyncDoc, body, ref: record.ref })
    }
    for (const [docId, doc] of Object.entries(this.state.docs)) {
      const kind = parseDocId(docId)?.kind
      // Article corrections and shared texts are never deleted by a sync: an article leaves a store only by the analyst's hand.
      if (present.has(docId) || !doc.applied || kind === 'article' || kind === 'text') continue
      const winner = winningLeaf(doc.leaves)!
      if (!winner.deleted) writes.push({ doc: { _id: docId, _rev: winner.rev, _deleted: true, author } as SyncDoc, body: null, ref: null })
    }
    for (const [docId, losers] of Object.entries(this.state.resolutions)) {
      const doc = this.state.docs[docId]
      for (const rev of losers) {
        if (doc?.leaves.some((l) => l.rev === rev && !l.deleted))
          writes.push({ doc: { _id: docId, _rev: rev, _deleted: true, author } as SyncDoc, body: null, ref: undefined })
      }
    }
    for (const [docId, revivals] of Object.entries(this.state.revivals)) {
      const doc = this.state.docs[docId]
      for (const { tombstone, author: original, body } of revivals) {
        // The version brought back is still its author's: the conflict lists it under their name.
        if (doc?.leaves.some((l) => l.rev === tombstone && l.deleted))
          writes.push({ doc: { _id: docId, _rev: tombstone, author: original ?? author, ...body } as SyncDoc, body: body as SyncBody, ref: undefined })
      }
    }
    return writes
  }

  /** When the team shares texts: the texts of this store's articles not yet synced, each written once. */
  private async localTexts(): Promise<LocalWrite[]> {
    if (!this.options.shareTexts) return []
    const { store } = this.options
    const writes: LocalWrite[] = []
    for (const article of store.listArticles()) {
      const docId = docIdOf('text', article.contentHash)
      if (article.damaged || this.state.docs[docId]) continue
      const text = await store.readBody(article).catch(() => null)
      if (text === null) continue
      const body = textBody(article, text)
      writes.push({ doc: { _id: docId, author: this.options.member, ...body } as SyncDoc, body, ref: article })
    }
    return writes
  }

  /**
   * The state's leaves after a local write, from the write's answer: 'ours' when the new revision
   * wins, 'planned' when another leaf still does, 'unsure' when the leaves must be read back.
   */
  private learnLocalRevision(write: LocalWrite, rev: string): 'ours' | 'planned' | 'unsure' {
    const docId = write.doc._id
    const doc = this.state.docs[docId]
    const hash = rev.slice(rev.indexOf('-') + 1)
    const leafWith = (ids: string[]): LeafState => ({
      rev,
      ids,
      deleted: write.doc._deleted === true,
      author: typeof write.doc.author === 'string' ? write.doc.author : this.options.member,
      body: write.doc._deleted ? null : (write.body as LeafState['body']),
    })
    if (write.doc._rev === undefined) {
      if (doc || !rev.startsWith('1-')) return 'unsure'
      this.state.docs[docId] = { leaves: [leafWith([hash])], pushed: false, applied: false }
      return 'ours'
    }
    const at = doc ? doc.leaves.findIndex((l) => l.rev === write.doc._rev) : -1
    if (!doc || at < 0) return 'unsure'
    doc.leaves = doc.leaves.map((leaf, i) => (i === at ? leafWith([hash, ...leaf.ids]) : leaf))
    doc.pushed = false
    return winningLeaf(doc.leaves)!.rev === rev ? 'ours' : 'planned'
  }

  // ── Step 2: replication ──────────────────────────────────────────────────────────────────────

  /**
   * Sends the replica's new revisions. A record the server will not take (larger than its
   * max_document_size, or refused by a validation function) must neither hold back the others nor
   * count as sent: the batch is split until each refused record stands alone; it stays unsent, the
   * status lists it with the server's reason, and the next sync offers it again.
   */
  private async push(): Promise<number> {
    const upTo = (await this.replica.info()).update_seq
    const refusedBefore = new Map(this.refused)
    this.refused.clear()
    let written = 0
    try {
      try {
        const result = await this.replica.replicate.to(this.remoteDb, { since: this.pushSince, checkpoint: 'source', batch_size: REPLICATION_BATCH })
        written += this.countWritten(result)
      } catch (error) {
        if (!isRefusal(error)) throw error
        const changed = await this.replica.changes({ since: this.pushSince })
        written += await this.pushApart(changed.results.map((r) => r.id))
      }
      // Records refused before, and unchanged since, are past the checkpoint: offered again by id.
      written += await this.pushApart([...refusedBefore.keys()].filter((id) => !this.refused.has(id)))
    } catch (error) {
      // The push failed (the server went away): what was refused is still to be offered again by id.
      for (const [docId, reason] of refusedBefore) if (!this.refused.has(docId)) this.refused.set(docId, reason)
      throw error
    }
    this.pushSince = upTo
    for (const [docId, doc] of Object.entries(this.state.docs)) if (!doc.pushed && !this.refused.has(docId)) doc.pushed = true
    return written
  }

  /** Sends these documents, halving the set on a refusal until the refused ones are found. */
  private async pushApart(docIds: string[]): Promise<number> {
    if (docIds.length === 0) return 0
    try {
      return this.countWritten(await this.replica.replicate.to(this.remoteDb, { doc_ids: docIds, checkpoint: false, batch_size: REPLICATION_BATCH }))
    } catch (error) {
      if (!isRefusal(error)) throw error
      if (docIds.length === 1) {
        this.refused.set(docIds[0]!, this.refusalReason(docIds[0]!, error))
        return 0
      }
      const half = Math.ceil(docIds.length / 2)
      return (await this.pushApart(docIds.slice(0, half))) + (await this.pushApart(docIds.slice(half)))
    }
  }

  /** Documents written; those the server denied (a validation function) are noted as refused. */
  private countWritten(result: { docs_written: number; errors: unknown[] }): number {
    for (const error of result.errors) {
      const docId = (error as { id?: unknown }).id
      if (typeof docId === 'string') this.refused.set(docId, this.refusalReason(docId, error))
    }
    return result.docs_written
  }

  private refusalReason(docId: string, error: unknown): string {
    const parsed = parseDocId(docId)
    const title = parsed?.kind === 'text' ? this.options.store.findByContentHash(parsed.key)?.title : undefined
    const what = title ? `the text of “${title}”` : 'this record'
    const e = error as { status?: number; name?: string; error?: unknown; reason?: string; message?: string }
    const tooLarge = e.status === 413 || /too[_ ]large/i.test(`${e.name ?? ''} ${String(e.error ?? '')} ${e.reason ?? ''} ${e.message ?? ''}`)
    if (tooLarge) return `the server refused ${what}: it is larger than the server accepts (its max_document_size). It stays here, unsent.`
    return `the server refused ${what}: ${(e.reason ?? e.message ?? String(error)).slice(0, 200)}. It stays here, unsent.`
  }

  /** Records the server refused at the last push, with why (the status lists them). */
  refusals(): { docId: string; reason: string }[] {
    return [...this.refused].map(([docId, reason]) => ({ docId, reason }))
  }

  /** Pulls the server's changes since the checkpoint; returns how many documents came, and the documents themselves by id. */
  private async pull(): Promise<{ count: number; docs: Map<string, SyncDoc[]> }> {
    const docs = new Map<string, SyncDoc[]>()
    const replication = this.replica.replicate.from(this.remoteDb, { since: this.state.pullSeq ?? 0, checkpoint: 'target', batch_size: REPLICATION_BATCH })
    replication.on('change', (info) => {
      for (const doc of info.docs ?? []) {
        if (parseDocId(doc._id) === null || (!this.options.shareTexts && parseDocId(doc._id)?.kind === 'text')) continue
        const list = docs.get(doc._id)
        if (list) list.push(doc)
        else docs.set(doc._id, [doc])
      }
    })
    const result = await replication
    this.state.pullSeq = result.last_seq as string | number
    return { count: result.docs_written, docs }
  }

  // ── Step 3: learn what came ──────────────────────────────────────────────────────────────────

  /**
   * The leaves of documents this store did not know, straight from the revisions the pull wrote
   * (each is a leaf: replication asks only for the leaves it lacks). A first sync of 21,000
   * documents learns them without reading one back. Returns the ids learned.
   */
  private learnReceived(received: Map<string, SyncDoc[]>): Set<string> {
    const learned = new Set<string>()
    for (const [docId, docs] of received) {
      if (this.state.docs[docId]) continue
      const leaves = docs.map(leafOfDoc)
      if (leaves.some((l) => l === null)) continue
      const unique = new Map((leaves as LeafState[]).map((l) => [l.rev, l]))
      this.state.docs[docId] = { leaves: [...unique.values()], pushed: true, applied: false }
      learned.add(docId)
    }
    return learned
  }

  /** Reads the leaves of these documents into the state. */
  private async readBack(ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += READ_BATCH) {
      const batch = ids.slice(i, i + READ_BATCH)
      const read = await Promise.all(batch.map((id) => this.replica.get(id, { open_revs: 'all', revs: true })))
      batch.forEach((docId, j) => {
        const leaves: LeafState[] = []
        for (const entry of read[j] as unknown as ({ ok: SyncDoc } | { missing: string })[]) {
          const leaf = 'ok' in entry ? leafOfDoc(entry.ok) : null
          if (leaf) leaves.push(leaf)
        }
        if (leaves.length === 0) return
        const previous = this.state.docs[docId]
        this.state.docs[docId] = { leaves, pushed: previous?.pushed ?? true, applied: previous?.applied ?? false }
      })
    }
  }

  /** Tombstones for leaves that say the same (see foldIdentical), written and learned; returns how many. */
  private async foldIdenticalLeaves(ids: readonly string[]): Promise<number> {
    const tombstones: SyncDoc[] = []
    for (const docId of ids) {
      const doc = this.state.docs[docId]
      if (doc && doc.leaves.filter((l) => !l.deleted).length > 1) tombstones.push(...foldIdentical(docId, doc.leaves))
    }
    if (tombstones.length === 0) return 0
    await this.replica.bulkDocs(tombstones)
    const folded = [...new Set(tombstones.map((t) => t._id))]
    await this.readBack(folded)
    for (const docId of folded) this.state.docs[docId]!.pushed = false
    return tombstones.length
  }

  /**
   * When the team shares texts: each received text this store lacks becomes an article (its text
   * checked against its hash first), before the records that wait for it are placed. Returns the
   * ids of the articles added.
   */
  private async takeTexts(ids: ReadonlySet<string>): Promise<string[]> {
    if (!this.options.shareTexts) return []
    const { store } = this.options
    const articles: Article[] = []
    const importedAt = new Date().toISOString()
    for (const docId of ids) {
      const parsed = parseDocId(docId)
      const doc = this.state.docs[docId]
      if (parsed?.kind !== 'text' || !doc) continue
      if (store.findByContentHash(parsed.key) || articles.some((a) => a.contentHash === parsed.key)) {
        doc.applied = true
        continue
      }
      const body = winnerBody(doc)
      const text = syncedTextSchema.safeParse(body?.record)
      if (!text.success) {
        this.rejected.set(docId, `it is not the shape of a shared text (${text.error.issues[0]?.path.join('.')}: ${text.error.issues[0]?.message})`)
        continue
      }
      if (createHash('sha256').update(text.data.text).digest('hex') !== parsed.key) {
        this.rejected.set(docId, 'its text does not match its content hash')
        continue
      }
      this.rejected.delete(docId)
      // The importer's id for this text, unless another article here has it.
      const ownId = parsed.key.slice(0, 16)
      const id = store.getArticle(ownId) || articles.some((a) => a.id === ownId) ? createHash('sha256').update(`${parsed.key}\nsync`).digest('hex').slice(0, 16) : ownId
      await store.writeBody(parsed.key, text.data.text)
      articles.push(articleFromText(text.data, parsed.key, id, importedAt))
    }
    // Bodies first, then the library that names them (the store's own order: a crash leaves at most an unused body).
    await store.saveArticles(articles)
    for (const article of articles) this.state.docs[docIdOf('text', article.contentHash)]!.applied = true
    return articles.map((a) => a.id)
  }

  // ── Step 4: the store takes the winners ──────────────────────────────────────────────────────

  /** This store's record for a synced version: the highlight on the local article with that text; null when it cannot be placed. */
  private storeRecordOf(docId: string, body: SyncBody): object | null {
    const { store } = this.options
    switch (body.kind) {
      case 'highlight': {
        const article = store.findByContentHash(body.contentHash ?? '')
        return article ? highlightFromBody(body, article.id) : null
      }
      case 'article': {
        const article = store.findByContentHash(body.contentHash ?? parseDocId(docId)?.key ?? '')
        return article ? articleWithEdits(article, body) : null
      }
      default:
        return body.record
    }
  }

  /** The store's records by key, for looking many up at once (a scan per document would be quadratic at 10,000 links). */
  private recordIndex(): RecordIndex {
    const { store } = this.options
    return {
      claims: new Map(store.claims.map((c) => [c.id, c])),
      highlights: new Map(store.highlights.map((h) => [h.id, h])),
      links: new Map(store.links.map((l) => [l.id, l])),
      sources: new Map(store.sourceGrades.map((g) => [g.sourceKey, g])),
      entities: new Map(store.entityDecisions.map((d) => [d.id, d])),
    }
  }

  private currentRecord(docId: string, index: RecordIndex): { ref: object; body: SyncBody | null } | null {
    const { store } = this.options
    const parsed = parseDocId(docId)!
    switch (parsed.kind) {
      case 'claim': {
        const claim = index.claims.get(parsed.key)
        return claim ? { ref: claim, body: claimBody(claim) } : null
      }
      case 'highlight': {
        const highlight = index.highlights.get(parsed.key)
        const article = highlight && store.getArticle(highlight.articleId)
        return highlight && article ? { ref: highlight, body: highlightBody(highlight, article.contentHash) } : null
      }
      case 'link': {
        const link = index.links.get(parsed.key)
        return link ? { ref: link, body: linkBody(link) } : null
      }
      case 'source': {
        const grade = index.sources.get(parsed.key)
        return grade ? { ref: grade, body: sourceBody(grade) } : null
      }
      case 'article': {
        const article = store.findByContentHash(parsed.key)
        return article ? { ref: article, body: articleBody(article) } : null
      }
      case 'entity': {
        const decision = index.entities.get(parsed.key)
        return decision ? { ref: decision, body: entityBody(decision) } : null
      }
      case 'text':
        // A text is taken by takeTexts, never planned as a record.
        return null
    }
  }

  /** Received records that cannot be stored as they are, with why (the status lists them). */
  rejections(): { docId: string; reason: string }[] {
    return [...this.rejected].map(([docId, reason]) => ({ docId, reason }))
  }

  /**
   * A received record as this store may keep it, or why not: it must have a record's shape and keep
   * the store's rules (record-rules.ts), as undo, merged project files and conflict choices must. A
   * record from the server is a teammate's or any client's, so it is checked like a file.
   */
  private async checkReceived(
    kind: SyncKind,
    key: string,
    received: object,
    texts: Map<string, Promise<string>>,
  ): Promise<{ ok: true; record: object } | { ok: false; reason: string }> {
    const shape = {
      claim: claimSchema,
      highlight: highlightSchema,
      link: linkSchema,
      source: sourceGradeSchema,
      article: articleSchema,
      text: syncedTextSchema,
      entity: entityDecisionSchema,
    }[kind].safeParse(received)
    if (!shape.success) return { ok: false, reason: `it is not the shape of a ${kind} (${shape.error.issues[0]?.path.join('.')}: ${shape.error.issues[0]?.message})` }
    // The parsed record: fields a record does not have are left out.
    const record = shape.data as object
    const keyOf = kind === 'source' ? (record as SourceGrade).sourceKey : kind === 'article' ? (record as Article).contentHash : (record as { id: string }).id
    if (keyOf !== key) return { ok: false, reason: `its id (${keyOf}) is not the document's (${key})` }
    let problem: string | null = null
    if (kind === 'claim') problem = claimProblem(record as Claim)
    if (kind === 'highlight') {
      const highlight = record as Highlight
      const article = this.options.store.getArticle(highlight.articleId)!
      if (!texts.has(article.id)) texts.set(article.id, this.options.store.readBody(article))
      const wrong = highlightProblem(highlight, await texts.get(article.id)!)
      problem = wrong && `its passage does not fit the article: ${wrong}`
    }
    return problem ? { ok: false, reason: problem } : { ok: true, record }
  }

  private async planStore(ids: Set<string>, refsAtStart: Map<string, object>): Promise<StorePlan> {
    const plan = emptyPlan()
    const { store } = this.options
    const claimIds = new Set(store.claims.map((c) => c.id))
    const highlightIds = new Set(store.highlights.map((h) => h.id))
    const links: [string, EvidenceLink][] = []
    const texts = new Map<string, Promise<string>>()
    const index = this.recordIndex()
    for (const docId of ids) {
      const doc = this.state.docs[docId]
      const parsed = parseDocId(docId)
      if (!doc || !parsed) continue
      if (parsed.kind === 'text') {
        if (doc.applied) plan.applied.push(docId)
        else if (this.options.shareTexts) plan.waiting.push(docId)
        continue
      }
      const wanted = winnerBody(doc)
      const current = this.currentRecord(docId, index)
      if (current && refsAtStart.has(docId) && refsAtStart.get(docId) !== current.ref) continue // edited during this sync: next sync's
      if (sameBody(current?.body ?? null, wanted)) {
        plan.applied.push(docId)
        if (current) this.confirmed.set(docId, current.ref)
        continue
      }
      if (!doc.applied && current?.body) {
        // Waiting, but the analyst made the record here meanwhile (edited an article just imported): theirs is a local change.
        plan.applied.push(docId)
        continue
      }
      if (wanted === null) {
        if (parsed.kind !== 'article') plan.del[collectionOf(parsed.kind)].add(parsed.key)
        plan.applied.push(docId)
        continue
      }
      const placed = this.storeRecordOf(docId, wanted)
      if (placed === null) {
        plan.waiting.push(docId)
        continue
      }
      const checked = await this.checkReceived(parsed.kind, parsed.key, placed, texts)
      if (!checked.ok) {
        this.rejected.set(docId, checked.reason)
        plan.waiting.push(docId)
        continue
      }
      this.rejected.delete(docId)
      const record = checked.record
      switch (parsed.kind) {
        case 'article':
          plan.articles.push(record as Article)
          if (current && (record as Article).title !== (current.ref as Article).title) plan.retitled.push((record as Article).id)
          break
        case 'highlight':
          plan.put.highlights.push(record as unknown as Highlight)
          highlightIds.add(parsed.key)
          break
        case 'claim':
          plan.put.claims.push(record as unknown as Claim)
          claimIds.add(parsed.key)
          break
        case 'link':
          links.push([docId, record as unknown as EvidenceLink])
          continue
        case 'source':
          plan.put.sources.push(record as unknown as SourceGrade)
          break
        case 'entity':
          plan.put.entities.push(record as unknown as EntityDecision)
          break
      }
      plan.applied.push(docId)
    }
    for (const id of plan.del.claims) claimIds.delete(id)
    for (const id of plan.del.highlights) highlightIds.delete(id)
    // Evidence needs its claim and its passage here; until both are, it waits.
    for (const [docId, link] of links) {
      if (claimIds.has(link.claimId) && highlightIds.has(link.highlightId)) {
        plan.put.links.push(link)
        plan.applied.push(docId)
      } else plan.waiting.push(docId)
    }
    plan.willTouch = plan.articles.length + Object.values(plan.put).reduce((n, xs) => n + xs.length, 0) + Object.values(plan.del).reduce((n, xs) => n + xs.size, 0) > 0
    return plan
  }

  /**
   * Saves the received versions with what the store holds now (pendingApply), writes them into the
   * store, and clears the mark: a run that dies between the two leaves the next start enough to
   * finish the write without mistaking the store's older version for a local change.
   */
  private async applyDurably(plan: StorePlan): Promise<boolean> {
    const writes = [...plan.applied, ...plan.waiting]
    if (!plan.willTouch) return this.applyToStore(plan)
    const index = this.recordIndex()
    this.state.pendingApply = Object.fromEntries(writes.map((docId) => [docId, fingerprint(this.currentRecord(docId, index)?.body ?? null)]))
    await this.writer.save(this.state)
    const changed = await this.applyToStore(plan)
    this.state.pendingApply = {}
    return changed
  }

  /** At the first sync after a run that died while writing received versions into the store: finishes that write. */
  private async finishPendingApply(): Promise<void> {
    const pending = Object.entries(this.state.pendingApply)
    if (pending.length === 0) return
    const index = this.recordIndex()
    const untouched = pending
      .filter(([docId, before]) => this.state.docs[docId] && fingerprint(this.currentRecord(docId, index)?.body ?? null) === before)
      .map(([docId]) => docId)
    await this.applyToStore(await this.planStore(new Set(untouched), new Map()))
    this.state.pendingApply = {}
    await this.writer.save(this.state)
  }

  private async applyToStore(plan: StorePlan): Promise<boolean> {
    const { store } = this.options
    const touches = plan.willTouch
    if (touches) {
      if (plan.articles.length > 0) await store.saveArticles(plan.articles)
      await store.changeAnnotations((data) => {
        data.highlights = replaceRecords(data.highlights, plan.put.highlights, plan.del.highlights, (h) => h.id)
        data.claims = replaceRecords(data.claims, plan.put.claims, plan.del.claims, (c) => c.id)
        data.sources = replaceRecords(data.sources, plan.put.sources, plan.del.sources, (g) => g.sourceKey)
        data.entities = replaceRecords(data.entities, plan.put.entities, plan.del.entities, (d) => d.id)
        const claims = new Set(data.claims.map((c) => c.id))
        const highlights = new Set(data.highlights.map((h) => h.id))
        // A claim or passage a teammate deleted takes its evidence with it here too, as deleting it here would.
        data.links = replaceRecords(data.links, plan.put.links, plan.del.links, (l) => l.id).filter((l) => claims.has(l.claimId) && highlights.has(l.highlightId))
      })
    }
    for (const docId of plan.applied) this.state.docs[docId]!.applied = true
    for (const docId of plan.waiting) this.state.docs[docId]!.applied = false
    const index = this.recordIndex()
    for (const docId of plan.applied) {
      const current = this.currentRecord(docId, index)
      if (current && sameBody(current.body, winnerBody(this.state.docs[docId]!))) this.confirmed.set(docId, current.ref)
    }
    return touches
  }
}

export interface Resolution {
  docId: string
  kind: SyncKind
  key: string
  /** The chosen version as this store keeps it (an article for article edits). */
  record: object
  losers: string[]
  /** The losing versions themselves, to bring back if the resolution is undone after it synced (absent in histories from before). */
  loserVersions?: { rev: string; author?: string | null; body: SyncBody }[]
  summary: string
}

interface RecordIndex {
  claims: Map<string, Claim>
  highlights: Map<string, Highlight>
  links: Map<string, EvidenceLink>
  sources: Map<string, SourceGrade>
  entities: Map<string, EntityDecision>
}

function emptyPlan(): StorePlan {
  return {
    articles: [],
    put: { highlights: [], claims: [], links: [], sources: [], entities: [] },
    del: { highlights: new Set(), claims: new Set(), links: new Set(), sources: new Set(), entities: new Set() },
    applied: [],
    waiting: [],
    retitled: [],
    willTouch: false,
  }
}

/** A short stand-in for a body, to tell later whether the store still holds it. */
function fingerprint(body: SyncBody | null): string | null {
  return body === null ? null : createHash('sha256').update(stableJson(body)).digest('hex').slice(0, 32)
}

function winnerBody(doc: DocState): SyncBody | null {
  return bodyOfLeaf(winningLeaf(doc.leaves)!)
}

/** A revision as the state keeps it: from a document read or received with its history; null without one. */
function leafOfDoc(doc: SyncDoc): LeafState | null {
  const { _id, _rev, _revisions, _deleted, author, ...body } = doc as SyncDoc & { _revisions?: { ids: string[] }; author?: unknown }
  if (!_rev || !_revisions?.ids?.length) return null
  return {
    rev: _rev,
    ids: _revisions.ids,
    deleted: _deleted === true,
    author: typeof author === 'string' ? author : null,
    body: _deleted ? null : (body as unknown as SyncBody),
  }
}

/** A leaf as a document for `new_edits: false`: the revision with its history, exactly as it was. */
function leafDoc(docId: string, leaf: LeafState): SyncDoc {
  const start = Number(leaf.rev.slice(0, leaf.rev.indexOf('-')))
  return {
    _id: docId,
    _rev: leaf.rev,
    _revisions: { start, ids: leaf.ids },
    ...(leaf.deleted ? { _deleted: true } : {}),
    ...(leaf.author !== null ? { author: leaf.author } : {}),
    ...(leaf.body ?? {}),
  } as unknown as SyncDoc
}

/**
 * Tombstones for leaves that say the same as another leaf (the same edit made twice, or a local
 * change put again after a crash): only real differences are conflicts. Every replica keeps the
 * same one (the winner among them) and deletes the others with the same body-less tombstone, so
 * their tombstones are identical revisions.
 */
function foldIdentical(docId: string, leaves: readonly LeafState[]): SyncDoc[] {
  const groups = new Map<string, LeafState[]>()
  for (const leaf of leaves) {
    if (leaf.deleted || !leaf.body) continue
    // A shared text's versions are one text (the id is its hash); what each importer read of its title may differ.
    const key = leaf.body.kind === 'text' ? 'text' : stableJson(leaf.body)
    groups.set(key, [...(groups.get(key) ?? []), leaf])
  }
  const tombstones: SyncDoc[] = []
  for (const group of groups.values()) {
    if (group.length < 2) continue
    const keep = winningLeaf(group)!
    for (const leaf of group) if (leaf !== keep) tombstones.push({ _id: docId, _rev: leaf.rev, _deleted: true } as SyncDoc)
  }
  return tombstones
}

export function conflictsOf(state: SyncStateFile): SyncConflict[] {
  const conflicts: SyncConflict[] = []
  for (const [docId, doc] of Object.entries(state.docs)) {
    const live = doc.leaves.filter((l) => !l.deleted && l.body)
    if (live.length < 2 || state.resolutions[docId]) continue
    const parsed = parseDocId(docId)
    // Versions of a shared text are the same text (its id is its hash): never a conflict to resolve.
    if (!parsed || parsed.kind === 'text') continue
    const winner = winningLeaf(doc.leaves)!
    conflicts.push({
      kind: parsed.kind,
      id: parsed.key,
      docId,
      versions: live
        .map((leaf) => ({
          rev: leaf.rev,
          author: leaf.author,
          current: leaf.rev === winner.rev,
          deleted: false,
          summary: summariseBody(leaf.body as SyncBody),
          record: (leaf.body as SyncBody).record,
        }))
        .sort((a, b) => Number(b.current) - Number(a.current)),
    })
  }
  return conflicts.sort((a, b) => a.docId.localeCompare(b.docId))
}

/** The annotations collection that keeps records of this kind. */
export function collectionOf(kind: Exclude<SyncKind, 'article' | 'text'>): 'highlights' | 'claims' | 'links' | 'sources' | 'entities' {
  return kind === 'entity' ? 'entities' : (`${kind}s` as 'highlights' | 'claims' | 'links' | 'sources')
}

/** The records with those keys replaced or added, and those deleted; new arrays, records replaced never edited. */
function replaceRecords<T>(records: T[], put: readonly T[], del: ReadonlySet<string>, keyOf: (r: T) => string): T[] {
  if (put.length === 0 && del.size === 0) return records
  const byKey = new Map(put.map((r) => [keyOf(r), r]))
  const out: T[] = []
  for (const record of records) {
    const key = keyOf(record)
    if (del.has(key)) continue
    const replacement = byKey.get(key)
    if (replacement) byKey.delete(key)
    out.push(replacement ?? record)
  }
  return [...out, ...byKey.values()]
}

/**
 * The server refused a document, not the whole sync: a request too large for it (413), or a
 * document-level error (it names the document). Wrong credentials or an unreachable server are not.
 */
function isRefusal(error: unknown): boolean {
  const e = error as { status?: number; id?: unknown; name?: string } | null
  if (!e || typeof e !== 'object') return false
  return e.status === 413 || (typeof e.id === 'string' && e.name !== 'unauthorized')
}
