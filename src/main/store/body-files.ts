// Article bodies live outside lowdb, one file per distinct text, named by the sha256 of the text:
// adding a highlight never rewrites the corpus, and identical texts are stored once.
//
// Durability: a body is written to a temporary file, flushed to disk, and only then renamed into
// place, so a body file under its final name is always complete. What flush() adds is the folders' entries, the renames themselves; the store calls it
// before committing metadata that points at new bodies. Writes may run concurrently (the importer
// keeps several in flight behind its processing): each is independent until flush().

import { readFile as readFileWithCallback, rename as renameWithCallback, writeFile as writeFileWithCallback } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { syncDirectory } from './durable-write'

// The callback forms: fewer promise and handle objects per file than fs/promises', which showed in
// an import's profile at thousands of bodies.
const readFileAsync = promisify(readFileWithCallback)
const writeFileAsync = promisify(writeFileWithCallback)
const renameAsync = promisify(renameWithCallback)
/** Temporary names need only be unique within the one process that holds the store's lock. */
let temporaryCount = 0

/** Folders flushed at once: enough to fill the disk's queue, few enough to stay under open-file limits. */
const FLUSH_CONCURRENCY = 32

export class BodyFiles {
  /** Writes begun and not yet covered by a flush(), by path: a second write of the same text joins the first. */
  private readonly writes = new Map<string, Promise<void>>()
  /** Folders holding renames (or new folders) not yet flushed to disk. */
  private readonly unsyncedFolders = new Set<string>()
  /** Fan-out folders known to exist, so a write does not ask the file system again. */
  private readonly knownFolders = new Set<string>()

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

  /**
   * Stores a body. The file is complete on disk when this resolves; its name is durable after the
   * next flush(). A body already there (left by an import that crashed before its commit, or by a
   * removed article) is replaced by the same bytes, atomically: cheaper than asking first for every
   * new body, and it never trusts a file this process did not see written.
   */
  write(contentHash: string, text: string): Promise<void> {
    const path = this.pathOf(contentHash)
    let written = this.writes.get(path)
    if (!written) {
      written = this.writeNew(path, text)
      this.writes.set(path, written)
    }
    return written
  }

  private async writeNew(path: string, text: string): Promise<void> {
    const folder = dirname(path)
    if (!this.knownFolders.has(folder)) {
      await mkdir(folder, { recursive: true })
      this.knownFolders.add(folder)
      // A new fan-out folder is an entry in the bodies folder, which must reach the disk too.
      this.unsyncedFolders.add(this.dir)
    }
    const temporary = `${path}.${process.pid}-${++temporaryCount}.tmp`
    try {
      // flush: fsync before the file is closed, so the rename never exposes a body not yet on disk.
      await writeFileAsync(temporary, text, { flush: true })
      await renameAsync(temporary, path)
    } catch (error) {
      await rm(temporary, { force: true })
      throw error
    }
    this.unsyncedFolders.add(folder)
  }

  /**
   * Waits for every write begun so far, then makes their renames durable: their folders' entries,
   * fan-out folders before the bodies folder that lists them. A failed write is its caller's to
   * report (its metadata must not be committed); here it is forgotten, so writing it again retries.
   */
  async flush(): Promise<void> {
    const begun = [...this.writes]
    await Promise.allSettled(begun.map(([, written]) => written))
    for (const [path, written] of begun) if (this.writes.get(path) === written) this.writes.delete(path)
    const folders = [...this.unsyncedFolders].filter((folder) => folder !== this.dir)
    const bodiesFolder = this.unsyncedFolders.has(this.dir)
    this.unsyncedFolders.clear()
    try {
      await inParallel(folders, FLUSH_CONCURRENCY, syncDirectory)
      if (bodiesFolder) await syncDirectory(this.dir)
    } catch (error) {
      for (const folder of folders) this.unsyncedFolders.add(folder)
      if (bodiesFolder) this.unsyncedFolders.add(this.dir)
      throw error
    }
  }
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

