// The claim board as the renderer receives it: only what the cards, lanes and matrix show. Each
// piece of evidence carries its stance, grade, quote, an index into one article table and indices
// into one origin table, so titles, outlets, origins and grades travel once per board rather than
// once per link (a 1,000-claim, 10,000-link board went from 5.8 MB of JSON to a fraction of it).
// The highlight behind a link (its id, positions, context, dates) is fetched when the evidence is
// opened (getEvidence). Pure: the service builds it, the renderer regroups a card with it after an optimistic move.

import type { Claim, ClaimStanding, Credibility, EvidenceLink, Highlight, Reliability, Stance } from '../model'
import type { Figure } from '../figures/figure'
import type { ClaimDates } from '../chronology/timeline'
import { countOutlets, groupClaimEvidence, gradeKeyOf } from '../provenance/claim-origins'
import { groupingKeys } from '../provenance/origin-groups'
import { traceOrigins, traceOriginsKept, type Origin, type OriginContext, type OriginKind, type TracedEvidence } from '../provenance/origins'
import type { BoardRecords } from './claim-board'
import type { KeptBoardCards } from './kept-board-cards'
import { originContextOf } from './claim-board'
import { tallyClaim } from './claim-status'

export interface BoardSource {
  /** Where the origin's reliability grade is kept (an outlet's "outlet:name", else "origin:key"). */
  key: string
  label: string
  reliability: Reliability | null
  /** The origin's identity (provenance source-names): evidence sharing one is one independent source. */
  origin: string
  kind: OriginKind
}

export interface BoardArticle {
  id: string
  title: string
  /** Index into BoardView.sources: the article's own outlet (its original's, for a copy). */
  source: number
  outlet: string | null
}

export interface BoardEvidence {
  linkId: string
  /** Index into BoardView.articles. */
  article: number
  stance: Stance
  quote: string
  /** Absent when ungraded or empty: most links carry neither, and 10,000 links make every byte count. */
  credibility?: Credibility
  note?: string
  /** The quote is no longer in the article's current text. */
  orphaned?: true
  /** Indices into BoardView.sources: the evidence's deepest known origins; absent means its article's outlet. */
  origins?: number[]
  /** How the evidence reaches its origins ("SOHR via AFP"); absent when that is its outlet alone. */
  chain?: string
  /** The figures the quote states (issue 20); absent when none, as most quotes state none. */
  figures?: Figure[]
}

export interface BoardSourceGroup {
  /** Index into BoardView.sources: the origin the group is named after. */
  source: number
  /** Distinct articles in the group: more than one means one origin told several times. */
  articleCount: number
  /** Articles whose evidence reaches the origin only as an uncredited copy. */
  copies: number
  /** An analyst's split or join shaped this group. */
  overridden: boolean
  evidence: BoardEvidence[]
}

export interface BoardClaim extends ClaimStanding {
  groups: BoardSourceGroup[]
  /**
   * Distinct outlets with evidence on the claim. (The independent origins are its groups: each names
   * its origin and counts its articles. The list of their article ids that `claims --json` gives,
   * DECISIONS section 10, is left out here: the board never shows it, and it was a fifth of the answer.)
   */
  outlets: number
  /** The days the evidence quotes name (src/shared/chronology), when any; conflict when two or more differ. */
  dates?: ClaimDates
  /** Names of the entities its evidence mentions (the entity index's), when any. */
  entities?: string[]
  /** On a first-screen board (first-screen-board.ts): all its evidence, of which `groups` carry only the first few. */
  evidenceCount?: number
  /** On a first-screen board, a whole card: what the filter matches on the whole card (claimSearchText), lower-cased. */
  searchText?: string
  /**
   * On a first-screen board asked with `cardsPerLane`: a card past the top of its lane, carried as an
   * outline (statement, status, counts) with no filter text, origin groups, dates, entities or evidence.
   */
  outline?: true
}

export interface BoardView {
  claims: BoardClaim[]
  articles: BoardArticle[]
  sources: BoardSource[]
  /** A first-screen board: each card carries only the evidence it draws collapsed; the full board follows. */
  partial?: true
}

