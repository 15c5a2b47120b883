// The bench's service figures, in groups that each run in a fresh process of their own
// (service-group-child.ts), as the app would be started for that work: the import job; a session on
// the imported store (search, highlights, suggestions, the reader fixture, the library and reader in
// Chromium); a session on the 1,000-claim board; a session on the 100,000-link store (CSV export).
// The peak RSS figure is the highest of these processes' peaks: the service's working set, not what
// the bench's own work (corpus, floors, peers, fixtures) or an earlier group left in one long
// process. The long session (longSession) runs import, analysis, search, board and export in one
// process, as an analyst's day in the desktop app, and is reported beside it.

import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { AnnotationFixture } from './annotation-fixtures'
import type { BenchPhases } from './bench-phases'
import { BOARD, BOARD_INTERACTION_SAMPLES, BOARD_INTERACTION_WARM_UP, boardFilterQueries } from './board-figures'
import { runBenchChild } from './child-process'
import { type Corpus, searchQueries, TextModel } from './corpus-generator'
import { measureAnchoring, type AnchoringMeasurement } from './measure-anchoring'
import { measureCsvExport, type CsvMeasurement } from './measure-csv-export'
import { listEntitiesOf, measureEntitiesPanel, type EntitiesMeasurement } from './measure-entities'
import { measureHighlightDurable, planHighlights } from './measure-highlights'
import { measureImport, measureIndexUpdate, type ImportMeasurement } from './measure-import'
import { measureSearch, searchOperationOf, type SearchMeasurement } from './measure-search'
import { measureSuggestions } from './measure-suggestions'
import { measureTimeline, type TimelineMeasurement } from './measure-timeline'
import type { AppLoadMeasurement, BoardInteractions, UiBench } from './measure-ui'
import { derivedRandom } from './seeded-random'
import { openSession, PROJECT_ROOT, type StoreSession } from './store-session'
import { indexWords, spreadWordSpans } from './text-spans'
import type { SampleSummary } from './timing'

/** The search figure is over 50 queries. */
export const SEARCH_QUERIES = 50
/** Highlights: the 200 samples, after 10 untimed (JIT, first writes of a new file). */
const HIGHLIGHT_WARM_UP = 10
export const HIGHLIGHT_SAMPLES = 200
/** Highlight latency once the board is large: fewer samples, each rewrites a much larger file. */
const LARGE_STORE_HIGHLIGHT_WARM_UP = 2
const BOARD_STORE_HIGHLIGHT_SAMPLES = 50
const CSV_STORE_HIGHLIGHT_SAMPLES = 20
/** The reader figure's article: 10,000 words with 300 highlights, as the issue sets it. */
export const READER_WORDS = 10_000
export const READER_HIGHLIGHTS = 300
/** Reader opens: 2 untimed (JIT, first layout), then 10 timed; the median is the figure. */
const READER_WARM_UP = 2
const READER_SAMPLES = 10
/** App loads (fresh browser context each): 1 untimed, then 5 timed; medians are the figures. */
const APP_LOAD_WARM_UP = 1
const APP_LOAD_SAMPLES = 5
/** Fixture articles for the reader figure: dated after the corpus so they head the library list. */
const READER_OUTLET = 'Bench Desk'
const LONG_READ_TITLE = 'Bench Long Read With Three Hundred Highlights'
const SHORT_READ_TITLE = 'Bench Short Read Without Highlights'
const READER_DATE = '2025-06-01'

/** What every group is given (as a JSON file: the article ids alone are 10,000 strings). */
export interface GroupInput {
  storeDir: string
  scratch: string
  seed: number
  corpus: Corpus
  /** Ids the import gave, for the highlight figures' random picks (not the reader fixture's two). */
  articleIds: string[]
  /** The built renderer and Chromium, or why the UI figures are not measured. */
  ui: { rendererDir: string; executable: string } | { missing: string }
}

/** What every group's process reports beside its figures. */
export interface GroupOutcome<T> {
  figures: T
  failures: string[]
  memoryByPhase: { phase: string; rssMB: number; peakRssMB: number }[]
  /** The group's process's peak RSS (MB): the service's working set for that work. */
  peakRssMB: number
}

type Summary = (SampleSummary & { samplesMs: number[] }) | null

export interface ImportGroup {
  imported: ImportMeasurement | null
  indexed: { ms: number } | null
}

/** The import job into an empty store, then the reopened store's check that nothing is left to index. */
export async function importGroup(input: GroupInput, phases: BenchPhases): Promise<ImportGroup> {
  const imported = await phases.run('import', () => measureImport(input.corpus, input.storeDir, input.scratch))
  if (!imported) return { imported, indexed: null }
  const indexed = await phases.run('search index after the import job (reopened: load, nothing left to index)', () =>
    measureIndexUpdate(input.storeDir, imported.articleIds),
  )
  return { imported, indexed }
}

export interface SessionGroup {
  search: SearchMeasurement | null
  highlight: Summary
  suggestions: (SampleSummary & { suggestionsPerQuery: number }) | null
  anchoring: AnchoringMeasurement | null
  templates: boolean
  libraryLoad: AppLoadMeasurement | null
  readerOpen: Summary
}

