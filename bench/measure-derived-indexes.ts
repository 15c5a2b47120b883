// The derived indexes' figures (DECISIONS section 1): each index of the service, in turn, built from
// nothing over the imported store in a fresh process (derived-index-probe.ts), with its wall time,
// CPU time and peak memory, against its own budget. Budgets are stated at 10,000 articles on 2 cores
// and scale linearly with the corpus. An index that is not on this branch yet (entities, provenance
// land from other branches) is reported as not measured rather than guessed.

import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { runBenchChild } from './child-process'
import { BASE_ARTICLES } from './targets'

export interface DerivedIndexMeasurement {
  /** The index, or the indexes measured together ("dates,figures"). */
  name: string
  label: string
  articles: number
  ms: number
  /** When each index of a group was done, from the group's start. */
  each: { name: string; ms: number }[]
  cpuUserMs: number
  cpuSystemMs: number
  rssBeforeMB: number
  peakRssMB: number
}

/**
 * The budgets of DECISIONS section 1, in seconds at 10,000 articles on 2 cores. Dates and figures
 * share one budget and are measured together, brought up to date at once as the service does after
 * an import (each with its worker).
 */
export const DERIVED_BUDGETS: { names: string[]; secondsAtBase: number }[] = [
  { names: ['provenance'], secondsAtBase: 30 },
  { names: ['entities'], secondsAtBase: 60 },
  { names: ['dates', 'figures'], secondsAtBase: 20 },
]

export function derivedBudgetSeconds(secondsAtBase: number, articles: number): number {
  return secondsAtBase * (articles / BASE_ARTICLES)
}

export interface DerivedIndexFigure {
  names: string[]
  measured: DerivedIndexMeasurement | null
  /** Null for an index the decisions give no budget. */
  targetSeconds: number | null
  /** Why it was not measured: an index not registered on this branch (yet). */
  missing: string | null
}

/**
 * Each budget's indexes, built from nothing over `storeDir` in a fresh process (their sidecars are
 * removed first), then any other registered index alone. An index not registered is reported missing.
 */
export async function measureDerivedIndexes(storeDir: string, articles: number, log: (line: string) => void): Promise<DerivedIndexFigure[]> {
  const { names: registered } = await runBenchChild<{ names: string[] }>('derived-index-probe.ts', [storeDir, '--names'])
  const units = [...DERIVED_BUDGETS, ...registered.filter((n) => !DERIVED_BUDGETS.some((b) => b.names.includes(n))).map((n) => ({ names: [n], secondsAtBase: null }))]
  const figures: DerivedIndexFigure[] = []
  for (const unit of units) {
    const targetSeconds = unit.secondsAtBase === null ? null : derivedBudgetSeconds(unit.secondsAtBase, articles)
    const absent = unit.names.filter((n) => !registered.includes(n))
    if (absent.length > 0) {
      figures.push({ names: unit.names, measured: null, targetSeconds, missing: `not registered on this branch: ${absent.join(', ')}` })
      continue
    }
    for (const n of unit.names) await rm(join(storeDir, `derived-${n}.json`), { force: true })
    const m = await runBenchChild<DerivedIndexMeasurement>('derived-index-probe.ts', [storeDir, unit.names.join(',')])
    log(`derived ${m.label}: ${(m.ms / 1000).toFixed(2)} s, ${((m.cpuUserMs + m.cpuSystemMs) / 1000).toFixed(2)} s CPU, peak RSS ${m.peakRssMB.toFixed(0)} MB`)
    figures.push({ names: unit.names, measured: m, targetSeconds, missing: null })
  }
  return figures
}
