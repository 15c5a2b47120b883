// `npm run bench:import`: the import figure alone, so import speed can be checked in a minute instead
// of the whole bench. Same corpus (cached), same floor and same importFolder measurement as
// run-bench.ts, plus the CPU time the import used, since wall-clock time on a shared machine says as
// much about the neighbours as about the code. Writes only in the OS temp folder (or --scratch DIR).
// After the runs: what the search index had left to do on a reopened store, the cost of each import stage
// run alone (measure-import-stages.ts), and each derived index of the service built alone in a fresh
// process against its budget (measure-derived-indexes.ts, DECISIONS section 1).
// Usage: npm run bench:import -- [--articles N] [--seed N] [--runs N] [--scratch DIR] [--json] [--no-stages] [--no-derived]

import { mkdtemp, rm } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { type Corpus, ensureCorpus } from './corpus-generator'
import { listCorpusFiles, measureReadAndHashFloor, warmPageCache } from './measure-floors'
import { measureImport, measureIndexUpdate, type ImportMeasurement } from './measure-import'
import { measureImportStages, type StageCost } from './measure-import-stages'
import { measureDerivedIndexes, type DerivedIndexFigure } from './measure-derived-indexes'
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
  /** Per-stage costs of the import (on by default; --no-stages skips them). */
  stages: boolean
  /** The derived indexes after the import (on by default; --no-derived skips them). */
  derived: boolean
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
  // The last run's store is kept for the search index and the derived indexes that follow the import.
  let kept: { scratch: string; storeDir: string; articleIds: string[] } | null = null
  try {
    for (let run = 0; run < options.runs; run++) {
      const scratch = await mkdtemp(join(options.scratch, 'triangulate-import-bench-'))
      const storeDir = join(scratch, 'store')
      const ticksBefore = readCpuTicks()
      const measured = { ...(await measureImport(corpus, storeDir, scratch)), steal: stealShare(ticksBefore, readCpuTicks()) }
      runs.push(measured)
      log(
        `run ${run + 1}: ${(measured.ms / 1000).toFixed(2)} s wall, ${(measured.cpuUserMs / 1000).toFixed(2)} s user + ${(measured.cpuSystemMs / 1000).toFixed(2)} s sys CPU, ${formatSteal(measured.steal)}`,
      )
      if (kept) await rm(kept.scratch, { recursive: true, force: true })
      kept = { scratch, storeDir, articleIds: measured.articleIds }
    }
    const importMemory = settleAndReadMemory()
    const last = kept as NonNullable<typeof kept>
    const search = await measureIndexUpdate(last.storeDir, last.articleIds)
    log(`search index: ${(search.ms / 1000).toFixed(2)} s`)
    const stages = options.stages ? await measureImportStages(corpus.dir, files, last.scratch) : []
    for (const s of stages) log(`stage ${s.stage}: ${s.wallMs.toFixed(0)} ms wall, ${s.cpuMs.toFixed(0)} ms CPU`)
    const derived = options.derived ? await measureDerivedIndexes(last.storeDir, options.articles, log) : []
    report(options, corpus, floor.ms, runs, importMemory.peakRssMB, search.ms, stages, derived)
  } finally {
    if (kept) await rm(kept.scratch, { recursive: true, force: true })
  }
}

