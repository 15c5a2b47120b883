// The board rebuilt after an edit from the previous answer, touching only what the edit touched.
// buildBoardView makes every card from every link (10,000 links traced, their figures looked up,
// 1,000 cards checked against the kept ones, every claim's dates and entity names read again): about
// as much work after a claim's note is edited as for the first board. Here the links are walked once
// to rebuild the tables in the order every build fills them, each piece of evidence whose link and
// highlight records are the ones it was built from and whose table positions did not move is taken
// as it was, and each card whose claim record and evidence list are the ones it was built from is
// taken whole, its dates and entity names with it; the others are built as buildBoardView builds them.
//
// Why identities are enough: the store replaces a record when it changes and never edits one in place
// (board-answer-cache.ts). What a card reads besides claims, links and highlights (the articles, the
// source grades, the entity decisions, the derived indexes, the figures' decimal separators) is the
// caller's to compare: when any of it changed, the board is built anew. Pure: no I/O.

import type { Claim, EvidenceLink, Highlight } from '../model'
import type { Figure } from '../figures/figure'
import type { Origin, TracedEvidence } from '../provenance/origins'
import { boardClaimOf, boardEvidenceOf, BoardTables, type BoardArticle, type BoardClaim, type BoardEvidence, type BoardSource, type BoardView } from './board-view'
import type { BoardRecords } from './claim-board'
import { sameEntries } from './kept-board-cards'

/** One link's evidence on a board, with the link and highlight records it was built from. */
interface BuiltEvidence {
  link: EvidenceLink
  highlight: Highlight
  evidence: BoardEvidence
}

/**
 * A board answer with what it was built from, so the next answer can take what did not change.
 * Every card of `view` must be what boardClaimOf gives for its claim record in `claims` and its
 * evidence in `evidenceByClaim`, with the dates and entity names its links' highlights in
 * `highlightsByClaim` give.
 */
export interface BoardBuild {
  view: BoardView
  /** The claim records the cards were built from, by id. */
  claims: ReadonlyMap<string, Claim>
  /** The link records, as they stood. */
  links: readonly EvidenceLink[]
  /** The highlight records, as they stood, and by id. */
  highlights: readonly Highlight[]
  highlightById: ReadonlyMap<string, Highlight>
  /** By link id. */
  evidence: ReadonlyMap<string, BuiltEvidence>
  /** Each claim's evidence, in link order. */
  evidenceByClaim: ReadonlyMap<string, readonly BoardEvidence[]>
  /**
   * For each origin entry (by origin key), the link whose evidence entered it first; null when not
   * known (an answer that does not carry every link's evidence).
   */
  sourcesEnteredBy: ReadonlyMap<string, string> | null
  /** Each claim's links' highlights in link order (undefined where the highlight is gone): what its dates and entity names are read from. */
  highlightsByClaim: ReadonlyMap<string, readonly (Highlight | undefined)[]>
}

export interface BoardUpdate {
  build: BoardBuild
  /** The cards made anew whose dates and entity names must be read (their links' highlights changed). */
  unread: BoardClaim[]
}

/** What a piece of evidence is traced and read with, when it must be built: the caller's (kept) tracing and figure reading. */
export interface EvidenceReaders {
  traceOf: (highlight: Highlight) => TracedEvidence
  figuresOf?: (highlight: Highlight) => Figure[]
}

/**
 * The board for `records`: from `previous` where nothing it was built from changed, else built as
 * buildBoardView builds it (with no previous build, every card). `records.articleById` and
 * `records.sourceGrades` must answer as they did for `previous` (the caller checks).
 */
