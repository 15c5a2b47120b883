// How many writes body packs make: a write per batch, and the texts handed over in one turn of the
// event loop are one batch (an import's bodies were written one writev each: a thread-pool round
// trip per body), and an import's writes, which may wait for company, gather across turns.

import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../test-support/temp-dir'
import { BodyPacks } from './body-packs'

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

describe('BodyPacks writes', () => {
  it('writes the texts handed over in one turn of the event loop in one write, and keeps each readable meanwhile', async () => {
    const dir = await tempDir()
    const packs = await BodyPacks.open(dir)
    const texts = Array.from({ length: 20 }, (_, i) => `Headline ${i}\nBody of story ${i}.`)
    const written = texts.map((text) => packs.write(sha256(text), text))
    for (const text of texts) expect(await packs.read(sha256(text))).toBe(text)
    await Promise.all(written)
    expect(packs.batchesWritten).toBe(1)
    // A text handed over later is a batch of its own; flush writes what is queued at once.
    const late = 'A later text\nOn its own.'
    const lateWritten = packs.write(sha256(late), late)
    await packs.flush()
    await lateWritten
    expect(packs.batchesWritten).toBe(2)
    await packs.close()
    const reopened = await BodyPacks.open(dir)
    for (const text of [...texts, late]) expect(await reopened.read(sha256(text))).toBe(text)
    await reopened.close()
  })
  it('gathers writes that may wait across turns into one write, until enough are queued or a flush', async () => {
    const dir = await tempDir()
    // A wait longer than the test: only the count or a flush can start these writes.
    const packs = await BodyPacks.open(dir, { gatherWaitMs: 600_000 })
    const turn = () => new Promise((resolve) => setImmediate(resolve))
    const handOver = async (texts: readonly string[]) => {
      const written: Promise<void>[] = []
      for (const text of texts) {
        written.push(packs.write(sha256(text), text, { gather: true }))
        await turn()
        expect(await packs.read(sha256(text))).toBe(text) // readable while it waits
      }
      return written
    }
    const few = Array.from({ length: 10 }, (_, i) => `Gathered ${i}\nOne per turn, as an import hands them over.`)
    const fewWritten = await handOver(few)
    expect(packs.batchesWritten).toBe(0)
    await packs.flush()
    await Promise.all(fewWritten)
    expect(packs.batchesWritten).toBe(1)

    // The 32nd text starts a write of all 32; the 8 after it wait for company again, until the flush.
    const many = Array.from({ length: 40 }, (_, i) => `Many ${i}\nBody.`)
    const manyWritten = await handOver(many)
    await Promise.all(manyWritten.slice(0, 32))
    expect(packs.batchesWritten).toBe(2)
    await packs.flush()
    await Promise.all(manyWritten)
    expect(packs.batchesWritten).toBe(3)

    // A write that cannot wait takes the waiting ones with it.
    const waiting = await handOver(['Waiting\nFor company.'])
    await packs.write(sha256('Urgent\n'), 'Urgent\n')
    await Promise.all(waiting)
    expect(packs.batchesWritten).toBe(4)
    await packs.close()
    const reopened = await BodyPacks.open(dir)
    for (const text of [...few, ...many, 'Waiting\nFor company.', 'Urgent\n']) expect(await reopened.read(sha256(text))).toBe(text)
    await reopened.close()
  })

  it('writes a lone text that may wait after a short wait, with no flush', async () => {
    const dir = await tempDir()
    const packs = await BodyPacks.open(dir)
    await packs.write(sha256('Alone\n'), 'Alone\n', { gather: true })
    expect(packs.batchesWritten).toBe(1)
    await packs.close()
  })
})
