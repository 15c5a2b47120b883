// The messages between an import and its preparation workers, and the worker's side of them: files
// come in with their bytes, and go back prepared, one at a time in the order they came, so the
// importer knows which file a worker was preparing when it died (the oldest one it has not answered).
// No store, no file system: the worker prepares what it is sent.

import { workerData as startedWith, type MessagePort } from 'node:worker_threads'
import type { FileToPrepare, PreparedArticleFile } from './prepare-article-file'

/** Given to a worker as it starts. */
export interface PreparationWorkerData {
  /** Content hashes of the texts already in the store, whose derivations the worker can skip. */
  knownContentHashes: string[]
}

export interface PrepareRequest {
  jobId: number
  file: FileToPrepare
  /** The file's bytes, transferred (the sender no longer has them). */
  bytes: Uint8Array
}

export type WorkerReply =
  /** Sent once the worker's modules have loaded: a worker that dies before this could not start. */
  { kind: 'ready' } | { kind: 'prepared'; jobId: number; prepared: PreparedArticleFile }

export type PrepareFile = (file: FileToPrepare, bytes: Uint8Array, isKnownText: (contentHash: string) => boolean) => Promise<PreparedArticleFile>

/** Answers every request on `port` with `prepare`'s result, in order, one file at a time. */
export function servePreparations(port: MessagePort, prepare: PrepareFile): void {
  const known = new Set((startedWith as PreparationWorkerData | undefined)?.knownContentHashes ?? [])
  const isKnownText = (contentHash: string) => known.has(contentHash)
  let previous = Promise.resolve()
  port.on('message', (request: PrepareRequest) => {
    previous = previous.then(async () => {
      const reply: WorkerReply = { kind: 'prepared', jobId: request.jobId, prepared: await prepare(request.file, request.bytes, isKnownText) }
      port.postMessage(reply)
    })
  })
  const ready: WorkerReply = { kind: 'ready' }
  port.postMessage(ready)
}
