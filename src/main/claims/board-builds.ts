// Builds the claim board's answer for the service: after an edit, from the last answer where the
// edit left it standing (board-update.ts: only the cards whose claim, links or highlights changed are
// made again, and only their dates and entity names read again); the whole board when anything else
// a card reads changed (the library's articles, source grades, entity decisions, a derived index, the
// figures' decimal separators) or when there is no last answer. The last answer may be the one the
// previous session kept (kept-board-answer.ts): it is taken as the build of the records that stood
// when its digest was checked, so the session's first edit does not rebuild every card.
//
// Every answer is made from one snapshot of the records, taken synchronously after the waits
// (indexes loaded, kept traces and figures read), so its cards, dates and entity names are of the
// same records, and the next update compares against exactly what this one was built from.
// Reads the store and the indexes; writes nothing but what the parts it is given write.

import type { ClaimDates } from '../../shared/chronology/timeline'
import { boardBuildOf, updateBoardView, type BoardBuild, type BoardUpdate } from '../../shared/claims/board-update'
import type { BoardClaim, BoardView } from '../../shared/claims/board-view'
import type { BoardRecords } from '../../shared/claims/claim-board'
import type { EntityDecision } from '../../shared/entities/cluster-entities'
import type { Article, EvidenceLink, Highlight, SourceGrade } from '../../shared/model'
import { traceOriginsKept, type OriginContext } from '../../shared/provenance/origins'
import type { CorpusStore } from '../store/corpus-store'

/** What a card reads besides claims, links and highlights: when any of it changed, the board is built whole. */
interface World {
  articles: readonly Article[]
  sourceGrades: readonly SourceGrade[]
  entityDecisions: readonly EntityDecision[]
  context: OriginContext
  /** The derived indexes' generations and the figures' learnt separators (BoardBuildParts.versions). */
  versions: readonly number[]
}

/** Thrown by the update's readers, and caught, when evidence must be traced before the kept traces and figures are read. */
const NEEDS_PREPARING = Symbol('needs preparing')

interface Snapshot {
  records: BoardRecords & { origins: OriginContext }
  world: World
}

export interface BoardBuildParts {
  store: CorpusStore
  /** The provenance index's context (the same object while what tracing reads stands). */
  context: () => OriginContext
  /** Numbers that grow when anything else a card reads changes: the derived indexes' generations, FigureReader.separatorsLearnt. */
  versions: () => number[]
  figuresOf: (highlight: Highlight) => ReturnType<NonNullable<BoardRecords['figuresOf']>>
  /** Everything a build waits for before its snapshot: the indexes it reads loaded. */
  ready: () => Promise<void>
  /** Before evidence is traced or its figures read: the traces and figures kept beside the store read (once a session). */
  prepare: (context: OriginContext) => Promise<void>
  /**
   * The whole board (buildBoardView with the service's kept cards), each card the caller's own;
   * `last`: the last answer's build, whose cards it may keep (KeptBoardCards.seed).
   */
  buildWhole: (records: BoardRecords, last: BoardBuild | null) => BoardView
  /** The days the claims' evidence names (all claims without `claimIds`), from these records. */
  claimDates: (records: { links: readonly EvidenceLink[]; highlights: readonly Highlight[] }, claimIds?: ReadonlySet<string>) => Map<string, ClaimDates>
  /** The names of the entities each highlight's passage mentions, by highlight id. */
  namesOfHighlights: (highlights: readonly Highlight[]) => Promise<Map<string, string[]>>
}

export class BoardBuilds {
  private last: { build: () => BoardBuild; snapshot: Snapshot } | null = null
  /** The origin context the kept traces and figures were last read for (parts.prepare). */
  private preparedFor: OriginContext | null = null

  constructor(private readonly parts: BoardBuildParts) {}

  /**
   * Takes `view` as the build of the records as they stand now: call it synchronously where the
   * view was found to be built from them (the kept answer's digest just checked).
   */
  seed(view: BoardView): void {
    const snapshot = this.snapshot()
    let build: BoardBuild | null = null
    this.last = { build: () => (build ??= boardBuildOf(view, snapshot.records)), snapshot }
  }

