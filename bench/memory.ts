// Memory readings for the peak-RSS figure. Between phases the bench collects garbage, so a phase's
// peak is its own working set on top of what the app really retains, not on top of the previous
// phase's garbage (V8 would collect it lazily, after the next phase had already grown the heap).

import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

// Exposes V8's gc() without asking the user for a Node flag; a new context picks the flag up.
setFlagsFromString('--expose_gc')
const gc = runInNewContext('gc') as () => void

export interface MemoryReading {
  /** Resident memory now, after collecting garbage. */
  rssMB: number
  /** The kernel's high-water mark for this process so far. */
  peakRssMB: number
}

/** Collects garbage (full, synchronous), then reads the resident and peak memory. */
export function settleAndReadMemory(): MemoryReading {
  gc()
  return {
    rssMB: Math.round(process.memoryUsage().rss / 1024 / 1024),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }
}
