// A full disk, for real: a 3 MB tmpfs (as root, where mounting is allowed; else the test is
// skipped). A failed save changes nothing in memory either, and a store that cannot be written at
// open opens read-only, saying why.

import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Article } from '../../shared/model'
import { tempDir } from '../test-support/temp-dir'
import { CorpusStore } from './corpus-store'

let mounted: string | null = null

afterEach(() => {
  if (mounted) execFileSync('umount', ['-l', mounted])
  mounted = null
})

function mountSmallDisk(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', dir], { stdio: 'ignore' })
    mounted = dir
    return true
  } catch {
    return false
  }
}

const at = '2031-01-01T00:00:00.000Z'
function article(n: number, text: string): Article {
  const contentHash = createHash('sha256').update(text).digest('hex')
  return {
    id: `a${n}`,
    title: `Article ${n}`,
    outlet: null,
    date: null,
    author: null,
    url: null,
    paths: [`/x/${n}.txt`],
    wordCount: 1,
    contentHash,
    fileHash: contentHash,
    importedAt: at,
    nearDuplicateOf: null,
    edited: [],
    outletSource: null,
  }
}

async function fillDisk(dir: string): Promise<void> {
  const chunk = Buffer.alloc(64 * 1024, 0x61)
  for (let i = 0; ; i++) {
    try {
      await writeFile(join(dir, `filler-${i}`), chunk)
    } catch {
      break
    }
  }
  // Whatever is left below one chunk.
  for (let i = 0; ; i++) {
    try {
      await writeFile(join(dir, `crumb-${i}`), Buffer.alloc(1024, 0x61))
    } catch {
      return
    }
  }
}

describe('a full disk', () => {
  it('refuses a save without running ahead of the disk, then opens read-only and says why', async (context) => {
    const dir = await tempDir()
    if (!mountSmallDisk(dir)) return context.skip()
    const storeDir = join(dir, 'store')
    let store = await CorpusStore.open(storeDir)
    const text = 'A small text. '.repeat(50)
    await store.writeBody(article(1, text).contentHash, text)
    await store.saveArticles([article(1, text)])
    await store.addClaim({ id: 'c1', text: 'one', tags: [], note: '', statusOverride: null, createdAt: at, updatedAt: at })
    await fillDisk(dir)

    // A library write that fails leaves the library in memory as it is on disk.
    const big = 'x'.repeat(400_000)
    await expect(
      (async () => {
        await store.writeBody(article(2, big).contentHash, big)
        await store.saveArticles([article(2, big)])
      })(),
    ).rejects.toThrow(/no space|disk is full/i)
    expect(store.listArticles().map((a) => a.id)).toEqual(['a1'])
    expect(store.getArticle('a2')).toBeUndefined()
    await store.close()

    store = await CorpusStore.open(storeDir)
    expect(store.readOnly).toBe(true)
    expect(store.notices.join('\n')).toMatch(/disk holding .* is full, so the store was opened read-only/)
    expect(store.listArticles().map((a) => a.id)).toEqual(['a1'])
    expect(store.claims.map((c) => c.id)).toEqual(['c1'])
    expect(await store.readBody(store.requireArticle('a1'))).toBe(text)
    await expect(store.addClaim({ id: 'c2', text: 'two', tags: [], note: '', statusOverride: null, createdAt: at, updatedAt: at })).rejects.toThrow(
      /disk holding .* is full.* Free some space/,
    )
    await store.close()
  }, 60_000)
})
