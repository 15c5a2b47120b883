// A real full disk for tests: a small tmpfs mounted in a temporary folder (Linux, as root, as on CI
// here). Where mounting is not allowed, `mountSmallDisk` returns null and the test falls back to an
// injected error; it never pretends.

import { execFile } from 'node:child_process'
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach } from 'vitest'
import { tempDir } from './temp-dir'

const run = promisify(execFile)
const mounted: string[] = []

afterEach(async () => {
  // Vitest runs afterEach hooks last-registered first: this unmounts before temp-dir's hook removes the folder.
  for (const dir of mounted.splice(0)) await run('umount', [dir]).catch(() => undefined)
})

export interface SmallDisk {
  dir: string
}

/** Mounts a tmpfs of `bytes` (read-only with `readOnly`); null where this machine does not allow it. */
export async function mountSmallDisk(bytes: number, options: { readOnly?: boolean } = {}): Promise<SmallDisk | null> {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null
  const dir = await tempDir('triangulate-disk-')
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${bytes}${options.readOnly ? ',ro' : ''}`, 'tmpfs', dir])
  } catch {
    return null
  }
  mounted.push(dir)
  return { dir }
}

/** Fills a disk until it refuses another byte: a file `name` takes whatever space is left. */
export async function fillDisk(dir: string, name = 'filler'): Promise<void> {
  const file = await open(join(dir, name), 'w')
  const chunk = Buffer.alloc(64 * 1024, 0x61)
  try {
    for (;;) {
      try {
        await file.write(chunk)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
        break
      }
    }
    // Then the last bytes a whole chunk did not fit in.
    for (;;) {
      try {
        const { bytesWritten } = await file.write(chunk, 0, 1)
        if (bytesWritten === 0) break
      } catch {
        break
      }
    }
  } finally {
    await file.close()
  }
}
