import { describe, expect, it } from 'vitest'
import { prepareArticleFile } from './prepare-article-file'
import { openPreparationPool, runningPreparationWorkers, workerScriptBeside, workersFor } from './preparation-pool'

const text = 'Bridge inquiry opens\nThe council appointed a retired judge to lead the inquiry on Tuesday.\n'
const stallingWorker = workerScriptBeside(__dirname, 'test-stalling-prepare-worker')
const file = { path: '/corpus/Northline Radio/inquiry.txt', relativePath: 'Northline Radio/inquiry.txt' }

describe('openPreparationPool', () => {
  it('prepares in a worker what prepareArticleFile prepares here, taking the bytes over instead of copying them', async () => {
    const pool = openPreparationPool({ workers: 1 })
    try {
      const bytes = new Uint8Array(Buffer.from(text))
      const own = await pool.prepare(file, bytes)
      expect(own).toEqual(await prepareArticleFile(file, Buffer.from(text)))
      // Transferred: the buffer now belongs to the worker.
      expect(bytes.byteLength).toBe(0)
      // A view into Node's shared pool of small buffers is copied, never taken from the pool.
      const pooled = Buffer.from(text)
      expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength)
      expect(await pool.prepare(file, pooled)).toEqual(own)
      expect(pooled.toString()).toBe(text)
    } finally {
      await pool.close()
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
    expect(await pool.prepare(file, Buffer.from(text))).toMatchObject({ kind: 'prepared', derived: { wordCount: 15 } })
    await pool.close()
  })

  it('skips a file still being prepared after the time limit, ends its worker, and goes on with a new one', async () => {
    const pool = openPreparationPool({ workers: 1, script: stallingWorker, fileTimeLimitMs: 300 })
    try {
      // Both sent at once: the second waits in the worker behind the stalled one, and comes back to be read again.
      const stalled = pool.prepare({ path: '/corpus/stall-the-worker.txt', relativePath: 'stall-the-worker.txt' }, Buffer.from(text))
      const behind = pool.prepare(file, Buffer.from(text))
      expect(await stalled).toEqual({ kind: 'skipped', reason: expect.stringMatching(/^reading this file took longer than 300 ms, so it was stopped/) })
      expect(await behind).toEqual({ kind: 'interrupted' })
      expect(await pool.prepare(file, Buffer.from(text))).toMatchObject({ kind: 'prepared', derived: { wordCount: 15 } })
    } finally {
      await pool.close()
    }
    expect(runningPreparationWorkers()).toBe(0)
  })

  it('skips the derivations of a text the store has, in a worker and here', async () => {
    const { contentHash } = (await prepareArticleFile(file, Buffer.from(text))) as { contentHash: string }
    for (const workers of [1, 0]) {
      const pool = openPreparationPool({ workers, knownContentHashes: new Set([contentHash]) })
      expect(await pool.prepare(file, new Uint8Array(Buffer.from(text)))).toMatchObject({ kind: 'prepared', contentHash, derived: null })
      expect(await pool.prepare(file, new Uint8Array(Buffer.from(`${text}More.`)))).toMatchObject({ kind: 'prepared', derived: { wordCount: 16 } })
      await pool.close()
    }
  })

  it('has files still waiting skipped when closed, and prepares none after', async () => {
    const pool = openPreparationPool({ workers: 1 })
    const waiting = pool.prepare(file, Buffer.from(text))
    await pool.close()
    expect(await waiting).toEqual({ kind: 'skipped', reason: 'the import ended before this file was read' })
    expect(await pool.prepare(file, Buffer.from(text))).toMatchObject({ kind: 'skipped' })
    expect(runningPreparationWorkers()).toBe(0)
  })
})
