// A preparation worker for tests: it prepares files as prepare-worker.ts does, search terms counted
// in its vocabulary, but gives up on a file whose name has FAILING_FILE_MARK after its terms were
// counted: as a preparation that fails late would, leaving terms the importer never got from a reply.

import { parentPort } from 'node:worker_threads'
import { prepareArticleFile } from './prepare-article-file'
import { servePreparations } from './preparation-protocol'

const FAILING_FILE_MARK = 'fail-after-counting'

if (!parentPort) throw new Error('test-failing-after-counting-prepare-worker runs as a worker thread')
servePreparations(parentPort, async (file, bytes, isKnownText, countTerms) => {
  const prepared = await prepareArticleFile(file, bytes, isKnownText, countTerms)
  if (file.path.includes(FAILING_FILE_MARK)) return { kind: 'skipped', reason: 'failed after counting its search terms (test worker)' }
  return prepared
})
