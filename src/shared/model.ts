// The domain model shared by every process: plain data, serialisable as JSON, no behaviour.

import type { BoilerplateRange } from './boilerplate/detect-boilerplate'
import type { Tense } from './chronology/date-expression'
import type { MatchedTerm } from './claims/passage-similarity'
import type { AcceptedFigure } from './figures/claim-figures'
import type { OriginOverride } from './provenance/origin-groups'
import type { OutletSource } from './provenance/outlet-source'

export type Stance = 'supports' | 'contradicts' | 'context'
export const STANCES: readonly Stance[] = ['supports', 'contradicts', 'context']

/** An imported article as stored; its text lives in a body file named by contentHash. */
export interface Article {
  id: string
  title: string
  /** Outlet or source that published it; null when nothing in the file or its folder says. */
  outlet: string | null
  /** ISO date (YYYY-MM-DD) when the file states one. */
  date: string | null
  author: string | null
  /** Where the article was published, when the file says. */
  url: string | null
  /** Every file this exact text was imported from. */
  paths: string[]
  wordCount: number
  /** sha256 of the normalised text: names the body file, detects duplicates. */
  contentHash: string
  /** sha256 of the original file bytes, as last imported. */
  fileHash: string
  importedAt: string
  /**
   * The article this one nearly duplicates (a syndicated copy, a lightly edited version), if any:
   * the two count as one source for corroboration.
   */
  nearDuplicateOf: string | null
  /** Metadata fields the analyst corrected by hand: a re-import keeps them. */
  edited: EditableArticleField[]
  /** Where the outlet name came from (front matter, meta, dateline, folder, text, analyst); null with no outlet or from before it was recorded. */
  outletSource: OutletSource | null
  /** Why the stored text cannot be read (missing or changed on disk); absent while it is whole. Importing the file again clears it. */
  damaged?: string
}

export const EDITABLE_ARTICLE_FIELDS = ['title', 'date', 'outlet', 'author', 'url'] as const
export type EditableArticleField = (typeof EDITABLE_ARTICLE_FIELDS)[number]

export type ArticleSummary = Pick<Article, 'id' | 'title' | 'outlet' | 'date' | 'paths' | 'wordCount' | 'nearDuplicateOf'> & {
  highlightCount: number
  /** The title of the article this one nearly duplicates, so a page of the list can name it alone. */
  nearDuplicateTitle: string | null
}

/** Orders the library can be listed in; the first is the default. */
export const ARTICLE_SORTS = ['newest', 'oldest', 'title', 'outlet'] as const
export type ArticleSort = (typeof ARTICLE_SORTS)[number]

/** One page of the library, in the order and under the filter asked for. */
export interface ArticlePage {
  /** Index of the page's first article among those matching. */
  offset: number
  articles: ArticleSummary[]
  /** Articles matching the filter, in all pages. */
  total: number
  /** Articles in the store, filter or not: tells an empty corpus from a filter that matches nothing. */
  corpusSize: number
}

/** A W3C-style text quote selector: the quote plus some context either side to re-find it. */
export interface TextQuote {
  exact: string
  prefix: string
  suffix: string
}

export interface Highlight extends TextQuote {
  id: string
  articleId: string
  /** Position selector: UTF-16 offsets into the article text, end exclusive. */
  start: number
  end: number
  /**
   * The quote could not be found again after the article's text changed. The highlight keeps its
   * last quote and claims, is listed to the analyst, and is never rendered at a guessed place.
   */
  orphaned: boolean
  /** The analyst's free-text note. Tags belong to claims (store version 6 moved older highlight tags there). */
  note: string
  createdAt: string
}

export interface Claim {
  id: string
  text: string
  tags: string[]
  note: string
  /** The analyst's own verdict, shown as such, when the evidence alone says otherwise. */
  statusOverride: { status: ClaimStatus; reason: string } | null
  createdAt: string
  updatedAt: string
  /** The analyst's splits and joins of this claim's origin groups, with reasons (provenance/origin-groups). */
  originOverrides?: OriginOverride[]
  /** The date of the event the claim is about, as the analyst set it (YYYY-MM-DD, YYYY-MM or YYYY). Store version 6. */
  eventDate?: string | null
  /** The evidence days the analyst looked at and dismissed as no conflict ("2025-07-24|2025-07-31"); a new day flags it again. */
  dateConflictDismissed?: string | null
  /** The figure the analyst accepted as the claim's value, with why (issue 20); absent or null when none. */
  acceptedFigure?: AcceptedFigure | null
}

