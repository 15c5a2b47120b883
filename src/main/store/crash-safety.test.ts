// A store must survive being killed at any moment: a child process writes in a loop and is killed
// (SIGKILL) at random times, many times; after each kill the store opens and holds every write the
// child acknowledged: claims (the annotations journal), and articles (body packs and the library).

import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { build } from 'esbuild'
import fc from 'fast-check'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../test-support/temp-dir'
import { CorpusStore } from './corpus-store'
import { crashTestArticleText } from './test-support/crash-test-texts'

const KILLS = 200
/** Fewer for articles: each round rewrites a library that grows with every acknowledged article. */
const ARTICLE_KILLS = 60
/** Kill delays after the child's first acknowledged write: from mid-first-batch to well into the loop. */
const MAX_KILL_DELAY_MS = 40

let childScript = ''
/** Built once for both tests: tempDir's folders are removed after each test. */
let childDir = ''

beforeAll(async () => {
  // Bundled once into plain JavaScript so each of the 200 children starts in ~50 ms.
  childDir = await mkdtemp(join(tmpdir(), 'triangulate-child-'))
  const out = join(childDir, 'write-loop.cjs')
  await build({ entryPoints: [join(__dirname, 'test-support/write-loop.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'error' })
  childScript = out
})

afterAll(() => rm(childDir, { recursive: true, force: true }))

function runAndKill(storeDir: string, firstId: number, delayMs: number, kind: 'claims' | 'articles' = 'claims'): Promise<{ acked: number[]; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [childScript, storeDir, String(firstId), kind], { stdio: ['ignore', 'pipe', 'pipe'] })
    const acked: number[] = []
    let buffer = ''
    let stderr = ''
    let timer: NodeJS.Timeout | undefined
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop() ?? ''
      for (const line of lines) if (line.startsWith('ack ')) acked.push(Number(line.slice(4)))
      timer ??= setTimeout(() => child.kill('SIGKILL'), delayMs)
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('exit', () => {
      clearTimeout(timer)
      resolve({ acked, stderr })
    })
  })
}

describe('crash safety', () => {
  it(`keeps every acknowledged write across ${KILLS} SIGKILLs at random moments`, async () => {
    const storeDir = await tempDir()
    const delays = fc.sample(fc.integer({ min: 0, max: MAX_KILL_DELAY_MS }), { numRuns: KILLS, seed: 20261123 })
    const everAcked = new Set<number>()
    for (const [round, delay] of delays.entries()) {
      const { acked, stderr } = await runAndKill(storeDir, round * 1_000_000, delay)
      expect(stderr).toBe('')
      for (const id of acked) everAcked.add(id)
      const store = await CorpusStore.open(storeDir)
      const saved = new Set(store.claims.map((c) => Number(c.id.slice(2))))
      const lost = [...everAcked].filter((id) => !saved.has(id))
      expect(lost, `round ${round}: acknowledged but lost`).toEqual([])
      expect(store.notices).toEqual([])
      await store.close()
    }
    expect(everAcked.size).toBeGreaterThan(KILLS)
    // Each round starts a process: on two busy cores that alone can take a second.
  }, 600_000)

  it(`keeps every acknowledged article, with its text, across ${ARTICLE_KILLS} SIGKILLs at random moments`, async () => {
    const storeDir = await tempDir()
    const delays = fc.sample(fc.integer({ min: 0, max: MAX_KILL_DELAY_MS }), { numRuns: ARTICLE_KILLS, seed: 20261124 })
    const everAcked = new Set<number>()
    for (const [round, delay] of delays.entries()) {
      const { acked, stderr } = await runAndKill(storeDir, round * 1_000_000, delay, 'articles')
      expect(stderr).toBe('')
      for (const id of acked) everAcked.add(id)
      const store = await CorpusStore.open(storeDir)
      for (const id of everAcked) {
        const article = store.getArticle(`a_${id}`)
        expect(article, `round ${round}: article ${id} acknowledged but lost`).toBeDefined()
        expect(await store.readBody(article!)).toBe(crashTestArticleText(id))
      }
      expect(store.notices).toEqual([])
      await store.close()
    }
    expect(everAcked.size).toBeGreaterThan(ARTICLE_KILLS)
  }, 300_000)
})
