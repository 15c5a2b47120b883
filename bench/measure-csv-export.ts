// The CSV export figure: service.exportClaimsCsv over the whole claim board (building the board and
// writing every evidence row), as the Export button asks for it. Saving the file is the shell's part
// and is not included.

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

export async function measureCsvExport(service: TriangulateService): Promise<CsvMeasurement> {
  const board = service.claimCards()
  const rows = board.reduce((sum, card) => sum + Math.max(1, card.sources.reduce((n, g) => n + g.evidence.length, 0)), 0)
  let bytes = 0
  const samplesMs = await sampleTimes(CSV_WARM_UP, CSV_SAMPLES, async () => {
    const { content } = await service.exportClaimsCsv({})
    bytes = Buffer.byteLength(content)
  })
  return { ms: percentile(samplesMs, 50), samplesMs, rows, megabytes: bytes / 1e6 }
}
