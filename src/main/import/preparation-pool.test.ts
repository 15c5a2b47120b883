import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { tempDir } from '../test-support/temp-dir'
import { prepareArticleFile } from './prepare-article-file'
import { InvertedIndex } from '../search/inverted-index'
import {
  endSparePreparationWorker,
  hasSparePreparationWorker,
  openPreparationPool,
  runningPreparationWorkers,
  workerScriptBeside,
  workersFor,
  type PreparationOutcome,
} from './preparation-pool'
import type { FileToRead } from './preparation-protocol'

const text = 'Bridge inquiry opens\nThe council appointed a retired judge to lead the inquiry on Tuesday.\n'
const stallingWorker = workerScriptBeside(__dirname, 'test-stalling-prepare-worker')
const countingWorker = workerScriptBeside(__dirname, 'test-counting-prepare-worker')
const MAX_BYTES = 1024 * 1024

/** A file on disk, in an outlet's folder, as the pool is given it. */
async function fileWith(content: string, name = 'inquiry.txt'): Promise<FileToRead> {
  const root = await tempDir('triangulate-pool-')
  await mkdir(join(root, 'Northline Radio'))
  const path = join(root, 'Northline Radio', name)
  await writeFile(path, content)
  return { path, relativePath: `Northline Radio/${name}`, source: path, maxBytes: MAX_BYTES }
}

/** What prepareArticleFile gives for that file's text on this thread. */
function preparedHere({ path, relativePath }: FileToRead, content: string) {
  return prepareArticleFile({ path, relativePath }, Buffer.from(content))
}

/**
 * A prepared file with its search terms as the saved index they give: a worker sends them numbered in
 * its own vocabulary (learned by the pool), this thread counts them by range; both must index alike.
 */
function comparable(outcome: PreparationOutcome) {
  if (outcome.kind !== 'prepared' || !outcome.derived) return outcome
  const index = new InvertedIndex()
  index.addTerms('article', 'title', outcome.derived.searchTerms)
  return { ...outcome, derived: { ...outcome.derived, searchTerms: index.serialize().toString('base64') } }
}

