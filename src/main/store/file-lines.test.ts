import fc from 'fast-check'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../test-support/temp-dir'
import { readFileLines } from './file-lines'

async function linesOf(path: string, blockBytes: number): Promise<string[] | null> {
  const lines = await readFileLines(path, blockBytes)
  if (!lines) return null
  const out: string[] = []
  // Each line's bytes are decoded before the next is asked for, as the sidecar reader does.
  for await (const bytes of lines) out.push(bytes.toString('utf8'))
  return out
}

describe('readFileLines', () => {
  it('gives the lines of any UTF-8 text, whatever the block size, lines and characters split across blocks included (property)', async () => {
    const dir = await tempDir()
    const path = join(dir, 'lines.txt')
    const line = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }).map((s) => s.replaceAll('\n', ' ')),
      fc.constantFrom('', ']}', 'é€😀'),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          line.map((s) => s.replaceAll('\n', '')),
          { maxLength: 12 },
        ),
        fc.boolean(),
        fc.integer({ min: 1, max: 24 }),
        async (lines, endsWithLf, blockBytes) => {
          const text = lines.join('\n') + (endsWithLf && lines.length > 0 ? '\n' : '')
          await writeFile(path, text, 'utf8')
          const expected = text === '' ? [] : text.split('\n')
          if (expected.at(-1) === '') expected.pop()
          // Lone surrogates are written as U+FFFD: compare with what the file holds.
          const onDisk = expected.map((l) => Buffer.from(l, 'utf8').toString('utf8'))
          expect(await linesOf(path, blockBytes)).toEqual(onDisk)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('reads a line longer than many blocks whole, and gives null for a missing file', async () => {
    const dir = await tempDir()
    const path = join(dir, 'long.txt')
    await writeFile(path, `head\n${'ü'.repeat(5000)}\ntail`)
    expect(await linesOf(path, 7)).toEqual(['head', 'ü'.repeat(5000), 'tail'])
    expect(await linesOf(join(dir, 'missing.txt'), 7)).toBeNull()
  })
})
