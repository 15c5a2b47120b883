// Reads an import's files ahead of the one being processed, a bounded number at a time, and hands
// them over in listing order. A read never throws: a file that cannot be read, or is too large to
// read at all, is an outcome the importer turns into a skip reason. Reads have no side effects, so
// those still running when an import is cancelled are simply left to finish and dropped.

import { closeSync, fstatSync, openSync, readFile, readSync, stat } from 'node:fs'
import { promisify } from 'node:util'

// The callback forms read a small file in fewer thread-pool round trips than fs/promises' (see body-files.ts).
const readFileAsync = promisify(readFile)
const statAsync = promisify(stat)

export type FileRead = { kind: 'read'; bytes: Buffer } | { kind: 'too-large'; size: number; limit: number } | { kind: 'failed'; code: string }

/** A file's bytes (by its path, or its raw bytes for a name that is not UTF-8), unless it is larger than `maxBytes`: its size is checked before anything is read. */
export async function readArticleFile(path: string | Buffer, maxBytes: number): Promise<FileRead> {
  try {
    const { size } = await statAsync(path)
    if (size > maxBytes) return { kind: 'too-large', size, limit: maxBytes }
    return { kind: 'read', bytes: await readFileAsync(path) }
  } catch (error) {
    return { kind: 'failed', code: (error as NodeJS.ErrnoException).code ?? 'error' }
  }
}

/**
 * readArticleFile, synchronously: for a preparation worker, which reads the files it prepares itself
 * (a file's bytes never pass through the importer's thread). Four system calls on one descriptor
 * (open, fstat, read, close), where the asynchronous form makes five round trips through the thread
 * pool, each waking the importer's thread.
 */
export function readArticleFileSync(path: string | Uint8Array, maxBytes: number): FileRead {
  let fd: number | undefined
  try {
    fd = openSync(typeof path === 'string' ? path : Buffer.from(path.buffer, path.byteOffset, path.byteLength), 'r')
    const { size } = fstatSync(fd)
    if (size > maxBytes) return { kind: 'too-large', size, limit: maxBytes }
    // A file that grows while it is read is read to the size it had (as readFile reads at most what fstat said).
    const bytes = Buffer.allocUnsafeSlow(size)
    let read = 0
    while (read < size) {
      const got = readSync(fd, bytes, read, size - read, read)
      if (got === 0) break
      read += got
    }
    return { kind: 'read', bytes: read === size ? bytes : bytes.subarray(0, read) }
  } catch (error) {
    return { kind: 'failed', code: (error as NodeJS.ErrnoException).code ?? 'error' }
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd)
      } catch {
        // Read already (or failed already, which is the reason given): nothing is lost.
      }
    }
  }
}

/** What a read that gave no bytes gives instead: why. */
export type FileUnread = Exclude<FileRead, { kind: 'read' }>

export interface ReadAhead<R> {
  /** The next item's result, in the items' order. Call at most once per item. */
  next(): Promise<R>
}

/** Starts `read` on up to `depth` items beyond the one asked for; `read` must not reject. */
export function readAhead<T, R>(items: readonly T[], depth: number, read: (item: T) => Promise<R>): ReadAhead<R> {
  const started: Promise<R>[] = []
  let taken = 0
  const startUpTo = (end: number) => {
    while (started.length < Math.min(end, items.length)) started.push(read(items[started.length] as T))
  }
  return {
    next() {
      if (taken >= items.length) throw new RangeError('read past the last item')
      startUpTo(taken + 1 + depth)
      const result = started[taken] as Promise<R>
      // Dropped once handed over, so a large import does not keep every file's bytes.
      delete started[taken]
      taken++
      return result
    },
  }
}
