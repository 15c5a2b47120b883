// `npm run bench:sync`: team sync's speed (issue 19) through the real parts: two stores on disk, each
// with its own service, and a CouchDB-protocol server on loopback (pouchdb-server in memory, or the
// CouchDB named by TRIANGULATE_TEST_COUCHDB). Measures
//   - the first sync of a board of 1,000 claims and 10,000 evidence links (with their 10,000
//     highlights): the store that has them sending everything, and a teammate's store receiving it
//     (target: each ≤ 10 s);
//   - continuous mode: one claim changed in one store, until the other store holds the change
//     (target ≤ 2 s; median and worst of the samples).
// Usage: npm run bench:sync -- [--claims N] [--links N] [--samples N] [--json]

import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { Claim, EvidenceLink, Highlight } from '../src/shared/model'
import { describeQuote } from '../src/shared/anchoring/text-quote'
import { createTriangulateService, type TriangulateService } from '../src/main/service/triangulate-service'
import { CorpusStore } from '../src/main/store/corpus-store'
import { startCouchTestServer } from '../src/main/sync/test-support/couch-test-server'
import { integerFlag } from './cli-flags'

const ROOT = resolve(__dirname, '..')
const SEEDS = resolve(ROOT, '../shared/seeds')
const FIRST_SYNC_TARGET_MS = 10_000
const CHANGE_TARGET_MS = 2_000
/** How often the receiving store is looked at while waiting for a change. */
const POLL_MS = 10
const GIVE_UP_MS = 30_000

interface Laptop {
  store: CorpusStore
  service: TriangulateService
  dir: string
}

/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ: 100 on Linux). */
const USER_HZ = 100

/**
 * CPU seconds a process has used (user + system), from /proc; null where unknown. On a shared
 * machine the wall-clock figures swell with the load; CPU time shows what the work itself costs.
 */
function cpuSecondsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / USER_HZ
  } catch {
    return null
  }
}

async function laptop(member: string, remote: string, password: string): Promise<Laptop> {
  const dir = await mkdtemp(join(tmpdir(), 'triangulate-sync-bench-'))
  const store = await CorpusStore.open(dir)
  const service = createTriangulateService({
    store,
    sampleCorpusDir: join(ROOT, 'resources', 'sample-corpus'),
    syncCredentials: { read: async () => ({ credentials: { username: 'bench', password }, from: 'environment' }) },
  })
  await service.startImport({ path: SEEDS })
  await service.importJobs.idle()
  await service.saveSyncSettings({ remoteUrl: remote, member, continuous: false })
  return { store, service, dir }
}

