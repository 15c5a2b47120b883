import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../test-support/temp-dir'
import { readJsonWithPython } from '../test-support/python-readers'
import { DurableJsonFile, RecordJson } from './durable-json-adapter'
import { openSealedJson, sealJson, sealJsonBytes, SEALED_SINCE_VERSION } from './sealed-json'

describe('sealed JSON', () => {
  it('reads back what it sealed, and is still plain JSON', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (extra) => {
        const data = { schemaVersion: SEALED_SINCE_VERSION, ...extra }
        const sealed = sealJson(JSON.stringify(data))
        const read = openSealedJson(sealed)
        expect(read).toEqual({ kind: 'ok', data: JSON.parse(JSON.stringify(data)), sealed: true })
        expect(typeof JSON.parse(sealed).checksum).toBe('string')
      }),
    )
  })

  it('is written by the store file in pieces as the same bytes, read back as written', async () => {
    const dir = await tempDir()
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string(), fc.jsonValue()), async (extra) => {
        const data = { schemaVersion: SEALED_SINCE_VERSION, ...extra }
        const file = new DurableJsonFile<typeof data>(join(dir, 'annotations.json'))
        await file.write(data)
        const written = await readFile(file.path)
        expect(written.equals(sealJsonBytes(JSON.stringify(data)))).toBe(true)
        expect(await file.read()).toEqual(JSON.parse(JSON.stringify(data)))
      }),
      { numRuns: 50 },
    )
  })

  it("is written record by record, each record's JSON kept, as the same bytes", async () => {
    const dir = await tempDir()
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string(), fc.jsonValue()), fc.array(fc.jsonValue()), async (extra, records) => {
        const data = { schemaVersion: SEALED_SINCE_VERSION, ...extra, articles: records }
        const file = new DurableJsonFile<typeof data>(join(dir, 'library.json'), new RecordJson())
        await file.write(data)
        expect((await readFile(file.path)).equals(sealJsonBytes(JSON.stringify(data)))).toBe(true)
      }),
      { numRuns: 50 },
    )
  })

  it('writes a record replaced since the last write as it is now, in a file larger than one write, which a strict reader loads', async () => {
    const dir = await tempDir()
    const file = new DurableJsonFile<{ schemaVersion: number; articles: { id: string; title: string }[] }>(join(dir, 'library.json'), new RecordJson())
    // About 600 KB: the file goes out in several buffers, hashed across their boundaries.
    const articles = Array.from({ length: 3000 }, (_, i) => ({ id: `a${i}`, title: `Article ${i} — ${'Ölpreis “zitiert” '.repeat(10)}` }))
    await file.write({ schemaVersion: SEALED_SINCE_VERSION, articles })
    const replaced = articles.map((article, i) => (i === 1500 ? { ...article, title: 'Retitled' } : article))
    const data = { schemaVersion: SEALED_SINCE_VERSION, articles: replaced }
    await file.write(data)
    const written = await readFile(file.path)
    expect(written.length).toBeGreaterThan(512 * 1024)
    expect(written.equals(sealJsonBytes(JSON.stringify(data)))).toBe(true)
    expect(openSealedJson(written).kind).toBe('ok')
    const read = (await readJsonWithPython(file.path)) as typeof data
    expect(read.articles[1500]?.title).toBe('Retitled')
    expect(read.articles).toHaveLength(3000)
  })

  it('catches every single flipped bit', () => {
    const sealed = sealJson(JSON.stringify({ schemaVersion: SEALED_SINCE_VERSION, articles: [{ id: 'a1', title: 'Ölpreis — 40 %' }] }))
    const bytes = Buffer.from(sealed, 'utf8')
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const flipped = Buffer.from(bytes)
      flipped[bit >> 3] = (flipped[bit >> 3] as number) ^ (1 << (bit & 7))
      expect(openSealedJson(flipped.toString('utf8')).kind, `bit ${bit}`).toBe('damaged')
    }
  })

  it('accepts an unsealed file only from a store older than sealing', () => {
    expect(openSealedJson(JSON.stringify({ schemaVersion: SEALED_SINCE_VERSION - 1, articles: [] })).kind).toBe('ok')
    expect(openSealedJson(JSON.stringify({ schemaVersion: SEALED_SINCE_VERSION, articles: [] }))).toEqual({ kind: 'damaged', reason: 'its checksum is missing' })
    expect(openSealedJson('')).toEqual({ kind: 'damaged', reason: 'it is empty' })
  })
})