/**
 * One claim's card from its evidence, in the order given: grouped by shared origin (groups in order
 * of first evidence, the analyst's splits and joins applied), counted, and its status derived. The
 * only place a board card's numbers are worked out.
 */
export function boardClaimOf(claim: Claim, evidence: readonly BoardEvidence[], articles: readonly BoardArticle[], sources: readonly BoardSource[]): BoardClaim {
  const originOf = (index: number): Origin => {
    const source = sources[index] as BoardSource
    return { key: source.origin, label: source.label, kind: source.kind }
  }
  // Only this claim's articles and origins are looked up: maps of the whole board's, built per claim,
  // were most of the board's cost (1,000 claims × every article).
  const sourceIndex = new Map<string, number>()
  const claimArticles = new Map<string, BoardArticle>()
  const items = evidence.map((e) => {
    const article = articles[e.article] as BoardArticle
    claimArticles.set(article.id, article)
    const indices = e.origins ?? [article.source]
    for (const index of indices) if (!sourceIndex.has((sources[index] as BoardSource).origin)) sourceIndex.set((sources[index] as BoardSource).origin, index)
    return { linkId: e.linkId, stance: e.stance, articleId: article.id, origins: indices.map(originOf), chain: e.chain ?? '', board: e }
  })
  const overrides = claim.originOverrides ?? []
  // Each evidence's grouping keys, worked out once for the tally and the groups alike.
  const keys = items.map((e) => groupingKeys(e, overrides))
  const tally = tallyClaim(items.map((e, i) => ({ sourceKey: e.articleId, stance: e.stance, originKeys: keys[i] })))
  const groups = groupClaimEvidence(items, overrides, keys).map((g): BoardSourceGroup => ({
    source: sourceIndex.get(g.key) ?? 0,
    articleCount: g.articles.length,
    copies: g.copies,
    overridden: g.overridden,
    evidence: g.evidence.map((e) => e.board),
  }))
  return {
    claim,
    ...tally,
    derivedStatus: tally.status,
    status: claim.statusOverride?.status ?? tally.status,
    articleCount: claimArticles.size,
    outlets: countOutlets([...claimArticles.values()]),
    groups,
  }
}

/**
 * The board's article and origin tables, filled in link order as every build fills them: an entry is
 * indexed where it is first met, so the same links over the same records give the same tables.
 */
export class BoardTables {
  readonly articles: BoardArticle[] = []
  readonly sources: BoardSource[] = []
  /** For each origin entry, the link whose evidence entered it first (its label is that evidence's origin's). */
  readonly enteredBy: string[] = []
  /** For each origin entry, whether it was copied from an earlier board's table (enterSource) rather than made. */
  readonly copied: boolean[] = []
  private readonly articleIndex = new Map<string, number>()
  private readonly sourceIndex = new Map<string, number>()
  private readonly bare: OriginContext
  private readonly grade: Map<string, Reliability | null>

  constructor(
    private readonly articleById: BoardRecords['articleById'],
    sourceGrades: BoardRecords['sourceGrades'],
  ) {
    this.bare = originContextOf(articleById)
    this.grade = new Map(sourceGrades.map((g) => [g.sourceKey, g.reliability]))
  }

  /** The origin's index, entered when first met (`by`: the link whose evidence meets it). */
  indexOfOrigin(origin: Origin, by = ''): number {
    let index = this.sourceIndex.get(origin.key)
    if (index === undefined) {
      const key = gradeKeyOf(origin)
      index = this.sources.push({ key, label: origin.label, reliability: this.grade.get(key) ?? null, origin: origin.key, kind: origin.kind }) - 1
      this.sourceIndex.set(origin.key, index)
      this.enteredBy.push(by)
      this.copied.push(false)
    }
    return index
  }

  /**
   * An entry of an earlier board's origin table, entered as indexOfOrigin enters its origin: the same
   * entry when the grades it was made with stand (the caller's to know).
   */
  enterSource(entry: BoardSource, by: string): number {
    let index = this.sourceIndex.get(entry.origin)
    if (index === undefined) {
      this.sourceIndex.set(entry.origin, (index = this.sources.push(entry) - 1))
      this.enteredBy.push(by)
      this.copied.push(true)
    }
    return index
  }

