// Team sync against a real CouchDB-protocol server (pouchdb-server in memory on loopback, started
// here; or a real CouchDB: see test-support/couch-test-server.ts): two real stores on disk, each
// with its own service, as two analysts' laptops. What one tags, the other sees; edits made apart
// conflict, are listed on both, resolved on one and converge on both; changes made offline sync
// later; the replica's histories survive a restart (no conflict from reopening); errors in words.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CorpusStore } from '../store/corpus-store'
import { createTriangulateService, type TriangulateService } from '../service/triangulate-service'
import { dispatch } from '../service/dispatch'
import { SAMPLE_CORPUS_DIR, SEEDS_DIR, tempDir } from '../test-support/temp-dir'
import { addUser, freePort, restrictDatabase, startCouchTestServer, type CouchTestServer } from './test-support/couch-test-server'
import type { CredentialSource } from './sync-credentials'
import { readSyncState } from './sync-state'
import { sourceKeyOf } from '../../shared/claims/claim-status'

let server: CouchTestServer

beforeAll(async () => {
  server = await startCouchTestServer()
  await addUser(server, 'ana', 'ana-password')
  await addUser(server, 'ben', 'ben-password')
}, 60_000)

afterAll(async () => {
  await server?.stop()
})

interface Laptop {
  store: CorpusStore
  service: TriangulateService
  dir: string
  close(): Promise<void>
}

const credentialsOf = (username: string, password: string): CredentialSource => ({ read: async () => ({ credentials: { username, password }, from: 'environment' }) })

async function laptop(member: string, remoteUrl: string, options: { dir?: string; import?: boolean; password?: string } = {}): Promise<Laptop> {
  const dir = options.dir ?? (await tempDir())
  const store = await CorpusStore.open(dir)
  const service = createTriangulateService({
    store,
    sampleCorpusDir: SAMPLE_CORPUS_DIR,
    syncCredentials: credentialsOf(member, options.password ?? `${member}-password`),
  })
  if (options.import ?? true) {
    await service.startImport({ path: SEEDS_DIR })
    await service.importJobs.idle()
  }
  await service.saveSyncSettings({ remoteUrl, member, continuous: false })
  return {
    store,
    service,
    dir,
    close: async () => {
      await service.sync.close()
      await service.importJobs.shutdown()
      await service.derivedIndexes.close()
      await service.dateIndex.ready().catch(() => undefined)
      await store.close()
    },
  }
}

/** Ana and Ben on one new database, each with a store of their own (Ben's left empty with bImports: false), closed afterwards. */
async function onTwoLaptops(run: (a: Laptop, b: Laptop, remote: string) => Promise<void>, { bImports = true } = {}): Promise<void> {
  const remote = await server.createDatabase()
  const a = await laptop('ana', remote)
  const b = await laptop('ben', remote, { import: bImports })
  try {
    await run(a, b, remote)
  } finally {
    await a.close()
    await b.close()
  }
}

/** One claim both reword apart (Ana, then Ben), then synced with `first` going first and last: a conflict on both. */
async function claimRewordedApart(a: Laptop, b: Laptop, first: Laptop) {
  const claim = await a.service.createClaim({ text: 'The meeting is in Baku' })
  await a.service.syncNow({})
  await b.service.syncNow({})
  await a.service.updateClaim({ id: claim.id, text: 'The meeting is in Baku on Thursday' })
  await b.service.updateClaim({ id: claim.id, text: 'The ministers meet in Baku' })
  const second = first === a ? b : a
  for (const side of [first, second, first]) await side.service.syncNow({})
  return claim
}

async function passage(service: TriangulateService, phrase: string) {
  for (const a of (await service.listArticles({})).articles) {
    const { text } = await service.getArticle({ id: a.id })
    const start = text.indexOf(phrase)
    if (start >= 0) return { articleId: a.id, start, end: start + phrase.length }
  }
  throw new Error(`no article says ${phrase}`)
}

/** What two analysts must agree on after a sync: claims, passages (by text), evidence, grades. */
function shared(store: CorpusStore) {
  const byId = <T extends { id: string }>(xs: readonly T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id))
  return structuredClone({
    claims: byId(store.claims),
    highlights: byId(store.highlights).map(({ articleId, ...h }) => ({ ...h, contentHash: store.getArticle(articleId)?.contentHash })),
    links: byId(store.links),
    sources: [...store.sourceGrades].sort((a, b) => a.sourceKey.localeCompare(b.sourceKey)),
  })
}

const TALKS = 'Senior Syrian and Israeli officials met in the Azerbaijani capital'
const MEETING = 'A Syrian-Israeli ministerial meeting is set to take place Thursday in Baku'

