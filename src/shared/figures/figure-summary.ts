// A claim's figures in words, for the brief (HTML and Markdown) and any plain-text view: each kind
// with its figures and their sources, every conflict with both sides and why, and the figure the
// analyst accepted. Pure.

import type { AcceptedFigure } from './claim-figures'
import type { FigureComparison, MergedFigure } from './compare-figures'
import { figurePhrase } from './figure'

export interface FigureSummary {
  /** One line per kind: "deaths: over 1,400 (Al-Monitor, Ahram Online)". */
  groups: { counted: string; figures: { label: string; sources: string[] }[] }[]
  /** "over 1,400 deaths (Al-Monitor, Ahram Online) against hundreds of casualties (Investing.com): …". */
  conflicts: string[]
  accepted: { label: string; reason: string } | null
}

function sourcesOf(m: MergedFigure): string[] {
  return [...new Set(m.sources.map((s) => s.sourceLabel))]
}

export function summariseFigures(comparison: FigureComparison, accepted: AcceptedFigure | null | undefined): FigureSummary {
  return {
    groups: comparison.groups.map((g) => ({
      counted: g.kind === 'percent' ? 'percent' : g.kind === 'money' ? (g.currency ?? 'money') : (g.counted ?? 'uncounted'),
      figures: g.figures.map((m) => ({ label: m.label, sources: sourcesOf(m) })),
    })),
    conflicts: comparison.conflicts.map(
      (c) => `${figurePhrase(c.a.figure)} (${sourcesOf(c.a).join(', ')}) against ${figurePhrase(c.b.figure)} (${sourcesOf(c.b).join(', ')}): ${c.reason}`,
    ),
    accepted: accepted ? { label: accepted.label, reason: accepted.reason } : null,
  }
}

export function isEmptySummary(s: FigureSummary): boolean {
  return s.groups.length === 0 && s.accepted === null
}
