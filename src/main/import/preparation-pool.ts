// Reads and prepares an import's files (prepareArticleFile) in worker threads, so that no file,
// however hostile, can hold the importer's thread (the service's event loop), and no file's bytes
// pass through it: every import has at least one worker, and files wait for it to load rather than
// being prepared here meanwhile. A file whose preparation takes longer than FILE_TIME_LIMIT_MS is
// skipped with the reason and its worker ended; closing the pool (an import cancelled) ends the
// workers at once, mid-file. A file whose preparation crashes a worker is skipped with the reason;
// the other files that worker held come back as 'interrupted', for the importer to send again, and a
// new worker takes over. Files are prepared on the importer's own thread only when asked (workers: 0)
// or when no worker can be had: none could start, or too many crashed. The workers belong to one
// import: close() ends them, but for one an import that went to its end may keep, idle, for the next
// (the spare). A worker keeps the process alive only while it loads or holds a file. Knows nothing of
// the store or the listing order: files come back in whatever order they finish.

import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { TermVocabulary } from '../search/document-terms'
import { prepareArticleFile } from './prepare-article-file'
import {
  NOT_PREPARING,
  REPLIES_PER_MESSAGE,
  type FileOutcome,
  type FileToRead,
  type PreparationWorkerData,
  type BeginImport,
  type PrepareRequest,
  type WorkerReply,
} from './preparation-protocol'
import { readArticleFile } from './read-ahead'

export interface PreparationOptions {
  /** Content hashes of the texts already in the store: their files are duplicates, whose derivations are skipped. */
  knownContentHashes?: ReadonlySet<string>
  /** Worker threads to start; 0 prepares every file on the importer's thread. Default: workersFor(new files). */
  workers?: number
  /** The workers' entry; tests swap in one that crashes or stalls. Default: prepare-worker beside this module. */
  script?: WorkerScript
  /** A file still being prepared after this long is skipped and its worker ended. Default: FILE_TIME_LIMIT_MS. */
  fileTimeLimitMs?: number
}

/** A worker entry as the running code can load it (see workerScriptBeside). */
export interface WorkerScript {
  file: string
  execArgv: string[]
}

export type PreparationOutcome =
  | FileOutcome
  /** The worker holding the file died preparing another: ask for the file again. */
  | { kind: 'interrupted' }

export interface PreparationPool {
  /** Reads the file and prepares it. Never rejects. */
  prepare(file: FileToRead): Promise<PreparationOutcome>
  /** Starts workers until `count` have been started (never fewer than already were). */
  startWorkers(count: number): void
  /**
   * Ends the workers, and has files not yet prepared skipped; safe to call more than once. With
   * `keepOneWarmForMs` (an import that went through to its end), one idle worker is kept that long
   * for the next import in this process to take up (SPARE_WORKER_KEPT_MS), unless the pool runs a
   * script of its own (tests).
   */
  close(options?: { keepOneWarmForMs?: number }): Promise<void>
}

/**
 * Below this many new files an import has one worker: a worker takes about 0.2 s to load its modules,
 * in which one worker prepares several hundred files, so more would only be loaded to be ended.
 */
const MIN_FILES_FOR_MORE_WORKERS = 500
/**
 * The importer's thread keeps a core: it still does about 40% of an import's work (file system calls,
 * dedupe, the near-duplicate lookup, commits). Measured on two cores (10,000 files, body writes left
 * out): one worker took the import from 5.6–6.8 s to 3.7–6.0 s; two were no faster (3.7–6.6 s) and
 * used about 1 s more CPU, three threads taking turns on two cores.
 */
const WORKERS_LEFT_FOR_THE_IMPORTER = 1
/**
 * Files a worker is given to hold: enough to keep it preparing through the importer's longest
 * pauses. The importer's thread stops now and then for tens of milliseconds (a commit, a collection:
 * 40–60 ms measured), and a worker prepares a news article in about 0.25 ms: holding twelve, it ran
 * out of files at each pause and waited on the importer for about a sixth of the import (10,000
 * files, two cores: the job 3.79 → 3.49 s, medians of seven alternating pairs, at 160). The cost is
 * small: should a worker die, the files it held are sent again; files held behind a slow one (a
 * large PDF) are prepared after it, some 40 ms of work, while the importer, which takes files in
 * listing order, waits on that slow file in any case.
 */
const FILES_PER_WORKER = 160
/**
 * A worker is sent more files only once it holds this many or fewer, then as many as it has room for,
 * in one message: sent one per answer, the messages alone took ~1 s of the importer's thread for
 * 10,000 files under load (a wake-up of the worker each). A worker answers REPLIES_PER_MESSAGE files
 * at a time, so it still has files queued when its next answer brings it more.
 */
