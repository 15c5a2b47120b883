import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../test-support/temp-dir'
import { DurableJsonFile } from './durable-json-adapter'
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
