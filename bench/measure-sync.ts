// The team sync figure (#22: first sync of 1,000 claims and 10,000 links ≤ 10 s): `npm run bench:sync`
// (bench/sync-bench.ts, issue 19's bench: two stores on disk, a CouchDB-protocol server on loopback)
// run in a fresh process, its JSON read back. Its board is its own (seed articles), not the bench's
// corpus: the figure is the sync's, whatever the library holds.

import { runBenchChild } from './child-process'

/** Continuous-mode samples: fewer than bench:sync's default, as the full bench only reports the first sync. */
const CHANGE_SAMPLES = 3

export interface SyncMeasurement {
  server: string
  board: { claims: number; highlights: number; links: number }
  firstSync: { sendMs: number; sent: number; receiveMs: number; received: number; targetMs: number; met: boolean }
  change: { samples: number; medianMs: number; worstMs: number; targetMs: number; met: boolean }
}

export function measureSync(): Promise<SyncMeasurement> {
  return runBenchChild<SyncMeasurement>('sync-bench.ts', ['--json', '--samples', String(CHANGE_SAMPLES)])
}
