// Entry of a worker thread that prepares an import's files (see preparation-pool.ts). It is built as
// a bundle of its own (electron.vite.config.ts) and loaded by path, so it must not import electron.

import { parentPort } from 'node:worker_threads'
import { prepareArticleFile } from './prepare-article-file'
import { servePreparations } from './preparation-protocol'

if (!parentPort) throw new Error('prepare-worker runs as a worker thread started by preparation-pool.ts, not on its own')
servePreparations(parentPort, prepareArticleFile)
