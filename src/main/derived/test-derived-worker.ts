// A worker entry for the runner's tests: the word-count analysis of derived-index-runner.test.ts, or,
// for an article titled "crash", a worker that dies mid-batch.

import { parentPort } from 'node:worker_threads'
import { serveDerivedAnalysis } from './derived-worker-protocol'
import { countWordsForTest } from './test-analysis'

if (!parentPort) throw new Error('test-derived-worker runs as a worker thread')
serveDerivedAnalysis(parentPort, (article) => {
  if (article.title === 'crash') process.exit(3)
  return { ...countWordsForTest(article), thread: 'worker' }
})