  /** The board as the records stand: updated from the last answer where it can be, else built whole. */
  async answer(): Promise<BoardView> {
    await this.parts.ready()
    let snapshot = this.snapshot()
    let update = this.update(snapshot)
    if (update === NEEDS_PREPARING || update === null) {
      // Evidence to trace or read, or a whole build: the kept traces and figures read first (once a session).
      await this.parts.prepare(snapshot.world.context)
      this.preparedFor = snapshot.world.context
      snapshot = this.snapshot()
      update = this.update(snapshot)
    }
    const { records } = snapshot
    let build: BoardBuild
    let unread: BoardClaim[] | 'all'
    if (update !== null && update !== NEEDS_PREPARING) {
      build = update.build
      unread = update.unread
    } else {
      // No earlier answer to start from, or one the edit does not leave standing.
      const view = this.parts.buildWhole(records, this.last?.build() ?? null)
      build = boardBuildOf(view, records)
      unread = 'all'
    }
    const cards = unread === 'all' ? build.view.claims : unread
    if (cards.length > 0) {
      const ids = unread === 'all' ? undefined : new Set(cards.map((card) => card.claim.id))
      const dates = this.parts.claimDates(records, ids)
      for (const card of cards) {
        const claimDates = dates.get(card.claim.id)
        if (claimDates && claimDates.days.length > 0) card.dates = claimDates
      }
      // The entities each claim's evidence mentions: listed on the card, matched by the board's filter.
      const ofHighlight = await this.parts.namesOfHighlights(records.highlights)
      const names = new Map<string, Set<string>>()
      for (const l of records.links) {
        if (ids && !ids.has(l.claimId)) continue
        const set = names.get(l.claimId) ?? new Set<string>()
        for (const name of ofHighlight.get(l.highlightId) ?? []) set.add(name)
        names.set(l.claimId, set)
      }
      for (const card of cards) {
        const set = names.get(card.claim.id)
        if (set && set.size > 0) card.entities = [...set]
      }
    }
    this.last = { build: () => build, snapshot }
    return build.view
  }

  /**
   * The last answer updated to `snapshot`; null when there is none or the update cannot take it (the
   * world changed, an origin named otherwise); NEEDS_PREPARING when some evidence must be traced or
   * its figures read before the kept traces and figures are read (a stance changed needs neither).
   */
  private update(snapshot: Snapshot): BoardUpdate | null | typeof NEEDS_PREPARING {
    const last = this.last
    if (!last || !sameWorld(last.snapshot.world, snapshot.world)) return null
    const { records } = snapshot
    const context = records.origins
    const prepared = this.preparedFor === context
    const needed = () => {
      if (!prepared) throw NEEDS_PREPARING
    }
    try {
      return updateBoardView(last.build(), records, {
        traceOf: (highlight) => (needed(), traceOriginsKept(context, highlight.articleId, highlight)),
        figuresOf: (highlight) => (needed(), this.parts.figuresOf(highlight)),
      })
    } catch (error) {
      if (error === NEEDS_PREPARING) return NEEDS_PREPARING
      throw error
    }
  }

  /** Forgets the last answer: the next is built whole. */
  clear(): void {
    this.last = null
  }

  private snapshot(): Snapshot {
    const { store } = this.parts
    const context = this.parts.context()
    return {
      records: {
        claims: store.claims.slice(),
        links: store.links.slice(),
        highlights: store.highlights.slice(),
        sourceGrades: store.sourceGrades.slice(),
        articleById: (id: string) => store.getArticle(id),
        origins: context,
        figuresOf: this.parts.figuresOf,
      },
      world: {
        articles: store.listArticles().slice(),
        sourceGrades: store.sourceGrades.slice(),
        entityDecisions: store.entityDecisions.slice(),
        context,
        versions: this.parts.versions(),
      },
    }
  }
}

function sameWorld(a: World, b: World): boolean {
  if (a.context !== b.context || a.versions.length !== b.versions.length) return false
  for (let i = 0; i < a.versions.length; i++) if (a.versions[i] !== b.versions[i]) return false
  return sameRecords(a.articles, b.articles) && sameRecords(a.sourceGrades, b.sourceGrades) && sameRecords(a.entityDecisions, b.entityDecisions)
}

function sameRecords(a: readonly object[], b: readonly object[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
