// `npm run bench`: measures Triangulate against the performance targets of the benchmark issue on a
// deterministic synthetic corpus, through the real code (importer, store on disk, service, browser
// shell in Chromium), and prints a table or, with --json, one JSON object. Progress goes to stderr.
// Everything it writes lives in the OS temp folder: the cached corpus and this run's scratch folder
// (removed at the end). Usage: npm run bench -- [--articles N] [--seed N] [--json] [--skip-ui]

import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { AnnotationFixture } from './annotation-fixtures'
import { runBenchChild } from './child-process'
import { type Corpus, ensureCorpus, searchQueries, TextModel } from './corpus-generator'
import { listCorpusFiles, measureReadAndHashFloor, measureRipgrepFloor, ripgrepPath, type RipgrepFloor, warmPageCache } from './measure-floors'
import { measureCsvExport, type CsvMeasurement } from './measure-csv-export'
import { measureBoardCards, type BoardCardMeasurement } from './measure-board-cards'
import { measureTimeline, type TimelineMeasurement } from './measure-timeline'
import { listEntitiesOf, measureEntitiesPanel, type EntitiesMeasurement } from './measure-entities'
import { measureSync, type SyncMeasurement } from './measure-sync'
import { measureFts5Peer, python3Path, type Fts5Peer } from './measure-peers'
import type { StageCost } from './measure-import-stages'
import { measureDerivedIndexes, type DerivedIndexFigure } from './measure-derived-indexes'
import { SEARCH_FIRST_RESULTS } from '../src/shared/model'
import { measureHighlightDurable, planHighlights } from './measure-highlights'
import { measureImport, measureIndexUpdate, type ImportMeasurement } from './measure-import'
import { measureSearch, searchOperationOf, type SearchMeasurement } from './measure-search'
import { measureAnchoring, type AnchoringMeasurement } from './measure-anchoring'
import { measureStoreOpen, type StoreOpenMeasurement } from './measure-store-open'
import { measureSuggestions, SUGGESTION_TARGET_MS } from './measure-suggestions'
import { BOARD, BOARD_INTERACTION_SAMPLES, BOARD_INTERACTION_WARM_UP, boardFigures, boardFilterQueries } from './board-figures'
import {
  type AppLoadMeasurement,
  type BoardInteractions,
  buildRenderer,
  chromiumExecutable,
  measureAppLoad,
  measureBoardInteractions,
  measureReaderOpen,
  UiBench,
} from './measure-ui'
import { type BenchResult, describeCode, describeMachine, type Figure, formatTable, toJson, verdictOf } from './report'
import { derivedRandom } from './seeded-random'
import { type MemoryReading, settleAndReadMemory } from './memory'
import { openSession, PROJECT_ROOT, type StoreSession } from './store-session'
import { targetsFor } from './targets'
import { indexWords, spreadWordSpans } from './text-spans'
import type { SampleSummary } from './timing'
import { integerFlag } from './cli-flags'

const DEFAULT_ARTICLES = 10_000
const DEFAULT_SEED = 42
/** The issue's search figure is over 50 queries. */
const SEARCH_QUERIES = 50
/** Highlights: the issue's 200 samples, after 10 untimed (JIT, first writes of a new file). */
const HIGHLIGHT_WARM_UP = 10
const HIGHLIGHT_SAMPLES = 200
/** Highlight latency once the board is large: fewer samples, each rewrites a much larger file. */
const LARGE_STORE_HIGHLIGHT_WARM_UP = 2
const BOARD_STORE_HIGHLIGHT_SAMPLES = 50
const CSV_STORE_HIGHLIGHT_SAMPLES = 20
/** The reader figure's article: 10,000 words with 300 highlights, as the issue sets it. */
const READER_WORDS = 10_000
const READER_HIGHLIGHTS = 300
/** Reader opens: 2 untimed (JIT, first layout), then 10 timed; the median is the figure. */
const READER_WARM_UP = 2
const READER_SAMPLES = 10
/** App loads (fresh browser context each): 1 untimed, then 5 timed; medians are the figures. */
const APP_LOAD_WARM_UP = 1
const APP_LOAD_SAMPLES = 5
/** What a card's origins and figures may add to the board (#22). */
const BOARD_CARD_ADDED_TARGET_PCT = 20
/** The time line view's budget (#22: new views within budget). */
const TIMELINE_TARGET_MS = 300
/** The entities panel's budget (#22). */
const ENTITIES_PANEL_TARGET_MS = 200
/** The first team sync's budget (#22, #19), each way. */
const FIRST_SYNC_TARGET_MS = 10_000
/** The issue's CSV size (the board's is in board-figures). */
const CSV_ROWS = 100_000
/** Fixture articles for the reader figure: dated after the corpus so they head the library list. */
const READER_OUTLET = 'Bench Desk'
const LONG_READ_TITLE = 'Bench Long Read With Three Hundred Highlights'
const SHORT_READ_TITLE = 'Bench Short Read Without Highlights'
const READER_DATE = '2025-06-01'

