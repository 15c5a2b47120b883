// A lowdb adapter whose writes are durable (see durable-write) and serialised: two writes never
// interleave, and the newest data is what ends on disk.

import { readFile } from 'node:fs/promises'
import type { Adapter } from 'lowdb'
import { writeFileDurably } from './durable-write'

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
    let raw: string
    try {
      raw = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
    try {
      return JSON.parse(raw) as T
    } catch (error) {
      throw new StoreFileError(this.path, `${this.path} is not valid JSON (${(error as Error).message})`)
    }
  }

  write(data: T): Promise<void> {
    // Serialise now: the caller may mutate `data` again before an earlier write finishes.
    const text = JSON.stringify(data)
    const next = this.queue.then(() => writeFileDurably(this.path, text))
    this.queue = next.catch(() => undefined)
    return next
  }
}
