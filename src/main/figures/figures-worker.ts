// Entry of a worker thread of the figures index (see derived/derived-index-runner.ts). Built as a
// bundle of its own (electron.vite.config.ts) and loaded by path, so it must not import electron.

import { parentPort } from 'node:worker_threads'
import { serveDerivedAnalysis } from '../derived/derived-worker-protocol'
import { figuresOfText } from './figure-rows'

if (!parentPort) throw new Error('figures-worker runs as a worker thread started by the derived index runner, not on its own')
serveDerivedAnalysis(parentPort, (article) => figuresOfText(article.text))
