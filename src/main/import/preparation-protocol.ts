// The messages between an import and its preparation workers, and the worker's side of them: files
// come in by path, are read here (their bytes never pass through the importer's thread) and go back
// prepared, in the order they came, several to a message. The file being prepared is marked in a
// slot shared with the importer, so the importer knows which file a worker was preparing when it
// died or was ended. No store: the worker reads and prepares what it is sent.

import { workerData as startedWith, type MessagePort } from 'node:worker_threads'
import type { CountTerms, FileToPrepare, PreparedArticleFile } from './prepare-article-file'
import { readArticleFileSync, type FileUnread } from './read-ahead'
import { WorkerTermNumbers, type NumberedTerms } from '../search/document-terms'

/** Given to a worker as it starts. */
export interface PreparationWorkerData {
  /** Content hashes of the texts already in the store, whose derivations the worker can skip. */
  knownContentHashes: string[]
  /**
   * One Int32 the worker sets to the job id of the file it is preparing (NOT_PREPARING between files):
   * its replies come several at a time, so when it dies or is ended the importer reads here which
   * file it died on, rather than guessing the oldest file it had not answered.
   */
  preparing?: SharedArrayBuffer
}

/** What PreparationWorkerData.preparing holds while the worker prepares nothing. */
export const NOT_PREPARING = -1
/**
 * Replies sent together: one message per file cost the worker about a tenth of its time at 10,000
 * files (and woke the importer's thread as often). The worker sends what it has sooner when it has
 * no other file to prepare, so the importer never waits on a finished file.
 */
export const REPLIES_PER_MESSAGE = 4

/** A file to read and prepare. */
export interface FileToRead extends FileToPrepare {
  /** What opens the file: its path, or its path's own bytes when they are not UTF-8 (FoundFile.rawPath). */
  source: string | Uint8Array
  /** Larger files are not read (a skip reason). */
  maxBytes: number
}

/** Files to prepare, in order (several per message: each message wakes the worker). */
export interface PrepareRequest {
  files: { jobId: number; file: FileToRead }[]
}

/**
 * Starts an import on a worker kept from an earlier one (preparation-pool.ts's spare): it forgets the
 * texts it knew and the terms it numbered, and learns this import's known texts.
 */
export interface BeginImport {
  kind: 'begin'
  knownContentHashes: string[]
}

/** What a worker gives back for a file: why it could not be read, or what its preparation gave. */
export type FileOutcome = FileUnread | PreparedArticleFile

export type FileReply =
  | { kind: 'prepared'; jobId: number; prepared: FileOutcome }
  /** Terms a file added to the worker's vocabulary though its reply carries none (its preparation failed after counting them), sent before that reply. */
  | { kind: 'terms'; terms: NumberedTerms }

export type WorkerReply =
  /** Sent once the worker's modules have loaded: a worker that dies before this could not start. */
  | { kind: 'ready' }
  /** Files' replies, in the order the files were sent. */
  | { kind: 'replies'; replies: FileReply[] }

export type PrepareFile = (file: FileToPrepare, bytes: Uint8Array, isKnownText: (contentHash: string) => boolean, countTerms: CountTerms) => Promise<PreparedArticleFile>

/** Answers every request on `port`, in order, one file at a time: the file read, then `prepare`'s result. */
export function servePreparations(port: MessagePort, prepare: PrepareFile, data = startedWith as PreparationWorkerData | undefined): void {
  let known = new Set(data?.knownContentHashes ?? [])
  const isKnownText = (contentHash: string) => known.has(contentHash)
  // The importer learns this vocabulary from the replies, in the order they are sent (preparation-pool.ts).
  let termNumbers = new WorkerTermNumbers()
  const countTerms: CountTerms = (text, tally, blanks) => termNumbers.numberText(text, tally, blanks)
  const preparing = data?.preparing
  const preparingNow = preparing ? new Int32Array(preparing) : null
  let outbox: FileReply[] = []
  const send = () => {
    const message: WorkerReply = { kind: 'replies', replies: outbox }
    outbox = []
    port.postMessage(message)
  }
  let queued = 0
  let previous = Promise.resolve()
  port.on('message', (request: PrepareRequest | BeginImport) => {
    if ('kind' in request) {
      previous = previous.then(() => {
        known = new Set(request.knownContentHashes)
        termNumbers = new WorkerTermNumbers()
      })
      return
    }
    queued += request.files.length
    for (const { jobId, file: toRead } of request.files) {
      previous = previous.then(async () => {
        if (preparingNow) Atomics.store(preparingNow, 0, jobId)
        const { source, maxBytes, ...file } = toRead
        const read = readArticleFileSync(source, maxBytes)
        const known = termNumbers.size
        const prepared = read.kind === 'read' ? await prepare(file, read.bytes, isKnownText, countTerms) : read
        const terms = prepared.kind === 'prepared' ? prepared.derived?.searchTerms : undefined
        if (prepared.kind === 'prepared' && prepared.derived && terms && !('numbers' in terms)) prepared.derived.searchTerms = termNumbers.number(terms)
        // The importer learns the vocabulary from the replies, in order: terms counted for a file that
        // then failed must still reach it, or every later reply would be out of order.
        const carried = prepared.kind === 'prepared' && prepared.derived && 'numbers' in prepared.derived.searchTerms
        if (!carried && termNumbers.size > known) {
          outbox.push({ kind: 'terms', terms: { numbers: new Int32Array(0), newTerms: termNumbers.termsFrom(known), firstNew: known, length: 0 } })
        }
        outbox.push({ kind: 'prepared', jobId, prepared })
        if (preparingNow) Atomics.store(preparingNow, 0, NOT_PREPARING)
        queued--
        // Without the shared slot (a worker started by other code) nothing would tell which file a dead
        // worker was on but the order of its answers: then each file is answered as soon as it is done.
        if (queued === 0 || outbox.length >= REPLIES_PER_MESSAGE || !preparingNow) send()
      })
    }
  })
  const ready: WorkerReply = { kind: 'ready' }
  port.postMessage(ready)
}