interface Options {
  articles: number
  seed: number
  json: boolean
  skipUi: boolean
  skipSync: boolean
}

const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`)

/** Figures that could not be measured because a phase failed; the run goes on and exits non-zero. */
const failures: string[] = []
/** Resident memory after each phase, to tell which one set the peak. */
const memoryByPhase: ({ phase: string } & MemoryReading)[] = []

async function phase<T>(name: string, work: () => Promise<T>): Promise<T | null> {
  log(`${name}…`)
  const started = performance.now()
  try {
    const value = await work()
    const seconds = (performance.now() - started) / 1000
    const { rssMB, peakRssMB } = settleAndReadMemory()
    memoryByPhase.push({ phase: name, rssMB, peakRssMB })
    log(`${name}: ${seconds.toFixed(1)} s (RSS after GC ${rssMB} MB, peak so far ${peakRssMB} MB)`)
    return value
  } catch (error) {
    failures.push(`${name}: ${(error as Error).message}`)
    log(`${name} FAILED: ${(error as Error).stack ?? error}`)
    return null
  }
}

async function main(): Promise<void> {
  const options = parseOptions()
  if (!options) return
  const runStarted = performance.now()
  const machine = describeMachine()
  const code = describeCode(PROJECT_ROOT)
  const targets = targetsFor(options.articles)
  const scratch = await mkdtemp(join(tmpdir(), 'triangulate-bench-run-'))
  const storeDir = join(scratch, 'store')
  let session: StoreSession | null = null
  try {
    const corpus = await ensureCorpus({ seed: options.seed, articles: options.articles }, log)
    const model = new TextModel(options.seed)
    const queries = searchQueries(model, options.articles, SEARCH_QUERIES)

    // ── Floors, on the same files, page cache warmed first ─────────────────────────────────────
    const files = await listCorpusFiles(corpus.dir)
    warmPageCache(files)
    const floor = await phase('floor: read and hash', async () => measureReadAndHashFloor(files))
    const ripgrep = ripgrepPath() ? await phase('floor: ripgrep per query', async () => measureRipgrepFloor(corpus.dir, queries)) : null
    const fts5 = python3Path() ? await phase('peer: SQLite FTS5 in memory', () => measureFts5Peer(corpus.dir, queries, SEARCH_FIRST_RESULTS, scratch)) : null

    // ── Import, then a cold open in fresh processes ──────────────────────────────────────────────
    const imported = await phase('import', () => measureImport(corpus, storeDir, scratch))
    if (!imported) throw new Error('the import failed; nothing else can be measured')
    const indexed = await phase('search index after the import job (reopened: load, nothing left to index)', () => measureIndexUpdate(storeDir, imported.articleIds))
    const storeOpen = await phase('store open (fresh processes)', () => measureStoreOpen(storeDir))
    const stages = await phase(
      'import stages, each alone (fresh process)',
      async () => (await runBenchChild<{ stages: StageCost[] }>('import-stages-probe.ts', [corpus.dir, scratch])).stages,
    )
    const derived = await phase('derived indexes (fresh processes)', () => measureDerivedIndexes(storeDir, options.articles, log))

    // ── Service figures on the imported store ────────────────────────────────────────────────────
    session = await openSession(storeDir)
    const live = session
    // Without an index the first search would build it all over again (and fail the same way).
    const search = indexed
      ? await phase('search', async () => {
          const operation = searchOperationOf(live.service)
          return operation ? measureSearch(operation, queries) : null
        })
      : null
    const articleIds = (await live.service.listArticles({})).articles.map((a) => a.id)
    const highlight = await phase('highlight create → durable', async () => {
      const plans = await planHighlights(live.service, articleIds, HIGHLIGHT_WARM_UP + HIGHLIGHT_SAMPLES, derivedRandom(options.seed, 'highlights'))
      return measureHighlightDurable(live.service, plans, HIGHLIGHT_WARM_UP)
    })
    const suggestions = await phase('suggested matches', () => measureSuggestions(live.service, options.seed))
    const anchoring = await phase('re-anchoring over generated edits', async () => measureAnchoring(await anchoringTexts(live.service), options.seed))
    const reader = await phase('fixture: reader article', () => addReaderFixture(live, model, scratch, options.seed))
    const templates = reader ? await phase('fixture: template annotations', () => addTemplateAnnotations(live, reader.longReadId, model, options.seed)) : null

    let uiMissing: string | null = options.skipUi ? 'skipped: --skip-ui' : null
    const executable = chromiumExecutable()
    if (!uiMissing && !executable) uiMissing = 'no Chromium found; apt-get install -y chromium or set CHROMIUM_PATH'
    const rendererDir = uiMissing ? null : await phase('build renderer (electron-vite)', async () => (await buildRenderer(join(scratch, 'build'))).rendererDir)
    if (!uiMissing && !rendererDir) uiMissing = 'renderer build failed'
    const withUi = async <T>(service: StoreSession['service'], work: (ui: UiBench) => Promise<T>): Promise<T> => {
      const ui = await UiBench.start(service, rendererDir as string, executable as string)
      try {
        return await work(ui)
      } finally {
        await ui.close()
      }
    }

    let libraryLoad: AppLoadMeasurement | null = null
    let readerOpen: (SampleSummary & { samplesMs: number[] }) | null = null
    if (!uiMissing) {
      const stats = await live.service.stats({})
      libraryLoad = await phase('library list first render', () =>
        withUi(live.service, (ui) => measureAppLoad(ui, { articles: stats.articles, claims: 0 }, APP_LOAD_WARM_UP, APP_LOAD_SAMPLES)),
      )
      const articles = { measured: { title: LONG_READ_TITLE, marks: READER_HIGHLIGHTS }, other: { title: SHORT_READ_TITLE } }
      if (reader) readerOpen = await phase('reader open + render', () => withUi(live.service, (ui) => measureReaderOpen(ui, articles, READER_WARM_UP, READER_SAMPLES)))
    }
    await session.close()
    session = null

    // ── Claim board: 1,000 claims, 10,000 links ──────────────────────────────────────────────────
    const boardFixture = templates ? await phase('fixture: claim board', () => growAnnotations(storeDir, options.seed, BOARD.claims, BOARD.links)) : null
    // In fresh processes on copies of the store, while nothing holds it open.
    const boardCards = boardFixture
      ? await phase('board cards: origins, figures and dates (service answer, fresh processes)', () => measureBoardCards(storeDir, scratch))
      : null
    session = await openSession(storeDir)
    const boardSession = session
    const boardHighlight = await phase('highlight durable with the board stored', async () => {
      const plans = await planHighlights(
        boardSession.service,
        articleIds,
        LARGE_STORE_HIGHLIGHT_WARM_UP + BOARD_STORE_HIGHLIGHT_SAMPLES,
        derivedRandom(options.seed, 'board-highlights'),
      )
      return measureHighlightDurable(boardSession.service, plans, LARGE_STORE_HIGHLIGHT_WARM_UP)
    })
    const timeline = await phase('timeline (service answer, board store)', () => measureTimeline(boardSession.service))
    const listEntities = listEntitiesOf(boardSession.service)
    const entities = listEntities ? await phase('entities panel (service answer, board store)', () => measureEntitiesPanel(boardSession.service, listEntities)) : null
    let boardLoad: AppLoadMeasurement | null = null
    let boardInteractions: BoardInteractions | null = null
    let boardPayloadBytes: number | null = null
    if (!uiMissing && boardFixture) {
      // A fresh start shows no reader: the saved layout would otherwise reopen the long read.
      await boardSession.service.saveUiState({ panes: [null, null], paneWeights: [1, 1] })
      const stats = await boardSession.service.stats({})
      boardLoad = await phase('claim board first render', () =>
        withUi(boardSession.service, (ui) => measureAppLoad(ui, { articles: stats.articles, claims: stats.claims }, APP_LOAD_WARM_UP, APP_LOAD_SAMPLES)),
      )
      const view = await boardSession.service.getClaimBoard({})
      boardPayloadBytes = Buffer.byteLength(JSON.stringify(view))
      const queries = boardFilterQueries(view, BOARD_INTERACTION_WARM_UP + BOARD_INTERACTION_SAMPLES)
      boardInteractions = await phase('claim board interactions', () =>
        withUi(boardSession.service, (ui) => measureBoardInteractions(ui, queries, BOARD_INTERACTION_WARM_UP, BOARD_INTERACTION_SAMPLES)),
      )
    }
    await session.close()
    session = null

    // ── CSV: 100,000 evidence rows ───────────────────────────────────────────────────────────────
    const csvFixture = boardFixture ? await phase('fixture: 100,000 evidence rows', () => growAnnotations(storeDir, options.seed, BOARD.claims, CSV_ROWS)) : null
    session = await openSession(storeDir)
    const csvSession = session
    const csv = csvFixture ? await phase('CSV export', () => measureCsvExport(csvSession.service, scratch)) : null
    if (csv && csv.rows !== CSV_ROWS) failures.push(`CSV export: the fixture gave ${csv.rows} rows, not ${CSV_ROWS}`)
    const csvHighlight = await phase('highlight durable with 100,000 links stored', async () => {
      const plans = await planHighlights(
        csvSession.service,
        articleIds,
        LARGE_STORE_HIGHLIGHT_WARM_UP + CSV_STORE_HIGHLIGHT_SAMPLES,
        derivedRandom(options.seed, 'csv-highlights'),
      )
      return measureHighlightDurable(csvSession.service, plans, LARGE_STORE_HIGHLIGHT_WARM_UP)
    })
    await session.close()
    session = null
    const largeStoreOpen = await phase('store open with 100,000 links (fresh processes)', () => measureStoreOpen(storeDir))
    const sync = options.skipSync ? null : await phase('team sync (bench:sync, fresh process)', () => measureSync())
    const peakRssMB = process.resourceUsage().maxRSS / 1024

    const figures = buildFigures({
      targets,
      corpus,
      floor,
      ripgrep,
      fts5,
      stages,
      derived,
      imported,
      storeOpen,
      indexed,
      search,
      highlight,
      suggestions,
      anchoring,
      readerOpen,
      libraryLoad,
      boardLoad,
      boardInteractions,
      boardPayloadBytes,
      csv,
      boardHighlight,
      csvHighlight,
      timeline,
      boardCards,
      entities,
      entitiesMissing: listEntities ? null : 'not on this branch (the service has no listEntities)',
      sync,
      syncMissing: options.skipSync ? 'skipped: --skip-sync' : null,
      largeStoreOpen,
      peakRssMB,
      uiMissing,
      fixtures: { board: boardFixture, csv: csvFixture },
    })
    const result: BenchResult = {
      machine: { ...machine, loadAverage: { ...machine.loadAverage, end: loadavg()[0] ?? 0 } },
      code,
      corpus: {
        articles: corpus.articles,
        seed: corpus.seed,
        files: corpus.files,
        bytes: corpus.bytes,
        outlets: corpus.outlets.length,
        dir: corpus.dir,
        reused: corpus.reused,
      },
      figures,
      totalSeconds: (performance.now() - runStarted) / 1000,
      failures,
    }
    process.stdout.write(`${options.json ? toJson(result) : formatTable(result)}\n`)
    if (failures.length > 0) process.exitCode = 1
    else if (figures.some((f) => verdictOf(f) === 'MISS')) log('some targets were missed (see the table); the bench itself ran fine')
  } finally {
    await session?.close()
    await rm(scratch, { recursive: true, force: true })
  }
}

/** Texts to edit for the re-anchoring figure: the real seed articles when they are beside the project, else the corpus's. */
async function anchoringTexts(service: StoreSession['service']): Promise<string[]> {
  const seeds = join(PROJECT_ROOT, '..', 'shared', 'seeds')
  try {
    const files = (await readdir(seeds)).filter((f) => f.endsWith('.txt'))
    if (files.length > 0) return Promise.all(files.map((f) => readFile(join(seeds, f), 'utf8')))
  } catch {
    // No seeds here: fall back to generated articles.
  }
  const articles = (await service.listArticles({})).articles.slice(0, 20)
  return Promise.all(articles.map(async (a) => (await service.getArticle({ id: a.id })).text))
}

/**
 * Imports the reader figure's two articles through the service's import job (as the Import button
 * does), then highlights 300 separate passages of the long one through service.createHighlight.
 */
async function addReaderFixture(session: StoreSession, model: TextModel, scratch: string, seed: number): Promise<{ longReadId: string }> {
  const folder = join(scratch, 'reader-fixture', READER_OUTLET)
  await mkdir(folder, { recursive: true })
  await writeFile(join(folder, 'long-read.txt'), model.longRead(READER_WORDS, LONG_READ_TITLE, READER_DATE))
  await writeFile(join(folder, 'short-read.txt'), model.longRead(300, SHORT_READ_TITLE, READER_DATE))
  const { jobId } = await session.service.startImport({ path: folder })
  await session.service.importJobs.idle()
  const job = await session.service.getImportJob({ jobId })
  if (job.state !== 'done' || job.report.imported !== 2) throw new Error(`reader fixture import ended ${job.state}: ${JSON.stringify(job)}`)

  const library = (await session.service.listArticles({})).articles
  const longRead = library.find((a) => a.title === LONG_READ_TITLE)
  if (!longRead) throw new Error('the long read is not in the library after its import')
  const { text } = await session.service.getArticle({ id: longRead.id })
  for (const span of spreadWordSpans(indexWords(text), READER_HIGHLIGHTS, derivedRandom(seed, 'reader-highlights'))) {
    await session.service.createHighlight({ articleId: longRead.id, start: span.start, end: span.end })
  }
  log(`reader fixture: ${longRead.wordCount} words, ${READER_HIGHLIGHTS} highlights`)
  return { longReadId: longRead.id }
}

/** One claim with one link made through the service: the records the fixtures copy their shape from. */
async function addTemplateAnnotations(session: StoreSession, articleId: string, model: TextModel, seed: number): Promise<true> {
  const random = derivedRandom(seed, 'template')
  const { text } = await session.service.getArticle({ id: articleId })
  const [span] = spreadWordSpans(indexWords(text), 1, random)
  if (!span) throw new Error('no passage for the template highlight')
  const highlight = await session.service.createHighlight({ articleId, start: span.start, end: span.end })
  const claim = await session.service.createClaim({ text: model.sentence(random) })
  await session.service.linkEvidence({ claimId: claim.id, highlightId: highlight.id, stance: 'supports' })
  return true
}

/** Runs in a child process so the fixture's memory never counts towards this process's peak RSS. */
function growAnnotations(storeDir: string, seed: number, claims: number, links: number): Promise<AnnotationFixture> {
  return runBenchChild<AnnotationFixture>('seed-annotations.ts', [storeDir, String(seed), String(claims), String(links)])
}

interface Measured {
  targets: ReturnType<typeof targetsFor>
  corpus: Corpus
  floor: { ms: number; runsMs: number[] } | null
  ripgrep: RipgrepFloor | null
  fts5: Fts5Peer | null
  stages: StageCost[] | null
  derived: DerivedIndexFigure[] | null
  imported: ImportMeasurement
  indexed: { ms: number } | null
  storeOpen: StoreOpenMeasurement | null
  search: SearchMeasurement | null
  highlight: (SampleSummary & { samplesMs: number[] }) | null
  suggestions: (SampleSummary & { suggestionsPerQuery: number }) | null
  anchoring: AnchoringMeasurement | null
  readerOpen: (SampleSummary & { samplesMs: number[] }) | null
  libraryLoad: AppLoadMeasurement | null
  boardLoad: AppLoadMeasurement | null
  boardInteractions: BoardInteractions | null
  boardPayloadBytes: number | null
  csv: CsvMeasurement | null
  boardHighlight: (SampleSummary & { samplesMs: number[] }) | null
  timeline: TimelineMeasurement | null
  boardCards: BoardCardMeasurement | null
  entities: EntitiesMeasurement | null
  entitiesMissing: string | null
  sync: SyncMeasurement | null
  syncMissing: string | null
  csvHighlight: (SampleSummary & { samplesMs: number[] }) | null
  largeStoreOpen: StoreOpenMeasurement | null
  peakRssMB: number
  uiMissing: string | null
  fixtures: { board: AnnotationFixture | null; csv: AnnotationFixture | null }
}

function buildFigures(m: Measured): Figure[] {
  const n = m.corpus.articles.toLocaleString('en')
  const failed = 'failed, see stderr'
  const ui = m.uiMissing ?? failed
  const searchMissing = !m.indexed ? 'no search index (its build failed)' : failures.some((f) => f.startsWith('search')) ? failed : 'not implemented'
  const withRoundedSamples = <T extends { samplesMs: number[] }>(s: T | null) => (s ? { ...s, samplesMs: s.samplesMs.map((v) => Math.round(v * 100) / 100) } : undefined)
  return [
    {
      key: 'importSeconds',
      label: `import job, whole corpus (importFolder with the search index fed as texts are stored, ${n} files)`,
      value: m.imported.ms / 1000,
      unit: 's',
      target: m.targets.importSeconds,
      details: { ...m.imported, articleIds: undefined },
    },
    {
      key: 'suggestMatchesP95Ms',
      label: `suggested matches for a highlight, p95 (${m.suggestions?.count ?? 0} highlights)`,
      value: m.suggestions?.p95 ?? null,
      unit: 'ms',
      target: SUGGESTION_TARGET_MS,
      missing: failed,
      details: m.suggestions ?? undefined,
    },
    {
      key: 'reanchorFailurePct',
      label: m.anchoring
        ? `re-anchoring misses over ${m.anchoring.cases} generated edits (${((100 * m.anchoring.succeeded) / m.anchoring.cases).toFixed(1)}% recovered)`
        : 're-anchoring over generated edits',
      value: m.anchoring ? (100 * (m.anchoring.cases - m.anchoring.succeeded)) / m.anchoring.cases : null,
      unit: '%',
      target: null,
      missing: failed,
      details: m.anchoring ?? undefined,
    },
    {
      key: 'importJobFloorRatio',
      label: 'import job (importFolder + search index) ÷ read-and-hash floor',
      value: m.floor ? m.imported.ms / m.floor.ms : null,
      unit: '×',
      target: m.targets.importFloorRatio,
      missing: failed,
    },
    ...(m.stages ?? []).map((s): Figure => ({
      key: `importStage_${s.stage.replace(/[^a-z]/g, '')}Ms`,
      label: `  import stage alone: ${s.stage} (${(s.cpuMs / 1000).toFixed(2)} s CPU${m.floor ? `, ${(s.wallMs / m.floor.ms).toFixed(1)}× floor` : ''})`,
      value: s.wallMs,
      unit: 'ms',
      target: null,
      details: s,
    })),
    ...(m.derived ?? []).map((d): Figure => ({
      key: `derived_${d.names.join('_')}Seconds`,
      label: d.measured
        ? `derived index ${d.measured.label} after the import (${((d.measured.cpuUserMs + d.measured.cpuSystemMs) / 1000).toFixed(1)} s CPU, peak RSS ${Math.round(d.measured.peakRssMB)} MB)`
        : `derived index ${d.names.join(' + ')} after the import`,
      value: d.measured ? d.measured.ms / 1000 : null,
      unit: 's',
      target: d.targetSeconds,
      missing: d.missing ?? failed,
      details: d.measured ?? undefined,
    })),
    {
      key: 'fts5BuildSeconds',
      label: `peer: SQLite FTS5 in memory, index build (${m.fts5 ? `sqlite ${m.fts5.sqlite}, files read first in ${(m.fts5.readMs / 1000).toFixed(2)} s` : 'python3 sqlite3'})`,
      value: m.fts5 ? m.fts5.buildMs / 1000 : null,
      unit: 's',
      target: null,
      missing: 'python3 with sqlite3 FTS5 not found',
      details: m.fts5 ?? undefined,
    },
    {
      key: 'importJobVsFts5Build',
      label: 'import job ÷ FTS5 read + build (ours does far more: decode, metadata, duplicates, durable writes)',
      value: m.fts5 ? m.imported.ms / (m.fts5.readMs + m.fts5.buildMs) : null,
      unit: '×',
      target: null,
      missing: m.fts5 ? failed : 'no FTS5 peer',
    },
    {
      key: 'fts5P50Ms',
      label: 'peer: FTS5 query p50 (same queries, 20 results with snippets)',
      value: m.fts5?.p50 ?? null,
      unit: 'ms',
      target: null,
      missing: 'no FTS5 peer',
    },
    { key: 'fts5P95Ms', label: 'peer: FTS5 query p95', value: m.fts5?.p95 ?? null, unit: 'ms', target: null, missing: 'no FTS5 peer' },
    {
      key: 'searchP95VsFts5',
      label: 'our search p95 ÷ FTS5 p95 (ours stays ahead: ≤ 1)',
      value: m.search && m.fts5 ? m.search.p95 / m.fts5.p95 : null,
      unit: '×',
      target: 1,
      missing: m.fts5 ? searchMissing : 'no FTS5 peer',
    },
    {
      key: 'searchP95VsRipgrep',
      label: 'our search p95 ÷ ripgrep p95 (ours stays ahead: ≤ 1)',
      value: m.search && m.ripgrep ? m.search.p95 / m.ripgrep.perQuery.p95 : null,
      unit: '×',
      target: 1,
      missing: m.ripgrep ? searchMissing : 'rg not installed',
    },
    {
      key: 'searchIndexSeconds',
      label: 'search index left after the import job (reopened store: load; nothing left to index)',
      value: m.indexed ? m.indexed.ms / 1000 : null,
      unit: 's',
      target: null,
      missing: failed,
    },
    {
      key: 'storeOpenMs',
      label: 'store open, cold (open + listArticles)',
      value: m.storeOpen?.ms ?? null,
      unit: 'ms',
      target: m.targets.storeOpenMs,
      missing: failed,
      details: m.storeOpen ? { runs: m.storeOpen.runs } : undefined,
    },
    {
      key: 'searchP50Ms',
      label: `full-text search p50 (${SEARCH_QUERIES} queries)`,
      value: m.search?.p50 ?? null,
      unit: 'ms',
      target: m.targets.searchP50Ms,
      missing: searchMissing,
      details: m.search ? { ...m.search } : undefined,
    },
    {
      key: 'searchP95Ms',
      label: `full-text search p95 (${SEARCH_QUERIES} queries)`,
      value: m.search?.p95 ?? null,
      unit: 'ms',
      target: m.targets.searchP95Ms,
      missing: searchMissing,
    },
    {
      key: 'searchFirstQueryMs',
      label: 'first search after store open (loads index)',
      value: m.search?.firstQueryMs ?? null,
      unit: 'ms',
      target: null,
      missing: searchMissing,
    },
    {
      key: 'highlightDurableP95Ms',
      label: `highlight create → durable, p95 (${HIGHLIGHT_SAMPLES} samples)`,
      value: m.highlight?.p95 ?? null,
      unit: 'ms',
      target: m.targets.highlightDurableP95Ms,
      missing: failed,
      details: withRoundedSamples(m.highlight),
    },
    {
      key: 'readerRenderMs',
      label: `reader: open ${READER_WORDS.toLocaleString('en')}-word article, ${READER_HIGHLIGHTS} highlights (median)`,
      value: m.readerOpen?.p50 ?? null,
      unit: 'ms',
      target: m.targets.readerRenderMs,
      missing: ui,
      details: withRoundedSamples(m.readerOpen),
    },
    ...boardFigures({
      boardLoad: m.boardLoad,
      interactions: m.boardInteractions,
      renderTargetMs: m.targets.claimBoardRenderMs,
      interactionTargetMs: m.targets.claimBoardInteractionMs,
      missing: ui,
      fixture: m.fixtures.board,
      payloadBytes: m.boardPayloadBytes,
    }),
    {
      key: 'timelineMs',
      label: m.timeline
        ? `timeline: getTimeline over the corpus, ${m.timeline.events.toLocaleString('en')} dated + ${m.timeline.unresolved.toLocaleString('en')} unresolved events, ${m.timeline.payloadMB.toFixed(1)} MB JSON (median; service answer, not the drawing)`
        : 'timeline: getTimeline over the corpus (median)',
      value: m.timeline?.p50 ?? null,
      unit: 'ms',
      target: TIMELINE_TARGET_MS,
      missing: failed,
      details: m.timeline ?? undefined,
    },
    {
      key: 'boardCardsAddedPct',
      label: m.boardCards
        ? `claim cards with origins, figures and dates: board answer CPU, first of a session ${m.boardCards.cold.full.cpuMs.toFixed(0)} vs ${m.boardCards.cold.plain.cpuMs.toFixed(0)} ms without (wall ${m.boardCards.cold.full.wallMs.toFixed(0)} / ${m.boardCards.cold.plain.wallMs.toFixed(0)}), rebuilt after an edit ${m.boardCards.rebuild.full.cpuMs.toFixed(0)} vs ${m.boardCards.rebuild.plain.cpuMs.toFixed(0)} ms (wall ${m.boardCards.rebuild.full.wallMs.toFixed(0)} / ${m.boardCards.rebuild.plain.wallMs.toFixed(0)}), kept ${m.boardCards.warm.fullCpuMs.toFixed(0)} ms; ${m.boardCards.fullMB.toFixed(2)} / ${m.boardCards.plainMB.toFixed(2)} MB; added (the larger of first and rebuilt)`
        : 'claim cards with origins, figures and dates: added to the board answer (the larger of first and rebuilt)',
      value: m.boardCards?.addedPct ?? null,
      unit: '%',
      target: BOARD_CARD_ADDED_TARGET_PCT,
      missing: failed,
      details: m.boardCards ?? undefined,
    },
    {
      key: 'entitiesPanelMs',
      label: m.entities
        ? `entities panel: listEntities over the corpus, ${m.entities.entities.toLocaleString('en')} entities, ${m.entities.payloadMB.toFixed(1)} MB JSON (median; service answer, not the drawing)`
        : 'entities panel: listEntities over the corpus (median)',
      value: m.entities?.p50 ?? null,
      unit: 'ms',
      target: ENTITIES_PANEL_TARGET_MS,
      missing: m.entitiesMissing ?? failed,
      details: m.entities ?? undefined,
    },
    {
      key: 'firstSyncSendMs',
      label: m.sync
        ? `team sync, first sync sending ${m.sync.firstSync.sent.toLocaleString('en')} documents (${m.sync.board.claims.toLocaleString('en')} claims, ${m.sync.board.links.toLocaleString('en')} links; ${m.sync.server})`
        : 'team sync, first sync sending 1,000 claims and 10,000 links',
      value: m.sync?.firstSync.sendMs ?? null,
      unit: 'ms',
      target: m.sync?.firstSync.targetMs ?? FIRST_SYNC_TARGET_MS,
      missing: m.syncMissing ?? failed,
      details: m.sync ?? undefined,
    },
    {
      key: 'firstSyncReceiveMs',
      label: m.sync
        ? `team sync, first sync receiving ${m.sync.firstSync.received.toLocaleString('en')} documents (a teammate's empty board)`
        : 'team sync, first sync receiving 1,000 claims and 10,000 links',
      value: m.sync?.firstSync.receiveMs ?? null,
      unit: 'ms',
      target: m.sync?.firstSync.targetMs ?? FIRST_SYNC_TARGET_MS,
      missing: m.syncMissing ?? failed,
    },
    {
      key: 'csvExportMs',
      label: `CSV export, ${CSV_ROWS.toLocaleString('en')} evidence rows (median)`,
      value: m.csv?.ms ?? null,
      unit: 'ms',
      target: m.targets.csvExportMs,
      missing: failed,
      details: m.csv ? { ...m.csv, fixture: m.fixtures.csv } : undefined,
    },
    {
      key: 'peakRssMB',
      label: 'peak RSS of the process running the service',
      value: m.peakRssMB,
      unit: 'MB',
      target: m.targets.peakRssMB,
      details: { byPhase: memoryByPhase },
    },
    // Context: floors and diagnostics, no target.
    {
      key: 'floorReadHashMs',
      label: 'floor: read + sha256 every file (median of 3)',
      value: m.floor?.ms ?? null,
      unit: 'ms',
      target: null,
      missing: failed,
      details: m.floor ?? undefined,
    },
    {
      key: 'ripgrepP50Ms',
      label: 'peer: ripgrep per query, first 20 files, p50',
      value: m.ripgrep?.perQuery.p50 ?? null,
      unit: 'ms',
      target: null,
      missing: 'rg not installed',
      details: m.ripgrep ? { ...m.ripgrep } : undefined,
    },
    {
      key: 'ripgrepP95Ms',
      label: 'peer: ripgrep per query, first 20 files, p95',
      value: m.ripgrep?.perQuery.p95 ?? null,
      unit: 'ms',
      target: null,
      missing: 'rg not installed',
    },
    {
      key: 'libraryRenderMs',
      label: `library list first render (first screenful of a virtualised list), ${n}+ articles (median)`,
      value: m.libraryLoad?.timedOut ? m.libraryLoad.timedOut.afterMs : (m.libraryLoad?.libraryMs ?? null),
      lowerBound: m.libraryLoad?.timedOut ? true : undefined,
      unit: 'ms',
      target: null,
      missing: ui,
      details: m.libraryLoad ? { samples: m.libraryLoad.samples } : undefined,
    },
    {
      key: 'highlightDurableP95WithBoardMs',
      label: `highlight → durable p95, ${BOARD.links.toLocaleString('en')} links stored`,
      value: m.boardHighlight?.p95 ?? null,
      unit: 'ms',
      target: null,
      missing: failed,
      details: withRoundedSamples(m.boardHighlight),
    },
    {
      key: 'highlightDurableP95With100kLinksMs',
      label: `highlight → durable p95, ${CSV_ROWS.toLocaleString('en')} links stored`,
      value: m.csvHighlight?.p95 ?? null,
      unit: 'ms',
      target: null,
      missing: failed,
      details: withRoundedSamples(m.csvHighlight),
    },
    {
      key: 'storeOpenWith100kLinksMs',
      label: `store open, cold, ${CSV_ROWS.toLocaleString('en')} links stored`,
      value: m.largeStoreOpen?.ms ?? null,
      unit: 'ms',
      target: null,
      missing: failed,
      details: m.largeStoreOpen ? { runs: m.largeStoreOpen.runs } : undefined,
    },
  ]
}

function parseOptions(): Options | null {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
      'skip-ui': { type: 'boolean' },
      'skip-sync': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    console.log(
      [
        'Usage: npm run bench -- [--articles N] [--seed N] [--json] [--skip-ui] [--skip-sync]',
        `  --articles N  synthetic articles to generate and import (default ${DEFAULT_ARTICLES})`,
        `  --seed N      seed of the synthetic corpus and fixtures (default ${DEFAULT_SEED})`,
        '  --json        print one JSON object with every figure instead of the table',
        '  --skip-ui     skip the figures measured in Chromium',
        '  --skip-sync   skip the team sync figures (bench:sync in a fresh process, about two minutes)',
      ].join('\n'),
    )
    return null
  }
  return {
    // Enough articles for 40 outlets and the evidence pool.
    articles: integerFlag('articles', values.articles, DEFAULT_ARTICLES, 100),
    seed: integerFlag('seed', values.seed, DEFAULT_SEED, 0),
    json: values.json ?? false,
    skipUi: values['skip-ui'] ?? false,
    skipSync: values['skip-sync'] ?? false,
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${(error as Error).stack ?? error}`)
  process.exit(1)
})
