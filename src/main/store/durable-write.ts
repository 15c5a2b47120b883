// Replaces a file so that a crash or power loss at any moment leaves either the old content or the
// new, never a mix or an empty file: write a temporary file beside it, flush it to disk, rename it
// over the target, then flush the folder so the rename itself is on disk. lowdb's own writer stops
// after the rename, which is how power cuts have emptied lowdb files.

import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { type FileHandle, open, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Duplex, Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

export function writeFileDurably(path: string, data: string | Uint8Array): Promise<void> {
  return replaceDurably(path, (file) => file.writeFile(data))
}

/**
 * The same for content streamed in chunks (a large export): memory stays flat, and the target
 * appears only once every chunk is on disk, so a failed or interrupted export never leaves half a file.
 */
export function writeStreamDurably(path: string, source: Readable, transform?: Duplex): Promise<void> {
  return replaceDurably(path, (file) => {
    const destination = (chunks: AsyncIterable<string | Uint8Array>) => writeInBatches(file, chunks)
    return transform ? pipeline(source, transform, destination) : pipeline(source, destination)
  })
}

/**
 * The same for content made chunk by chunk by the caller (the evidence CSV): each chunk is on its way
 * to the file, written whole, before the next is asked for, so the maker may fill the memory of the
 * chunks it gave out again once it is asked for another (csv-record.ts CsvChunkWriter.recycle). No
 * stream between them: a stream reads ahead, asking for the next chunk while the last is still held.
 */
export function writeChunksDurably(path: string, chunks: Iterable<Uint8Array>): Promise<void> {
  return replaceDurably(path, async (file) => {
    for (const chunk of chunks) await writeWhole(file, chunk)
  })
}

/**
 * The same for text made a piece at a time (a derived index's sidecar, an entry per piece): each
 * piece is encoded into one buffer, written whenever it fills and filled again (BatchedWrites).
 */
export function writeTextDurably(path: string, pieces: Iterable<string | Uint8Array>, ending?: TextEnding): Promise<void> {
  return replaceDurably(path, async (file) => {
    const out = new BatchedWrites(file, ending?.seen)
    for (const piece of pieces) {
      const flushing = out.add(piece)
      if (flushing) await flushing
    }
    await out.flush()
    if (ending) await writeWhole(file, Buffer.from(ending.last(), 'utf8'))
  })
}

/** A last piece made from every byte written before it (a sealed store file's checksum: sealed-json.ts). */
export interface TextEnding {
  /** Called with the bytes of the pieces, in order, as they go to the file. */
  seen: (bytes: Uint8Array) => void
  /** The last piece, asked for once every byte before it has been seen. */
  last: () => string
}

async function writeWhole(file: FileHandle, bytes: Uint8Array): Promise<void> {
  let written = 0
  while (written < bytes.byteLength) written += (await file.write(bytes, written, bytes.byteLength - written)).bytesWritten
}

/** Bytes per write: few system calls, and one buffer this size per file being written. */
const WRITE_BATCH_BYTES = 256 * 1024

/**
 * Pieces of text or bytes gathered into one buffer, written whenever it fills and filled again. A
 * buffer per piece, joined into another per write, left provenance's 46 MB sidecar at 10,000 articles
 * about twice its size in dead buffers after every save: memory outside V8's heap that comes back
 * only when a full collection finds it dead.
 */
class BatchedWrites {
  private readonly batch = Buffer.allocUnsafe(WRITE_BATCH_BYTES)
  private at = 0

  constructor(
    private readonly file: FileHandle,
    private readonly seen?: (bytes: Uint8Array) => void,
  ) {}

  /** Adds a piece; returns the write to wait for when the batch had to be written first. */
  add(piece: string | Uint8Array): Promise<void> | undefined {
    // A string's room at its longest in UTF-8 (three bytes per UTF-16 code unit), so it is never cut.
    const room = typeof piece === 'string' ? piece.length * 3 : piece.byteLength
    if (room <= this.batch.length - this.at) {
      this.put(piece)
      return undefined
    }
    return this.flushThenAdd(piece, room)
  }

  async flush(): Promise<void> {
    if (this.at === 0) return
    await this.write(this.batch.subarray(0, this.at))
    this.at = 0
  }

  private async flushThenAdd(piece: string | Uint8Array, room: number): Promise<void> {
    await this.flush()
    if (room > this.batch.length) await this.write(typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece)
    else this.put(piece)
  }

  private write(bytes: Uint8Array): Promise<void> {
    this.seen?.(bytes)
    return writeWhole(this.file, bytes)
  }

  private put(piece: string | Uint8Array): void {
    if (typeof piece === 'string') this.at += this.batch.write(piece, this.at, 'utf8')
    else {
      this.batch.set(piece, this.at)
      this.at += piece.byteLength
    }
  }
}

async function writeInBatches(file: FileHandle, chunks: AsyncIterable<string | Uint8Array>): Promise<void> {
  const out = new BatchedWrites(file)
  for await (const chunk of chunks) {
    const flushing = out.add(chunk)
    if (flushing) await flushing
  }
  await out.flush()
}

async function replaceDurably(path: string, write: (file: FileHandle) => Promise<void>): Promise<void> {
  const dir = dirname(path)
  const temporary = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    const file = await open(temporary, 'w')
    try {
      await write(file)
      await file.sync()
    } finally {
      await file.close()
    }
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
  await syncDirectory(dir)
}

/**
 * Appends to a file (created if missing) and flushes it to disk before resolving; returns the file's
 * new size. An append that fails part-way (a full disk) is cut back off, so the next one never lands
 * glued to half of this one, which would read as damage in the middle of the file.
 */
export async function appendFileDurably(path: string, data: string | Uint8Array): Promise<number> {
  const file = await open(path, 'a')
  try {
    const { size } = await file.stat()
    try {
      await file.writeFile(data)
      await file.datasync()
    } catch (error) {
      await file.truncate(size).catch(() => undefined)
      throw error
    }
    return size + (typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength)
  } finally {
    await file.close()
  }
}

/** Cuts a file (created empty if missing) back to `length` bytes when it is longer, and flushes the cut. */
export async function truncateFileDurably(path: string, length: number): Promise<void> {
  const file = await open(path, constants.O_RDWR | constants.O_CREAT)
  try {
    if ((await file.stat()).size > length) {
      await file.truncate(length)
      await file.datasync()
    }
  } finally {
    await file.close()
  }
}

/** Flushes a folder's entries (a rename lives there). Windows cannot open folders; it journals renames itself. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle
  try {
    handle = await open(dir, 'r')
    await handle.sync()
  } catch (error) {
    if (!isUnsupportedDirectorySync(error)) throw error
  } finally {
    await handle?.close()
  }
}

function isUnsupportedDirectorySync(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'EISDIR' || code === 'EPERM' || code === 'EINVAL' || code === 'EACCES'
}

export async function pathExists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}
