// A preparation worker for tests: it prepares files as prepare-worker.ts does, and tells with each
// prepared file how many messages it had been sent by then, so a test sees how files are batched.

import { parentPort } from 'node:worker_threads'
import { prepareArticleFile } from './prepare-article-file'
import { servePreparations } from './preparation-protocol'

if (!parentPort) throw new Error('test-counting-prepare-worker runs as a worker thread')
let messages = 0
// Registered before servePreparations' own listener, so a message is counted before its files are prepared.
parentPort.on('message', () => messages++)
servePreparations(parentPort, async (file, bytes, isKnownText) => ({ ...(await prepareArticleFile(file, bytes, isKnownText)), messagesReceived: messages }))
