// The service behind the API contract: every operation the renderer can ask for, implemented over
// the store with plain domain functions. Knows nothing of Electron, HTTP or IPC; arguments arrive
// already validated by dispatch.

import { contract, type ApiHandlers } from '../../shared/api'
import { codePointCounter } from '../../shared/anchoring/code-points'
import { reanchorHighlights } from '../../shared/anchoring/reanchor-highlights'
import { buildClaimBoard } from '../../shared/claims/claim-board'
import { buildBoardView, type BoardView } from '../../shared/claims/board-view'
import { firstScreenBoard } from '../../shared/claims/first-screen-board'
import { KeptBoardCards } from '../../shared/claims/kept-board-cards'
import type { Claim, ClaimCard, HighlightView, SearchHit } from '../../shared/model'
import { withoutFurniture } from '../../shared/boilerplate/article-content'
import { findSnippet } from '../../shared/search-snippet'
import { UserError } from '../../shared/result'
import {
  createClaimCommand,
  createHighlightCommand,
  deleteClaimCommand,
  deleteHighlightCommand,
  gradeSourceCommand,
  linkEvidenceCommand,
  mergeClaimsCommand,
  moveEvidenceCommand,
  splitEvidenceCommand,
  tagPassageCommand,
  unlinkEvidenceCommand,
  updateClaimCommand,
  updateEvidenceCommand,
} from '../claims/analyst-commands'
import { CommandHistory } from '../commands/command-history'
import { BoardAnswerCache } from '../claims/board-answer-cache'
import { boardAnswerInputs, KeptBoardAnswer } from '../claims/kept-board-answer'
import { BoardBuilds } from '../claims/board-builds'
import { suggestMatches } from '../claims/suggest-matches'
import { recordReanchoring } from '../anchoring/reanchoring-record'
import { exportProject, mergeProject, parseProject, readProjectFile, takeIncoming } from '../exchange/project-file'
import { buildQdpx } from '../exchange/qdpx'
import { toWebAnnotations } from '../exchange/web-annotation'
import { briefHtml } from '../export/brief-html'
import { briefMarkdown } from '../export/brief-markdown'
import { briefOf } from '../export/brief-model'
import { claimSummaryToCsv, claimsToCsv, writeClaimsCsv } from '../export/claims-csv'
import { cardsOneByOne } from '../export/cards-one-by-one'
import { importAndIndex } from './import-job'
import { listArticlePage } from '../library/article-list'
import { updateArticleCommand } from '../library/article-commands'
import { ImportJobs } from '../import/import-jobs'
import { endSparePreparationWorker } from '../import/preparation-pool'
import { WatchedFolders } from '../import/watched-folders'
import { listFolders, rememberRecentFolder } from '../folders/list-folders'
import { CorpusSearch, foldText } from '../search/corpus-search'
import { DerivedIndexes } from '../derived/derived-indexes'
import { ProvenanceIndex } from '../provenance/provenance-index'
import { KeptTraces, traceInputs } from '../provenance/kept-traces'
import * as provenanceCommands from '../provenance/provenance-commands'
import { UI_STATE_FILE, type CorpusStore } from '../store/corpus-store'
import { COLLECTIONS } from '../store/annotations-journal'
import { BoilerplateCache } from './boilerplate-cache'
import { EntityIndex } from '../entities/entity-index'
import { entityOperations, type EntityOperations } from '../entities/entity-operations'
import { KeptEntityNames } from '../entities/kept-entity-names'
import { entitiesToCsv } from '../export/entities-csv'
import { entityDecisionCommand } from '../entities/entity-commands'
import { DATE_INDEX_VERSION, DateIndex } from '../chronology/date-index'
import { createChronology, type Chronology } from '../chronology/timeline-service'
import { timelineToCsv } from '../export/timeline-csv'
import { briefChronologyOf } from '../export/brief-chronology'
import { describeQuote } from '../../shared/anchoring/text-quote'
import { createFigureIndex, FIGURE_INDEX_VERSION, type FigureRow } from '../figures/figure-index'
import type { DerivedIndexRunner } from '../derived/derived-index-runner'
import { FigureReader } from '../figures/figure-reader'
import { KeptEvidenceFigures } from '../figures/kept-evidence-figures'
import { acceptedFigureOf, setClaimFigureCommand } from '../figures/figure-commands'
import { dismissDateConflictCommand, setEventDateCommand } from '../chronology/chronology-commands'
import { showsDateConflict } from '../../shared/chronology/claim-date-decisions'
import { SyncController } from '../sync/sync-controller'
import type { CredentialSource } from '../sync/sync-credentials'
import { resolveSyncConflictCommand } from '../sync/sync-commands'
import { copyWith } from '../../shared/copy-with'
import type { Resolution } from '../sync/sync-engine'