/** Admiralty code: source reliability A (completely reliable) to F (cannot be judged). */
export type Reliability = 'A' | 'B' | 'C' | 'D' | 'E' | 'F'
export const RELIABILITY_GRADES: readonly Reliability[] = ['A', 'B', 'C', 'D', 'E', 'F']

/** Admiralty code: credibility of one piece of information, 1 (confirmed) to 6 (cannot be judged). */
export type Credibility = 1 | 2 | 3 | 4 | 5 | 6

export interface SourceGrade {
  sourceKey: string
  reliability: Reliability
}

export interface EvidenceLink {
  id: string
  claimId: string
  highlightId: string
  stance: Stance
  credibility: Credibility | null
  note: string
  createdAt: string
}

export type ClaimStatus = 'corroborated' | 'single-source' | 'contested' | 'contradicted' | 'no-evidence'

export interface ArticleView {
  article: Article
  text: string
  highlights: HighlightView[]
  /** Lines (or a metadata prefix) that are not the article: shown collapsed and dimmed, never removed. */
  boilerplate: BoilerplateRange[]
}

export interface HighlightView extends Highlight {
  claims: { claimId: string; claimText: string; stance: Stance; linkId: string }[]
}

export interface EvidenceView extends EvidenceAnalysis {
  linkId: string
  stance: Stance
  credibility: Credibility | null
  note: string
  highlight: Highlight
  articleTitle: string
  /** How the evidence reaches its origins, for the card: "SOHR via AFP" (provenance/origins). */
  chain?: string
}

export interface SourceGroup {
  /** Identity used to count independent sources (see claims/claim-status). */
  sourceKey: string
  sourceLabel: string
  reliability: Reliability | null
  /** Articles in this group that are near-duplicates of another article (they add no independence). */
  articleCount: number
  evidence: EvidenceView[]
  /** The kind of the origin the group is named after (DECISIONS section 10). */
  kind?: OriginKind
  /** Articles whose evidence reaches the origin only as an uncredited copy. */
  copies?: number
  /** An analyst's split or join shaped this group. */
  overridden?: boolean
}

/** A claim with what its evidence makes of it: the numbers every view of a claim shows. */
export interface ClaimStanding {
  claim: Claim
  /** The status shown: the analyst's override when set, otherwise the derived one. */
  status: ClaimStatus
  derivedStatus: ClaimStatus
  /** Distinct articles with evidence on the claim. */
  articleCount: number
  sourceCount: number
  supportingSources: number
  contradictingSources: number
}

export interface ClaimCard extends ClaimStanding, ClaimAnalysis {
  sources: SourceGroup[]
}

export interface SkippedFile {
  path: string
  reason: string
}

export interface ImportReport {
  folder: string
  imported: number
  duplicates: number
  /** Articles whose file changed since it was last imported: the stored text was replaced. */
  updated: number
  /** Highlights on updated articles that were found again at a new place. */
  reanchored: number
  /** Highlights on updated articles whose quote is gone: kept, listed, not rendered. */
  orphaned: number
  /** New articles that nearly duplicate one already there (a syndicated copy, a light edit). */
  nearDuplicates: { path: string; articleId: string; of: string; ofTitle: string; similarity: number }[]
  skipped: SkippedFile[]
  warnings: { path: string; message: string }[]
  articleIds: string[]
}

export interface ImportProgress {
  /** Set once the files are done, while the new texts are added to the search index. */
  indexing?: { done: number; total: number }
  scanned: number
  /** Files found so far that will be read; grows while the scan runs. */
  total: number
  processed: number
  imported: number
  duplicates: number
  skipped: number
}

export type ImportJobState =
  | { jobId: string; state: 'running'; progress: ImportProgress }
  | { jobId: string; state: 'done' | 'cancelled'; progress: ImportProgress; report: ImportReport }
  | { jobId: string; state: 'failed'; progress: ImportProgress; error: string }

/** A folder the app re-imports from whenever new files land in it. */
export interface WatchedFolder {
  path: string
  /** The import it last started (poll it as any import job); null before the first. */
  lastJobId: string | null
  /** Why the folder is not being watched (gone, unreadable); null while it is. */
  error: string | null
}

export interface StoreStats {
  articles: number
  highlights: number
  claims: number
  evidenceLinks: number
  storeDir: string
  /** What the user must be told about opening the store: recovered files, upgrades. */
  notices: string[]
}

export interface SearchHit {
  articleId: string
  title: string
  outlet: string | null
  date: string | null
  score: number
  /** Words around the first hit, whitespace collapsed, and the hit within them. */
  snippet: string
  snippetHit: { start: number; end: number }
  /** The first hit in the article's text, to open the article there. */
  hit: { start: number; end: number } | null
}