  /**
   * An entry of an earlier board's article table, with the entry of its outlet there, entered as
   * indexOfArticle enters its article: the same entry when its outlet keeps its index, else one
   * pointing to where it is now. The library and the grades must be as they were (the caller's to know).
   */
  enterArticle(entry: BoardArticle, outlet: BoardSource, by: string): number {
    const known = this.articleIndex.get(entry.id)
    if (known !== undefined) return known
    const source = this.enterSource(outlet, by)
    const index = this.articles.push(source === entry.source ? entry : { ...entry, source }) - 1
    this.articleIndex.set(entry.id, index)
    return index
  }

  /** The article's index, entered with its outlet when first met; undefined when the library does not hold it. */
  indexOfArticle(articleId: string, by = ''): number | undefined {
    const known = this.articleIndex.get(articleId)
    if (known !== undefined) return known
    const article = this.articleById(articleId)
    if (!article) return undefined
    // Its outlet, or its original's for a near-duplicate: what its evidence counts for when nothing finer is known.
    const outlet = traceOrigins(this.bare, article.id, { start: 0, end: 0 }).origins[0] as Origin
    const index = this.articles.push({ id: article.id, title: article.title, source: this.indexOfOrigin(outlet, by), outlet: article.outlet }) - 1
    this.articleIndex.set(articleId, index)
    return index
  }
}

/** One link's evidence, its article already entered in the tables (at `article`), its origins traced. */
export function boardEvidenceOf(
  link: EvidenceLink,
  highlight: Highlight,
  article: number,
  tables: BoardTables,
  traced: TracedEvidence,
  figures: Figure[] | undefined,
): BoardEvidence {
  const evidence: BoardEvidence = { linkId: link.id, article, stance: link.stance, quote: highlight.exact }
  if (link.credibility !== null) evidence.credibility = link.credibility
  if (link.note) evidence.note = link.note
  if (highlight.orphaned) evidence.orphaned = true
  const origins = traced.origins.map((o) => tables.indexOfOrigin(o, link.id))
  const own = (tables.articles[article] as BoardArticle).source
  if (origins.length !== 1 || origins[0] !== own) evidence.origins = origins
  if (traced.chain !== (tables.sources[own] as BoardSource).label) evidence.chain = traced.chain
  if (figures && figures.length > 0) evidence.figures = figures
  return evidence
}

/**
 * The whole board in one pass over the links: each article is resolved once (not once per link),
 * each link traced to its origins once, and each claim's links bucketed before any card is built.
 * With `kept` (the service's), a card whose claim, evidence and table entries are as in the previous
 * build is taken from it rather than grouped again.
 */
export function buildBoardView(records: BoardRecords, kept?: KeptBoardCards): BoardView {
  const { claims, links, highlights, articleById, figuresOf } = records
  const bare = originContextOf(articleById)
  const context: OriginContext = records.origins ?? bare
  const highlightById = new Map(highlights.map((h) => [h.id, h]))
  const tables = new BoardTables(articleById, records.sourceGrades)

  const evidenceByClaim = new Map<string, BoardEvidence[]>()
  for (const link of links) {
    const highlight = highlightById.get(link.highlightId)
    const article = highlight && tables.indexOfArticle(highlight.articleId, link.id)
    if (!highlight || article === undefined) continue
    // The service's context is kept while its inputs stand, and each span's trace with it.
    const traced = records.origins ? traceOriginsKept(context, highlight.articleId, highlight) : traceOrigins(context, highlight.articleId, highlight)
    const evidence = boardEvidenceOf(link, highlight, article, tables, traced, figuresOf?.(highlight))
    const list = evidenceByClaim.get(link.claimId)
    if (list) list.push(evidence)
    else evidenceByClaim.set(link.claimId, [evidence])
  }

  const { articles, sources } = tables
  const evidenceOf = (claimId: string) => evidenceByClaim.get(claimId) ?? []
  return {
    claims: kept ? kept.cardsOf(claims, evidenceOf, articles, sources) : claims.map((claim) => boardClaimOf(claim, evidenceOf(claim.id), articles, sources)),
    articles,
    sources,
  }
}