/** A session on the imported store: search, highlights, suggestions, the reader fixture, the library and reader in Chromium. */
export async function sessionGroup(input: GroupInput, phases: BenchPhases, searchIndexed: boolean): Promise<SessionGroup> {
  const { seed } = input
  const model = new TextModel(seed)
  const queries = searchQueries(model, input.corpus.articles, SEARCH_QUERIES)
  const session = await openSession(input.storeDir)
  try {
    // Without an index the first search would build it all over again (and fail the same way).
    const search = searchIndexed
      ? await phases.run('search', async () => {
          const operation = searchOperationOf(session.service)
          return operation ? measureSearch(operation, queries) : null
        })
      : null
    const highlight = await phases.run('highlight create → durable', async () => {
      const plans = await planHighlights(session.service, input.articleIds, HIGHLIGHT_WARM_UP + HIGHLIGHT_SAMPLES, derivedRandom(seed, 'highlights'))
      return measureHighlightDurable(session.service, plans, HIGHLIGHT_WARM_UP)
    })
    const suggestions = await phases.run('suggested matches', () => measureSuggestions(session.service, seed))
    const anchoring = await phases.run('re-anchoring over generated edits', async () => measureAnchoring(await anchoringTexts(session.service), seed))
    const reader = await phases.run('fixture: reader article', () => addReaderFixture(session, model, input.scratch, seed, phases.log))
    const templates = reader ? await phases.run('fixture: template annotations', () => addTemplateAnnotations(session, reader.longReadId, model, seed)) : null

    let libraryLoad: AppLoadMeasurement | null = null
    let readerOpen: Summary = null
    const ui = input.ui
    if ('rendererDir' in ui) {
      const stats = await session.service.stats({})
      libraryLoad = await phases.run('library list first render', () =>
        withUi(session.service, ui, (bench, measure) => measure.measureAppLoad(bench, { articles: stats.articles, claims: 0 }, APP_LOAD_WARM_UP, APP_LOAD_SAMPLES)),
      )
      const articles = { measured: { title: LONG_READ_TITLE, marks: READER_HIGHLIGHTS }, other: { title: SHORT_READ_TITLE } }
      if (reader)
        readerOpen = await phases.run('reader open + render', () =>
          withUi(session.service, ui, (bench, measure) => measure.measureReaderOpen(bench, articles, READER_WARM_UP, READER_SAMPLES)),
        )
    }
    return { search, highlight, suggestions, anchoring, templates: templates === true, libraryLoad, readerOpen }
  } finally {
    await session.close()
  }
}

export interface BoardGroup {
  boardHighlight: Summary
  timeline: TimelineMeasurement | null
  entities: EntitiesMeasurement | null
  entitiesMissing: boolean
  boardLoad: AppLoadMeasurement | null
  boardInteractions: BoardInteractions | null
  boardPayloadBytes: number | null
}

/** A session on the store holding the claim board (1,000 claims, 10,000 links). */
export async function boardGroup(input: GroupInput, phases: BenchPhases): Promise<BoardGroup> {
  const session = await openSession(input.storeDir)
  try {
    const { service } = session
    const boardHighlight = await phases.run('highlight durable with the board stored', async () => {
      const plans = await planHighlights(
        service,
        input.articleIds,
        LARGE_STORE_HIGHLIGHT_WARM_UP + BOARD_STORE_HIGHLIGHT_SAMPLES,
        derivedRandom(input.seed, 'board-highlights'),
      )
      return measureHighlightDurable(service, plans, LARGE_STORE_HIGHLIGHT_WARM_UP)
    })
    const timeline = await phases.run('timeline (service answer, board store)', () => measureTimeline(service))
    const listEntities = listEntitiesOf(service)
    const entities = listEntities ? await phases.run('entities panel (service answer, board store)', () => measureEntitiesPanel(service, listEntities)) : null
    let boardLoad: AppLoadMeasurement | null = null
    let boardInteractions: BoardInteractions | null = null
    let boardPayloadBytes: number | null = null
    const ui = input.ui
    if ('rendererDir' in ui) {
      // A fresh start shows no reader: the saved layout would otherwise reopen the long read.
      await service.saveUiState({ panes: [null, null], paneWeights: [1, 1] })
      const stats = await service.stats({})
      boardLoad = await phases.run('claim board first render', () =>
        withUi(service, ui, (bench, measure) => measure.measureAppLoad(bench, { articles: stats.articles, claims: stats.claims }, APP_LOAD_WARM_UP, APP_LOAD_SAMPLES)),
      )
      const view = await service.getClaimBoard({})
      boardPayloadBytes = Buffer.byteLength(JSON.stringify(view))
      const queries = boardFilterQueries(view, BOARD_INTERACTION_WARM_UP + BOARD_INTERACTION_SAMPLES)
      boardInteractions = await phases.run('claim board interactions', () =>
        withUi(service, ui, (bench, measure) => measure.measureBoardInteractions(bench, queries, BOARD_INTERACTION_WARM_UP, BOARD_INTERACTION_SAMPLES)),
      )
    }
    return { boardHighlight, timeline, entities, entitiesMissing: !listEntities, boardLoad, boardInteractions, boardPayloadBytes }
  } finally {
    await session.close()
  }
}

