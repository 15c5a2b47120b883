// CSV of claims with their evidence: one row per (claim, evidence link), one row for a claim with
// none. RFC 4180 quoting by csv-stringify; UTF-8 with a BOM by default because Excel otherwise reads
// UTF-8 as the legacy code page; cells that a spreadsheet would run as a formula are neutralised.

import { stringify } from 'csv-stringify/sync'
import type { Article, ClaimCard, EvidenceView, SourceGroup } from '../../shared/model'

export const CLAIM_CSV_COLUMNS = [
  'claim_id',
  'claim',
  'claim_status',
  'claim_tags',
  'stance',
  'credibility',
  'source',
  'source_reliability',
  'article_id',
  'article_title',
  'article_date',
  'article_path',
  'quote',
  'prefix',
  'suffix',
  'start',
  'end',
  'highlight_tags',
  'note',
  'created_at',
] as const

type Row = Record<(typeof CLAIM_CSV_COLUMNS)[number], string | number>

export function claimsToCsv(
  cards: readonly ClaimCard[],
  articleById: (id: string) => Article | undefined,
  options: { bom?: boolean } = {},
): string {
  const rows: Row[] = []
  for (const card of cards) {
    const claimCells = {
      claim_id: card.claim.id,
      claim: card.claim.text,
      claim_status: card.status,
      claim_tags: card.claim.tags.join('; '),
    }
    const evidence = card.sources.flatMap((group) => group.evidence.map((e) => [group, e] as const))
    if (evidence.length === 0) rows.push({ ...claimCells, ...emptyEvidence(card.claim.note, card.claim.createdAt) })
    for (const [group, e] of evidence) rows.push({ ...claimCells, ...evidenceCells(group, e, articleById(e.highlight.articleId)) })
    // The note column carries the evidence's own note; the claim's note goes on its evidence-less row.
  }
  return toCsv(rows, CLAIM_CSV_COLUMNS, options)
}

export const CLAIM_SUMMARY_CSV_COLUMNS = [
  'claim_id',
  'claim',
  'claim_status',
  'derived_status',
  'status_reason',
  'claim_tags',
  'articles',
  'sources',
  'supporting_sources',
  'contradicting_sources',
  'note',
  'created_at',
  'updated_at',
] as const

/** One row per claim with its counts: the editor's overview. */
export function claimSummaryToCsv(cards: readonly ClaimCard[], options: { bom?: boolean } = {}): string {
  const rows = cards.map((card) => ({
    claim_id: card.claim.id,
    claim: card.claim.text,
    claim_status: card.status,
    derived_status: card.derivedStatus,
    status_reason: card.claim.statusOverride?.reason ?? '',
    claim_tags: card.claim.tags.join('; '),
    articles: card.articleCount,
    sources: card.sourceCount,
    supporting_sources: card.supportingSources,
    contradicting_sources: card.contradictingSources,
    note: card.claim.note,
    created_at: card.claim.createdAt,
    updated_at: card.claim.updatedAt,
  }))
  return toCsv(rows, CLAIM_SUMMARY_CSV_COLUMNS, options)
}

function toCsv(rows: Record<string, string | number>[], columns: readonly string[], options: { bom?: boolean }): string {
  const csv = stringify(rows.map(neutraliseRow), { header: true, columns: [...columns], record_delimiter: '\r\n' })
  return options.bom === false ? csv : `\uFEFF${csv}`
}

function evidenceCells(group: SourceGroup, e: EvidenceView, article: Article | undefined) {
  return {
    stance: e.stance,
    credibility: e.credibility ?? '',
    source: group.sourceLabel,
    source_reliability: group.reliability ?? '',
    article_id: e.highlight.articleId,
    article_title: e.articleTitle,
    article_date: article?.date ?? '',
    article_path: article?.paths[0] ?? '',
    quote: e.highlight.exact,
    prefix: e.highlight.prefix,
    suffix: e.highlight.suffix,
    start: e.highlight.start,
    end: e.highlight.end,
    highlight_tags: e.highlight.tags.join('; '),
    note: [e.note, e.highlight.note].filter(Boolean).join('\n'),
    created_at: e.highlight.createdAt,
  }
}

function emptyEvidence(note: string, createdAt: string) {
  return {
    stance: '',
    credibility: '',
    source: '',
    source_reliability: '',
    article_id: '',
    article_title: '',
    article_date: '',
    article_path: '',
    quote: '',
    prefix: '',
    suffix: '',
    start: '',
    end: '',
    highlight_tags: '',
    note,
    created_at: createdAt,
  }
}

function neutraliseRow<R extends Record<string, string | number>>(row: R): R {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' ? neutraliseFormula(v) : v])) as R
}

/**
 * OWASP's advice for CSV injection: a cell a spreadsheet would evaluate (leading =, +, -, @, tab or
 * carriage return) is prefixed with a single quote so it is shown as text.
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell
}