describe('openPreparationPool', () => {
  it('reads and prepares in a worker what prepareArticleFile prepares here, and says why a file could not be read, as reading it here does', async () => {
    const file = await fileWith(text)
    const tooLarge = { ...(await fileWith('x'.repeat(2048), 'long.txt')), maxBytes: 1024 }
    const missing = { ...file, path: `${file.path}.gone`, source: `${file.path}.gone` }
    for (const workers of [1, 0]) {
      const pool = openPreparationPool({ workers })
      try {
        expect(comparable(await pool.prepare(file))).toEqual(comparable(await preparedHere(file, text)))
        expect(await pool.prepare(tooLarge)).toEqual({ kind: 'too-large', size: 2048, limit: 1024 })
        expect(await pool.prepare(missing)).toEqual({ kind: 'failed', code: 'ENOENT' })
      } finally {
        await pool.close()
      }
    }
    expect(runningPreparationWorkers()).toBe(0)
  })

  it('starts a worker for every import that reads a file, more only for many new files', async () => {
    expect(workersFor(0)).toBe(0)
    expect(workersFor(10)).toBe(1)
    // A re-import of files imported before: each may have changed into anything.
    expect(workersFor(0, 10)).toBe(1)
    expect(workersFor(10_000)).toBeGreaterThanOrEqual(1)
    const pool = openPreparationPool({ workers: workersFor(10) })
    expect(runningPreparationWorkers()).toBe(1)
    expect(await pool.prepare(await fileWith(text))).toMatchObject({ kind: 'prepared', derived: { wordCount: 15 } })
    await pool.close()
  })

  it('keeps one worker after an import that went to its end, which the next import takes up knowing only its own texts and terms', async () => {
    await endSparePreparationWorker()
    const first = await fileWith(text)
    const second = await fileWith('Ferry strike ends\nThe council and the ferry crews agreed on Tuesday; the inquiry goes on.\n', 'ferry.txt')
    const { contentHash } = (await preparedHere(first, text)) as { contentHash: string }
    const earlier = openPreparationPool({ workers: 1 })
    expect(comparable(await earlier.prepare(first))).toEqual(comparable(await preparedHere(first, text)))
    await earlier.close({ keepOneWarmForMs: 60_000 })
    expect(hasSparePreparationWorker()).toBe(true)
    expect(runningPreparationWorkers()).toBe(0)

    const next = openPreparationPool({ workers: 1, knownContentHashes: new Set([contentHash]) })
    try {
      expect(hasSparePreparationWorker()).toBe(false)
      expect(runningPreparationWorkers()).toBe(1)
      // Its known texts are this import's; its terms are numbered afresh, as the pool learns them (shared
      // terms, such as "council" and "inquiry", numbered as in the earlier import would index wrongly).
      expect(await next.prepare(first)).toMatchObject({ kind: 'prepared', contentHash, derived: null })
      const secondText = await readFile(second.path, 'utf8')
      expect(comparable(await next.prepare(second))).toEqual(comparable(await preparedHere(second, secondText)))
    } finally {
      await next.close()
    }
    expect(hasSparePreparationWorker()).toBe(false)
    expect(runningPreparationWorkers()).toBe(0)
  })

  it('ends the kept worker after its time, and keeps none for a script of its own', async () => {
    await endSparePreparationWorker()
    const file = await fileWith(text)
    const pool = openPreparationPool({ workers: 1 })
    await pool.prepare(file)
    await pool.close({ keepOneWarmForMs: 100 })
    expect(hasSparePreparationWorker()).toBe(true)
    await vi.waitFor(() => expect(hasSparePreparationWorker()).toBe(false), { timeout: 5000 })

    const counting = openPreparationPool({ workers: 1, script: countingWorker })
    await counting.prepare(file)
    await counting.close({ keepOneWarmForMs: 60_000 })
    expect(hasSparePreparationWorker()).toBe(false)
    expect(runningPreparationWorkers()).toBe(0)
  })

  it('sends a worker its files several to a message, each prepared as its own file, in order', async () => {
    const files = await Promise.all(Array.from({ length: 40 }, (_, i) => fileWith(`Story number ${i}\nIts body, told once.\n`, `story-${i}.txt`)))
    const pool = openPreparationPool({ workers: 1, script: countingWorker })
    try {
      const outcomes = await Promise.all(files.map((file) => pool.prepare(file)))
      outcomes.forEach((outcome, i) => expect(outcome).toMatchObject({ kind: 'prepared', derived: { guessed: { title: `Story number ${i}` } } }))
      const messages = Math.max(...outcomes.map((outcome) => (outcome as { messagesReceived?: number }).messagesReceived ?? Infinity))
      // One message per file before; now the first fills the worker and each later one refills it by several.
      expect(messages).toBeLessThanOrEqual(10)
    } finally {
      await pool.close()
    }
  })

  it('skips a file still being prepared after the time limit, ends its worker, and goes on with a new one', async () => {
    const file = await fileWith(text)
    const stalling = await fileWith(text, 'stall-the-worker.txt')
    const pool = openPreparationPool({ workers: 1, script: stallingWorker, fileTimeLimitMs: 300 })
    try {
      // Both sent at once: the second waits in the worker behind the stalled one, and comes back to be asked for again.
      const stalled = pool.prepare(stalling)
      const behind = pool.prepare(file)
      expect(await stalled).toEqual({ kind: 'skipped', reason: expect.stringMatching(/^reading this file took longer than 300 ms, so it was stopped/) })
      expect(await behind).toEqual({ kind: 'interrupted' })
      expect(await pool.prepare(file)).toMatchObject({ kind: 'prepared', derived: { wordCount: 15 } })
    } finally {
      await pool.close()
    }
    expect(runningPreparationWorkers()).toBe(0)
  })

  it('skips the derivations of a text the store has, in a worker and here', async () => {
    const file = await fileWith(text)
    const longer = await fileWith(`${text}More.`)
    const { contentHash } = (await preparedHere(file, text)) as { contentHash: string }
    for (const workers of [1, 0]) {
      const pool = openPreparationPool({ workers, knownContentHashes: new Set([contentHash]) })
      expect(await pool.prepare(file)).toMatchObject({ kind: 'prepared', contentHash, derived: null })
      expect(await pool.prepare(longer)).toMatchObject({ kind: 'prepared', derived: { wordCount: 16 } })
      await pool.close()
    }
  })

  it('has files still waiting skipped when closed, and prepares none after', async () => {
    const file = await fileWith(text)
    const pool = openPreparationPool({ workers: 1 })
    const waiting = pool.prepare(file)
    await pool.close()
    expect(await waiting).toEqual({ kind: 'skipped', reason: 'the import ended before this file was read' })
    expect(await pool.prepare(file)).toMatchObject({ kind: 'skipped' })
    expect(runningPreparationWorkers()).toBe(0)
  })
})
