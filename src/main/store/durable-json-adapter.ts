// A lowdb adapter whose writes are durable (see durable-write), sealed with a checksum (see
// sealed-json) and serialised: two writes never interleave, and the newest data is what ends on disk.

import { readFile } from 'node:fs/promises'
import type { Adapter } from 'lowdb'
import { writeChunksDurably } from './durable-write'
import { openSealedJson, sealJsonPieces } from './sealed-json'

export class StoreFileError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message)
    this.name = 'StoreFileError'
  }
}

export class DurableJsonFile<T> implements Adapter<T> {
  private queue: Promise<void> = Promise.resolve()

  constructor(readonly path: string) {}

  async read(): Promise<T | null> {
    let raw: Buffer
    try {
      raw = await readFile(this.path)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
    const read = openSealedJson(raw)
    if (read.kind === 'damaged') throw new StoreFileError(this.path, `${this.path} is damaged (${read.reason})`)
    const { checksum: _checksum, ...data } = read.data
    return data as T
  }

  write(data: T): Promise<void> {
    // Serialise now: the caller may mutate `data` again before an earlier write finishes.
    const pieces = sealJsonPieces(JSON.stringify(data))
    const next = this.queue.then(() => writeChunksDurably(this.path, pieces))
    this.queue = next.catch(() => undefined)
    return next
  }
}
