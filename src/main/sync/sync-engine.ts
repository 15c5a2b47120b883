// One store's side of the team sync (issue 19): a local PouchDB replica that mirrors the store's
// shared records with their revision histories, replicated with the team's server by PouchDB's own
// replication (the CouchDB protocol), and the store brought in line with what arrives.
//
// A sync, in order (each step safe to die after; see sync-state.ts for why):
//   1. local changes: every store record that differs from the version last synced becomes a new
//      revision on top of it (a record gone from the store becomes a tombstone), in one bulk write;
//   2. push the replica's new revisions to the server, then pull the server's since the checkpoint;
//   3. read back the leaves of every document that changed; fold leaves that say the same;
//   4. write each changed document's winning version into the store, in one write per file; a
//      record that waits for something this store lacks (a highlight whose article is not imported
//      here) is kept and tried again at every sync;
//   5. save the revision leaves and the checkpoint (sync-state.json).
// Conflicting versions are never dropped: CouchDB keeps every leaf, the store shows the winner that
// every replica agrees on, and the analyst resolves (resolution = the chosen version written on the
// winner, the other leaves deleted), which syncs back as any change does.
// Knows nothing of settings, timers or the UI: sync-controller.ts runs it.

import { createHash } from 'node:crypto'
import type { Article, Claim, EvidenceLink, Highlight, SourceGrade } from '../../shared/model'
import {
  articleBody,
  articleWithEdits,
  claimBody,
  docIdOf,
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
import { articleSchema, claimSchema, highlightSchema, linkSchema, sourceGradeSchema } from '../../shared/record-schemas'
import { newReplica, openRemote, type Credentials, type Replica, type SyncDoc } from './pouch'
import { bodyOfLeaf, loadSyncState, saveSyncState, type DocState, type LeafState, type SyncStateFile } from './sync-state'

/** Documents written to the replica per bulk call when it is rebuilt: bounds one call's memory. */
const LOAD_BATCH = 1000
/** Documents read back per call after a sync. */
const READ_BATCH = 200
/**
 * Documents per replication batch. A first sync moves tens of thousands of small documents; with
 * 2,000 a batch (about 1 MB) the server writes them in a tenth of the round trips of PouchDB's
 * default, which measured a third faster on pouchdb-server (bench/sync-bench.ts).
 */
export const REPLICATION_BATCH = 2000

export interface SyncEngineOptions {
  store: CorpusStore
  remote: RemoteAddress
  /** The team member named as author of every revision this store makes. */
  member: string
  credentials: Credentials | null
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
  put: { highlights: Highlight[]; claims: Claim[]; links: EvidenceLink[]; sources: SourceGrade[] }
  del: { highlights: Set<string>; claims: Set<string>; links: Set<string>; sources: Set<string> }
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
  private closed = false
  private queue: Promise<unknown> = Promise.resolve()

  private constructor(
    private readonly options: SyncEngineOptions,
    private readonly replica: Replica,
    private readonly remoteDb: Replica,
    private state: SyncStateFile,
  ) {}

  /** Rebuilds the replica from the saved state: revisions as they were, the checkpoint where it was. */
  static async open(options: SyncEngineOptions): Promise<SyncEngine> {
    const state = await loadSyncState(options.store, options.remote.url)
    const replica = newReplica()
    const engine = new SyncEngine(options, replica, openRemote(options.remote, options.credentials), state)
    const entries = Object.entries(state.docs)
    // What the server has goes in first; the push starts after it, so only the rest is offered.
    await engine.load(entries.filter(([, doc]) => doc.pushed))
    engine.pushSince = (await replica.info()).update_seq
    await engine.load(entries.filter(([, doc]) => !doc.pushed))
    return engine
  }

  get remote(): RemoteAddress {
    return this.options.remote
  }

  private async load(entries: [string, DocState][]): Promise<void> {
    const docs: SyncDoc[] = []
    for (const [docId, doc] of entries) for (const leaf of doc.leaves) docs.push(leafDoc(docId, leaf))
    for (let i = 0; i < docs.length; i += LOAD_BATCH) {
      const results = await this.replica.bulkDocs(docs.slice(i, i + LOAD_BATCH), { new_edits: false })
      const failed = results.find((r) => 'error' in r && r.error)
      if (failed) throw new Error(`could not rebuild the sync replica: ${JSON.stringify(failed)}`)
    }
  }

  /** One full sync; syncs run one at a time. */
  sync(): Promise<SyncResult> {
    const next = this.queue.then(() => this.syncOnce())
    this.queue = next.catch(() => undefined)
    return next
  }

  private async syncOnce(): Promise<SyncResult & { changedStore: boolean; retitled: string[] }> {
    if (this.closed) throw new UserError('conflict', 'The sync was stopped.')
    const { store } = this.options
    if (store.readOnly) throw new UserError('conflict', `The store ${store.dir} is open read-only, so nothing can be synced into it.`)
    await this.finishPendingApply()
    const startSeq = (await this.replica.info()).update_seq
    const pullSeqBefore = this.state.pullSeq
    const local = this.localRecords()
    const refsAtStart = new Map(local.map((r) => [r.docId, r.ref]))
    await this.putLocalChanges(local)

    let pushed = await this.push()
    const pulled = await this.pull()
    const changed = await this.changedSince(startSeq)
    const waiting = Object.entries(this.state.docs)
      .filter(([, doc]) => !doc.applied)
      .map(([id]) => id)
    const folded = await this.readBack(changed)
    const plan = await this.planStore(new Set([...changed, ...waiting]), refsAtStart)
    const changedStore = await this.applyDurably(plan)
    // Folding identical leaves wrote tombstones: they go to the server in the same sync.
    if (folded > 0) {
      pushed += await this.push()
      await this.readBack(await this.changedSince(startSeq))
    }
    // An idle sync (nothing sent, received or written) leaves the saved state as it was: continuous
    // mode syncs every moment, and the state of a large board is megabytes.
    const endSeq = (await this.replica.info()).update_seq
    if (endSeq !== startSeq || changedStore || plan.applied.length > 0 || this.state.pullSeq !== pullSeqBefore || Object.keys(this.state.pendingApply).length > 0)
      await saveSyncState(store, this.state)
    return { pushed, pulled, conflicts: this.conflicts().length, changedStore, retitled: plan.retitled }
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
      if (seen.has(docId) || !doc.pushed) continue
      if (doc.applied && winnerBody(doc) !== null && parseDocId(docId)?.kind !== 'article') pending++
    }
    return pending
  }

  /** Received records that wait for something this store lacks. */
  waitingCount(): number {
    return Object.values(this.state.docs).filter((doc) => !doc.applied && winnerBody(doc) !== null).length
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
    const losers = doc.leaves.filter((l) => !l.deleted && l.rev !== winner.rev).map((l) => l.rev)
    return { docId, kind: parsed.kind, key: parsed.key, record, losers, summary: summariseBody(body) }
  }

  /** Notes a resolution: the next sync deletes the losing revisions, and the conflict leaves the list. */
  async markResolved(resolution: Pick<Resolution, 'docId' | 'losers'>): Promise<void> {
    this.state.resolutions[resolution.docId] = resolution.losers
    await saveSyncState(this.options.store, this.state)
  }

  async close(): Promise<void> {
    this.closed = true
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
    for (const article of store.listArticles()) {
      if (article.edited.length > 0) records.push({ docId: docIdOf('article', article.contentHash), ref: article, body: () => articleBody(article) })
    }
    return records
  }

  private async putLocalChanges(local: LocalRecord[]): Promise<void> {
    const author = this.options.member
    const docs: SyncDoc[] = []
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
      docs.push({ _id: record.docId, ...(winner && !winner.deleted ? { _rev: winner.rev } : {}), author, ...body } as SyncDoc)
    }
    for (const [docId, doc] of Object.entries(this.state.docs)) {
      if (present.has(docId) || !doc.applied || parseDocId(docId)?.kind === 'article') continue
      const winner = winningLeaf(doc.leaves)!
      if (!winner.deleted) docs.push({ _id: docId, _rev: winner.rev, _deleted: true, author } as SyncDoc)
    }
    for (const [docId, losers] of Object.entries(this.state.resolutions)) {
      const doc = this.state.docs[docId]
      for (const rev of losers) {
        if (doc?.leaves.some((l) => l.rev === rev && !l.deleted)) docs.push({ _id: docId, _rev: rev, _deleted: true, author } as SyncDoc)
      }
    }
    if (docs.length === 0) return
    const results = await this.replica.bulkDocs(docs)
    const failed = results.find((r) => 'error' in r && r.error)
    if (failed) throw new Error(`could not record local changes for sync: ${JSON.stringify(failed)}`)
    for (const doc of docs) {
      const state = this.state.docs[doc._id]
      if (state) state.pushed = false
    }
    this.state.resolutions = {}
  }

  // ── Step 2: replication ──────────────────────────────────────────────────────────────────────

  private async push(): Promise<number> {
    const result = await this.replica.replicate.to(this.remoteDb, { since: this.pushSince, checkpoint: 'source', batch_size: REPLICATION_BATCH })
    this.pushSince = result.last_seq
    for (const doc of Object.values(this.state.docs)) doc.pushed = true
    return result.docs_written
  }

  private async pull(): Promise<number> {
    const result = await this.replica.replicate.from(this.remoteDb, { since: this.state.pullSeq ?? 0, checkpoint: 'target', batch_size: REPLICATION_BATCH })
    this.state.pullSeq = result.last_seq as string | number
    return result.docs_written
  }

  private async changedSince(seq: number | string): Promise<string[]> {
    const changes = await this.replica.changes({ since: seq, style: 'all_docs' })
    return [...new Set(changes.results.map((c) => c.id))].filter((id) => parseDocId(id) !== null)
  }

  // ── Step 3: read back ────────────────────────────────────────────────────────────────────────

  /** Reads the leaves of the changed documents into the state; returns how many identical leaves it folded. */
  private async readBack(ids: readonly string[]): Promise<number> {
    const tombstones: SyncDoc[] = []
    for (let i = 0; i < ids.length; i += READ_BATCH) {
      const batch = ids.slice(i, i + READ_BATCH)
      const read = await Promise.all(batch.map((id) => this.replica.get(id, { open_revs: 'all', revs: true })))
      batch.forEach((docId, j) => {
        const leaves: LeafState[] = []
        for (const entry of read[j] as unknown as ({ ok: SyncDoc & { _revisions: { start: number; ids: string[] } } } | { missing: string })[]) {
          if (!('ok' in entry)) continue
          const { _id, _rev, _revisions, _deleted, author, ...body } = entry.ok as SyncDoc & { _revisions: { ids: string[] }; author?: unknown }
          leaves.push({
            rev: _rev!,
            ids: _revisions.ids,
            deleted: _deleted === true,
            author: typeof author === 'string' ? author : null,
            body: _deleted ? null : (body as unknown as SyncBody),
          })
        }
        if (leaves.length === 0) return
        const previous = this.state.docs[docId]
        this.state.docs[docId] = { leaves, pushed: previous?.pushed ?? true, applied: previous?.applied ?? false }
        tombstones.push(...foldIdentical(docId, leaves))
      })
    }
    if (tombstones.length > 0) {
      await this.replica.bulkDocs(tombstones)
      for (const t of tombstones) this.state.docs[t._id]!.pushed = false
    }
    return tombstones.length
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
    const shape = { claim: claimSchema, highlight: highlightSchema, link: linkSchema, source: sourceGradeSchema, article: articleSchema }[kind].safeParse(received)
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
    const plan: StorePlan = {
      articles: [],
      put: { highlights: [], claims: [], links: [], sources: [] },
      del: { highlights: new Set(), claims: new Set(), links: new Set(), sources: new Set() },
      applied: [],
      waiting: [],
      retitled: [],
      willTouch: false,
    }
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
    await saveSyncState(this.options.store, this.state)
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
    await saveSyncState(this.options.store, this.state)
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
  summary: string
}

interface RecordIndex {
  claims: Map<string, Claim>
  highlights: Map<string, Highlight>
  links: Map<string, EvidenceLink>
  sources: Map<string, SourceGrade>
}

/** A short stand-in for a body, to tell later whether the store still holds it. */
function fingerprint(body: SyncBody | null): string | null {
  return body === null ? null : createHash('sha256').update(stableJson(body)).digest('hex').slice(0, 32)
}

function winnerBody(doc: DocState): SyncBody | null {
  return bodyOfLeaf(winningLeaf(doc.leaves)!)
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
    const key = stableJson(leaf.body)
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
    if (!parsed) continue
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

function collectionOf(kind: 'highlight' | 'claim' | 'link' | 'source'): 'highlights' | 'claims' | 'links' | 'sources' {
  return `${kind}s` as 'highlights' | 'claims' | 'links' | 'sources'
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