function report(
  options: Options,
  corpus: Corpus,
  floorMs: number,
  runs: (ImportMeasurement & { steal: number | null })[],
  peakRssMB: number,
  searchIndexMs: number,
  stages: StageCost[],
  derived: DerivedIndexFigure[],
): void {
  const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a))
  const targets = targetsFor(options.articles)
  // The job is what was timed: importFolder feeds the search index as texts are stored, then it is saved.
  const jobMs = best.ms
  const derivedFigures = derivedIndexFigures(derived)
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
    floorMs: Math.round(floorMs),
    ratioToFloor: Math.round((best.ms / floorMs) * 10) / 10,
    /** The import job includes the search index (DECISIONS section 1: the import's budget covers search); this is what a reopened store still had to do. */
    searchIndexMs: Math.round(searchIndexMs),
    importJobMs: Math.round(jobMs),
    importJobRatioToFloor: Math.round((jobMs / floorMs) * 10) / 10,
    /** The fastest run's job again with a worker started for it: a session's first import (context). */
    coldWorkerMs: Math.round(best.coldWorkerMs),
    coldWorkerRatioToFloor: Math.round((best.coldWorkerMs / floorMs) * 10) / 10,
    stages: stages.map((s) => ({ ...s, wallMs: Math.round(s.wallMs), cpuMs: Math.round(s.cpuMs), ratioToFloor: Math.round((s.wallMs / floorMs) * 10) / 10 })),
    derivedIndexes: derivedFigures,
    peakRssMB,
    filesPerSecondBySlice: best.filesPerSecondBySlice,
    targets: { importSeconds: targets.importSeconds, ratioToFloor: targets.importFloorRatio, peakRssMB: IMPORT_PEAK_RSS_TARGET_MB },
  }
  if (options.json) {
    console.log(JSON.stringify(result))
    return
  }
  const verdict = (value: number, target: number) => (value <= target ? 'ok' : 'MISS')
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`
  console.log(
    [
      `import of ${result.files} files (${(result.bytes / 1e6).toFixed(0)} MB) on ${result.machine}, store in ${result.scratch}`,
      `  wall        ${seconds(result.importMs)} import job (runs: ${result.importMsByRun.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s; target ${targets.importSeconds.toFixed(1)} s) ${verdict(result.importMs / 1000, targets.importSeconds)}`,
      `  CPU         ${(result.cpuUserMs / 1000).toFixed(2)} s user + ${(result.cpuSystemMs / 1000).toFixed(2)} s sys; ${formatSteal(best.steal)} (by run: ${runs.map((r) => formatSteal(r.steal, '')).join(', ')})`,
      `  floor       ${result.floorMs} ms read and hash`,
      `  import job  ${seconds(result.importJobMs)} (importFolder with the search index fed as texts are stored; left after it on a reopened store: ${seconds(result.searchIndexMs)}) = ${result.importJobRatioToFloor}× the floor (target ${targets.importFloorRatio}×) ${verdict(result.importJobRatioToFloor, targets.importFloorRatio)}`,
      `  first of a session ${seconds(result.coldWorkerMs)} (the same job with its worker started for it, not taken up from the import before) = ${result.coldWorkerRatioToFloor}× the floor (context)`,
      `  peak RSS    ${result.peakRssMB} MB after the import runs (target ${IMPORT_PEAK_RSS_TARGET_MB} MB) ${verdict(result.peakRssMB, IMPORT_PEAK_RSS_TARGET_MB)}`,
      `  files/s by tenth  ${result.filesPerSecondBySlice.join(' ')}`,
      `  imported ${result.imported}, duplicates ${result.duplicates}, skipped ${result.skipped}, listing ${result.listingMs} ms`,
      ...(stages.length > 0
        ? [
            '',
            '  stages, each run alone on one thread over the same files (the import overlaps them: a preparation worker, reads ahead, writes behind):',
            ...result.stages.map(
              (s) =>
                `    ${s.stage.padEnd(16)} ${String(s.wallMs).padStart(6)} ms wall ${String(s.cpuMs).padStart(6)} ms CPU  ${String(s.ratioToFloor).padStart(5)}× floor  ${s.what}`,
            ),
          ]
        : []),
      ...(options.derived
        ? [
            '',
            '  derived indexes after the import, built from nothing in a fresh process per budget (dates and figures together, as after an import; budgets at 10,000 articles scale with the corpus):',
            ...derivedFigures.map(
              (d) =>
                `    ${d.label.padEnd(30)} ${d.seconds === null ? 'n/a'.padStart(8) : `${d.seconds.toFixed(2)} s`.padStart(8)}  target ${d.targetSeconds === null ? '—'.padStart(7) : `${d.targetSeconds.toFixed(1)} s`.padStart(7)}  ${d.verdict.padEnd(4)}${d.cpuSeconds === null ? `  ${d.missing}` : `  CPU ${d.cpuSeconds.toFixed(2)} s, peak RSS ${d.peakRssMB} MB${d.each ? ` (${d.each})` : ''}`}`,
            ),
          ]
        : []),
    ].join('\n'),
  )
}

/** One line per budget (DERIVED_BUDGETS), and one per other registered index, without a verdict. */
function derivedIndexFigures(figures: DerivedIndexFigure[]) {
  return figures.map((f) => {
    const m = f.measured
    const seconds = m ? m.ms / 1000 : null
    return {
      label: m?.label ?? f.names.join(' + '),
      seconds,
      each: m && m.each.length > 1 ? m.each.map((e) => `${e.name} done at ${(e.ms / 1000).toFixed(2)} s`).join(', ') : null,
      targetSeconds: f.targetSeconds,
      verdict: seconds === null ? 'n/a' : f.targetSeconds === null ? '' : seconds <= f.targetSeconds ? 'ok' : 'MISS',
      cpuSeconds: m ? (m.cpuUserMs + m.cpuSystemMs) / 1000 : null,
      peakRssMB: m ? Math.round(m.peakRssMB) : null,
      missing: f.missing,
    }
  })
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
      'no-stages': { type: 'boolean' },
      'no-derived': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    console.log(
      [
        'Usage: npm run bench:import -- [--articles N] [--seed N] [--runs N] [--scratch DIR] [--json] [--no-stages] [--no-derived]',
        `  --articles N   synthetic articles to generate and import (default ${DEFAULT_ARTICLES})`,
        `  --seed N       seed of the synthetic corpus (default ${DEFAULT_SEED})`,
        `  --runs N       imports into fresh stores; the fastest is reported (default ${DEFAULT_RUNS})`,
        '  --scratch DIR  where the stores are written (default the OS temp folder; /dev/shm shows the import without disk flushes)',
        '  --json         print one JSON object instead of the summary',
        '  --no-stages    skip the per-stage costs (decode, metadata, boilerplate, near-duplicates, writes)',
        '  --no-derived   skip the derived indexes after the import (provenance, entities, dates, figures: whichever are registered)',
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
    stages: !(values['no-stages'] ?? false),
    derived: !(values['no-derived'] ?? false),
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`)
  process.exitCode = 1
})