const REFILL_AT = FILES_PER_WORKER - REPLIES_PER_MESSAGE
/**
 * Workers started again after crashes, per import. One damaged file crashes one worker; a worker
 * that keeps crashing is more likely broken, and the rest of the import is safer on this thread.
 */
const MAX_RESTARTS = 3
/**
 * The longest one file's preparation may take. The largest files an import reads (10 MB, a PDF of
 * hundreds of pages) take a few seconds; a file that takes this long is built to stall a parser, or
 * would stall the import as badly: its worker is ended and the file skipped with the reason.
 */
export const FILE_TIME_LIMIT_MS = 30_000

/**
 * Worker threads for an import of `files` files, `newFiles` of them not imported before on this
 * machine. Every import that reads a file has one: a file imported before may have changed into
 * anything. More are started only for many new files; a file imported before is most likely
 * unchanged (a watched folder is imported again at every change), a duplicate, little work.
 */
export function workersFor(newFiles: number, files = newFiles): number {
  if (files === 0) return 0
  if (newFiles < MIN_FILES_FOR_MORE_WORKERS) return 1
  return Math.max(1, availableParallelism() - WORKERS_LEFT_FOR_THE_IMPORTER)
}

/** Workers running in this process now, across imports, the spare left out: tests check that an import leaves none behind. */
export function runningPreparationWorkers(): number {
  return running.size
}

const running = new Set<Worker>()

/**
 * How long an import's last worker is kept, idle, for the next import. A watched folder is imported
 * again at every change, and an analyst adds folder after folder: a kept worker spares each such
 * import loading its modules (0.1 s built, 0.2 s from source) and compiling its hot code again (a new
 * worker prepared its first thousand files about twice as slowly as its later ones). Idle, it costs a
 * thread and its heap (measured after a 10,000-file import, its vocabulary forgotten: 30–45 MB of
 * the process's resident memory), and holds no file and no store.
 */
export const SPARE_WORKER_KEPT_MS = 60_000

interface SpareWorker {
  worker: Worker
  preparingNow: Int32Array
  timer: NodeJS.Timeout
}

let spare: SpareWorker | undefined

/** Whether a spare worker is being kept now (tests). */
export function hasSparePreparationWorker(): boolean {
  return spare !== undefined
}

/** Ends the spare worker now, if one is kept (tests; otherwise it ends after its time, or with the process). */
export async function endSparePreparationWorker(): Promise<void> {
  await takeSpareWorker()?.worker.terminate()
}

function takeSpareWorker(): SpareWorker | undefined {
  const taken = spare
  spare = undefined
  if (!taken) return undefined
  clearTimeout(taken.timer)
  forgetListeners(taken.worker)
  return taken
}

/** Takes off the listeners an import (or the spare's keeping) put on a worker; not Node's own, which keep its port working. */
function forgetListeners(worker: Worker): void {
  for (const event of ['message', 'error', 'exit'] as const) worker.removeAllListeners(event)
}

/** A worker that can be kept for the next import: loaded, holding nothing, not ended or failing. */
function isSpareable(slot: Slot): boolean {
  return slot.ready && slot.held.length === 0 && !slot.timedOut && slot.error === undefined
}

function keepAsSpare(slot: Slot, keptForMs: number): void {
  const { worker, preparingNow } = slot
  void endSparePreparationWorker()
  forgetListeners(worker)
  running.delete(worker)
  // It forgets this import's terms and texts now rather than when taken up, so its memory is freed while it waits.
  const forget: BeginImport = { kind: 'begin', knownContentHashes: [] }
  worker.postMessage(forget)
  worker.unref()
  const kept: SpareWorker = { worker, preparingNow, timer: setTimeout(() => void endSparePreparationWorker(), keptForMs) }
  kept.timer.unref()
  // A spare that dies is simply not there for the next import; an 'error' must have a listener.
  worker.on('error', () => undefined)
  worker.once('exit', () => {
    if (spare === kept) takeSpareWorker()
  })
  spare = kept
}

