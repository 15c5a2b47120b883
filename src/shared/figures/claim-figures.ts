// A claim's figures as every view reports them: each figure its evidence states, with the article
// and the evidence link it comes from, whether any two cannot both hold, and the figure the analyst
// accepted. Pure: the service builds it for the CLI, the exports and the brief from the same cards
// the board shows.

import type { ClaimCard, Highlight } from '../model'
import { compareFigures, type FigureComparison, type SourcedFigure } from './compare-figures'
import type { Figure } from './figure'

/**
 * A figure as the CLI's JSON and the exports write it (DECISIONS sections 8 and 10). `counted` is what
 * a count counts ("" when nothing says); a percentage's or a sum's unit is in `kind` and `currency`,
 * so for them `counted` is "" (or "percentage points").
 */
export interface FigureRecord {
  text: string
  low: number | null
  high: number | null
  kind: Figure['kind']
  counted: string
  currency: string | null
  articleId: string
  linkId: string
}

/** The figure an analyst accepted as the claim's value, with why; stored on the claim. */
export interface AcceptedFigure {
  figure: Figure
  /** How the card names it: "over 1,400 deaths". */
  label: string
  reason: string
  /** The evidence it was read from (null when typed in, or once that evidence is gone). */
  linkId: string | null
  articleId: string | null
}

/** The accepted figure as the CLI's JSON (`claimFigure`) and the exports write it. */
export function claimFigureRecord(accepted: AcceptedFigure): Omit<FigureRecord, 'articleId' | 'linkId'> & { label: string; reason: string } {
  const { articleId: _a, linkId: _l, ...record } = figureRecordOf(accepted.figure, '', '')
  return { ...record, label: accepted.label, reason: accepted.reason }
}

export function figureRecordOf(f: Figure, articleId: string, linkId: string): FigureRecord {
  return {
    text: f.text,
    low: f.low,
    high: f.high,
    kind: f.kind,
    counted: exportedCounted(f),
    currency: f.currency,
    articleId,
    linkId,
  }
}

function exportedCounted(f: Figure): string {
  if (f.kind === 'count') return f.counted ?? ''
  if (f.kind === 'percent') return f.counted === 'percentage points' ? f.counted : ''
  return ''
}

export interface ClaimFigures {
  /** Every figure of every piece of evidence, in evidence order. */
  figures: FigureRecord[]
  /** The figures of each evidence link. */
  byLink: Map<string, FigureRecord[]>
  comparison: FigureComparison
  figureConflict: boolean
}

/**
 * Reads a card's figures: every piece of evidence, whatever its stance, since a figure that
 * contradicts is exactly what the analyst needs to see beside the one that supports.
 */
export function claimFiguresOf(card: Pick<ClaimCard, 'sources'>, figuresOf: (highlight: Highlight) => readonly Figure[]): ClaimFigures {
  const figures: FigureRecord[] = []
  const byLink = new Map<string, FigureRecord[]>()
  const sourced: SourcedFigure[] = []
  for (const group of card.sources) {
    for (const e of group.evidence) {
      const own: FigureRecord[] = []
      for (const f of figuresOf(e.highlight)) {
        own.push(figureRecordOf(f, e.highlight.articleId, e.linkId))
        sourced.push({ figure: f, articleId: e.highlight.articleId, linkId: e.linkId, sourceLabel: group.sourceLabel })
      }
      figures.push(...own)
      byLink.set(e.linkId, own)
    }
  }
  const comparison = compareFigures(sourced)
  return { figures, byLink, comparison, figureConflict: comparison.conflicts.length > 0 }
}