export function updateBoardView(previous: BoardBuild | null, records: BoardRecords, readers: EvidenceReaders): BoardUpdate | null {
  const { claims, links, highlights, articleById } = records
  if (previous && sameList(previous.links, links, same) && sameList(previous.highlights, highlights, same)) return claimsEdited(previous, claims)
  const highlightById = previous && sameList(previous.highlights, highlights, same) ? previous.highlightById : new Map(highlights.map((h) => [h.id, h]))
  const tables = new BoardTables(articleById, records.sourceGrades)
  const before = previous?.view
  const evidence = new Map<string, BuiltEvidence>()
  const evidenceByClaim = new Map<string, BoardEvidence[]>()
  const highlightsByClaim = new Map<string, (Highlight | undefined)[]>()

  for (const link of links) {
    const highlight = highlightById.get(link.highlightId)
    const spans = highlightsByClaim.get(link.claimId)
    if (spans) spans.push(highlight)
    else highlightsByClaim.set(link.claimId, [highlight])
    if (!highlight) continue
    const old = previous?.evidence.get(link.id)
    let entry: BuiltEvidence
    if (old && before && old.highlight === highlight) {
      // Same quote, same trace, same figures: its article and origins are entered in the tables as a
      // build enters them (the library and the grades are as they were), from the earlier tables.
      const was = old.evidence
      const oldSources = before.sources
      const oldArticle = before.articles[was.article] as BoardArticle
      const article = tables.enterArticle(oldArticle, oldSources[oldArticle.source] as BoardSource, link.id)
      let moved = article !== was.article || (tables.articles[article] as BoardArticle).source !== oldArticle.source
      if (was.origins) for (const i of was.origins) if (tables.enterSource(oldSources[i] as BoardSource, link.id) !== i) moved = true
      if (!moved && old.link === link) {
        entry = old
      } else {
        const traced: TracedEvidence = {
          origins: (was.origins ?? [oldArticle.source]).map((i) => originOf(oldSources[i] as BoardSource)),
          chain: was.chain ?? (oldSources[oldArticle.source] as BoardSource).label,
        }
        entry = { link, highlight, evidence: boardEvidenceOf(link, highlight, article, tables, traced, was.figures) }
      }
    } else {
      const article = tables.indexOfArticle(highlight.articleId, link.id)
      if (article === undefined) continue
      entry = { link, highlight, evidence: boardEvidenceOf(link, highlight, article, tables, readers.traceOf(highlight), readers.figuresOf?.(highlight)) }
    }
    evidence.set(link.id, entry)
    const list = evidenceByClaim.get(link.claimId)
    if (list) list.push(entry.evidence)
    else evidenceByClaim.set(link.claimId, [entry.evidence])
  }

  // An origin entry copied from the earlier table carries the label of the evidence that entered it
  // there: the same as a build makes only if the same link enters it first now.
  const enteredBefore = previous?.sourcesEnteredBy
  for (let i = 0; i < tables.sources.length; i++) {
    if (tables.copied[i] && enteredBefore?.get((tables.sources[i] as BoardSource).origin) !== tables.enteredBy[i]) return null
  }
  const sourcesEnteredBy = new Map(tables.sources.map((source, i) => [source.origin, tables.enteredBy[i] as string]))

  // Which table entries are, at the same index, what they were: a card is taken whole only if every
  // entry its evidence points to is. Its evidence being the same objects already means the same
  // indices, and a card holds indices, not labels; this also keeps a card from outliving an entry
  // it points to, should a card come to read one.
  const articleSame = before ? sameEntries(before.articles, tables.articles) : []
  const sourceSame = before ? sameEntries(before.sources, tables.sources) : []
  const pointsToSame = (e: BoardEvidence) => {
    if (!articleSame[e.article]) return false
    if (!e.origins) return sourceSame[(tables.articles[e.article] as BoardArticle).source] === true
    return e.origins.every((index) => sourceSame[index])
  }
  const unchangedTables = before !== undefined && before.articles.length === tables.articles.length && before.sources.length === tables.sources.length
  const articles = unchangedTables && articleSame.every(Boolean) ? before.articles : tables.articles
  const sources = unchangedTables && sourceSame.every(Boolean) ? before.sources : tables.sources
  const cardsBefore = new Map((before?.claims ?? []).map((card) => [card.claim.id, card]))
  const unread: BoardClaim[] = []
  const cards = claims.map((claim) => {
    const list = evidenceByClaim.get(claim.id) ?? []
    const card = cardsBefore.get(claim.id)
    // Dates and entity names are read from the links' highlights, nothing else of the claim's.
    const sameHighlights = card !== undefined && sameList(previous?.highlightsByClaim.get(claim.id) ?? [], highlightsByClaim.get(claim.id) ?? [], same)
    if (
      card &&
      sameHighlights &&
      previous?.claims.get(claim.id) === claim &&
      sameList(previous.evidenceByClaim.get(claim.id) ?? [], list, same) &&
      list.every(pointsToSame)
    )
      return card
    const made = boardClaimOf(claim, list, articles, sources)
    if (card && sameHighlights) {
      if (card.dates) made.dates = card.dates
      if (card.entities) made.entities = card.entities
    } else {
      unread.push(made)
    }
    return made
  })
  return {
    build: {
      view: { claims: cards, articles, sources },
      claims: new Map(claims.map((c) => [c.id, c])),
      links,
      highlights,
      highlightById,
      evidence,
      evidenceByClaim,
      highlightsByClaim,
      sourcesEnteredBy,
    },
    unread,
  }
}

