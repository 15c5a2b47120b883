// CSV of claims with their evidence: one row per (claim, evidence link), one row for a claim with
// none. RFC 4180 quoting by csv-stringify, and every cell holding a CR or an LF (alone or as CRLF) is
// quoted too: csv-stringify quotes only cells holding the whole record delimiter (CRLF) once one is
// set, and every spreadsheet ends a record at a bare LF. UTF-8 with a BOM by default because Excel otherwise reads
// UTF-8 as the legacy code page; cells that a spreadsheet would run as a formula are neutralised.
// start and end count UTF-16 code units (JavaScript string offsets) into the article text, end
// exclusive; the quote column carries the passage itself, so a reader need not count at all.
//
// Speed: 100,000 evidence rows must export in under two seconds. Rows are arrays in column order (no
// per-row objects for csv-stringify to look columns up in), and what repeats — a claim's cells on
// each of its rows, an article's cells on each of its highlights — is built and neutralised once. The
// file is written as the cards come (the service builds them a claim at a time), UTF-8 straight into
// chunk buffers (csv-record.ts CsvChunkWriter).

import { stringify } from 'csv-stringify/sync'
import type { Article, ClaimCard, ClaimFigure, EvidenceView } from '../../shared/model'
import { CsvChunkWriter, type CsvCell } from './csv-record'
import { writeExportChunks } from './write-export'

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
  // DECISIONS section 8: the derived analyses' columns, empty until their engine fills the model.
  'origins',
  'outlet_source',
  'figures',
  'event_date',
  'claim_figure',
] as const

type Cell = CsvCell
type ArticleCells = [title: string, date: string, path: string]

/** The rows of the claims CSV, header excluded, each in CLAIM_CSV_COLUMNS order, cells already neutralised. */
export function* claimCsvRows(cards: Iterable<ClaimCard>, articleById: (id: string) => Article | undefined): Generator<Cell[]> {
  const articleCells = new Map<string, ArticleCells>()
  const cellsOfArticle = (id: string, fallbackTitle: string): ArticleCells => {
    let cells = articleCells.get(id)
    if (!cells) {
      const article = articleById(id)
      cells = [neutraliseFormula(article?.title ?? fallbackTitle), article?.date ?? '', neutraliseFormula(article?.paths[0] ?? '')]
      articleCells.set(id, cells)
    }
    return cells
  }

  for (const card of cards) {
    const claimId = neutraliseFormula(card.claim.id)
    const claimText = neutraliseFormula(card.claim.text)
    const claimTags = neutraliseFormula(card.claim.tags.join('; '))
    const eventDate = card.eventDate ?? ''
    const claimFigure = neutraliseFormula(card.claimFigure ? figureCell(card.claimFigure) : '')
    let rows = 0
    for (const group of card.sources) {
      const source = neutraliseFormula(group.sourceLabel)
      const reliability = group.reliability ?? ''
      for (const e of group.evidence) {
        const h = e.highlight
        const [title, date, path] = cellsOfArticle(h.articleId, e.articleTitle)
        rows++
        yield [
          claimId,
          claimText,
          card.status,
          claimTags,
          e.stance,
          e.credibility ?? '',
          source,
          reliability,
          neutraliseFormula(h.articleId),
          title,
          date,
          path,
          neutraliseFormula(h.exact),
          neutraliseFormula(h.prefix),
          neutraliseFormula(h.suffix),
          h.start,
          h.end,
          // Kept for the column order (DECISIONS section 8); tags belong to claims now (claim_tags).
          '',
          // The note column carries the evidence's own note; the claim's note goes on its evidence-less row.
          neutraliseFormula(e.note && h.note ? `${e.note}\n${h.note}` : e.note || h.note),
          h.createdAt,
          // The evidence's own analysis cells (section 8), spelled out: spreading them cost an
          // iterator and a growing array per row.
          originsCell(e),
          neutraliseFormula(e.outletSource ?? ''),
          figuresCell(e),
          eventDate,
          claimFigure,
        ]
      }
    }
    if (rows === 0) {
      yield [
        claimId,
        claimText,
        card.status,
        claimTags,
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        neutraliseFormula(card.claim.note),
        card.claim.createdAt,
        '',
        '',
        '',
        eventDate,
        claimFigure,
      ]
    }
  }
}

export function claimsToCsv(cards: readonly ClaimCard[], articleById: (id: string) => Article | undefined, options: { bom?: boolean } = {}): string {
  return toCsv(CLAIM_CSV_COLUMNS, claimCsvRows(cards, articleById), options)
}

/**
 * The same CSV streamed to a file row by row (the desktop app's export and the CLI's): memory stays
 * flat however many rows, the file appears only when complete, and it is the bytes claimsToCsv
 * would return. The cards may come one at a time (cardsOneByOne), each let go once its rows are
 * written. Returns the number of rows written, header excluded.
 */