/** A board of `claims` claims and `links` links, each link on its own highlight of a seed article, written in one change. */
async function growBoard(side: Laptop, claims: number, links: number): Promise<void> {
  const texts = await Promise.all(side.store.listArticles().map(async (a) => ({ id: a.id, text: await side.store.readBody(a) })))
  const at = new Date().toISOString()
  const newClaims: Claim[] = Array.from({ length: claims }, (_, i) => ({
    id: `c_bench${String(i).padStart(6, '0')}`,
    text: `Bench claim ${i}`,
    tags: [],
    note: '',
    statusOverride: null,
    createdAt: at,
    updatedAt: at,
  }))
  const highlights: Highlight[] = []
  const newLinks: EvidenceLink[] = []
  for (let i = 0; i < links; i++) {
    const { id, text } = texts[i % texts.length]!
    const start = (i * 37) % Math.max(1, text.length - 40)
    const end = start + 20
    highlights.push({
      id: `h_bench${String(i).padStart(6, '0')}`,
      articleId: id,
      start,
      end,
      ...describeQuote(text, start, end),
      orphaned: false,
      note: '',
      createdAt: at,
    })
    newLinks.push({
      id: `l_bench${String(i).padStart(6, '0')}`,
      claimId: newClaims[i % claims]!.id,
      highlightId: highlights[i]!.id,
      stance: i % 5 === 0 ? 'contradicts' : 'supports',
      credibility: null,
      note: '',
      createdAt: at,
    })
  }
  await side.store.changeAnnotations((data) => {
    data.claims = [...data.claims, ...newClaims]
    data.highlights = [...data.highlights, ...highlights]
    data.links = [...data.links, ...newLinks]
  })
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { claims: { type: 'string' }, links: { type: 'string' }, samples: { type: 'string' }, json: { type: 'boolean', default: false } },
  })
  const claims = integerFlag('claims', values.claims, 1_000, 1)
  const links = integerFlag('links', values.links, 10_000, 1)
  const samples = integerFlag('samples', values.samples, 10, 1)
  const log = (line: string) => process.stderr.write(`${line}\n`)

  const server = await startCouchTestServer()
  const password = 'bench-password'
  await server.admin('/_users/org.couchdb.user:bench', { method: 'PUT', body: JSON.stringify({ name: 'bench', password, roles: [], type: 'user' }) })
  const remote = await server.createDatabase()
  const ana = await laptop('ana', remote, password)
  const ben = await laptop('ben', remote, password)
  try {
    log(`growing a board of ${claims} claims and ${links} links…`)
    await growBoard(ana, claims, links)

    const load = loadavg()[0]!
    const cpu = () => ({ app: cpuSecondsOf(process.pid), server: cpuSecondsOf(server.pid) })
    const spent = (before: ReturnType<typeof cpu>, after: ReturnType<typeof cpu>) => ({
      appCpuS: before.app === null || after.app === null ? null : Number((after.app - before.app).toFixed(1)),
      serverCpuS: before.server === null || after.server === null ? null : Number((after.server - before.server).toFixed(1)),
    })
    log('first sync, sending…')
    let c = cpu()
    let t = performance.now()
    const sent = await ana.service.syncNow({})
    const sendMs = performance.now() - t
    const sendCpu = spent(c, cpu())
    log('first sync, receiving…')
    c = cpu()
    t = performance.now()
    const received = await ben.service.syncNow({})
    const receiveMs = performance.now() - t
    const receiveCpu = spent(c, cpu())
    if (ben.store.links.length !== ana.store.links.length) throw new Error(`the teammate got ${ben.store.links.length} links of ${ana.store.links.length}`)

    log('continuous mode…')
    await ana.service.startSync({})
    await ben.service.startSync({})
    const latencies: number[] = []
    const claimId = ana.store.claims[0]!.id
    for (let i = 0; i < samples; i++) {
      const text = `Changed in continuous mode, ${i}`
      const started = performance.now()
      await ana.service.updateClaim({ id: claimId, text })
      while (ben.store.claims.find((c) => c.id === claimId)?.text !== text) {
        if (performance.now() - started > GIVE_UP_MS) throw new Error(`the change did not arrive within ${GIVE_UP_MS / 1000} s`)
        await new Promise((r) => setTimeout(r, POLL_MS))
      }
      latencies.push(performance.now() - started)
      // Spread the samples over the sync's cycle, so they are not all timed from the same phase of it.
      await new Promise((r) => setTimeout(r, 137 * (i + 1)))
    }
    const sorted = [...latencies].sort((a, b) => a - b)
    const median = sorted[Math.floor(sorted.length / 2)]!
    const worst = sorted.at(-1)!

    const result = {
      server: process.env.TRIANGULATE_TEST_COUCHDB ? 'CouchDB (TRIANGULATE_TEST_COUCHDB)' : 'pouchdb-server 4.2, in memory, loopback',
      board: { claims: ana.store.claims.length, highlights: ana.store.highlights.length, links: ana.store.links.length },
      loadAverage: Number(load.toFixed(1)),
      firstSync: {
        sendMs: Math.round(sendMs),
        sent: sent.pushed,
        sendCpu,
        receiveMs: Math.round(receiveMs),
        received: received.pulled,
        receiveCpu,
        targetMs: FIRST_SYNC_TARGET_MS,
        met: sendMs <= FIRST_SYNC_TARGET_MS && receiveMs <= FIRST_SYNC_TARGET_MS,
      },
      change: { samples, medianMs: Math.round(median), worstMs: Math.round(worst), targetMs: CHANGE_TARGET_MS, met: worst <= CHANGE_TARGET_MS },
    }
    if (values.json) console.log(JSON.stringify(result))
    else {
      console.log(`Team sync (${result.server}), board of ${result.board.claims} claims, ${result.board.highlights} highlights, ${result.board.links} links`)
      const cpuNote = (x: typeof sendCpu) => `; CPU ${x.appCpuS ?? '?'} s in the app, ${x.serverCpuS ?? '?'} s in the server`
      console.log(`  machine load average at the start: ${result.loadAverage} (2 cores)`)
      console.log(`  first sync, sending ${sent.pushed} documents:   ${(sendMs / 1000).toFixed(2)} s (target ≤ ${FIRST_SYNC_TARGET_MS / 1000} s)${cpuNote(sendCpu)}`)
      console.log(
        `  first sync, receiving ${received.pulled} documents: ${(receiveMs / 1000).toFixed(2)} s (target ≤ ${FIRST_SYNC_TARGET_MS / 1000} s)${cpuNote(receiveCpu)}`,
      )
      console.log(
        `  one change to the other store (continuous): median ${(median / 1000).toFixed(2)} s, worst ${(worst / 1000).toFixed(2)} s of ${samples} (target ≤ ${CHANGE_TARGET_MS / 1000} s)`,
      )
    }
  } finally {
    for (const side of [ana, ben]) {
      await side.service.sync.close()
      await side.service.importJobs.shutdown()
      await side.service.derivedIndexes.close()
      await side.store.close()
      await rm(side.dir, { recursive: true, force: true })
    }
    await server.stop()
  }
}

main().catch((error: unknown) => {
  console.error(`sync bench: ${(error as Error).stack ?? error}`)
  process.exit(1)
})
