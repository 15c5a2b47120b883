// Passage reuse (passage-reuse.ts) with its heavy step, the clustering, in a worker thread of its own,
// for a large corpus. Two reasons. The clustering takes 1–2 s at 10,000 articles, which the service's
// thread (every request of the app's window) no longer waits through. And its memory: about 80 MB of
// typed arrays at 10,000 articles (the passages' sketches and their buckets), which on the service's
// thread were dead the moment reuse was found but given back only when a full collection found them
// (memory outside V8's heap does not prompt one until it has grown by 64 MB more), so they were still
// held while the entities index's workers ran next: the long session's peak. Here the sketches are
// handed to the worker (transferred, not copied) and the worker's memory goes when it ends.

import { Worker } from 'node:worker_threads'
import type { PassageCopy } from '../../shared/provenance/origins'
import type { WorkerScript } from '../import/preparation-pool'
import { copiesOfClusters, findPassageReuse, PassageTable, reuseInTable, type PassageSketches, type ReuseArticle } from './passage-reuse'
import type { ProvenanceEntry } from './provenance-analysis'

/** What the worker is sent: the passages' sketches (their buffers transferred) and the articles, as clustering reads them. */
export interface ClusterRequest {
  sketches: PassageSketches
  articles: ReuseArticle[]
}

/**
 * Below this many passages the clustering runs on this thread: a worker takes about 0.1–0.2 s to load,
 * in which this thread clusters tens of thousands of passages (a corpus of several hundred articles).
 */
export const MIN_PASSAGES_FOR_WORKER = 20_000

/**
 * findPassageReuse's answer, its clustering done in a worker started from `script` when there are at
 * least `minPassages` passages; on this thread otherwise, or should the worker fail to start or die
 * (the passages are then gathered again: their sketches went to the worker).
 */
export async function findPassageReuseInWorker(
  articles: readonly ReuseArticle[],
  entryOf: (id: string) => ProvenanceEntry | undefined,
  script: WorkerScript,
  minPassages = MIN_PASSAGES_FOR_WORKER,
): Promise<Map<string, PassageCopy[]>> {
  const table = new PassageTable(articles, entryOf)
  if (table.size < minPassages) return reuseInTable(table, entryOf)
  const clusters = await clusterInWorker(table, articles, script).catch((error: Error) => {
    console.warn(`[triangulate] passage reuse's worker failed (${error.message}); it is worked out on the main thread`)
    return null
  })
  return clusters ? copiesOfClusters(table, clusters, entryOf) : findPassageReuse(articles, entryOf)
}

function clusterInWorker(table: PassageTable, articles: readonly ReuseArticle[], script: WorkerScript): Promise<Int32Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script.file, { execArgv: script.execArgv })
    let answered = false
    worker.once('message', (clusters: Int32Array<ArrayBuffer>) => {
      answered = true
      resolve(clusters)
      void worker.terminate()
    })
    worker.once('error', reject)
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`it ended (exit code ${code}) before it answered`))
    })
    // The table keeps its articles' places (copiesOfClusters reads them), so it sends a copy of
    // those; the sketches, sizes and passage sizes go over as they are, and are gone from here.
    const sketches: PassageSketches = {
      size: table.size,
      article: table.article.slice(),
      shingles: table.shingles,
      sketchLength: table.sketchLength,
      sketches: table.sketches,
    }
    const request: ClusterRequest = {
      sketches,
      articles: articles.map(({ id, outlet, date, nearDuplicateOf }) => ({ id, outlet, date, nearDuplicateOf })),
    }
    worker.postMessage(request, [sketches.article.buffer, sketches.shingles.buffer, sketches.sketchLength.buffer, sketches.sketches.buffer])
  })
}