/** Reader panes side by side: four fit a laptop screen, more would be slivers. */
export const MAX_PANES = 4

/**
 * Search results the panel asks for at first: more than a sidebar shows at once, and each costs a
 * body read and a snippet. "More results" asks for up to SEARCH_MORE_RESULTS.
 */
export const SEARCH_FIRST_RESULTS = 20
export const SEARCH_MORE_RESULTS = 200

/** What the workbench looked like, restored at the next start: which article each pane shows. */
export interface UiState {
  panes: (string | null)[]
  /** Relative widths of the panes (flex weights). */
  paneWeights: number[]
}

/** A sentence in another article that likely states the same fact as a highlight. */
export interface SuggestedMatch {
  articleId: string
  articleTitle: string
  outlet: string | null
  start: number
  end: number
  text: string
  /** Share of the highlight's (and its sentence's) weighted words the sentence covers, 0–1, lowered where tenses disagree. */
  score: number
  /** Why it was suggested, for the analyst to judge at a glance. */
  why: SuggestionReasons
}

export interface SuggestionReasons {
  /** The highlight's words the sentence shares, and how each was found (same word, spelling, number, concept). */
  terms: MatchedTerm[]
  /** The tense of each sentence's event, where both have one ("past" against "future" ranks lower). */
  tense: { highlight: Tense; match: Tense } | null
  /** The days each sentence names, resolved against its article's date, where both name one; the same day ranks higher, another lower, and tense is then not weighed. */
  dates: { highlight: string[]; match: string[]; agree: boolean } | null
  /** A dateline the sentence opens with ("BAKU, Azerbaijan (MNTV) —"): where it was filed, not counted. */
  dateline: string | null
}

export type RecordKind = 'article' | 'highlight' | 'claim' | 'link' | 'source' | 'entity'

/** What merging a project file did: nothing is overwritten; differing records come back as conflicts. */
export interface MergeReport {
  added: Record<RecordKind, number>
  unchanged: number
  conflicts: { kind: RecordKind; id: string; local: unknown; incoming: unknown }[]
  skipped: { kind: RecordKind; id: string; reason: string }[]
}

// ---------------------------------------------------------------------------------------------
// What the derived analyses (provenance, dates, figures: issues 12, 14, 16) add to a claim card and
// to each piece of evidence. Every field is OPTIONAL: the engine that computes it fills it in; the
// exports (evidence CSV, claims CSV: DECISIONS section 8) and the CLI's JSON (section 10, same
// names) read them and write an empty cell, `false` or nothing when a field is absent.
// ---------------------------------------------------------------------------------------------

/** Where an origin group's voice comes from (DECISIONS section 9). */
export type OriginKind = 'wire' | 'primary-source' | 'outlet' | 'copied-passage' | 'near-duplicate'

/** One independent origin of a claim's evidence, with the articles traced to it. */
export interface ClaimOrigin {
  label: string
  kind: OriginKind
  articles: string[]
}

/** A figure stated in evidence (DECISIONS section 11): a range, an open bound null. */
export interface EvidenceFigure {
  text: string
  low: number | null
  high: number | null
  kind: 'count' | 'percent' | 'money'
  /** What is counted, normalised (deaths, injured, casualties, people, or the noun as written). */
  counted: string
  /** ISO 4217 code or symbol for money; null otherwise. */
  currency: string | null
  articleId: string
  linkId: string
}

/** The figure an analyst accepted for a claim. */
export type ClaimFigure = Omit<EvidenceFigure, 'articleId' | 'linkId'>

export interface ClaimAnalysis {
  /** Distinct outlets with evidence on the claim. */
  outlets?: number
  /** The claim's independent origin groups (section 9). */
  origins?: ClaimOrigin[]
  /** The event date the analyst set (YYYY-MM-DD, YYYY-MM or YYYY), or null. */
  eventDate?: string | null
  /** The evidence's dates cannot all hold. */
  dateConflict?: boolean
  /** Every figure stated in the claim's evidence. */
  figures?: EvidenceFigure[]
  /** The evidence's figures cannot all hold (section 11). */
  figureConflict?: boolean
  /** The figure the analyst accepted, or null. */
  claimFigure?: ClaimFigure | null
}

export interface EvidenceAnalysis {
  /** Labels of the evidence's deepest known origins. */
  origins?: string[]
  /** Where the evidence's article got its outlet name: folder, front matter, meta, dateline, text, analyst. */
  outletSource?: string
  /** The figures the evidence states. */
  figures?: EvidenceFigure[]
}
