// The CSV export figure: the evidence CSV streamed to a file by the service (building the board and
// writing every row, flushed to disk and renamed into place), as the desktop app's Export CSV and
// the CLI's `export csv` do it. The browser shell's download builds the same bytes as one string.

import { rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { TriangulateService } from '../src/main/service/triangulate-service'
import { percentile, sampleTimes } from './timing'

/** One untimed export warms the JIT; the median of the timed ones is reported. */
const CSV_WARM_UP = 1
const CSV_SAMPLES = 3

export interface CsvMeasurement {
  ms: number
  samplesMs: number[]
  rows: number
  megabytes: number
}

export async function measureCsvExport(service: TriangulateService, scratchDir: string): Promise<CsvMeasurement> {
  const out = join(scratchDir, 'bench-export.csv')
  let rows = 0
  const samplesMs = await sampleTimes(CSV_WARM_UP, CSV_SAMPLES, async () => {
    rows = (await service.writeClaimsCsvFile(out, {})).rows
  })
  const { size } = await stat(out)
  await rm(out, { force: true })
  return { ms: percentile(samplesMs, 50), samplesMs, rows, megabytes: size / 1e6 }
}
