// Article bodies live outside lowdb, one file per distinct text, named by the sha256 of the text:
// adding a highlight never rewrites the corpus, and identical texts are stored once.
//
// Durability is batched: a body is written to a temporary file and renamed into place at once, but
// flushed to disk only by flush(), which the store calls before committing metadata that points at
// the new bodies. Flushing a batch's files concurrently lets the file system commit them together,
// instead of one journal commit per article.

import { readFile as readFileWithCallback } from 'node:fs'
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { pathExists, syncDirectory } from './durable-write'

const readFileAsync = promisify(readFileWithCallback)

/** Files flushed at once: enough to fill the disk's queue, few enough to stay under open-file limits. */
const FLUSH_CONCURRENCY = 32

export class BodyFiles {
  private unsynced = new Set<string>()

  constructor(readonly dir: string) {}

  pathOf(contentHash: string): string {
    if (!/^[0-9a-f]{64}$/.test(contentHash)) throw new Error(`not a sha256 content hash: ${contentHash}`)
    // Two-character fan-out keeps any one folder small enough for every file system at 100k+ bodies.
    return join(this.dir, contentHash.slice(0, 2), `${contentHash}.txt`)
  }

  /**
   * The callback readFile reads a small file in one thread-pool task; fs/promises' takes several round
   * trips, which made reading a page of search results' bodies cost several times more.
   */
  read(contentHash: string): Promise<string> {
    return readFileAsync(this.pathOf(contentHash), 'utf8')
  }

  /** Stores a body unless it is already there (same hash, same text); durable after the next flush(). */
  async write(contentHash: string, text: string): Promise<void> {
    const path = this.pathOf(contentHash)
    if (this.unsynced.has(path) || (await pathExists(path))) return
    await mkdir(dirname(path), { recursive: true })
    const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`
    try {
      await writeFile(temporary, text)
      await rename(temporary, path)
    } catch (error) {
      await rm(temporary, { force: true })
      throw error
    }
    this.unsynced.add(path)
  }

  /** Makes every body written since the last flush durable: file contents, then their folders' entries. */
  async flush(): Promise<void> {
    if (this.unsynced.size === 0) return
    const paths = [...this.unsynced]
    const folders = [...new Set(paths.map((p) => dirname(p)))]
    await inParallel(paths, FLUSH_CONCURRENCY, async (path) => {
      const file = await open(path, 'r')
      try {
        await file.datasync()
      } finally {
        await file.close()
      }
    })
    await inParallel(folders, FLUSH_CONCURRENCY, syncDirectory)
    await syncDirectory(this.dir)
    for (const path of paths) this.unsynced.delete(path)
  }
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

