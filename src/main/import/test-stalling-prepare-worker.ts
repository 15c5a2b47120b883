// A preparation worker for tests: it prepares files as prepare-worker.ts does, except that a file
// whose name asks for it stalls the worker thread in a loop that never yields, as a parser caught
// by a hostile file would: only ending the thread stops it. As it stalls it writes a file beside the
// stalling one (its path + STALLED_SUFFIX), so a test knows when the stall has begun.

import { writeFileSync } from 'node:fs'
import { parentPort } from 'node:worker_threads'
import { prepareArticleFile } from './prepare-article-file'
import { servePreparations } from './preparation-protocol'

/** A file with this in its name stalls the worker that prepares it (the tests name files so). */
const STALLING_FILE_MARK = 'stall-the-worker'
const STALLED_SUFFIX = '.stalled'

if (!parentPort) throw new Error('test-stalling-prepare-worker runs as a worker thread')
servePreparations(parentPort, async (file, bytes, isKnownText) => {
  if (file.path.includes(STALLING_FILE_MARK)) {
    try {
      writeFileSync(file.path + STALLED_SUFFIX, '')
    } catch {
      // A file given by path only (no folder on disk): nobody is waiting for the sign.
    }
    // Synchronous and endless: no promise, timer or message can interrupt it.
    for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000)
  }
  return prepareArticleFile(file, bytes, isKnownText)
})
