// The store lock under races and damage: three processes racing for it 300 times (half of the
// rounds over a stale lock left by a dead process) never hold it together; an unreadable lock is
// never taken; a lock of a reused pid is stale; a writer whose lock was taken stops.

import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../test-support/temp-dir'
import { CorpusStore } from './corpus-store'
import { acquireStoreLock, LOCK_FILE, processStartTicks } from './store-lock'

const ROUNDS = 300
const RACERS = 3

let childScript = ''
let childDir = ''

beforeAll(async () => {
  // Bundled once into plain JavaScript: 900 tsx starts would take minutes on two cores.
  childDir = await mkdtemp(join(tmpdir(), 'triangulate-racer-'))
  childScript = join(childDir, 'lock-racer.cjs')
  await build({ entryPoints: [join(__dirname, 'test-support/lock-racer.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: childScript, logLevel: 'error' })
})

afterAll(() => rm(childDir, { recursive: true, force: true }))

/** A racing child: send() starts a round, and resolves with the child's answer. */
function startRacer(dir: string, marker: string) {
  const child = spawn(process.execPath, [childScript, dir, marker], { stdio: ['pipe', 'pipe', 'pipe'] })
  let buffer = ''
  let stderr = ''
  const waiting: ((answer: string) => void)[] = []
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString()
    const lines = buffer.split('\n')
    buffer = lines.pop() ?? ''
    for (const line of lines) waiting.shift()?.(line)
  })
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  child.on('exit', () => {
    for (const resolve of waiting.splice(0)) resolve(`exited: ${stderr}`)
  })
  return {
    send: () =>
      new Promise<string>((resolve) => {
        waiting.push(resolve)
        child.stdin.write('go\n')
      }),
    stop: () => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : (child.once('exit', resolve), child.stdin.end()))),
  }
}

async function deadPid(): Promise<number> {
  const gone = spawn(process.execPath, ['-e', '0'])
  await new Promise((r) => gone.on('exit', r))
  return gone.pid!
}

describe('the store lock', () => {
  it(`has one holder at a time: ${RACERS} processes × ${ROUNDS} rounds, half of them over a stale lock`, async () => {
    const dir = await tempDir()
    const marker = join(dir, 'holder')
    const stalePid = await deadPid()
    const outcomes: Record<string, number> = { held: 0, refused: 0, double: 0 }
    const racers = Array.from({ length: RACERS }, () => startRacer(dir, marker))
    try {
      for (let round = 0; round < ROUNDS; round++) {
        if (round % 2 === 1) {
          await writeFile(join(dir, LOCK_FILE), JSON.stringify({ app: 'crashed', pid: stalePid, host: hostname(), since: `round ${round}`, token: `t${round}` }))
        }
        const answers = await Promise.all(racers.map((racer) => racer.send()))
        for (const answer of answers) outcomes[answer] = (outcomes[answer] ?? 0) + 1
        expect(outcomes.double, `round ${round}: two holders`).toBe(0)
        expect(
          answers.every((a) => a === 'held' || a === 'refused'),
          `round ${round}: ${answers.join(', ')}`,
        ).toBe(true)
      }
    } finally {
      await Promise.all(racers.map((racer) => racer.stop()))
    }
    const { held = 0, refused = 0 } = outcomes
    expect(held).toBeGreaterThanOrEqual(ROUNDS)
    expect(held + refused).toBe(ROUNDS * RACERS)
  }, 300_000)

  it('never takes a lock that reads empty or half-written, and says what to do', async () => {
    const dir = await tempDir()
    for (const content of ['', '{"app":"Triangulate","pid":']) {
      await writeFile(join(dir, LOCK_FILE), content)
      await expect(CorpusStore.open(dir)).rejects.toThrow(/lock file .* cannot be read .* If no Triangulate .* has this store open, delete that file/)
      expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe(content)
    }
  })

  it('takes over a lock whose pid now belongs to another process (started at another time)', async () => {
    const dir = await tempDir()
    const ticks = processStartTicks(process.pid)
    if (ticks === null) return // no /proc: the platform does not tell start times
    await writeFile(
      join(dir, LOCK_FILE),
      JSON.stringify({ app: 'old run', pid: process.ppid, host: hostname(), since: '2020-01-01', token: 'x', startTicks: ticks + 12345 }),
    )
    const lock = await acquireStoreLock(dir, 'test')
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid)
    await lock.release()
    // The same pid with its true start time is alive: refused.
    await writeFile(
      join(dir, LOCK_FILE),
      JSON.stringify({ app: 'parent', pid: process.ppid, host: hostname(), since: '2020-01-01', token: 'y', startTicks: processStartTicks(process.ppid) }),
    )
    await expect(acquireStoreLock(dir, 'test')).rejects.toThrow(/is open in parent/)
  })

  it('a writer whose lock was removed or replaced stops writing and says so', async () => {
    const dir = await tempDir()
    const store = await CorpusStore.open(dir, { app: 'the shell' })
    const at = new Date().toISOString()
    const claim = (id: string) => ({ id, text: id, tags: [], note: '', statusOverride: null, createdAt: at, updatedAt: at })
    await store.addClaim(claim('c1'))
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ app: 'the CLI', pid: process.pid, host: hostname(), since: at, token: 'other' }))
    await expect(store.addClaim(claim('c2'))).rejects.toThrow(/lock file .* now names the CLI .* Nothing more was saved from here/)
    await rm(join(dir, LOCK_FILE))
    await expect(store.addClaim(claim('c3'))).rejects.toThrow(/lock file .* was removed while this the shell had the store open/)
    expect(store.claims.map((c) => c.id)).toEqual(['c1'])
    await store.close()
    const reopened = await CorpusStore.open(dir)
    expect(reopened.claims.map((c) => c.id)).toEqual(['c1'])
    await reopened.close()
  })
})
