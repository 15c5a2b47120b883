// The CLI's `sync` and `conflicts` against a real server (pouchdb-server on loopback), in child
// processes as a script would run them: the JSON shapes of DECISIONS.md section 10, read back with
// JSON.parse; the store's write lock; and a sync killed (SIGKILL) in the middle of sending and in the
// middle of receiving, which loses nothing: the next run finishes the job, with no conflict made.

import { execFile, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Claim } from '../../shared/model'
import { createTriangulateService } from '../service/triangulate-service'
import { CorpusStore } from '../store/corpus-store'
import { SAMPLE_CORPUS_DIR, SEEDS_DIR, tempDir } from '../test-support/temp-dir'
import { REPLICATION_BATCH } from './sync-engine'
import { startCouchTestServer, type CouchTestServer } from './test-support/couch-test-server'

const run = promisify(execFile)
// Each run starts tsx, which takes 5–15 s on a loaded two-core machine.
vi.setConfig({ testTimeout: 240_000 })
const ROOT = resolve(__dirname, '../../..')
const CLI = [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/main/cli/cli.ts')]
const ENV = { ...process.env, TRIANGULATE_SYNC_USER: 'admin', TRIANGULATE_SYNC_PASSWORD: '' }
const cli = (env: NodeJS.ProcessEnv, ...args: string[]) => run(process.execPath, [...CLI, ...args], { cwd: ROOT, env })

let server: CouchTestServer
let env: NodeJS.ProcessEnv

beforeAll(async () => {
  server = await startCouchTestServer()
  // The tests use the server's admin account, from the environment as an analyst's script would.
  const user = 'clerk'
  const password = randomBytes(6).toString('hex')
  await server.admin(`/_users/org.couchdb.user:${user}`, { method: 'PUT', body: JSON.stringify({ name: user, password, roles: [], type: 'user' }) })
  env = { ...ENV, TRIANGULATE_SYNC_USER: user, TRIANGULATE_SYNC_PASSWORD: password }
}, 60_000)

afterAll(async () => {
  await server?.stop()
})

/** A store holding `count` claims, written in-process and closed for the CLI. */
async function storeWithClaims(count: number, prefix: string): Promise<string> {
  const dir = await tempDir()
  const store = await CorpusStore.open(dir)
  const at = new Date().toISOString()
  const claims: Claim[] = Array.from({ length: count }, (_, i) => ({
    id: `c_${prefix}${String(i).padStart(5, '0')}`,
    text: `Claim ${i} of ${prefix}`,
    tags: [],
    note: '',
    statusOverride: null,
    createdAt: at,
    updatedAt: at,
  }))
  await store.changeAnnotations((data) => {
    data.claims = [...data.claims, ...claims]
  })
  await store.close()
  return dir
}

async function claimsOf(dir: string): Promise<Claim[]> {
  const store = await CorpusStore.open(dir, { readOnly: true })
  const claims = [...store.claims].sort((a, b) => a.id.localeCompare(b.id))
  await store.close()
  return claims
}

/** Starts `sync --once` and kills it (SIGKILL) as soon as `when` says, checked every few milliseconds; says whether it was killed before finishing. */
async function killDuring(dir: string, remote: string, when: () => Promise<boolean>): Promise<boolean> {
  // Its own process group: tsx runs the CLI in a child process of its own, which the kill must reach too.
  const child = spawn(process.execPath, [...CLI, 'sync', '--store', dir, '--remote', remote, '--once', '--json'], { cwd: ROOT, env, stdio: 'ignore', detached: true })
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
  let finished = false
  void exited.then(() => (finished = true))
  while (!finished) {
    if (await when()) {
      process.kill(-child.pid!, 'SIGKILL')
      break
    }
    await new Promise((r) => setTimeout(r, 5))
  }
  const code = await exited
  return code === null
}

describe('the CLI with a sync server', () => {
  it('sync --share-texts sends the store’s article texts, and takes them in a store that never imported them; without it, none are taken', async () => {
    const remote = await server.createDatabase()
    const a = await tempDir()
    const store = await CorpusStore.open(a)
    const service = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
    await service.startImport({ path: SEEDS_DIR })
    await service.importJobs.idle()
    const hashes = store
      .listArticles()
      .map((x) => x.contentHash)
      .sort()
    await service.importJobs.shutdown()
    await service.derivedIndexes.close()
    await store.close()
    const b = await tempDir()
    const articlesOf = async (dir: string) => {
      const s = await CorpusStore.open(dir, { readOnly: true })
      const found = s
        .listArticles()
        .map((x) => x.contentHash)
        .sort()
      await s.close()
      return found
    }

    const sent = JSON.parse((await cli(env, 'sync', '--store', a, '--remote', remote, '--member', 'ana', '--once', '--share-texts', '--json')).stdout)
    expect(sent).toEqual({ pushed: hashes.length, pulled: 0, conflicts: 0 })
    await cli(env, 'sync', '--store', b, '--remote', remote, '--member', 'ben', '--once', '--json')
    expect(await articlesOf(b)).toEqual([])
    await cli(env, 'sync', '--store', b, '--remote', remote, '--member', 'ben', '--once', '--share-texts', '--json')
    expect(await articlesOf(b)).toEqual(hashes)
  })

  it('sync --once --json and conflicts --json print the fixed shapes; sync is refused while another process holds the store', async () => {
    const remote = await server.createDatabase()
    const a = await storeWithClaims(2, 'a')
    const b = await tempDir()

    const pushed = JSON.parse((await cli(env, 'sync', '--store', a, '--remote', remote, '--member', 'ana', '--once', '--json')).stdout)
    expect(pushed).toEqual({ pushed: 2, pulled: 0, conflicts: 0 })
    const pulled = JSON.parse((await cli(env, 'sync', '--store', b, '--remote', remote, '--member', 'ben', '--once', '--json')).stdout)
    expect(pulled).toEqual({ pushed: 0, pulled: 2, conflicts: 0 })
    expect(await claimsOf(b)).toEqual(await claimsOf(a))
    expect(JSON.parse((await cli(env, 'conflicts', '--store', b, '--json')).stdout)).toEqual({ conflicts: [] })

    // Both reword the first claim apart, then sync: the conflict is listed with both versions.
    for (const [dir, text] of [
      [a, 'Reworded by ana'],
      [b, 'Reworded by ben'],
    ]) {
      const store = await CorpusStore.open(dir!)
      const service = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
      await service.updateClaim({ id: 'c_a00000', text: text! })
      await store.close()
    }
    await cli(env, 'sync', '--store', a, '--remote', remote, '--member', 'ana', '--once', '--json')
    expect(JSON.parse((await cli(env, 'sync', '--store', b, '--remote', remote, '--member', 'ben', '--once', '--json')).stdout)).toEqual({
      pushed: 1,
      pulled: 1,
      conflicts: 1,
    })
    const { conflicts } = JSON.parse((await cli(env, 'conflicts', '--store', b, '--json')).stdout)
    expect(conflicts).toHaveLength(1)
    expect(Object.keys(conflicts[0]).sort()).toEqual(['id', 'kind', 'versions'])
    expect(conflicts[0]).toMatchObject({ kind: 'claim', id: 'c_a00000' })
    expect(conflicts[0].versions.map((v: { author: string; record: { text: string } }) => `${v.author}: ${v.record.text}`).sort()).toEqual([
      'ana: Reworded by ana',
      'ben: Reworded by ben',
    ])

    // The app (here: a writer in this process) holds the store: the CLI's sync is refused, and says who.
    const held = await CorpusStore.open(a, { app: 'the Triangulate desktop app' })
    try {
      const refused = await cli(env, 'sync', '--store', a, '--remote', remote, '--once', '--json').then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      )
      expect(refused?.code).toBe(2)
      expect(refused?.stderr).toMatch(/is open in the Triangulate desktop app/)
    } finally {
      await held.close()
    }
  })

  it('a sync killed while sending, and one killed while receiving, lose nothing: the next run finishes without a conflict', async () => {
    const remote = await server.createDatabase()
    const database = new URL(remote).pathname.slice(1)
    // Several replication batches, so that a kill after the first leaves the server part of them.
    const total = REPLICATION_BATCH * 2 + 500
    const a = await storeWithClaims(total, 'k')
    const b = await tempDir()
    const docCount = async () => ((await (await server.admin(`/${database}`)).json()) as { doc_count: number }).doc_count

    // Killed while sending: some claims are on the server, not all.
    const killedSending = await killDuring(a, remote, async () => (await docCount()) > 0)
    const onServer = await docCount()
    expect(killedSending).toBe(true)
    expect(onServer).toBeLessThan(total)
    expect((await claimsOf(a)).length).toBe(total)
    const finished = JSON.parse((await cli(env, 'sync', '--store', a, '--remote', remote, '--once', '--json')).stdout)
    expect(finished).toMatchObject({ conflicts: 0 })
    expect(finished.pushed).toBeGreaterThanOrEqual(total - onServer)
    expect(await docCount()).toBe(total)

    // Killed while receiving: after the server has started sending documents to B.
    const bulkGets = () => (server.log().match(/_bulk_get/g) ?? []).length
    const before = bulkGets()
    const killedReceiving = await killDuring(b, remote, async () => bulkGets() > before)
    expect(killedReceiving).toBe(true)
    const second = JSON.parse((await cli(env, 'sync', '--store', b, '--remote', remote, '--once', '--json')).stdout)
    expect(second.conflicts).toBe(0)
    expect(await claimsOf(b)).toEqual(await claimsOf(a))

    // And nothing is left to do on either side.
    expect(JSON.parse((await cli(env, 'sync', '--store', a, '--remote', remote, '--once', '--json')).stdout)).toEqual({ pushed: 0, pulled: 0, conflicts: 0 })
    expect(JSON.parse((await cli(env, 'sync', '--store', b, '--remote', remote, '--once', '--json')).stdout)).toEqual({ pushed: 0, pulled: 0, conflicts: 0 })
  })
})
