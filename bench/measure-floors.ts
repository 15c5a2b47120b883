// The floors the app's figures are compared with, measured on the same files in the same run:
// reading and hashing every article (what any importer must at least do) and ripgrep scanning the
// corpus for each search query (what a search without an index costs). Uses no app code.

import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { percentile, type SampleSummary, summarise } from './timing'

/** Read-and-hash passes; the median is reported, as one pass can meet a background flush. */
const FLOOR_RUNS = 3

/** Every article file under `dir`, sorted so passes read in the same order. */
export async function listCorpusFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.txt'))
    .map((e) => join(e.parentPath, e.name))
    .sort()
}

/**
 * Reads every file once, untimed, so the floor and the import both meet a warm page cache (the
 * corpus may come from the cache folder of an earlier run, partly evicted since).
 */
export function warmPageCache(files: readonly string[]): void {
  for (const file of files) readFileSync(file)
}

/** Sequential readFileSync + sha256 of every file: the least work an importer can do. */
export function measureReadAndHashFloor(files: readonly string[]): { ms: number; runsMs: number[] } {
  const runsMs: number[] = []
  for (let run = 0; run < FLOOR_RUNS; run++) {
    const started = performance.now()
    for (const file of files) createHash('sha256').update(readFileSync(file)).digest('hex')
    runsMs.push(performance.now() - started)
  }
  return { ms: percentile(runsMs, 50), runsMs }
}

export function ripgrepPath(): string | null {
  const found = spawnSync('rg', ['--version'], { encoding: 'utf8' })
  return found.status === 0 ? 'rg' : null
}

export interface RipgrepFloor {
  perQuery: SampleSummary
  version: string
  /** Files listed per query (at most the first 20), to show the queries mix common and rare words. */
  matchedFiles: { p50: number; max: number; min: number }
}

/** Files a search panel shows first: ripgrep is stopped once it has listed this many. */
const RIPGREP_FIRST_FILES = 20

/**
 * One ripgrep run per query, as a search without an index would scan: fixed string, whole word,
 * case-insensitive, listing matching files, stopped once it has listed the first 20 (what the
 * search panel shows first) or finished. One untimed run first warms ripgrep and the page cache.
 */
export async function measureRipgrepFloor(dir: string, queries: readonly string[]): Promise<RipgrepFloor> {
  const run = (query: string) =>
    new Promise<{ ms: number; matches: number }>((resolve, reject) => {
      const started = performance.now()
      const child = spawn('rg', ['--fixed-strings', '--ignore-case', '--word-regexp', '--files-with-matches', '--no-messages', '--glob', '*.txt', '--', query, dir])
      let out = ''
      let lines = 0
      let stopped: number | null = null
      child.stdout.on('data', (chunk: Buffer) => {
        if (stopped !== null) return
        out += chunk.toString()
        lines = out.split('\n').length - 1
        if (lines >= RIPGREP_FIRST_FILES) {
          stopped = performance.now() - started
          child.kill()
        }
      })
      child.on('error', reject)
      child.on('close', (status) => {
        // Status 1 means no match; killed after the first files is the point; anything else is a failed run.
        if (stopped === null && status !== 0 && status !== 1) reject(new Error(`ripgrep failed on "${query}" (status ${status})`))
        else resolve({ ms: stopped ?? performance.now() - started, matches: Math.min(lines, RIPGREP_FIRST_FILES) })
      })
    })
  await run(queries[0] ?? 'the')
  const runs: { ms: number; matches: number }[] = []
  for (const query of queries) runs.push(await run(query))
  const matches = runs.map((r) => r.matches)
  return {
    perQuery: summarise(runs.map((r) => r.ms)),
    version: spawnSync('rg', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? 'rg',
    matchedFiles: { p50: percentile(matches, 50), min: Math.min(...matches), max: Math.max(...matches) },
  }
}
