// A file's lines read a block at a time, so that a large file (a derived index's sidecar: 46 MB for
// provenance at 10,000 articles, 462 MB at 100,000) never sits in memory whole: each line is handed
// over as bytes in the block it was read into, and the block is filled again with the next bytes.
// Lines are split at LF bytes, which never occur inside a multi-byte UTF-8 character, so each line
// decodes whole on its own. Reads only; the store module is its one user.

import { open } from 'node:fs/promises'

/** Bytes read per call: a few hundred lines of a sidecar, little memory, few system calls. */
const BLOCK_BYTES = 1024 * 1024
const LF = 0x0a

/**
 * The file's lines as bytes, without their LF, in order; a last line with no LF after it is given
 * too, unless it is empty. A line's bytes are valid only until the next line is asked for (they are
 * the reading block's own, read into again): decode or copy them first. Null when there is no such
 * file. The file is closed when the lines end or the caller stops early.
 */
export async function readFileLines(path: string, blockBytes = BLOCK_BYTES): Promise<AsyncGenerator<Buffer> | null> {
  let file: Awaited<ReturnType<typeof open>>
  try {
    file = await open(path, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  return (async function* () {
    try {
      const block = Buffer.allocUnsafe(blockBytes)
      // The start of a line that runs past the end of a block, copied out before the block is read into again.
      let partial: Buffer[] = []
      for (;;) {
        const { bytesRead } = await file.read(block, 0, blockBytes, null)
        if (bytesRead === 0) break
        let from = 0
        for (;;) {
          const end = block.indexOf(LF, from)
          if (end < 0 || end >= bytesRead) break
          if (partial.length > 0) {
            partial.push(block.subarray(from, end))
            yield Buffer.concat(partial)
            partial = []
          } else {
            yield block.subarray(from, end)
          }
          from = end + 1
        }
        if (from < bytesRead) partial.push(Buffer.from(block.subarray(from, bytesRead)))
      }
      const last = Buffer.concat(partial)
      if (last.length > 0) yield last
    } finally {
      await file.close()
    }
  })()
}
