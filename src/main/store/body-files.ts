// Article bodies live outside lowdb, one file per distinct text, named by the sha256 of the text:
// adding a highlight never rewrites the corpus, and identical texts are stored once.

import { mkdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileDurably } from './durable-write'

export class BodyFiles {
  constructor(readonly dir: string) {}

  pathOf(contentHash: string): string {
    if (!/^[0-9a-f]{64}$/.test(contentHash)) throw new Error(`not a sha256 content hash: ${contentHash}`)
    // Two-character fan-out keeps any one folder small enough for every file system at 100k+ bodies.
    return join(this.dir, contentHash.slice(0, 2), `${contentHash}.txt`)
  }

  async read(contentHash: string): Promise<string> {
    return readFile(this.pathOf(contentHash), 'utf8')
  }

  /** Stores a body unless it is already there (same hash, same text). */
  async write(contentHash: string, text: string): Promise<void> {
    const path = this.pathOf(contentHash)
    if (await exists(path)) return
    await mkdir(join(this.dir, contentHash.slice(0, 2)), { recursive: true })
    await writeFileDurably(path, text)
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}
