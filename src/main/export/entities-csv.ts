// The entities CSV: one row per entity, spelling and article, with how many times that article
// writes the entity that way. The five columns the issue names come first (entity, type, variant,
// article, mentions), then the entity's id and the article's title for a reader in a spreadsheet.
// Same CSV rules as the claims CSV (claims-csv.ts: RFC 4180, formulas neutralised, BOM for Excel).

import type { EntityMentions } from '../../shared/entities/cluster-entities'
import { neutraliseFormula, toCsv } from './claims-csv'

export const ENTITIES_CSV_COLUMNS = ['entity', 'type', 'variant', 'article', 'mentions', 'entity_id', 'article_title'] as const

export function entitiesToCsv(entities: readonly EntityMentions[], titleOf: (articleId: string) => string, options: { bom?: boolean } = {}): string {
  const rows: (string | number)[][] = []
  for (const { entity, byArticle } of entities) {
    for (const [articleId, mentions] of byArticle) {
      const counts = new Map<string, number>()
      for (const m of mentions) counts.set(m.surface, (counts.get(m.surface) ?? 0) + 1)
      for (const [variant, n] of counts) {
        rows.push([neutraliseFormula(entity.name), entity.type, neutraliseFormula(variant), articleId, n, entity.id, neutraliseFormula(titleOf(articleId))])
      }
    }
  }
  return toCsv(ENTITIES_CSV_COLUMNS, rows, options)
}