export async function writeClaimsCsv(
  path: string,
  cards: Iterable<ClaimCard>,
  articleById: (id: string) => Article | undefined,
  options: { bom?: boolean } = {},
): Promise<{ rows: number }> {
  let rows = 0
  // Records written by CsvChunkWriter (csv-stringify's bytes, without its per-cell cost: see
  // csv-record.ts), UTF-8 straight into chunks of CSV_CHUNK_BYTES, so a few hundred buffers are
  // written, not 100,000 strings. Each chunk is written before the next is asked for
  // (writeExportChunks), so the writer fills the same two buffers again (recycle) rather than a new
  // one per chunk.
  const chunks = function* () {
    const writer = new CsvChunkWriter(CSV_CHUNK_BYTES)
    if (options.bom !== false) writer.text('\uFEFF')
    writer.record(CLAIM_CSV_COLUMNS)
    for (const row of claimCsvRows(cards, articleById)) {
      rows++
      writer.record(row)
      const full = writer.takeFull()
      if (full.length === 0) continue
      yield* full
      writer.recycle()
    }
    yield* writer.end()
  }
  await writeExportChunks(path, chunks())
  return { rows }
}

/** Bytes per streamed chunk: large enough to amortise the stream's work per chunk, small enough to keep memory flat. */
const CSV_CHUNK_BYTES = 256 * 1024

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
  // DECISIONS section 8: the derived analyses' columns.
  'outlets',
  'origins',
  'event_date',
  'date_conflict',
  'figure_conflict',
  'claim_figure',
] as const

/** One row per claim with its counts: the editor's overview. */
export function claimSummaryToCsv(cards: readonly ClaimCard[], options: { bom?: boolean } = {}): string {
  const rows = cards.map((card): Cell[] => [
    neutraliseFormula(card.claim.id),
    neutraliseFormula(card.claim.text),
    card.status,
    card.derivedStatus,
    neutraliseFormula(card.claim.statusOverride?.reason ?? ''),
    neutraliseFormula(card.claim.tags.join('; ')),
    card.articleCount,
    card.sourceCount,
    card.supportingSources,
    card.contradictingSources,
    neutraliseFormula(card.claim.note),
    card.claim.createdAt,
    card.claim.updatedAt,
    card.outlets ?? outletsOf(card),
    neutraliseFormula((card.origins ?? []).map((o) => `${o.label} (${o.articles.length} ${o.articles.length === 1 ? 'article' : 'articles'})`).join('; ')),
    card.eventDate ?? '',
    String(card.dateConflict ?? false),
    String(card.figureConflict ?? false),
    neutraliseFormula(card.claimFigure ? figureCell(card.claimFigure) : ''),
  ])
  return toCsv(CLAIM_SUMMARY_CSV_COLUMNS, rows, options)
}

/** The evidence's origins cell (section 8): its origin labels, `; `-joined. */
function originsCell(e: EvidenceView): string {
  const origins = e.origins ?? []
  return neutraliseFormula(origins.length === 1 ? (origins[0] as string) : origins.join('; '))
}

/** The evidence's figures cell (section 8): each figure as figureCell writes it, `; `-joined. */
function figuresCell(e: EvidenceView): string {
  const figures = e.figures ?? []
  return figures.length === 0 ? '' : neutraliseFormula(figures.map(figureCell).join('; '))
}

/** A figure as section 8 writes it: `low..high counted`, an open bound left empty (`1401.. deaths`); money names its currency. */
export function figureCell(figure: ClaimFigure): string {
  const what = [figure.kind === 'percent' ? '%' : figure.currency, figure.counted].filter((part) => part).join(' ')
  return `${figure.low ?? ''}..${figure.high ?? ''}${what ? ` ${what}` : ''}`
}

/**
 * Distinct outlets with evidence on the claim, until provenance fills card.outlets: today's source
 * groups are outlets (or single unattributed articles).
 */
function outletsOf(card: ClaimCard): number {
  return new Set(card.sources.map((group) => group.sourceKey)).size
}

/** Every CSV here: CRLF records, and any cell holding a CR or an LF quoted (see the header comment). */
const CSV_OPTIONS = { record_delimiter: '\r\n', quoted_match: /[\r\n]/ } as const

export function toCsv(columns: readonly string[], rows: Iterable<Cell[]>, options: { bom?: boolean }): string {
  const csv = stringify([[...columns], ...rows], CSV_OPTIONS)
  return options.bom === false ? csv : `\uFEFF${csv}`
}

/**
 * OWASP's advice for CSV injection: a cell a spreadsheet would evaluate (leading =, +, -, @, tab,
 * carriage return or line feed) is prefixed with a single quote so it is shown as text.
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r\n]/.test(cell) ? `'${cell}` : cell
}
