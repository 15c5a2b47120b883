// Writes an export to the file the user named, atomically: a temporary file beside it, flushed and
// renamed over it (store/durable-write), so a full disk, a permission error or a crash leaves the
// old file or none, never half of one. A failure becomes a plain sentence that says what happened
// and what to do, not the system's errno.

import { basename, dirname } from 'node:path'
import type { Duplex, Readable } from 'node:stream'
import { UserError } from '../../shared/result'
import { writeChunksDurably, writeFileDurably, writeStreamDurably } from '../store/durable-write'

/** Writes a whole export (text or bytes) to `path` atomically; throws a UserError('io') saying why when it cannot. */
export async function writeExportFile(path: string, data: string | Uint8Array): Promise<void> {
  try {
    await writeFileDurably(path, data)
  } catch (error) {
    throw exportWriteError(path, error)
  }
}

/** The same for an export streamed chunk by chunk. */
export async function writeExportStream(path: string, source: Readable, transform?: Duplex): Promise<void> {
  try {
    await writeStreamDurably(path, source, transform)
  } catch (error) {
    throw exportWriteError(path, error)
  }
}

/** The same for an export made chunk by chunk, each written before the next is asked for (durable-write's writeChunksDurably). */
export async function writeExportChunks(path: string, chunks: Iterable<Uint8Array>): Promise<void> {
  try {
    await writeChunksDurably(path, chunks)
  } catch (error) {
    throw exportWriteError(path, error)
  }
}

/**
 * A file-system error on writing `path` as a UserError('io') with a plain sentence; anything that is
 * not a file-system error (a bug) is returned as it was.
 */
export function exportWriteError(path: string, error: unknown): unknown {
  if (error instanceof UserError) return error
  const sentence = describeWriteFailure(path, error)
  return sentence ? new UserError('io', sentence) : error
}

/**
 * What a file-system error on writing `path` means for the user, or null when it is not one. For an
 * export (the default) the sentence says that nothing was written and to export again; `generic`
 * words it for any other write (the store, a lock).
 */
export function describeWriteFailure(path: string, error: unknown, options: { generic?: boolean } = {}): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code
  const folder = dirname(path)
  const nothingLeft = options.generic ? '' : `Nothing was written to ${path}. `
  const again = options.generic ? 'try again' : 'export again'
  switch (code) {
    case 'ENOSPC':
      return `The disk holding ${folder} is full, so ${basename(path)} could not be written. ${nothingLeft}Free some space or choose another place, then ${again}.`
    case 'EDQUOT':
      return `Your disk quota on ${folder} is used up, so ${basename(path)} could not be written. ${nothingLeft}Free some space or choose another place, then ${again}.`
    case 'EACCES':
    case 'EPERM':
      return `Permission denied: you may not write files in ${folder}. ${nothingLeft}Choose a folder you can write to.`
    case 'EROFS':
      return `${folder} is on a read-only file system. ${nothingLeft}Choose a folder you can write to.`
    case 'ENOENT':
      return `The folder ${folder} does not exist. Create it or choose another place for the export.`
    case 'ENOTDIR':
      return `${folder} is not a folder. Choose another place for the export.`
    case 'EISDIR':
      return `${path} is a folder, not a file. Name a file to export to.`
    case 'EIO':
      return `The disk reported an input/output error while writing ${path}. ${nothingLeft}Check the disk, then ${again}.`
    case 'EMFILE':
    case 'ENFILE':
      return `Too many files are open on this system to write ${path}. ${nothingLeft}Close some programs, then ${again}.`
    case 'ENAMETOOLONG':
      return `The name ${path} is too long for the file system. Choose a shorter one.`
    default:
      return null
  }
}
