// The messages between a derived index runner (derived-index-runner.ts) and its worker threads, and
// the worker's side of them: batches of articles come in with their texts, and go back analysed, in
// the order they came. A worker entry is three lines (see provenance/provenance-worker.ts):
//
//   if (!parentPort) throw new Error('…')
//   serveDerivedAnalysis(parentPort, analyseArticleForX)
//
// No store, no file system: the worker analyses what it is sent. Must not import electron.

import type { MessagePort } from 'node:worker_threads'

/** What an analysis sees of an article: its text and the metadata a derived index may read. */
export interface DerivedArticle {
  id: string
  title: string
  outlet: string | null
  date: string | null
  text: string
}

export interface AnalyseRequest {
  batchId: number
  articles: DerivedArticle[]
}

/** One article's result: its entry, or why the analysis threw (the article is then left without an entry). */
export type AnalysedArticle<Entry> = { ok: true; entry: Entry } | { ok: false; error: string }

export type DerivedWorkerReply<Entry> =
  /** Sent once the worker's modules have loaded: a worker that dies before this could not start. */
  { kind: 'ready' } | { kind: 'analysed'; batchId: number; results: AnalysedArticle<Entry>[] }

/** Runs `analyse` on one article, turning a throw into a result (one bad article never stops an index). */
export function analyseSafely<Entry>(analyse: (article: DerivedArticle) => Entry, article: DerivedArticle): AnalysedArticle<Entry> {
  try {
    return { ok: true, entry: analyse(article) }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) }
  }
}

/** Answers every request on `port` with `analyse`'s results, batch by batch, in order. */
export function serveDerivedAnalysis<Entry>(port: MessagePort, analyse: (article: DerivedArticle) => Entry): void {
  port.on('message', (request: AnalyseRequest) => {
    const reply: DerivedWorkerReply<Entry> = {
      kind: 'analysed',
      batchId: request.batchId,
      results: request.articles.map((article) => analyseSafely(analyse, article)),
    }
    port.postMessage(reply)
  })
  const ready: DerivedWorkerReply<Entry> = { kind: 'ready' }
  port.postMessage(ready)
}
