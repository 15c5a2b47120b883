// Deterministic randomness for the benchmark: the same seed gives the same corpus, queries and
// fixtures on every machine, so two runs differ only in the code and the hardware. Not for anything
// that needs unpredictability.

export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number
  pick<T>(items: readonly T[]): T
}

/** mulberry32: a tiny 32-bit generator with a full period, plenty for synthetic text. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error('cannot pick from an empty list')
      return items[Math.floor(next() * items.length)] as (typeof items)[number]
    },
  }
}

/** A stream derived from a seed and a purpose, so adding draws to one phase never shifts another. */
export function derivedRandom(seed: number, purpose: string): Random {
  let hash = 2166136261
  for (const char of `${seed}:${purpose}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619)
  return seededRandom(hash >>> 0)
}

/**
 * Samples ranks 0..size-1 with probability proportional to 1 / (rank + 1)^exponent (Zipf's law, as
 * word frequencies in news text follow). Binary search over the cumulative weights: O(log size).
 * The random stream is passed per draw so one table serves every article's own stream.
 */
export function zipfSampler(size: number, exponent: number): (random: Random) => number {
  const cumulative = new Float64Array(size)
  let total = 0
  for (let rank = 0; rank < size; rank++) {
    total += 1 / Math.pow(rank + 1, exponent)
    cumulative[rank] = total
  }
  return (random) => {
    const target = random.next() * total
    let low = 0
    let high = size - 1
    while (low < high) {
      const middle = (low + high) >>> 1
      if ((cumulative[middle] as number) < target) low = middle + 1
      else high = middle
    }
    return low
  }
}
