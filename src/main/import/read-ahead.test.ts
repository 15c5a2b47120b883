import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../test-support/temp-dir'
import { readAhead, readArticleFile } from './read-ahead'

describe('readAhead', () => {
  it('hands results over in order though later reads finish first, with at most depth + 1 running', async () => {
    const items = Array.from({ length: 20 }, (_, i) => i)
    let running = 0
    let mostRunning = 0
    const reads = readAhead(items, 4, async (i) => {
      running++
      mostRunning = Math.max(mostRunning, running)
      // Earlier items take longer: finishing order is the reverse of the listing within a window.
      await new Promise((resolve) => setTimeout(resolve, (20 - i) % 5))
      running--
      return i * 10
    })
    const results = []
    for (const _ of items) results.push(await reads.next())
    expect(results).toEqual(items.map((i) => i * 10))
    expect(mostRunning).toBeLessThanOrEqual(5)
    expect(() => reads.next()).toThrow(RangeError)
  })
})

describe('readArticleFile', () => {
  it('reads a file, sizes one over the limit without reading it, and names why one could not be read', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'a.txt'), 'Headline\nBody.')
    expect(await readArticleFile(join(dir, 'a.txt'), 100)).toEqual({ kind: 'read', bytes: Buffer.from('Headline\nBody.') })
    expect(await readArticleFile(join(dir, 'a.txt'), 5)).toEqual({ kind: 'too-large', size: 14, limit: 5 })
    expect(await readArticleFile(join(dir, 'missing.txt'), 100)).toEqual({ kind: 'failed', code: 'ENOENT' })
  })
})