describe('team sync through a CouchDB-protocol server', () => {
  it('what A tags, B sees on the same text; both reword one claim apart: the conflict is listed on both, resolved on one, and both converge', async () => {
    await onTwoLaptops(async (a, b) => {
      const tagged = await a.service.tagPassage({
        ...(await passage(a.service, TALKS)),
        claim: { text: 'Syrian and Israeli officials met in Baku' },
        stance: 'supports',
        tags: ['baku'],
      })
      expect(await a.service.syncNow({})).toMatchObject({ pushed: 3, conflicts: 0 })
      expect(await b.service.syncNow({})).toMatchObject({ pulled: 3, conflicts: 0 })

      const claim = b.store.claims.find((c) => c.id === tagged.claim.id)
      expect(claim?.tags).toEqual(['baku'])
      const highlight = b.store.highlights.find((h) => h.id === tagged.highlight.id)!
      const article = b.store.getArticle(highlight.articleId)!
      expect((await b.store.readBody(article)).slice(highlight.start, highlight.end)).toBe(TALKS)
      expect(b.store.links.find((l) => l.id === tagged.link.id)).toMatchObject({ claimId: claim?.id, highlightId: highlight.id, stance: 'supports' })
      expect(shared(b.store)).toEqual(shared(a.store))

      // Both reword the claim while apart.
      await a.service.updateClaim({ id: tagged.claim.id, text: 'Syrian and Israeli ministers met in Baku on 12 July' })
      await b.service.updateClaim({ id: tagged.claim.id, text: 'Officials of Syria and Israel held talks in Baku' })
      await a.service.syncNow({})
      const bResult = await b.service.syncNow({})
      expect(bResult.conflicts).toBe(1)
      expect((await a.service.syncNow({})).conflicts).toBe(1)
      for (const side of [a, b]) {
        const { conflicts } = await side.service.listSyncConflicts({})
        expect(conflicts).toHaveLength(1)
        expect(conflicts[0]).toMatchObject({ kind: 'claim', id: tagged.claim.id })
        const texts = conflicts[0]!.versions.map((v) => `${v.author}: ${v.summary}`).sort()
        expect(texts).toEqual(['ana: Syrian and Israeli ministers met in Baku on 12 July', 'ben: Officials of Syria and Israel held talks in Baku'])
      }
      // Both copies already show the same version (the winner every replica computes alike).
      expect(a.store.claims.find((c) => c.id === tagged.claim.id)?.text).toBe(b.store.claims.find((c) => c.id === tagged.claim.id)?.text)

      // B keeps the version the copies do not show now: an undoable command; then both sync and
      // converge on it with no conflict left.
      const { conflicts } = await b.service.listSyncConflicts({})
      const other = conflicts[0]!.versions.find((v) => !v.current)!
      const resolved = await dispatch(b.service, 'resolveSyncConflict', { docId: conflicts[0]!.docId, rev: other.rev })
      expect(resolved.ok).toBe(true)
      expect((await b.service.getHistory({})).undoLabel).toMatch(/sync conflict on a claim/)
      expect((await b.service.listSyncConflicts({})).conflicts).toHaveLength(0)
      expect(b.store.claims.find((c) => c.id === tagged.claim.id)?.text).toBe(other.summary)
      await b.service.syncNow({})
      expect((await a.service.syncNow({})).conflicts).toBe(0)
      expect((await b.service.syncNow({})).conflicts).toBe(0)
      expect((await a.service.listSyncConflicts({})).conflicts).toHaveLength(0)
      expect(a.store.claims.find((c) => c.id === tagged.claim.id)?.text).toBe(other.summary)
      expect(shared(b.store)).toEqual(shared(a.store))

      // Undoing the resolution is a change like any other: it syncs, and A follows.
      await b.service.undo({})
      await b.service.syncNow({})
      await a.service.syncNow({})
      expect(a.store.claims.find((c) => c.id === tagged.claim.id)?.text).toBe(b.store.claims.find((c) => c.id === tagged.claim.id)?.text)
      expect(shared(b.store)).toEqual(shared(a.store))
    })
  }, 60_000)

  it('edits made offline sync later; deletions travel as tombstones; source grades and article corrections travel; a restart makes no conflict', async () => {
    const remote = await server.createDatabase()
    const a = await laptop('ana', remote)
    let b = await laptop('ben', remote)
    try {
      await a.service.syncNow({})
      await b.service.syncNow({})
      // Offline: the server cannot be reached. The work is kept, the error says so in words.
      const offline = `http://127.0.0.1:${await freePort()}/${new URL(remote).pathname.slice(1)}`
      await a.service.saveSyncSettings({ remoteUrl: offline, member: 'ana', continuous: false })
      const first = await a.service.tagPassage({
        ...(await passage(a.service, MEETING)),
        claim: { text: 'A ministerial meeting was set for Thursday' },
        stance: 'supports',
      })
      const second = await a.service.createClaim({ text: 'A claim ana deletes later' })
      const article = a.store.listArticles()[0]!
      await a.service.updateArticle({ id: article.id, title: 'A corrected title' })
      const outlet = { sourceKey: sourceKeyOf(article) }
      await a.service.gradeSource({ sourceKey: outlet.sourceKey, reliability: 'B' })
      const failed = await dispatch(a.service, 'syncNow', {})
      expect(failed.ok).toBe(false)
      expect(!failed.ok && failed.error.message).toMatch(/cannot be reached.*your changes are kept/i)
      const status = await a.service.getSyncStatus({})
      expect(status.error?.kind).toBe('unreachable')
      expect(status.pending).toBeGreaterThanOrEqual(5)

      // Back online: everything goes, and B gets it.
      await a.service.saveSyncSettings({ remoteUrl: remote, member: 'ana', continuous: false })
      const back = await a.service.syncNow({})
      expect(back.pushed).toBeGreaterThanOrEqual(5)
      expect((await a.service.getSyncStatus({})).pending).toBe(0)
      await b.service.syncNow({})
      expect(b.store.claims.map((c) => c.text)).toEqual(expect.arrayContaining(['A ministerial meeting was set for Thursday', 'A claim ana deletes later']))
      expect(b.store.findByContentHash(article.contentHash)).toMatchObject({ title: 'A corrected title', edited: ['title'] })
      expect(b.store.sourceGrades).toContainEqual({ sourceKey: outlet.sourceKey, reliability: 'B' })
      expect(b.store.links.some((l) => l.id === first.link.id)).toBe(true)

      // A deletion travels as a tombstone.
      await a.service.deleteClaim({ id: second.id })
      await a.service.syncNow({})
      await b.service.syncNow({})
      expect(b.store.claims.some((c) => c.id === second.id)).toBe(false)
      const state = await readSyncState(a.store)
      const tombstone = state?.docs[`claim:${second.id}`]?.leaves.find((l) => l.deleted)
      expect(tombstone).toMatchObject({ deleted: true, author: 'ana' })

      // B quits and starts again: its replica is rebuilt from the store with its histories, so an
      // edit after the restart is a plain new revision: no conflict anywhere, and A sees it.
      await b.close()
      b = await laptop('ben', remote, { dir: b.dir, import: false })
      expect(await b.service.syncNow({})).toEqual({ pushed: 0, pulled: 0, conflicts: 0 })
      await b.service.updateClaim({ id: first.claim.id, text: 'The ministerial meeting is on Thursday' })
      expect(await b.service.syncNow({})).toMatchObject({ pushed: 1, conflicts: 0 })
      expect(await a.service.syncNow({})).toMatchObject({ pulled: 1, conflicts: 0 })
      expect(a.store.claims.find((c) => c.id === first.claim.id)?.text).toBe('The ministerial meeting is on Thursday')
      expect(shared(b.store)).toEqual(shared(a.store))
    } finally {
      await a.close()
      await b.close()
    }
  }, 60_000)

  it('a highlight whose article a teammate has not imported waits, and lands once the article is there', async () => {
    await onTwoLaptops(
      async (a, b) => {
        const tagged = await a.service.tagPassage({ ...(await passage(a.service, TALKS)), claim: { text: 'Officials met in Baku' }, stance: 'supports' })
        await a.service.syncNow({})
        await b.service.syncNow({})
        expect(b.store.claims.map((c) => c.id)).toContain(tagged.claim.id)
        expect(b.store.highlights).toHaveLength(0)
        expect(b.store.links).toHaveLength(0)
        expect((await b.service.getSyncStatus({})).waiting).toBe(2)
        await b.service.startImport({ path: SEEDS_DIR })
        await b.service.importJobs.idle()
        await b.service.syncNow({})
        expect((await b.service.getSyncStatus({})).waiting).toBe(0)
        expect(shared(b.store)).toEqual(shared(a.store))
      },
      { bImports: false },
    )
  }, 60_000)

  it('a run that dies before or while the store takes what it received loses nothing and makes no false conflict', async () => {
    const remote = await server.createDatabase()
    const a = await laptop('ana', remote)
    let b = await laptop('ben', remote)
    try {
      const tagged = await a.service.tagPassage({ ...(await passage(a.service, TALKS)), claim: { text: 'Officials met in Baku' }, stance: 'supports' })
      await a.service.syncNow({})
      await b.service.syncNow({})
      const scenarios = ['before saving what it received', 'after saving it, before the store takes it', 'after the store took it'] as const
      for (const [i, dies] of scenarios.entries()) {
        const anas = `Ministers met in Baku (version ${i})`
        await a.service.updateClaim({ id: tagged.claim.id, text: anas })
        await a.service.createClaim({ text: `Another claim of ana, ${i}` })
        await a.service.syncNow({})
        // B's disk refuses a write at that moment: the run stops there, as a kill would.
        const writeSidecar = b.store.writeSidecar.bind(b.store)
        const appendSidecar = b.store.appendSidecar.bind(b.store)
        const changeAnnotations = b.store.changeAnnotations.bind(b.store)
        let saves = 0
        // A save of the sync's state is the whole file or a journal line (emptying the journal follows a whole file).
        const dying = () => dies !== 'after saving it, before the store takes it' && ++saves === (dies === 'after the store took it' ? 2 : 1)
        b.store.writeSidecar = async (file, data) => {
          if (file === 'sync-state.json' && dying()) throw new Error(`simulated death ${dies}`)
          return writeSidecar(file, data)
        }
        b.store.appendSidecar = async (file, text) => {
          if (file === 'sync-state.journal' && text !== '' && dying()) throw new Error(`simulated death ${dies}`)
          return appendSidecar(file, text)
        }
        if (dies === 'after saving it, before the store takes it') b.store.changeAnnotations = () => Promise.reject(new Error(`simulated death ${dies}`))
        expect((await dispatch(b.service, 'syncNow', {})).ok).toBe(false)
        b.store.changeAnnotations = changeAnnotations
        expect(b.store.claims.find((c) => c.id === tagged.claim.id)?.text === anas).toBe(dies === 'after the store took it')
        await b.close()
        b = await laptop('ben', remote, { dir: b.dir, import: false })
        // Reopened, B edits the claim it received (when it had it): a plain new revision, not a conflict.
        const bens = `${anas}, as ben sees it`
        if (dies === 'after the store took it') await b.service.updateClaim({ id: tagged.claim.id, text: bens })
        expect((await b.service.syncNow({})).conflicts).toBe(0)
        expect((await a.service.syncNow({})).conflicts).toBe(0)
        expect(a.store.claims.find((c) => c.id === tagged.claim.id)?.text).toBe(dies === 'after the store took it' ? bens : anas)
        expect(shared(b.store)).toEqual(shared(a.store))
      }
      expect(shared(b.store)).toEqual(shared(a.store))
    } finally {
      await a.close()
      await b.close()
    }
  }, 60_000)

  it('refuses a received record that is not a record, or breaks the store’s rules, and keeps the store whole', async () => {
    const remote = await server.createDatabase()
    const database = new URL(remote).pathname.slice(1)
    const b = await laptop('ben', remote)
    try {
      const article = b.store.listArticles()[0]!
      const put = (id: string, doc: object) => server.admin(`/${database}/${encodeURIComponent(id)}`, { method: 'PUT', body: JSON.stringify(doc) })
      // Written by some other client: a claim with no statement, one of the wrong shape, a highlight
      // past its article's end, and an article "correction" that tries to replace the text's hash.
      await put('claim:c_empty', {
        kind: 'claim',
        author: 'x',
        record: { id: 'c_empty', text: '  ', tags: [], note: '', statusOverride: null, createdAt: 't', updatedAt: 't' },
      })
      await put('claim:c_shape', { kind: 'claim', author: 'x', record: { id: 'c_shape', text: 42 } })
      await put('highlight:h_far', {
        kind: 'highlight',
        author: 'x',
        contentHash: article.contentHash,
        record: { id: 'h_far', start: 10, end: 10_000_000, exact: 'x', prefix: '', suffix: '', orphaned: false, note: '', createdAt: 't' },
      })
      await put(`article:${article.contentHash}`, {
        kind: 'article',
        author: 'x',
        contentHash: article.contentHash,
        record: { fields: { title: 'Retitled by a teammate', contentHash: '0'.repeat(64), id: 'hijacked' }, edited: ['title', 'contentHash'] },
      })
      await put('claim:c_good', {
        kind: 'claim',
        author: 'x',
        record: { id: 'c_good', text: 'A good claim', tags: [], note: '', statusOverride: null, createdAt: 't', updatedAt: 't' },
      })
      expect((await dispatch(b.service, 'syncNow', {})).ok).toBe(true)
      expect(b.store.claims.map((c) => c.id)).toEqual(['c_good'])
      expect(b.store.highlights).toHaveLength(0)
      expect(b.store.getArticle(article.id)).toMatchObject({ id: article.id, contentHash: article.contentHash, title: 'Retitled by a teammate', edited: ['title'] })
      const rejected = (await b.service.getSyncStatus({})).rejected
      expect(rejected.map((r) => r.docId).sort()).toEqual(['claim:c_empty', 'claim:c_shape', 'highlight:h_far'])
      expect(rejected.find((r) => r.docId === 'highlight:h_far')?.reason).toMatch(/past the end of its article/)
      // The store still opens cleanly.
      await b.close()
      const reopened = await CorpusStore.open(b.dir, { readOnly: true })
      expect(reopened.notices).toEqual([])
      await reopened.close()
    } finally {
      await b.close().catch(() => undefined)
    }
  }, 60_000)

  it('article texts travel only when the team turns sharing on: off, B takes no text; on, B gets the articles it never imported, with the passages on them', async () => {
    const remote = await server.createDatabase()
    const database = new URL(remote).pathname.slice(1)
    const a = await laptop('ana', remote)
    const b = await laptop('ben', remote, { import: false })
    const textDocsOnServer = async () => {
      const all = (await (await server.admin(`/${database}/_all_docs`)).json()) as { rows: { id: string }[] }
      return all.rows.filter((r) => r.id.startsWith('text:')).length
    }
    try {
      const tagged = await a.service.tagPassage({ ...(await passage(a.service, TALKS)), claim: { text: 'Officials met in Baku' }, stance: 'supports' })
      // Off (the default) on both: no text leaves A, and B has only what needs no text.
      expect((await a.service.getSyncStatus({})).settings.shareTexts).toBe(false)
      await a.service.syncNow({})
      expect(await textDocsOnServer()).toBe(0)
      await b.service.syncNow({})
      expect(b.store.listArticles()).toHaveLength(0)
      expect(b.store.claims.map((c) => c.id)).toEqual([tagged.claim.id])
      expect((await b.service.getSyncStatus({})).waiting).toBe(2)

      // A turns sharing on: each of its texts goes once. B, still off, takes none of them.
      await a.service.saveSyncSettings({ remoteUrl: remote, member: 'ana', continuous: false, shareTexts: true })
      const articles = a.store.listArticles()
      expect((await a.service.getSyncStatus({})).pending).toBe(articles.length)
      expect((await a.service.syncNow({})).pushed).toBe(articles.length)
      expect(await textDocsOnServer()).toBe(articles.length)
      await b.service.syncNow({})
      expect(b.store.listArticles()).toHaveLength(0)
      expect((await b.service.getSyncStatus({})).waiting).toBe(2)

      // B turns it on: the texts it skipped are pulled, each becomes an article, searchable, and the
      // passage and its evidence land on the same text.
      await b.service.saveSyncSettings({ remoteUrl: remote, member: 'ben', continuous: false, shareTexts: true })
      await b.service.syncNow({})
      expect(
        b.store
          .listArticles()
          .map((x) => x.contentHash)
          .sort(),
      ).toEqual(articles.map((x) => x.contentHash).sort())
      const highlight = b.store.highlights.find((h) => h.id === tagged.highlight.id)!
      const there = b.store.getArticle(highlight.articleId)!
      expect(there).toMatchObject({ title: a.store.findByContentHash(there.contentHash)!.title, paths: [] })
      expect((await b.store.readBody(there)).slice(highlight.start, highlight.end)).toBe(TALKS)
      expect((await b.service.getSyncStatus({})).waiting).toBe(0)
      expect(shared(b.store)).toEqual(shared(a.store))
      expect((await b.service.search({ query: 'Azerbaijani' })).map((h) => h.articleId)).toContain(there.id)
      // B shared the same texts back: one text, one document, no conflict and nothing more to send.
      expect(await b.service.syncNow({})).toMatchObject({ pushed: 0, conflicts: 0 })
      expect(await textDocsOnServer()).toBe(articles.length)
      // The saved state keeps no copy of texts the store has.
      const saved = Object.entries((await readSyncState(b.store))!.docs).filter(([id]) => id.startsWith('text:'))
      expect(saved).toHaveLength(articles.length)
      for (const [, doc] of saved) for (const leaf of doc.leaves) expect(leaf.body?.record).not.toHaveProperty('text')
    } finally {
      await a.close()
      await b.close()
    }
  }, 90_000)

  it('undoing a conflict’s resolution brings the conflict back, before and after the resolution synced; redo resolves it again', async () => {
    await onTwoLaptops(async (a, b) => {
      const claim = await claimRewordedApart(a, b, a)
      const versionsOf = async (side: Laptop) =>
        (await side.service.listSyncConflicts({})).conflicts.flatMap((c) => c.versions.map((v) => `${v.author}: ${v.summary}`)).sort()
      const both = ['ana: The meeting is in Baku on Thursday', 'ben: The ministers meet in Baku']
      expect(await versionsOf(b)).toEqual(both)
      const textOn = (side: Laptop) => side.store.claims.find((c) => c.id === claim.id)?.text

      // B keeps the version both copies show now: no record changes, yet it is an undoable step.
      const { conflicts } = await b.service.listSyncConflicts({})
      const shown = conflicts[0]!.versions.find((v) => v.current)!
      await b.service.resolveSyncConflict({ docId: conflicts[0]!.docId, rev: shown.rev })
      expect(await versionsOf(b)).toEqual([])
      expect((await b.service.getHistory({})).undoLabel).toMatch(/sync conflict on a claim/)
      // Undone before it synced: the conflict is listed again at once; redo resolves it again.
      await b.service.undo({})
      expect(await versionsOf(b)).toEqual(both)
      await b.service.redo({})
      expect(await versionsOf(b)).toEqual([])

      // Synced: both copies lose the conflict.
      await b.service.syncNow({})
      await a.service.syncNow({})
      expect(await versionsOf(a)).toEqual([])
      expect(textOn(a)).toBe(shown.summary)

      // Undone after it synced: the losing version comes back on top of its tombstone. B lists the
      // conflict at once (no server needed), and A does after a sync; both show the same version.
      await b.service.undo({})
      expect(await versionsOf(b)).toEqual(both)
      await b.service.syncNow({})
      await a.service.syncNow({})
      expect(await versionsOf(a)).toEqual(both)
      expect(textOn(a)).toBe(textOn(b))
      expect(shared(b.store)).toEqual(shared(a.store))

      // Redone: resolved again, and both converge on B's choice with no conflict.
      await b.service.redo({})
      expect(await versionsOf(b)).toEqual([])
      await b.service.syncNow({})
      await a.service.syncNow({})
      expect(await versionsOf(a)).toEqual([])
      expect(textOn(a)).toBe(shown.summary)
      expect(textOn(b)).toBe(shown.summary)
      expect(shared(b.store)).toEqual(shared(a.store))
    })
  }, 90_000)

  it('redo of a resolution works while its conflict is open again, whichever version a sync shows meanwhile', async () => {
    await onTwoLaptops(async (a, b) => {
      const claim = await claimRewordedApart(a, b, b)
      const textOn = (side: Laptop) => side.store.claims.find((c) => c.id === claim.id)?.text
      // B keeps the version its store does not show: the resolution changes the claim record.
      const { conflicts } = await b.service.listSyncConflicts({})
      const kept = conflicts[0]!.versions.find((v) => !v.current)!
      const other = conflicts[0]!.versions.find((v) => v.current)!
      await b.service.resolveSyncConflict({ docId: conflicts[0]!.docId, rev: kept.rev })
      expect(textOn(b)).toBe(kept.summary)
      await b.service.undo({})
      expect(textOn(b)).toBe(other.summary)
      expect((await b.service.listSyncConflicts({})).conflicts).toHaveLength(1)
      // A sync shows the conflict's other version now (CouchDB's winner among its leaves).
      await b.store.changeAnnotations((data) => {
        data.claims = data.claims.map((c) => (c.id === claim.id ? { ...c, text: kept.summary } : c))
      })
      await b.service.redo({})
      expect((await b.service.listSyncConflicts({})).conflicts).toEqual([])
      expect(textOn(b)).toBe(kept.summary)
      await b.service.syncNow({})
      await a.service.syncNow({})
      expect((await a.service.listSyncConflicts({})).conflicts).toEqual([])
      expect(textOn(a)).toBe(kept.summary)
      expect(shared(b.store)).toEqual(shared(a.store))
      // An analyst's own edit is still never overwritten by a redo: undo, edit, and redo is refused.
      await b.service.undo({})
      await b.service.updateClaim({ id: claim.id, text: 'Edited by hand' })
      await expect(b.service.redo({})).rejects.toThrow(/Nothing to redo/)
    })
  }, 90_000)

  it('the analyst decisions of later issues travel: event date, dismissed date conflict, accepted figure, origin split, source grade, outlet set by hand', async () => {
    await onTwoLaptops(async (a, b) => {
      const card = (side: Laptop, id: string) => side.service.claimCards().find((c) => c.claim.id === id)!
      // A claim whose evidence names two days (a date conflict), and one with two SOHR tolls (one origin).
      const national = await passage(a.service, 'told The National')
      await a.service.updateArticle({ id: national.articleId, date: '2025-07-22' })
      const meeting = await a.service.createClaim({ text: 'The Baku meeting is on Thursday' })
      for (const phrase of [MEETING, 'Israeli and Syrian officials will meet in the Azerbaijani capital of Baku on Thursday']) {
        const h = await a.service.createHighlight(await passage(a.service, phrase))
        await a.service.linkEvidence({ claimId: meeting.id, highlightId: h.id, stance: 'supports' })
      }
      const toll = await a.service.createClaim({ text: 'The Sweida clashes killed more than 1,400 people' })
      const tollLinks = []
      for (const phrase of ['more than 1,400 deaths', 'killed over 1400 people']) {
        const h = await a.service.createHighlight(await passage(a.service, phrase))
        tollLinks.push(await a.service.linkEvidence({ claimId: toll.id, highlightId: h.id, stance: 'supports' }))
      }
      await a.service.syncNow({})
      await b.service.syncNow({})
      for (const side of [a, b]) {
        await side.service.dateIndex.ready()
        await side.service.provenance.runner.update()
      }
      expect(card(b, meeting.id).dateConflict).toBe(true)
      const groupsBefore = card(b, toll.id).sources.length

      // A decides.
      await a.service.setClaimEventDate({ claimId: meeting.id, eventDate: '2025-07-17' })
      await a.service.dismissDateConflict({ claimId: meeting.id, dismiss: true })
      await a.service.setClaimFigure({ claimId: toll.id, figure: { linkId: tollLinks[0]!.id, index: 0 }, reason: 'SOHR, as AFP reports it' })
      await a.service.overrideOrigins({ claimId: toll.id, action: 'split', linkIds: [tollLinks[0]!.id], reason: 'Counted separately' })
      const outletArticle = b.store.listArticles().find((x) => x.id !== national.articleId)!
      const onA = a.store.findByContentHash(outletArticle.contentHash)!.id
      await a.service.updateArticles({ changes: [{ id: onA, outlet: 'Desk Wire' }] })
      const deskWire = sourceKeyOf(a.store.getArticle(onA)!)
      await a.service.gradeSource({ sourceKey: deskWire, reliability: 'A' })
      await a.service.syncNow({})
      await b.service.syncNow({})
      await b.service.provenance.runner.update()

      const claimOn = (side: Laptop, id: string) => side.store.claims.find((c) => c.id === id)!
      for (const id of [meeting.id, toll.id]) expect(claimOn(b, id)).toEqual(claimOn(a, id))
      expect(card(b, meeting.id)).toMatchObject({ eventDate: '2025-07-17', dateConflict: false })
      expect(claimOn(b, meeting.id).dateConflictDismissed).toEqual(expect.any(String))
      expect(card(b, toll.id).claimFigure).toMatchObject({ low: 1401, counted: 'deaths' })
      expect(claimOn(b, toll.id).acceptedFigure).toMatchObject({ reason: 'SOHR, as AFP reports it' })
      expect(claimOn(b, toll.id).originOverrides).toEqual([expect.objectContaining({ action: 'split', linkIds: [tollLinks[0]!.id], reason: 'Counted separately' })])
      expect(card(b, toll.id).sources.length).toBe(groupsBefore + 1)
      expect(b.store.getArticle(outletArticle.id)).toMatchObject({ outlet: 'Desk Wire', outletSource: 'analyst', edited: ['outlet'] })
      expect(b.store.sourceGrades).toContainEqual({ sourceKey: deskWire, reliability: 'A' })
      expect(shared(b.store)).toEqual(shared(a.store))
    })
  }, 90_000)

  it('entity decisions travel: merge, split, rename, type and delete made on A are B’s entity list after a sync', async () => {
    await onTwoLaptops(async (a, b) => {
      for (const side of [a, b]) await side.service.entityIndex.update()
      const entitiesOf = async (side: Laptop) =>
        (await side.service.listEntities({})).entities
          .map(({ id, name, type, variants }) => ({ id, name, type, variants: [...variants].sort() }))
          .sort((x, y) => x.id.localeCompare(y.id))
      const byVariant = async (variant: string) => (await a.service.listEntities({})).entities.find((e) => e.variants.includes(variant))!
      expect(await entitiesOf(b)).toEqual(await entitiesOf(a))
      const before = await entitiesOf(b)

      const sharaa = await byVariant('Sharaa')
      const dermer = await byVariant('Dermer')
      await a.service.editEntity({ edit: { kind: 'merge', intoId: sharaa.id, fromId: dermer.id } })
      await a.service.editEntity({ edit: { kind: 'rename', id: sharaa.id, name: 'Ahmed al-Sharaa (president)' } })
      const sweida = await byVariant('Sweida')
      const other = sweida.variants.find((v) => v !== 'Sweida')!
      await a.service.editEntity({ edit: { kind: 'split', id: sweida.id, variant: other } })
      const baku = await byVariant('Baku')
      await a.service.editEntity({ edit: { kind: 'retype', id: baku.id, type: 'organisation' } })
      await a.service.editEntity({ edit: { kind: 'delete', id: (await byVariant('Jordan')).id } })
      expect(a.store.entityDecisions.length).toBeGreaterThanOrEqual(4)

      await a.service.syncNow({})
      await b.service.syncNow({})
      expect(b.store.entityDecisions).toEqual(expect.arrayContaining(a.store.entityDecisions.map((d) => expect.objectContaining(d))))
      const after = await entitiesOf(b)
      expect(after).not.toEqual(before)
      expect(after).toEqual(await entitiesOf(a))
      expect(after.find((e) => e.id === sharaa.id)).toMatchObject({ name: 'Ahmed al-Sharaa (president)', variants: expect.arrayContaining(['Sharaa', 'Ron Dermer']) })
      expect(after.find((e) => e.id === baku.id)?.type).toBe('organisation')
      expect(after.some((e) => e.variants.includes('Jordan'))).toBe(false)
      expect(after.find((e) => e.id === sweida.id)?.variants).not.toContain(other)
    })
  }, 90_000)

  it('says what went wrong in plain words: wrong credentials, database missing, no permission', async () => {
    const remote = await server.createDatabase()
    const name = new URL(remote).pathname.slice(1)
    await restrictDatabase(server, name, ['ana'])
    const wrong = await laptop('ana', remote, { import: false, password: 'not-her-password' })
    const missing = await laptop('ana', `${server.origin}/no-such-database`, { import: false })
    const outsider = await laptop('ben', remote, { import: false })
    try {
      await wrong.service.createClaim({ text: 'kept whatever happens' })
      for (const [side, kind, words] of [
        [wrong, 'wrong-credentials', /did not accept the user name and password/],
        [missing, 'database-missing', /has no such database/],
        [outsider, 'no-permission', /may not use this database/],
      ] as const) {
        const result = await dispatch(side.service, 'syncNow', {})
        expect(result.ok).toBe(false)
        expect(!result.ok && result.error.message).toMatch(words)
        expect((await side.service.getSyncStatus({})).error?.kind).toBe(kind)
      }
      expect(wrong.store.claims.map((c) => c.text)).toEqual(['kept whatever happens'])
    } finally {
      await wrong.close()
      await missing.close()
      await outsider.close()
    }
  }, 60_000)

  it('a record the server will not take (denied by its rules, or too large for it) stays unsent and listed, and holds back nothing else', async () => {
    const a = await laptop('ana', await server.createDatabase())
    try {
      const articles = await Promise.all(a.store.listArticles().map(async (article) => ({ article, length: (await a.store.readBody(article)).length })))
      articles.sort((x, y) => y.length - x.length)
      const largest = articles[0]!.article
      const claim = await a.service.tagPassage({ ...(await passage(a.service, TALKS)), claim: { text: 'Officials met in Baku' }, stance: 'supports' })
      const onServer = async (database: string) => {
        const all = (await (await server.admin(`/${database}/_all_docs`)).json()) as { rows: { id: string }[] }
        return all.rows.map((r) => r.id)
      }
      const syncTo = async (remoteUrl: string) => {
        await a.service.saveSyncSettings({ remoteUrl, member: 'ana', continuous: false, shareTexts: true })
        await a.service.syncNow({})
        return a.service.getSyncStatus({})
      }

      // 1. The team's server denies texts over a length (a validation function, as an admin writes one):
      // every other text, the claim and its passage arrive; the longest text is listed, not sent.
      const limit = articles[1]!.length
      const denying = await server.createDatabase()
      const denyingName = new URL(denying).pathname.slice(1)
      const rule = `function (doc) { if (doc.kind === 'text' && doc.record && doc.record.text.length > ${limit}) throw({ forbidden: 'texts over ${limit} characters are not taken here' }) }`
      expect((await server.admin(`/${denyingName}/_design/limits`, { method: 'PUT', body: JSON.stringify({ validate_doc_update: rule }) })).ok).toBe(true)
      let status = await syncTo(denying)
      expect(status.error).toBeNull()
      expect(status.refused).toEqual([
        { docId: `text:${largest.contentHash}`, reason: expect.stringContaining(`the text of “${largest.title}”: texts over ${limit} characters`) },
      ])
      expect(status.pending).toBe(1)
      let ids = await onServer(denyingName)
      expect(ids).toContain(`claim:${claim.claim.id}`)
      expect(ids).toContain(`highlight:${claim.highlight.id}`)
      expect(ids.filter((id) => id.startsWith('text:'))).toHaveLength(articles.length - 1)
      expect(ids).not.toContain(`text:${largest.contentHash}`)
      // Still refused at the next sync; taken once the rule goes.
      expect((await a.service.syncNow({})).pushed).toBe(0)
      expect((await a.service.getSyncStatus({})).refused).toHaveLength(1)
      const design = (await (await server.admin(`/${denyingName}/_design/limits`)).json()) as { _rev: string }
      expect((await server.admin(`/${denyingName}/_design/limits?rev=${design._rev}`, { method: 'DELETE' })).ok).toBe(true)
      expect((await a.service.syncNow({})).pushed).toBe(1)
      status = await a.service.getSyncStatus({})
      expect(status).toMatchObject({ refused: [], pending: 0, error: null })
      expect(await onServer(denyingName)).toContain(`text:${largest.contentHash}`)

      // 2. A server whose largest request is smaller than the longest text answers 413 to the whole
      // batch: the batch is split until only that text is left out.
      const small = await server.createDatabase()
      const smallName = new URL(small).pathname.slice(1)
      const maxSize = Math.round((articles[0]!.length + articles[1]!.length) / 2) + 300
      const setMaxSize = (value: string) => server.admin('/_config/couchdb/max_document_size', { method: 'PUT', body: JSON.stringify(value) })
      const previous = (await (await setMaxSize(String(maxSize))).json()) as string
      try {
        status = await syncTo(small)
      } finally {
        // Unset before (the server's default): deleted again, as an empty value would be a limit of its own.
        if (previous) await setMaxSize(previous)
        else await server.admin('/_config/couchdb/max_document_size', { method: 'DELETE' })
      }
      expect(status.error).toBeNull()
      expect(status.refused).toEqual([{ docId: `text:${largest.contentHash}`, reason: expect.stringContaining('larger than the server accepts') }])
      ids = await onServer(smallName)
      expect(ids).toContain(`claim:${claim.claim.id}`)
      expect(ids.filter((id) => id.startsWith('text:'))).toHaveLength(articles.length - 1)
    } finally {
      await a.close()
    }
  }, 90_000)
})