/** Suggested matches listed for a highlight: a screenful to review. */
const DEFAULT_SUGGESTIONS = 8

/** The program named in a .qdpx file's origin attribute. */
const QDPX_ORIGIN = 'Triangulate'

/** Results returned when the caller does not say: more than a screenful, few enough to snippet fast. */
const DEFAULT_SEARCH_LIMIT = 50

export interface ServiceOptions {
  store: CorpusStore
  /** Folder of the sample articles offered on first run (resources/sample-corpus). */
  sampleCorpusDir: string
  /** Where team sync's credentials come from: the desktop app's keychain; else the environment or an owner-only file. */
  syncCredentials?: CredentialSource
}

export type TriangulateService = ApiHandlers & {
  importJobs: ImportJobs
  /** Date expressions of every text: a derived index, brought up to date after each import. */
  dateIndex: DateIndex
  figureIndex: DerivedIndexRunner<FigureRow[]>
  chronology: Chronology
  corpusSearch: CorpusSearch
  watchedFolders: WatchedFolders
  /** Team sync through a CouchDB-protocol server (issue 19): started by the shells, stopped before the store closes. */
  sync: SyncController
  /** Credits, passage reuse, entities, dates, figures: brought up to date after each import, in the background. */
  derivedIndexes: DerivedIndexes
  /** Credits and reused passages of every article (a derived index), and the origin context the board traces. */
  provenance: ProvenanceIndex
  /** Every claim with its evidence in full (highlights with positions and context): for the CLI and exports, not the board. */
  claimCards(): ClaimCard[]
  /**
   * The evidence CSV streamed to a file (the desktop app's Export CSV, the CLI's export csv): the
   * main process never holds the whole file, however many rows. Not an API operation: the renderer
   * never names a path to write; the shell asks the user for one.
   */
  writeClaimsCsvFile(path: string, options: { bom?: boolean; claimIds?: readonly string[] | null }): Promise<{ rows: number; claims: number }>
  /** The entity index (a derived index, built after imports) and its operations, for the CLI and exports. */
  entityIndex: EntityIndex
  entities: EntityOperations
  /** The figures of evidence kept beside the store between sessions (tests wait for its saves). */
  evidenceFigures: KeptEvidenceFigures
  /** Each highlight's entity names kept beside the store between sessions (tests wait for its saves). */
  entityNames: KeptEntityNames
  /** Each evidence's traced origins kept beside the store between sessions (tests wait for its saves). */
  originTraces: KeptTraces
}

/**
 * An import of this many new articles ends the preparation worker it kept for the next import
 * (preparation-pool.ts's spare): its derived analysis, which starts at once, is when the service's
 * memory peaks (after 10,000 articles, the long session's peak was 468 MB with the worker kept
 * against 417 without), and the imports a kept worker speeds up, a watched folder's changes or a
 * folder added after another, are mostly small.
 */
export const LARGE_IMPORT_ARTICLES = 1000