export function openPreparationPool(options: PreparationOptions & { workers: number }): PreparationPool {
  let script = options.script
  const known = options.knownContentHashes ?? new Set<string>()
  const isKnownText = (contentHash: string) => known.has(contentHash)
  let workerData: PreparationWorkerData | undefined
  const fileTimeLimitMs = options.fileTimeLimitMs ?? FILE_TIME_LIMIT_MS
  let restartsLeft = MAX_RESTARTS
  let closed = false
  let nextJobId = 0
  let started = 0
  const waiting: Job[] = []
  const slots = new Set<Slot>()

  const start = () => {
    const warm = options.script === undefined ? takeSpareWorker() : undefined
    if (warm) {
      // Loaded, and compiled hot by the imports before (whose terms it forgot when kept): it only learns this import's known texts.
      const begin: BeginImport = { kind: 'begin', knownContentHashes: [...known] }
      warm.worker.postMessage(begin)
      serve(warm.worker, warm.preparingNow, true)
      pump()
      return
    }
    let worker: Worker
    let preparingNow: Int32Array
    try {
      script ??= workerScriptBeside(__dirname, 'prepare-worker')
      workerData ??= { knownContentHashes: [...known] }
      const preparing = new SharedArrayBuffer(4)
      preparingNow = new Int32Array(preparing)
      preparingNow[0] = NOT_PREPARING
      worker = new Worker(script.file, { execArgv: script.execArgv, workerData: { ...workerData, preparing } })
    } catch {
      // A worker that cannot be made here (no script, no tsx from source) will not be made by
      // trying again: this thread goes on without it.
      pump()
      return
    }
    serve(worker, preparingNow, false)
  }

  /** Makes `worker` one of this import's: its replies answer this import's files. */
  const serve = (worker: Worker, preparingNow: Int32Array, ready: boolean) => {
    const slot: Slot = { worker, ready, held: [], error: undefined, timer: undefined, timedOut: false, vocabulary: new TermVocabulary(), preparingNow }
    slots.add(slot)
    running.add(worker)
    worker.on('message', (reply: WorkerReply) => {
      if (reply.kind === 'ready') slot.ready = true
      else {
        for (const fileReply of reply.replies) {
          if (fileReply.kind === 'terms') {
            slot.vocabulary.learn(fileReply.terms)
            continue
          }
          // Every reply teaches the worker's new terms, in order, even for a file the import then leaves out.
          const terms = fileReply.prepared.kind === 'prepared' ? fileReply.prepared.derived?.searchTerms : undefined
          if (terms && 'numbers' in terms) slot.vocabulary.learn(terms)
          const answered = slot.held.findIndex((job) => job.id === fileReply.jobId)
          slot.held.splice(answered, answered === -1 ? 0 : 1)[0]?.resolve(fileReply.prepared)
        }
        timeNextFile(slot)
      }
      pump()
      keepAliveWhileNeeded(slot)
    })
    // An uncaught error ends the worker: 'exit' follows, and handles it, after the replies already sent.
    worker.on('error', (error) => (slot.error = error))
    worker.on('exit', (code) => {
      clearTimeout(slot.timer)
      running.delete(worker)
      slots.delete(slot)
      if (closed) return
      // The file it died on, as it said (its other files, finished or not, are asked for again).
      const diedOn = Atomics.load(slot.preparingNow, 0)
      for (const job of slot.held) {
        if (job.id === diedOn) job.resolve({ kind: 'skipped', reason: slot.timedOut ? timeoutReason(fileTimeLimitMs) : crashReason(slot.error, code) })
        else job.resolve({ kind: 'interrupted' })
      }
      // Only a worker that had started is started again: one that could not load will not load now.
      // A worker ended for a slow file is always replaced: each such file has cost the time limit.
      if (slot.ready && slot.timedOut) start()
      else if (slot.ready && restartsLeft > 0) {
        restartsLeft--
        start()
      } else pump()
    })
  }

  /** Starts the clock again for a worker that holds files: one still being prepared this long after its last answer is too slow. */
  const timeNextFile = (slot: Slot) => {
    clearTimeout(slot.timer)
    slot.timer = undefined
    if (slot.held.length === 0) return
    slot.timer = setTimeout(() => {
      slot.timedOut = true
      void slot.worker.terminate()
    }, fileTimeLimitMs)
    // The worker, ref'd while it holds a file, keeps the process alive; the clock need not.
    slot.timer.unref()
  }

  /** Hands waiting files to ready workers low on files; with no worker at all (none could be had), prepares them here. */
  const pump = () => {
    while (waiting.length > 0) {
      const slot = roomiest(slots)
      if (slot) send(slot, waiting.splice(0, FILES_PER_WORKER - slot.held.length))
      else if (slots.size === 0) prepareHere(waiting.shift() as Job)
      else return
    }
  }

  const send = (slot: Slot, jobs: Job[]) => {
    const request: PrepareRequest = { files: jobs.map((job) => ({ jobId: job.id, file: job.file })) }
    const wasIdle = slot.held.length === 0
    slot.held.push(...jobs)
    slot.worker.postMessage(request)
    if (wasIdle) timeNextFile(slot)
    keepAliveWhileNeeded(slot)
  }

  /** Without a worker: the file read through the thread pool, then prepared on this thread. */
  const prepareHere = (job: Job) => {
    const { source, maxBytes, ...file } = job.file
    void readArticleFile(typeof source === 'string' ? source : Buffer.from(source), maxBytes)
      .then((read): Promise<FileOutcome> | FileOutcome => (read.kind === 'read' ? prepareArticleFile(file, read.bytes, isKnownText) : read))
      .then(job.resolve)
  }

  const startWorkers = (count: number) => {
    for (; started < count && !closed; started++) start()
  }
  startWorkers(options.workers)

  return {
    startWorkers,
    prepare(file) {
      if (closed) return Promise.resolve(ENDED)
      return new Promise((resolve) => {
        waiting.push({ id: nextJobId++, file, resolve })
        pump()
      })
    },
    async close({ keepOneWarmForMs } = {}) {
      closed = true
      const held = [...slots].flatMap((slot) => slot.held)
      for (const slot of slots) clearTimeout(slot.timer)
      for (const job of [...waiting.splice(0), ...held]) job.resolve(ENDED)
      const kept = keepOneWarmForMs !== undefined && options.script === undefined ? [...slots].find(isSpareable) : undefined
      if (kept) keepAsSpare(kept, keepOneWarmForMs as number)
      await Promise.all([...slots].filter((slot) => slot !== kept).map((slot) => slot.worker.terminate()))
      slots.clear()
    },
  }
}

