// Timing and statistics for the benchmark: wall-clock with performance.now(), percentiles computed
// from the samples themselves (nearest-rank, no interpolation, so p95 is a time that really occurred).

export interface SampleSummary {
  count: number
  min: number
  p50: number
  p95: number
  max: number
  mean: number
}

/** Nearest-rank percentile: the smallest sample with at least p% of the samples at or below it. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples')
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1] as number
}

export function summarise(samples: readonly number[]): SampleSummary {
  return {
    count: samples.length,
    min: Math.min(...samples),
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    max: Math.max(...samples),
    mean: samples.reduce((sum, s) => sum + s, 0) / samples.length,
  }
}

/** Milliseconds `work` took, with its result. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now()
  const value = await work()
  return { ms: performance.now() - started, value }
}

/** Runs `work` `warmUp` times untimed (JIT, caches), then `samples` times timed. */
export async function sampleTimes(warmUp: number, samples: number, work: (iteration: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmUp; i++) await work(-1 - i)
  const times: number[] = []
  for (let i = 0; i < samples; i++) times.push((await timed(() => work(i))).ms)
  return times
}
