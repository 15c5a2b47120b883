// Entry of the worker thread that clusters copied passages for the provenance index (see
// passage-reuse-in-worker.ts). Built as a bundle of its own (electron.vite.config.ts) and loaded by
// path, so it must not import electron.

import { parentPort } from 'node:worker_threads'
import { clusterCopiedPassages } from './passage-reuse'
import type { ClusterRequest } from './passage-reuse-in-worker'

if (!parentPort) throw new Error('passage-reuse-worker runs as a worker thread started by passage-reuse-in-worker.ts, not on its own')
const port = parentPort
port.once('message', ({ sketches, articles }: ClusterRequest) => {
  const clusters = clusterCopiedPassages(sketches, articles)
  port.postMessage(clusters, [clusters.buffer])
})
