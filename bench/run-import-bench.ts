// `npm run bench:import`: the import figure alone, so import speed can be checked in a minute instead
// of the whole bench. Same corpus (cached), same floor and same importFolder measurement as
// run-bench.ts, plus the CPU time the import used, since wall-clock time on a shared machine says as
// much about the neighbours as about the code. Writes only in the OS temp folder (or --scratch DIR).
// Usage: npm run bench:import -- [--articles N] [--seed N] [--runs N] [--scratch DIR] [--json]

import { mkdtemp, rm } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { ensureCorpus } from './corpus-generator'
import { listCorpusFiles, measureReadAndHashFloor, warmPageCache } from './measure-floors'
import { measureImport, type ImportMeasurement } from './measure-import'
import { settleAndReadMemory } from './memory'
import { targetsFor } from './targets'
import { integerFlag } from './cli-flags'
import { readCpuTicks, stealShare } from './cpu-steal'

const DEFAULT_ARTICLES = 10_000
const DEFAULT_SEED = 42
/** Import runs: the fastest is the figure, since slower runs measure other processes on the machine. */
const DEFAULT_RUNS = 1
/** The import issue's memory bound for the importing process (#7), looser than the whole app's 500 MB. */
const IMPORT_PEAK_RSS_TARGET_MB = 600

interface Options {
  articles: number
  seed: number
  runs: number
  scratch: string
  json: boolean
}

const log = (line: string) => process.stderr.write(`[bench:import ${new Date().toISOString().slice(11, 19)}] ${line}\n`)

async function main(): Promise<void> {
  const options = parseOptions()
  if (!options) return
  const corpus = await ensureCorpus({ seed: options.seed, articles: options.articles }, log)
  const files = await listCorpusFiles(corpus.dir)
  warmPageCache(files)
  const floor = measureReadAndHashFloor(files)
  log(`floor: read and hash ${files.length} files: ${floor.ms.toFixed(0)} ms`)

  const runs: (ImportMeasurement & { steal: number | null })[] = []
  for (let run = 0; run < options.runs; run++) {
    const scratch = await mkdtemp(join(options.scratch, 'triangulate-import-bench-'))
    try {
      const ticksBefore = readCpuTicks()
      const measured = { ...(await measureImport(corpus, join(scratch, 'store'), scratch)), steal: stealShare(ticksBefore, readCpuTicks()) }
      runs.push(measured)
      log(
        `run ${run + 1}: ${(measured.ms / 1000).toFixed(2)} s wall, ${(measured.cpuUserMs / 1000).toFixed(2)} s user + ${(measured.cpuSystemMs / 1000).toFixed(2)} s sys CPU, ${formatSteal(measured.steal)}`,
      )
    } finally {
      await rm(scratch, { recursive: true, force: true })
    }
  }
  const memory = settleAndReadMemory()
  const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a))
  const targets = targetsFor(options.articles)
  const result = {
    articles: options.articles,
    files: corpus.files,
    bytes: corpus.bytes,
    machine: `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.version}, load ${loadavg()[0]?.toFixed(1)}`,
    scratch: options.scratch,
    importMs: Math.round(best.ms),
    importMsByRun: runs.map((r) => Math.round(r.ms)),
    /** Share of the machine's CPU the hypervisor gave elsewhere during each run (Linux; null elsewhere). */
    stealByRun: runs.map((r) => (r.steal === null ? null : Math.round(r.steal * 1000) / 1000)),
    // Of the fastest run: CPU time is less noisy than wall time, but the two belong together.
    cpuUserMs: Math.round(best.cpuUserMs),
    cpuSystemMs: Math.round(best.cpuSystemMs),
    listingMs: Math.round(best.listingMs),
    imported: best.imported,
    duplicates: best.duplicates,
    skipped: best.skipped,
    floorMs: Math.round(floor.ms),
    ratioToFloor: Math.round(best.ms / floor.ms),
    peakRssMB: memory.peakRssMB,
    filesPerSecondBySlice: best.filesPerSecondBySlice,
    targets: { importSeconds: targets.importSeconds, ratioToFloor: targets.importFloorRatio, peakRssMB: IMPORT_PEAK_RSS_TARGET_MB },
  }
  if (options.json) {
    console.log(JSON.stringify(result))
    return
  }
  console.log(
    [
      `import of ${result.files} files (${(result.bytes / 1e6).toFixed(0)} MB) on ${result.machine}, store in ${result.scratch}`,
      `  wall        ${(result.importMs / 1000).toFixed(2)} s (runs: ${result.importMsByRun.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s; target ${targets.importSeconds.toFixed(1)} s)`,
      `  CPU         ${(result.cpuUserMs / 1000).toFixed(2)} s user + ${(result.cpuSystemMs / 1000).toFixed(2)} s sys; ${formatSteal(best.steal)} (by run: ${runs.map((r) => formatSteal(r.steal, '')).join(', ')})`,
      `  floor       ${result.floorMs} ms read and hash; import is ${result.ratioToFloor}× (target ${targets.importFloorRatio}×)`,
      `  peak RSS    ${result.peakRssMB} MB (target ${IMPORT_PEAK_RSS_TARGET_MB} MB)`,
      `  files/s by tenth  ${result.filesPerSecondBySlice.join(' ')}`,
      `  imported ${result.imported}, duplicates ${result.duplicates}, skipped ${result.skipped}, listing ${result.listingMs} ms`,
    ].join('\n'),
  )
}

/** "4% stolen": CPU time the hypervisor gave to other machines during a run (see cpu-steal.ts). */
function formatSteal(share: number | null, suffix = ' stolen'): string {
  return share === null ? 'steal unknown' : `${(share * 100).toFixed(0)}%${suffix}`
}

function parseOptions(): Options | null {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      scratch: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    console.log(
      [
        'Usage: npm run bench:import -- [--articles N] [--seed N] [--runs N] [--scratch DIR] [--json]',
        `  --articles N   synthetic articles to generate and import (default ${DEFAULT_ARTICLES})`,
        `  --seed N       seed of the synthetic corpus (default ${DEFAULT_SEED})`,
        `  --runs N       imports into fresh stores; the fastest is reported (default ${DEFAULT_RUNS})`,
        '  --scratch DIR  where the stores are written (default the OS temp folder; /dev/shm shows the import without disk flushes)',
        '  --json         print one JSON object instead of the summary',
      ].join('\n'),
    )
    return null
  }
  return {
    articles: integerFlag('articles', values.articles, DEFAULT_ARTICLES, 1),
    seed: integerFlag('seed', values.seed, DEFAULT_SEED, 0),
    runs: integerFlag('runs', values.runs, DEFAULT_RUNS, 1),
    scratch: values.scratch ?? tmpdir(),
    json: values.json ?? false,
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`)
  process.exitCode = 1
})
