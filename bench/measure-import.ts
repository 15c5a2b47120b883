// The import job of "Import folder" over the whole corpus into a fresh store, through the service's
// own function (importAndIndex: importFolder over a CorpusStore on disk, each new text handed to the
// search index as it is stored, the index saved): what the analyst waits for until the corpus is
// searchable, timed end to end, with the throughput of each tenth of the files so a slowdown as the
// store grows is visible. Separately, a check on a reopened store that nothing was left to index.

import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { endSparePreparationWorker } from '../src/main/import/preparation-pool'
import { importAndIndex } from '../src/main/service/import-job'
import type { ImportReport } from '../src/shared/model'
import type { Corpus } from './corpus-generator'
import { openSession } from './store-session'

/** Progress points at which the elapsed time is noted: every tenth of the files. */
const PROGRESS_SLICES = 10

export interface ImportMeasurement {
  ms: number
  imported: number
  /** Ids of the imported articles, for the index update that follows. */
  articleIds: string[]
  duplicates: number
  skipped: number
  /** Files per second in each tenth of the import, first to last. */
  filesPerSecondBySlice: number[]
  /** Time spent listing the folder before the first file was read. */
  listingMs: number
  warmUpFiles: number
  /** CPU time of this process during the import alone (user, system; ms): on a shared machine it varies less than wall time. */
  cpuUserMs: number
  cpuSystemMs: number
  /**
   * The same import job again into another empty store, its worker started for it rather than taken
   * up from the import before (preparation-pool.ts's spare ended first): what the first import of a
   * session costs. Context, not judged: the figure above is an import in an app that has imported.
   */
  coldWorkerMs: number
}

/**
 * Warms the importer and indexer up on one outlet's folder in a throwaway store (JIT), then imports
 * the whole corpus into `storeDir`, which must not exist yet or be empty, taking up the warm-up's
 * preparation worker as an import after another does; then once more with a worker of its own.
 */
export async function measureImport(corpus: Corpus, storeDir: string, scratchDir: string): Promise<ImportMeasurement> {
  const warmUpStore = join(scratchDir, 'import-warm-up-store')
  const warmUp = await openSession(warmUpStore)
  const warmUpReport = await importAndIndex(warmUp.store, warmUp.service.corpusSearch, join(corpus.dir, corpus.outlets[0] as string))
  await warmUp.close()
  await rm(warmUpStore, { recursive: true, force: true })

  const session = await openSession(storeDir)
  const sliceEnds: number[] = []
  let firstFileAt: number | null = null
  const started = performance.now()
  const cpuBefore = process.cpuUsage()
  const report: ImportReport = await importAndIndex(session.store, session.service.corpusSearch, corpus.dir, {
    onProgress: (p) => {
      if (p.processed === 0 || p.total === 0) return
      firstFileAt ??= performance.now()
      if (p.processed >= Math.ceil(((sliceEnds.length + 1) * p.total) / PROGRESS_SLICES)) sliceEnds.push(performance.now())
    },
  })
  const ms = performance.now() - started
  const cpu = process.cpuUsage(cpuBefore)
  await session.close()

  await endSparePreparationWorker()
  const coldStore = join(scratchDir, 'import-cold-worker-store')
  const cold = await openSession(coldStore)
  const coldStarted = performance.now()
  await importAndIndex(cold.store, cold.service.corpusSearch, corpus.dir)
  const coldWorkerMs = performance.now() - coldStarted
  await cold.close()
  await rm(coldStore, { recursive: true, force: true })

  const filesPerSlice = corpus.files / PROGRESS_SLICES
  const filesPerSecondBySlice = sliceEnds.map((end, i) => {
    const begin = i === 0 ? (firstFileAt ?? started) : (sliceEnds[i - 1] as number)
    return Math.round(filesPerSlice / ((end - begin) / 1000))
  })
  return {
    ms,
    imported: report.imported,
    articleIds: report.articleIds,
    duplicates: report.duplicates,
    skipped: report.skipped.length,
    filesPerSecondBySlice,
    listingMs: (firstFileAt ?? started) - started,
    warmUpFiles: warmUpReport.imported,
    cpuUserMs: cpu.user / 1000,
    cpuSystemMs: cpu.system / 1000,
    coldWorkerMs,
  }
}

/**
 * What the search index still had to do after the import job, on a reopened store: loading the saved
 * index and indexing anything the job left out (nothing, when the job handed every text over).
 */
export async function measureIndexUpdate(storeDir: string, articleIds: readonly string[]): Promise<{ ms: number }> {
  const session = await openSession(storeDir)
  try {
    const started = performance.now()
    await session.service.corpusSearch.update(articleIds)
    return { ms: performance.now() - started }
  } finally {
    await session.close()
  }
}
