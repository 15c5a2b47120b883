// The time line as CSV: one row per date expression, resolved events in time order, then the
// unresolved ones with the reason. Same CSV rules as the claims CSV (claims-csv.ts: RFC 4180,
// every cell with a line break quoted, formulas neutralised, UTF-8 with a BOM for Excel).

import type { TimelineView } from '../../shared/chronology/timeline'
import { neutraliseFormula, toCsv } from './claims-csv'

export const TIMELINE_CSV_COLUMNS = [
  'date',
  'date_end',
  'precision',
  'basis',
  'expression',
  'sentence',
  'article_id',
  'article_title',
  'outlet',
  'article_date',
  'start',
  'end',
  'reason',
  'claim_ids',
] as const

export function timelineToCsv(view: TimelineView, options: { bom?: boolean } = {}): string {
  const rows = [...view.events, ...view.unresolved].map((e) => [
    e.date ?? '',
    e.dateEnd ?? '',
    e.precision,
    e.basis,
    neutraliseFormula(e.expression),
    neutraliseFormula(e.sentence),
    e.articleId,
    neutraliseFormula(e.title),
    neutraliseFormula(e.outlet ?? ''),
    e.articleDate ?? '',
    e.start,
    e.end,
    neutraliseFormula(e.reason),
    e.claimIds.join('; '),
  ])
  return toCsv(TIMELINE_CSV_COLUMNS, rows, options)
}
