import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../test-support/temp-dir'
import { Readable } from 'node:stream'
import { writeStreamDurably, writeTextDurably } from './durable-write'

describe('writeTextDurably', () => {
  it('writes text given a piece at a time as its UTF-8, whatever the pieces’ sizes and characters, and leaves no temporary file', async () => {
    const dir = await tempDir()
    const path = join(dir, 'sidecar.json')
    // Pieces small and large (one over the 256 KB buffer), multi-byte characters and surrogate pairs
    // falling on every offset of the buffer's end as the pieces fill it.
    const pieces: string[] = []
    for (let i = 0; i < 4000; i++) pieces.push(`[${i},"Заголовок «${i}» العنوان 🇸🇾 ${'é'.repeat(i % 97)}"],\n`)
    pieces.splice(1234, 0, 'x'.repeat(300_000) + '😀'.repeat(50_000))
    await writeTextDurably(path, pieces)
    expect(await readFile(path, 'utf8')).toBe(pieces.join(''))
    expect(await readdir(dir)).toEqual(['sidecar.json'])

    await writeTextDurably(path, [])
    expect(await readFile(path, 'utf8')).toBe('')
  })
})

describe('writeStreamDurably', () => {
  it('writes a stream of strings and byte chunks, small and larger than its buffer, as they came, and leaves no temporary file', async () => {
    const dir = await tempDir()
    const path = join(dir, 'export.json')
    const chunks: (string | Uint8Array)[] = []
    for (let i = 0; i < 3000; i++) chunks.push(i % 3 === 0 ? Buffer.from(`«${i}» 🇸🇾,`) : `row ${i} ${'ü'.repeat(i % 53)}\n`)
    chunks.splice(777, 0, Buffer.alloc(400_000, 0x61), 'b'.repeat(200_000))
    await writeStreamDurably(path, Readable.from(chunks, { objectMode: true }))
    const expected = Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)))
    expect((await readFile(path)).equals(expected)).toBe(true)
    expect(await readdir(dir)).toEqual(['export.json'])
  })
})