export function createTriangulateService({ store, sampleCorpusDir, syncCredentials }: ServiceOptions): TriangulateService {
  const corpusSearch = new CorpusSearch(store)
  const entityIndex = new EntityIndex(store)
  const entities = entityOperations(store, entityIndex)
  const entityNames = new KeptEntityNames(store, entityIndex, entities)
  const derivedIndexes = new DerivedIndexes()
  const provenance = new ProvenanceIndex(store)
  derivedIndexes.add(provenance.runner)
  const originTraces = new KeptTraces(store, provenance)
  const dateIndex = new DateIndex(store)
  derivedIndexes.add(dateIndex.runner)
  const chronology = createChronology(store, dateIndex)
  const figureIndex = derivedIndexes.add(createFigureIndex(store))
  derivedIndexes.add(entityIndex.runner)
  const importJobs = new ImportJobs(async (folder, onProgress, signal) => {
    // Indexed within the same job, so "done" means searchable too.
    const report = await importAndIndex(store, corpusSearch, folder, { onProgress, signal })
    if (report.imported >= LARGE_IMPORT_ARTICLES) await endSparePreparationWorker()
    // Derived analysis follows the commit in the background: the job is done, the app usable (DECISIONS 1).
    void derivedIndexes.updateAll()
    return report
  })
  const watchedFolders = new WatchedFolders(store, importJobs)
  const boilerplate = new BoilerplateCache()
  const commands = new CommandHistory(store, {
    onArticlesChanged: (ids) => corpusSearch.update(ids, { retitled: true }),
    onStep: (direction, step) => (step.kind === resolveSyncConflictCommand.kind ? sync.afterResolutionStep(direction, step.args as Resolution) : undefined),
    onChange: () => sync.nudge(),
    mayRewrite: async (direction, step) =>
      direction === 'redo' && step.kind === resolveSyncConflictCommand.kind && (await sync.conflicts()).some((c) => c.docId === (step.args as Resolution).docId),
  })
  const now = () => new Date().toISOString()
  const sync = new SyncController(store, {
    credentials: syncCredentials,
    onStoreChanged: async (retitled, added) => {
      if (retitled.length > 0) await corpusSearch.update(retitled, { retitled: true })
      // Articles from texts teammates shared: searchable, and analysed like imported ones (DECISIONS 1).
      if (added.length > 0) {
        await corpusSearch.update(added)
        void derivedIndexes.updateAll()
      }
    },
  })

  const evidenceFigures = new KeptEvidenceFigures(store)
  const figures = new FigureReader(evidenceFigures)
  const boardRecords = () => ({
    claims: store.claims,
    links: store.links,
    highlights: store.highlights,
    sourceGrades: store.sourceGrades,
    articleById: (id: string) => store.getArticle(id),
    origins: provenance.context(),
    figuresOf: figures.figuresOf,
  })
  /** Figures are read when evidence is linked: with the article's text at hand, in its language. */
  const noteArticleText = async (articleId: string) => {
    const article = store.getArticle(articleId)
    if (article) figures.noteArticleText(article.id, await store.readBody(article))
  }
  const readFiguresOf = async (highlightId: string) => {
    const highlight = store.requireHighlight(highlightId)
    await noteArticleText(highlight.articleId)
    figures.figuresOf(highlight)
  }
  /**
   * The cards with what the dates index says of them (DECISIONS section 8: date_conflict, event_date)
   * and their figures (section 10: figures, figureConflict, claimFigure).
   */
  const board = () => {
    const dates = chronology.claimDatesNow()
    return figures
      .withFigures(buildClaimBoard(boardRecords()))
      .map((card) => copyWith(card, { eventDate: card.claim.eventDate ?? null, dateConflict: showsDateConflict(card.claim, dates.get(card.claim.id)) }))
  }
  /**
   * The board's cards one claim at a time (export/cards-one-by-one.ts), each let go once its rows are
   * written, with what the evidence CSV reads of them: each evidence's figures, the claim's accepted
   * figure and event date (not the claim's date or figure conflicts, which that CSV does not carry).
   */
  const evidenceCsvCards = (claims: readonly Claim[]) =>
    cardsOneByOne(boardRecords(), claims, (card) => copyWith(figures.withEvidenceFigures(card), { eventDate: card.claim.eventDate ?? null }))

  /** Each claim's card, kept across rebuilds while its claim, evidence and table entries stand. */
  const boardCards = new KeptBoardCards()
  /** The board as the renderer receives it: cards with their origins and figures, dates and entities; after an edit, updated from the last (board-builds.ts). */
  const boardBuilds = new BoardBuilds({
    store,
    context: () => provenance.context(),
    versions: () => [provenance.runner.generation, dateIndex.runner.generation, entityIndex.runner.generation, figures.separatorsLearnt],
    figuresOf: figures.figuresOf,
    ready: () => dateIndex.ready(),
    prepare: async (context) => {
      await evidenceFigures.load()
      await originTraces.prepare(context)
    },
    buildWhole: (records, last) => {
      // The cards of the last answer, kept where they stand: it may not have been built whole here.
      if (last)
        boardCards.seed(
          last.view,
          (id) => last.claims.get(id),
          (id) => last.evidenceByClaim.get(id) ?? [],
        )
      const view = buildBoardView(records, boardCards)
      evidenceFigures.saveSoon()
      originTraces.saveSoon()
      return view
    },
    claimDates: (records, claimIds) => chronology.claimDatesOf(records, claimIds),
    namesOfHighlights: (highlights) => entityNames.namesOfHighlights(highlights),
  })
  const buildBoardAnswer = () => boardBuilds.answer()
  /** The board answer is kept until a record it reads or a derived index it reads changes (board-answer-cache). */
  const boardAnswers = new BoardAnswerCache<BoardView>()
  /** The last answer of a session kept beside the store for the next session's first (kept-board-answer.ts). */
  const keptBoardAnswer = new KeptBoardAnswer<BoardView>(
    store,
    () =>
      boardAnswerInputs({
        collections: COLLECTIONS.map((c) => store.annotationRecords(c)),
        traceInputs: traceInputs(provenance.reuseInputs(), store.listArticles()),
        entityNamesInputs: entityNames.inputsDigest(),
        highlights: store.highlights,
        articleById: (id) => store.getArticle(id),
        dateEntryKey: (article) => (dateIndex.peek(article) ? dateIndex.runner.entryKey(article.id) : undefined),
        separatorOf: (highlight) => figures.separatorOf(highlight),
        versions: [DATE_INDEX_VERSION, FIGURE_INDEX_VERSION],
      }),
    () => boardAnswers.current(boardInputs()),
    (view) => boardBuilds.seed(view),
  )
  /** The first answer of a session from the kept one when nothing changed since it was kept (the indexes it reads loaded first, as a build waits for them). */
  const firstOrBuiltBoardAnswer = async (): Promise<BoardView> => {
    await Promise.all([dateIndex.ready(), entityIndex.runner.load()])
    return keptBoardAnswer.answer(buildBoardAnswer)
  }
  const firstScreens = new WeakMap<BoardView, { evidencePerCard: number; cardsPerLane: number | undefined; view: BoardView }>()
  /** The saved layout (panes, their weights), read once: getUiState answers from it, saveUiState replaces it. */
  let uiState: Promise<unknown> | null = null
  const boardInputs = () => ({
    // Every annotation collection (one added later is covered too), and the library's articles.
    collections: [...COLLECTIONS.map((c) => store.annotationRecords(c)), store.listArticles()],
    versions: [provenance.runner.generation, dateIndex.runner.generation, entityIndex.runner.generation],
  })

  /** The names of the entities each claim's evidence mentions, by claim id. */
  const claimEntityNames = async (): Promise<Map<string, string[]>> => {
    const ofHighlight = await entityNames.namesOfHighlights(store.highlights)
    const names = new Map<string, Set<string>>()
    for (const l of store.links) {
      const set = names.get(l.claimId) ?? new Set<string>()
      for (const name of ofHighlight.get(l.highlightId) ?? []) set.add(name)
      names.set(l.claimId, set)
    }
    return new Map([...names].map(([id, set]) => [id, [...set]]))
  }

  /** A query naming one spelling of an entity also finds the articles that use its other spellings. */
  const searchWithVariants = async (query: string, limit: number) => {
    const variants = await entities.variantsOfQuery(query)
    const results = await Promise.all([query, ...variants].map((q) => corpusSearch.search(q, limit)))
    const best = new Map<string, (typeof results)[number][number]>()
    for (const match of results.flat()) {
      const seen = best.get(match.articleId)
      if (!seen) best.set(match.articleId, match)
      else best.set(match.articleId, { ...seen, score: Math.max(seen.score, match.score), terms: [...new Set([...seen.terms, ...match.terms])] })
    }
    return [...best.values()].sort((a, b) => b.score - a.score).slice(0, limit)
  }

  return {
    importJobs,
    dateIndex,
    figureIndex,
    chronology,
    corpusSearch,
    watchedFolders,
    entityIndex,
    entities,
    sync,
    derivedIndexes,
    provenance,
    evidenceFigures,
    entityNames,
    originTraces,
    claimCards: board,

    async writeClaimsCsvFile(path, { bom, claimIds }) {
      const wanted = claimIds ? new Set(claimIds) : null
      // Exports wait for the provenance index, so what they say of origins is complete.
      await provenance.runner.update()
      const claims = store.claims.filter((c) => !wanted || wanted.has(c.id))
      const { rows } = await writeClaimsCsv(path, evidenceCsvCards(claims), (id) => store.getArticle(id), { bom })
      return { rows, claims: claims.length }
    },

    async stats() {
      return {
        articles: store.listArticles().length,
        highlights: store.highlights.length,
        claims: store.claims.length,
        evidenceLinks: store.links.length,
        storeDir: store.dir,
        notices: [...store.notices],
      }
    },

    async listArticles(query) {
      const highlightCounts = new Map<string, number>()
      for (const h of store.highlights) highlightCounts.set(h.articleId, (highlightCounts.get(h.articleId) ?? 0) + 1)
      return listArticlePage(
        {
          articles: store.listArticles(),
          highlightCount: (id) => highlightCounts.get(id) ?? 0,
          titleOf: (id) => store.getArticle(id)?.title ?? null,
        },
        query,
      )
    },

    async getArticle({ id }) {
      const article = store.requireArticle(id)
      const text = await store.readBody(article)
      let own = store.highlights.filter((h) => h.articleId === id)
      // Self-healing: a highlight whose position no longer holds its quote (an import that crashed
      // between its two writes) is re-anchored here before anything is drawn at a wrong place.
      const healed = reanchorHighlights(
        text,
        own.filter((h) => !h.orphaned),
      )
      if (healed.changed.length > 0 && !store.readOnly) {
        await store.replaceHighlights(healed.changed)
        await recordReanchoring(store, [{ articleId: id, changed: healed.changed }], now())
        own = store.highlights.filter((h) => h.articleId === id)
      }
      // One pass over every evidence link, not one per highlight: with 10,000 links and 300
      // highlights that was three million comparisons on each open.
      const claimText = new Map(store.claims.map((c) => [c.id, c.text]))
      const claimsOf = new Map<string, HighlightView['claims']>(own.map((h) => [h.id, []]))
      for (const l of store.links) {
        claimsOf.get(l.highlightId)?.push({ claimId: l.claimId, claimText: claimText.get(l.claimId) ?? '', stance: l.stance, linkId: l.id })
      }
      const highlights = own.map((h): HighlightView => ({ ...h, claims: claimsOf.get(h.id) ?? [] }))
      return { article, text, highlights, boilerplate: boilerplate.rangesOf(article.contentHash, text) }
    },

    async updateArticle(args) {
      const updated = await commands.execute(updateArticleCommand, args)
      if (args.title !== undefined) await corpusSearch.update([args.id], { retitled: true })
      return updated
    },

    async startImport({ path }) {
      const jobId = importJobs.start(path)
      await rememberRecentFolder(store, path)
      return { jobId }
    },

    async importSampleCorpus() {
      return { jobId: importJobs.start(sampleCorpusDir) }
    },

    async watchFolder({ path }) {
      const folders = await watchedFolders.add(path)
      await rememberRecentFolder(store, path)
      return folders
    },

    async unwatchFolder({ path }) {
      return watchedFolders.remove(path)
    },

    async listFolders({ path }) {
      return listFolders(store, path)
    },

    async listWatchedFolders() {
      return watchedFolders.list()
    },

    async getImportJob({ jobId }) {
      return importJobs.get(jobId)
    },

    async cancelImport({ jobId }) {
      return importJobs.cancel(jobId)
    },

    async createHighlight(args) {
      return commands.execute(createHighlightCommand, args)
    },

    async deleteHighlight(args) {
      return commands.execute(deleteHighlightCommand, args)
    },

    async tagPassage(args) {
      await noteArticleText(args.articleId)
      return commands.execute(tagPassageCommand, args)
    },

    async createClaim(args) {
      return commands.execute(createClaimCommand, args)
    },

    async linkEvidence(args) {
      await readFiguresOf(args.highlightId)
      return commands.execute(linkEvidenceCommand, args)
    },

    async unlinkEvidence(args) {
      return commands.execute(unlinkEvidenceCommand, args)
    },

    async getClaimBoard({ evidencePerCard, cardsPerLane }) {
      const view = await boardAnswers.get(boardInputs(), firstOrBuiltBoardAnswer)
      if (evidencePerCard === undefined) return view
      // Cut once per kept answer: the first screen of every window opened on the same board is the same.
      let cut = firstScreens.get(view)
      if (cut?.evidencePerCard !== evidencePerCard || cut.cardsPerLane !== cardsPerLane) {
        firstScreens.set(view, (cut = { evidencePerCard, cardsPerLane, view: firstScreenBoard(view, { evidencePerCard, cardsPerLane }) }))
      }
      return cut.view
    },

    async getEvidence({ linkId }) {
      const link = store.links.find((l) => l.id === linkId)
      if (!link) throw new UserError('not-found', `No evidence link with id ${linkId}; it may have been removed. The board will refresh after your next change.`)
      return { link, highlight: store.requireHighlight(link.highlightId) }
    },

    async updateClaim(args) {
      return commands.execute(updateClaimCommand, args)
    },

    async deleteClaim(args) {
      return commands.execute(deleteClaimCommand, args)
    },

    async mergeClaims(args) {
      return commands.execute(mergeClaimsCommand, args)
    },

    async moveEvidence({ linkId, claimId }) {
      return commands.execute(moveEvidenceCommand, { linkId, claimId })
    },

    async splitEvidence(args) {
      return commands.execute(splitEvidenceCommand, args)
    },

    async updateEvidence(args) {
      return commands.execute(updateEvidenceCommand, args)
    },

    async suggestMatches({ highlightId, limit }) {
      await dateIndex.ready()
      return suggestMatches(store, corpusSearch, highlightId, limit ?? DEFAULT_SUGGESTIONS, (article) => dateIndex.peek(article))
    },

    async gradeSource(args) {
      return commands.execute(gradeSourceCommand, args)
    },

    async undo() {
      return commands.undo()
    },

    async redo() {
      return commands.redo()
    },

    async getHistory() {
      return commands.state()
    },

    async search({ query, limit }) {
      const matches = await searchWithVariants(query, limit ?? DEFAULT_SEARCH_LIMIT)
      const found = matches.flatMap((match) => {
        const article = store.getArticle(match.articleId)
        return article ? [{ match, article }] : []
      })
      // Read together: the bodies of one page of results, in one round of the thread pool.
      // A damaged text is not shown: its hit says so instead of a snippet (store.readBody marks it).
      const texts = await Promise.all(found.map(({ article }) => store.readBody(article).catch((error: Error) => error)))
      const hits: SearchHit[] = found.map(({ match, article }, i) => {
        const text = texts[i]!
        // The hit is looked for in the article's own text: a term found only in a collapsed teaser is not shown as the hit.
        const snippet =
          typeof text === 'string'
            ? findSnippet(withoutFurniture(text, boilerplate.rangesOf(article.contentHash, text)), match.terms, foldText)
            : { text: text.message, hitStart: 0, hitEnd: 0, start: 0, end: 0 }
        return {
          articleId: article.id,
          title: article.title,
          outlet: article.outlet,
          date: article.date,
          score: match.score,
          snippet: snippet?.text ?? article.title,
          snippetHit: snippet ? { start: snippet.hitStart, end: snippet.hitEnd } : { start: 0, end: 0 },
          hit: snippet && typeof text === 'string' ? { start: snippet.start, end: snippet.end } : null,
        }
      })
      return hits
    },

    async exportProject({ includeTexts }) {
      const project = await exportProject(store, { includeTexts: includeTexts ?? true })
      return { fileName: `triangulate-project-${now().slice(0, 10)}.json`, content: JSON.stringify(project, null, 1) }
    },

    async importProject({ path }) {
      const report = await mergeProject(store, parseProject(await readProjectFile(path)))
      await corpusSearch.update(store.listArticles().map((a) => a.id))
      return report
    },

    async takeIncoming({ kind, id, incoming }) {
      await takeIncoming(store, { kind, incoming })
      return { kind, id }
    },

    async exportWebAnnotations() {
      const exportedAt = now()
      const counters = new Map<string, (offset: number) => number>()
      for (const id of new Set(store.highlights.map((h) => h.articleId))) {
        const article = store.getArticle(id)
        if (article) counters.set(id, codePointCounter(await store.readBody(article)))
      }
      const codePointsIn = (id: string) => counters.get(id) ?? ((offset: number) => offset)
      const collection = toWebAnnotations(
        { highlights: store.highlights, claims: store.claims, links: store.links, articleById: (id) => store.getArticle(id), codePointsIn },
        exportedAt,
      )
      return { fileName: `triangulate-annotations-${exportedAt.slice(0, 10)}.jsonld`, content: JSON.stringify(collection, null, 1) }
    },

    async exportBrief({ format }) {
      await provenance.runner.update()
      await entityIndex.update()
      await dateIndex.ready()
      const generatedAt = now()
      const cards = board()
      const entitiesOf = await claimEntityNames()
      const brief = briefOf(
        cards,
        (id) => store.getArticle(id),
        generatedAt,
        (card) => figures.summaryOf(card),
        (claimId) => entitiesOf.get(claimId) ?? [],
      )
      brief.chronology = briefChronologyOf(
        await chronology.timeline({}),
        cards,
        chronology.claimDatesNow(),
        (id) => store.getArticle(id)?.outlet ?? store.getArticle(id)?.title ?? id,
      )
      const markdown = format === 'markdown'
      return { fileName: `triangulate-brief-${generatedAt.slice(0, 10)}.${markdown ? 'md' : 'html'}`, content: markdown ? briefMarkdown(brief) : briefHtml(brief) }
    },

    async exportQdpx() {
      await dateIndex.ready()
      const exportedAt = now()
      const articles = []
      for (const article of store.listArticles()) articles.push({ article, text: await store.readBody(article) })
      const zip = buildQdpx({
        projectName: 'Triangulate claims',
        origin: QDPX_ORIGIN,
        exportedAt,
        articles,
        highlights: store.highlights,
        cards: board(),
        links: store.links,
      })
      return { fileName: `triangulate-${exportedAt.slice(0, 10)}.qdpx`, contentBase64: Buffer.from(zip).toString('base64') }
    },

    async getUiState() {
      // Kept after the first read (this process is the store's one writer): a window opening reads no file.
      uiState ??= store.readSidecar(UI_STATE_FILE).catch((error: unknown) => {
        uiState = null
        throw error
      })
      const saved = contract.saveUiState.args.safeParse(await uiState)
      const state = saved.success ? saved.data : { panes: [null, null], paneWeights: [1, 1] }
      // Articles removed since are not reopened.
      return { ...state, panes: state.panes.map((id) => (id && store.getArticle(id) ? id : null)) }
    },

    async saveUiState(state) {
      await store.writeSidecar(UI_STATE_FILE, state)
      uiState = Promise.resolve(state)
      return state
    },

    async listEntities(query) {
      entityIndex.refresh()
      return entities.list(query)
    },

    async getEntityMentions({ id }) {
      return entities.mentionsOf(id)
    },

    async editEntity({ edit }) {
      return commands.execute(entityDecisionCommand, await entities.plan(edit))
    },

    async exportEntitiesCsv({ bom }) {
      await entityIndex.update()
      const content = entitiesToCsv(await entities.current(), (id) => store.getArticle(id)?.title ?? '', { bom })
      return { fileName: `triangulate-entities-${now().slice(0, 10)}.csv`, content }
    },

    async getTimeline({ entityId, ...query }) {
      // An entity filter keeps the events said in a sentence that mentions it (chronology knows no entities).
      const mentions = entityId ? new Map((await entities.mentionsOf(entityId)).articles.map((a) => [a.articleId, a.mentions])) : undefined
      return chronology.timeline({ ...query, ...(mentions ? { mentions } : {}) })
    },

    async setClaimEventDate({ claimId, eventDate }) {
      return commands.execute(setEventDateCommand, { claimId, eventDate })
    },

    async dismissDateConflict({ claimId, dismiss }) {
      store.requireClaim(claimId)
      const dates = (await chronology.claimDates()).get(claimId)
      if (dismiss && !dates?.conflict) throw new UserError('conflict', 'This claim’s evidence no longer names different days: there is no date conflict to dismiss.')
      return commands.execute(dismissDateConflictCommand, { claimId, dates: dismiss ? (dates ?? null) : null })
    },

    async exportTimelineCsv({ bom }) {
      await dateIndex.update()
      return { fileName: `triangulate-timeline-${now().slice(0, 10)}.csv`, content: timelineToCsv(await chronology.timeline({}), { bom }) }
    },

    async setClaimFigure(args) {
      store.requireClaim(args.claimId)
      const accepted = acceptedFigureOf(store, args, figures.figuresOf)
      return commands.execute(setClaimFigureCommand, { claimId: args.claimId, accepted })
    },

    async suggestStance({ claimId, articleId, start, end }) {
      const claim = store.requireClaim(claimId)
      const article = store.requireArticle(articleId)
      const text = await store.readBody(article)
      if (end > text.length) throw new UserError('invalid-argument', `The selection ends at ${end}, past the end of the article (${text.length} characters).`)
      figures.noteArticleText(articleId, text)
      const [card] = buildClaimBoard({ ...boardRecords(), claims: [claim] })
      return card ? figures.suggestStance(card, figures.figuresOfPassage(articleId, describeQuote(text, start, end))) : null
    },

    async derivedIndexStatus() {
      return derivedIndexes.statuses()
    },

    async listArticleMetadata() {
      return provenanceCommands.metadataRows(store, provenance)
    },

    async updateArticles({ changes }) {
      const result = await commands.execute(provenanceCommands.updateArticlesCommand, { changes })
      if (result.retitled.length > 0) await corpusSearch.update(result.retitled, { retitled: true })
      return { updated: result.updated }
    },

    async overrideOrigins(args) {
      return commands.execute(provenanceCommands.overrideOriginsCommand, args)
    },

    async removeOriginOverride(args) {
      return commands.execute(provenanceCommands.removeOriginOverrideCommand, args)
    },

    async getArticleCredits({ id }) {
      const article = store.requireArticle(id)
      return provenanceCommands.creditViews(await store.readBody(article), provenance.creditsOf(id) ?? [])
    },

    async getSyncStatus() {
      return sync.status()
    },

    async saveSyncSettings(settings) {
      return sync.saveSettings(settings)
    },

    async setSyncCredentials(args) {
      return sync.setCredentials('clear' in args ? null : args)
    },

    async startSync() {
      await sync.start()
      return sync.status()
    },

    async stopSync() {
      await sync.stop()
      return sync.status()
    },

    async syncNow() {
      return sync.syncNow()
    },

    async listSyncConflicts() {
      return { conflicts: await sync.conflicts() }
    },

    async resolveSyncConflict({ docId, rev, text }) {
      const resolution = await sync.planResolution(docId, rev !== undefined ? { rev } : { record: { text } })
      await commands.execute(resolveSyncConflictCommand, resolution)
      await sync.markResolved(resolution)
      return { docId }
    },

    async exportClaimsCsv({ bom, claimsOnly, claimIds }) {
      await dateIndex.ready()
      const wanted = claimIds ? new Set(claimIds) : null
      // Exports wait for the provenance index, so what they say of origins is complete.
      await provenance.runner.update()
      const cards = board().filter((c) => !wanted || wanted.has(c.claim.id))
      const content = claimsOnly ? claimSummaryToCsv(cards, { bom }) : claimsToCsv(cards, (id) => store.getArticle(id), { bom })
      return { fileName: claimsCsvFileName(claimsOnly ?? false, now()), content }
    },
  }
}

export function claimsCsvFileName(claimsOnly: boolean, at: string): string {
  return `triangulate-${claimsOnly ? 'claim-summary' : 'claims'}-${at.slice(0, 10)}.csv`
}
