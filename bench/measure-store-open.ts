// The store-open figure: CorpusStore.open plus service.listArticles until the library list is ready,
// each time in a fresh Node process so nothing is warm but the OS page cache (dropping that needs
// privileges the bench should not ask for).

import { runBenchChild } from './child-process'
import { percentile } from './timing'

/** Fresh processes per measurement; the median is reported, every run is kept in the details. */
const STORE_OPEN_RUNS = 3

interface ProbeResult {
  ms: number
  openMs: number
  listMs: number
  articles: number
  rssMB: number
}

export interface StoreOpenMeasurement {
  ms: number
  runs: ProbeResult[]
}

export async function measureStoreOpen(storeDir: string): Promise<StoreOpenMeasurement> {
  const runs: ProbeResult[] = []
  for (let i = 0; i < STORE_OPEN_RUNS; i++) runs.push(await runProbe(storeDir))
  return {
    ms: percentile(
      runs.map((r) => r.ms),
      50,
    ),
    runs,
  }
}

function runProbe(storeDir: string): Promise<ProbeResult> {
  return runBenchChild<ProbeResult>('store-open-probe.ts', [storeDir])
}
