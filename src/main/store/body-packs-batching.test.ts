// How many writes body packs make: a write per batch, and the texts handed over in one turn of the
// event loop are one batch (an import's bodies were written one writev each: a thread-pool round
// trip per body).

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
})
