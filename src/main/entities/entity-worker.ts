// Entry of a worker thread that extracts entities (see entity-workers.ts). Built as a bundle of its
// own (electron.vite.config.ts) and loaded by path, so it must not import electron. One map of name
// types per worker: the tagger runs on a name's first sentences only (extract-entities.ts).

import { parentPort } from 'node:worker_threads'
import type { KnownTypes } from '../../shared/entities/extract-entities'
import { extractForIndex } from './extract-article-entities'
import type { EntityReply, EntityRequest } from './entity-workers'

if (!parentPort) throw new Error('entity-worker runs as a worker thread started by entity-workers.ts, not on its own')
const port = parentPort
const knownTypes = new Map() as KnownTypes
port.on('message', (request: EntityRequest) => {
  const reply: EntityReply = {
    kind: 'extracted',
    batchId: request.batchId,
    results: request.articles.map((a) => ({ articleId: a.articleId, contentHash: a.contentHash, names: extractForIndex(a.text, knownTypes) })),
  }
  port.postMessage(reply)
})
const ready: EntityReply = { kind: 'ready' }
port.postMessage(ready)