interface Job {
  id: number
  file: FileToRead
  resolve: (outcome: PreparationOutcome) => void
}

interface Slot {
  worker: Worker
  /** Loaded and listening; files are sent only then, so a worker that fails to load loses none. */
  ready: boolean
  /** Files sent and not yet answered, in the order sent: the first is being prepared. */
  held: Job[]
  error: Error | undefined
  /** Ends the worker should the file it prepares now take longer than the time limit. */
  timer: NodeJS.Timeout | undefined
  /** Ended by that clock: its file is skipped as too slow, not as a crash. */
  timedOut: boolean
  /** The importer's copy of this worker's search-term vocabulary (document-terms.ts). */
  vocabulary: TermVocabulary
  /** The job id of the file the worker is preparing now (PreparationWorkerData.preparing). */
  preparingNow: Int32Array
}

const ENDED: PreparationOutcome = { kind: 'skipped', reason: 'the import ended before this file was read' }

/**
 * A worker keeps the process alive while it loads (files wait for it) and while it holds a file, never
 * when idle: should an import's end be missed, an idle worker cannot keep a CLI run from exiting.
 */
function keepAliveWhileNeeded(slot: Slot): void {
  if (!slot.ready || slot.held.length > 0) slot.worker.ref()
  else slot.worker.unref()
}

/** The ready worker with the fewest files, if one is low enough on files to be sent more. */
function roomiest(slots: Iterable<Slot>): Slot | undefined {
  let best: Slot | undefined
  for (const slot of slots) if (slot.ready && slot.held.length <= REFILL_AT && (!best || slot.held.length < best.held.length)) best = slot
  return best
}

function timeoutReason(limitMs: number): string {
  const limit = limitMs >= 1000 ? `${Math.round(limitMs / 1000)} s` : `${limitMs} ms`
  return `reading this file took longer than ${limit}, so it was stopped (a file built to stall readers, or damaged); check that it opens in another program`
}

function crashReason(error: Error | undefined, exitCode: number): string {
  const detail = error ? error.message : `exit code ${exitCode}`
  return `reading this file crashed the import's worker thread (${detail}); it may be damaged: check that it opens in another program`
}

/**
 * The worker entry `name` in `dir` as the running code can load it: the built bundle's .js file (the
 * electron-vite build puts every main entry in out/main, beside the bundle that starts them), or,
 * when running from source (tsx, vitest), the .ts file itself through tsx's require hook.
 */
export function workerScriptBeside(dir: string, name: string): WorkerScript {
  if (!__filename.endsWith('.ts')) return { file: join(dir, `${name}.js`), execArgv: [] }
  return { file: join(dir, `${name}.ts`), execArgv: ['--require', createRequire(__filename).resolve('tsx/cjs')] }
}
