// A preparation worker for tests: it prepares files as prepare-worker.ts does, except that a file
// whose name asks for it crashes the worker thread, as a parser bug or an exhausted heap would.

import { parentPort } from 'node:worker_threads'
import { prepareArticleFile } from './prepare-article-file'
import { servePreparations } from './preparation-protocol'

/** A file with this in its name crashes the worker that prepares it (the tests name files so). */
const CRASHING_FILE_MARK = 'crash-the-worker'

if (!parentPort) throw new Error('test-crashing-prepare-worker runs as a worker thread')
servePreparations(parentPort, async (file, bytes, isKnownText) => {
  if (file.path.includes(CRASHING_FILE_MARK)) {
    // Thrown outside any promise chain, so nothing can catch it: the worker dies of it.
    setImmediate(() => {
      throw new Error(`simulated crash on ${file.relativePath}`)
    })
    return new Promise(() => {})
  }
  return prepareArticleFile(file, bytes, isKnownText)
})
