import { describe, expect, it } from 'vitest'
import { prepareArticleFile } from './prepare-article-file'
import { openPreparationPool, runningPreparationWorkers, workersFor } from './preparation-pool'

const text = 'Bridge inquiry opens\nThe council appointed a retired judge to lead the inquiry on Tuesday.\n'
const file = { path: '/corpus/Northline Radio/inquiry.txt', relativePath: 'Northline Radio/inquiry.txt' }

describe('openPreparationPool', () => {
  it('prepares in a worker what prepareArticleFile prepares here, taking the bytes over instead of copying them', async () => {
    const pool = openPreparationPool({ workers: 1, waitForWorkers: true })
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

  it('starts no worker for a small import, and prepares its files here', async () => {
    expect(workersFor(10)).toBe(0)
    expect(workersFor(10_000)).toBeGreaterThanOrEqual(1)
    const pool = openPreparationPool({ workers: workersFor(10) })
    expect(runningPreparationWorkers()).toBe(0)
    expect(await pool.prepare(file, Buffer.from(text))).toMatchObject({ kind: 'prepared', derived: { wordCount: 15 } })
    await pool.close()
  })

  it('skips the derivations of a text the store has, in a worker and here', async () => {
    const { contentHash } = (await prepareArticleFile(file, Buffer.from(text))) as { contentHash: string }
    for (const workers of [1, 0]) {
      const pool = openPreparationPool({ workers, waitForWorkers: true, knownContentHashes: new Set([contentHash]) })
      expect(await pool.prepare(file, new Uint8Array(Buffer.from(text)))).toMatchObject({ kind: 'prepared', contentHash, derived: null })
      expect(await pool.prepare(file, new Uint8Array(Buffer.from(`${text}More.`)))).toMatchObject({ kind: 'prepared', derived: { wordCount: 16 } })
      await pool.close()
    }
  })

  it('has files still waiting skipped when closed, and prepares none after', async () => {
    const pool = openPreparationPool({ workers: 1, waitForWorkers: true })
    const waiting = pool.prepare(file, Buffer.from(text))
    await pool.close()
    expect(await waiting).toEqual({ kind: 'skipped', reason: 'the import ended before this file was read' })
    expect(await pool.prepare(file, Buffer.from(text))).toMatchObject({ kind: 'skipped' })
    expect(runningPreparationWorkers()).toBe(0)
  })
})
