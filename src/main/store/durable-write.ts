// Replaces a file so that a crash or power loss at any moment leaves either the old content or the
// new, never a mix or an empty file: write a temporary file beside it, flush it to disk, rename it
// over the target, then flush the folder so the rename itself is on disk. lowdb's own writer stops
// after the rename, which is how power cuts have emptied lowdb files.

import { randomBytes } from 'node:crypto'
import { open, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

export async function writeFileDurably(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path)
  const temporary = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    const file = await open(temporary, 'w')
    try {
      await file.writeFile(data)
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
