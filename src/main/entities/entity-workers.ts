// Extracts entities from batches of articles in worker threads, one per core, and on the caller's
// thread when no worker can start (a source checkout without tsx, a crash at load). A batch whose
// worker dies is extracted on this thread, so one bad text cannot stop the index: a crash inside
// compromise costs that batch's speed, not its entities. Knows nothing of the store.

import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { KnownTypes } from '../../shared/entities/extract-entities'
import { extractForIndex, type StoredName } from './extract-article-entities'

/** A worker entry as the running code can load it. */
export interface WorkerScript {
  file: string
  execArgv: string[]
}

/**
 * The entity worker as the running code can load it: the built bundle's entity-worker.js beside the
 * main bundle, or, from source (tsx, vitest), the .ts file through tsx's require hook. (The same rule
 * as the import's workerScriptBeside; the import's module is not this domain's to import.)
 */
function entityWorkerScript(): WorkerScript {
  if (!__filename.endsWith('.ts')) return { file: join(__dirname, 'entity-worker.js'), execArgv: [] }
  return { file: join(__dirname, 'entity-worker.ts'), execArgv: ['--require', createRequire(__filename).resolve('tsx/cjs')] }
}

export interface ArticleToExtract {
  articleId: string
  contentHash: string
  text: string
}
export interface ExtractedArticle {
  articleId: string
  contentHash: string
  names: StoredName[]
}
export interface EntityRequest {
  batchId: number
  articles: ArticleToExtract[]
}
export type EntityReply = { kind: 'ready' } | { kind: 'extracted'; batchId: number; results: ExtractedArticle[] }

export interface EntityWorkers {
  extract(articles: ArticleToExtract[]): Promise<ExtractedArticle[]>
  close(): Promise<void>
}

/**
 * Every core: the main thread only reads bodies and saves the index meanwhile. The app stays
 * usable because the extraction is off its thread, not because a core is kept free.
 */
export function entityWorkerCount(articles: number): number {
  return articles < MIN_ARTICLES_FOR_WORKERS ? 0 : Math.max(1, availableParallelism())
}
/** A worker takes ~0.3 s to load compromise; a few articles are extracted sooner here. */
const MIN_ARTICLES_FOR_WORKERS = 20

export function openEntityWorkers(workers: number, script?: WorkerScript): EntityWorkers {
  const here = new Map() as KnownTypes
  const extractHere = async (articles: ArticleToExtract[]) => {
    // Yield between articles so the thread keeps answering the app.
    const out: ExtractedArticle[] = []
    for (const a of articles) {
      out.push({ articleId: a.articleId, contentHash: a.contentHash, names: extractForIndex(a.text, here) })
      await new Promise((resolve) => setImmediate(resolve))
    }
    return out
  }
  interface Slot {
    worker: Worker
    ready: Promise<boolean>
    busy: boolean
  }
  const slots: Slot[] = []
  for (let i = 0; i < workers; i++) {
    try {
      const s = script ?? entityWorkerScript()
      const worker = new Worker(s.file, { execArgv: s.execArgv })
      const ready = new Promise<boolean>((resolve) => {
        worker.once('message', (m: EntityReply) => resolve(m.kind === 'ready'))
        worker.once('error', () => resolve(false))
        worker.once('exit', () => resolve(false))
      })
      slots.push({ worker, ready, busy: false })
    } catch {
      break
    }
  }
  let nextBatch = 0
  const queue: (() => void)[] = []
  const release = (slot: Slot) => {
    slot.busy = false
    queue.shift()?.()
  }
  const acquire = async (): Promise<Slot | null> => {
    for (;;) {
      const live = []
      for (const slot of slots) if (await slot.ready) live.push(slot)
      if (live.length === 0) return null
      const free = live.find((s) => !s.busy)
      if (free) {
        free.busy = true
        return free
      }
      await new Promise<void>((resolve) => queue.push(resolve))
    }
  }
  return {
    async extract(articles) {
      const slot = await acquire()
      if (!slot) return extractHere(articles)
      const batchId = nextBatch++
      try {
        return await new Promise<ExtractedArticle[]>((resolve, reject) => {
          const onMessage = (m: EntityReply) => {
            if (m.kind === 'extracted' && m.batchId === batchId) {
              cleanup()
              resolve(m.results)
            }
          }
          const onExit = () => {
            cleanup()
            reject(new Error('worker ended'))
          }
          const cleanup = () => {
            slot.worker.off('message', onMessage)
            slot.worker.off('exit', onExit)
          }
          slot.worker.on('message', onMessage)
          slot.worker.on('exit', onExit)
          const request: EntityRequest = { batchId, articles }
          slot.worker.postMessage(request)
        })
      } catch {
        slot.ready = Promise.resolve(false)
        return extractHere(articles)
      } finally {
        release(slot)
      }
    },
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate()))
      for (const wake of queue.splice(0)) wake()
    },
  }
}
