// Entry of a worker thread of the entity index (see derived/derived-index-runner.ts). Built as a
// bundle of its own (electron.vite.config.ts) and loaded by path, so it must not import electron.

import { parentPort } from 'node:worker_threads'
import { serveDerivedAnalysis } from '../derived/derived-worker-protocol'
import { analyseEntities } from './extract-article-entities'

if (!parentPort) throw new Error('entity-worker runs as a worker thread started by the derived index runner, not on its own')
serveDerivedAnalysis(parentPort, analyseEntities)