/**
 * The board when only claim records changed (the links and highlights are the very records of the
 * previous build): the tables and every evidence stand, so only the cards of claims replaced or added
 * are made; their links' highlights are those of the previous build, so their dates and entity names
 * stand too. A claim the previous build did not have, but links did point to (a claim restored while
 * its links stayed), makes it give up (null: built whole): the previous answer may not carry its evidence.
 */
function claimsEdited(previous: BoardBuild, claims: readonly Claim[]): BoardUpdate | null {
  const { view } = previous
  const cardsBefore = new Map(view.claims.map((card) => [card.claim.id, card]))
  const unread: BoardClaim[] = []
  const cards: BoardClaim[] = []
  for (const claim of claims) {
    const card = cardsBefore.get(claim.id)
    if (card && previous.claims.get(claim.id) === claim) {
      cards.push(card)
      continue
    }
    if (!card && previous.highlightsByClaim.has(claim.id)) return null
    const made = boardClaimOf(claim, previous.evidenceByClaim.get(claim.id) ?? [], view.articles, view.sources)
    if (card?.dates) made.dates = card.dates
    if (card?.entities) made.entities = card.entities
    if (!card) unread.push(made)
    cards.push(made)
  }
  return { build: { ...previous, view: { claims: cards, articles: view.articles, sources: view.sources }, claims: new Map(claims.map((c) => [c.id, c])) }, unread }
}

/**
 * The build behind an answer built from `records` by other means (the kept answer of the last
 * session, read under the digest of the records as they stand): each card's evidence found by link id.
 * A link whose evidence the answer does not carry (its claim is gone) is left out: the next update
 * builds it.
 */
export function boardBuildOf(view: BoardView, records: Pick<BoardRecords, 'claims' | 'links' | 'highlights' | 'articleById'>): BoardBuild {
  const { articleById } = records
  const byLink = new Map<string, BoardEvidence>()
  for (const card of view.claims) for (const group of card.groups) for (const e of group.evidence) byLink.set(e.linkId, e)
  const highlightById = new Map(records.highlights.map((h) => [h.id, h]))
  const evidence = new Map<string, BuiltEvidence>()
  const evidenceByClaim = new Map<string, BoardEvidence[]>()
  const highlightsByClaim = new Map<string, (Highlight | undefined)[]>()
  // The order a build enters the tables in, replayed: each article's outlet when the article is first met, then the evidence's origins.
  let sourcesEnteredBy: Map<string, string> | null = new Map<string, string>()
  const articlesMet = new Set<number>()
  const enter = (index: number, by: string) => {
    const origin = (view.sources[index] as BoardSource).origin
    if (!sourcesEnteredBy?.has(origin)) sourcesEnteredBy?.set(origin, by)
  }
  for (const link of records.links) {
    const highlight = highlightById.get(link.highlightId)
    const spans = highlightsByClaim.get(link.claimId)
    if (spans) spans.push(highlight)
    else highlightsByClaim.set(link.claimId, [highlight])
    const built = byLink.get(link.id)
    // Evidence a build traced but the answer does not carry (its claim is gone): who entered what is not known.
    if (highlight && !built && articleById(highlight.articleId)) sourcesEnteredBy = null
    if (!highlight || !built) continue
    if (!articlesMet.has(built.article)) {
      articlesMet.add(built.article)
      enter((view.articles[built.article] as BoardArticle).source, link.id)
    }
    for (const index of built.origins ?? []) enter(index, link.id)
    evidence.set(link.id, { link, highlight, evidence: built })
    const list = evidenceByClaim.get(link.claimId)
    if (list) list.push(built)
    else evidenceByClaim.set(link.claimId, [built])
  }
  return {
    view,
    claims: new Map(records.claims.map((c) => [c.id, c])),
    links: records.links,
    highlights: records.highlights,
    highlightById,
    evidence,
    evidenceByClaim,
    highlightsByClaim,
    sourcesEnteredBy,
  }
}

const originOf = (source: BoardSource): Origin => ({ key: source.origin, label: source.label, kind: source.kind })

const same = <T>(a: T, b: T) => a === b

function sameList<T>(a: readonly T[], b: readonly T[], equal: (x: T, y: T) => boolean): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (!equal(a[i] as T, b[i] as T)) return false
  return true
}