export interface CsvGroup {
  csv: CsvMeasurement | null
  csvHighlight: Summary
}

/** A session on the store holding 100,000 evidence links: the CSV export, then highlights on that store. */
export async function csvGroup(input: GroupInput, phases: BenchPhases): Promise<CsvGroup> {
  const session = await openSession(input.storeDir)
  try {
    const csv = await phases.run('CSV export', () => measureCsvExport(session.service, input.scratch))
    const csvHighlight = await phases.run('highlight durable with 100,000 links stored', async () => {
      const plans = await planHighlights(
        session.service,
        input.articleIds,
        LARGE_STORE_HIGHLIGHT_WARM_UP + CSV_STORE_HIGHLIGHT_SAMPLES,
        derivedRandom(input.seed, 'csv-highlights'),
      )
      return measureHighlightDurable(session.service, plans, LARGE_STORE_HIGHLIGHT_WARM_UP)
    })
    return { csv, csvHighlight }
  } finally {
    await session.close()
  }
}

export interface LongSessionGroup {
  /** Each step, in order, in one service process. */
  steps: { step: string; ms: number; rssMB: number; peakRssMB: number }[]
  board: AnnotationFixture | null
  csvRows: number | null
}

/**
 * An analyst's session in one process, as the desktop app runs it: the corpus imported through the
 * service's import job into a new store, the derived indexes brought up to date after it (as the job
 * starts them), searches, a highlight, a claim and its evidence; then the claim board grown to 1,000
 * claims and 10,000 links (a fixture, in a child process, while the store is closed: the same process
 * opens it again, keeping all it held), its board answer and its evidence CSV.
 */
export async function longSession(input: GroupInput, phases: BenchPhases): Promise<LongSessionGroup> {
  const storeDir = join(input.scratch, 'long-session-store')
  const model = new TextModel(input.seed)
  const queries = searchQueries(model, input.corpus.articles, SEARCH_QUERIES)
  const steps: LongSessionGroup['steps'] = []
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now()
    const value = await phases.run(`long session: ${name}`, work)
    if (value === null) throw new Error(`the long session stopped at "${name}" (see above)`)
    const { rssMB, peakRssMB } = phases.memoryByPhase.at(-1) as { rssMB: number; peakRssMB: number }
    steps.push({ step: name, ms: Math.round(performance.now() - started), rssMB, peakRssMB })
    return value
  }
  let session: StoreSession | null = await openSession(storeDir)
  try {
    const live = session
    await step('import job (import, search index, then the derived indexes as the job starts them)', async () => {
      const { jobId } = await live.service.startImport({ path: input.corpus.dir })
      await live.service.importJobs.idle()
      const job = await live.service.getImportJob({ jobId })
      if (job.state !== 'done') throw new Error(`the import job ended ${job.state}`)
      await live.service.derivedIndexes.updateAll()
      return true
    })
    await step(`${queries.length} searches`, async () => {
      const operation = searchOperationOf(live.service)
      if (operation) for (const query of queries) await operation(query)
      return true
    })
    const articleId = (await live.service.listArticles({})).articles[0]?.id
    if (!articleId) throw new Error('the long session imported nothing')
    await step('a highlight, a claim, its evidence', () => addTemplateAnnotations(live, articleId, model, input.seed))
    await live.close()
    session = null
    const board = await runBenchChild<AnnotationFixture>('seed-annotations.ts', [storeDir, String(input.seed), String(BOARD.claims), String(BOARD.links)])
    session = await openSession(storeDir)
    const reopened = session
    await step('store reopened with the board', async () => true)
    await step('claim board answer', async () => Buffer.byteLength(JSON.stringify(await reopened.service.getClaimBoard({}))))
    const rows = await step('evidence CSV', async () => (await reopened.service.writeClaimsCsvFile(join(input.scratch, 'long-session.csv'), {})).rows)
    return { steps, board, csvRows: rows }
  } finally {
    await session?.close()
  }
}

/**
 * Runs `work` with the app in Chromium over this service. The UI measurements (and Playwright with
 * them, about 30 MB of heap) are loaded here, on first use, so that a service process that drives no
 * browser (the import, the CSV, the long session) does not carry them: the bench measures those
 * processes' memory as the service's, and the app's service never loads Playwright.
 */
async function withUi<T>(
  service: StoreSession['service'],
  ui: { rendererDir: string; executable: string },
  work: (bench: UiBench, measure: typeof import('./measure-ui')) => Promise<T>,
): Promise<T> {
  const measure = await import('./measure-ui')
  const bench = await measure.UiBench.start(service, ui.rendererDir, ui.executable)
  try {
    return await work(bench, measure)
  } finally {
    await bench.close()
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
async function addReaderFixture(session: StoreSession, model: TextModel, scratch: string, seed: number, log: (line: string) => void): Promise<{ longReadId: string }> {
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
