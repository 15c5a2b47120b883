// Compares the figures a claim's evidence gives (DECISIONS.md section 11). Pure: the card, the CLI,
// the exports and the stance suggestion share it.
//
// Figures are grouped by what they count. Within a group, figures with the same range are one
// figure with several sources ("over 1,400 · 001, 003"): "more than 1,400" and "over 1,400" are the
// same words for the same range. Two figures conflict when their ranges cannot both hold:
//   - the same kind (deaths and deaths, percent and percent, USD and USD): the ranges do not meet;
//   - casualties against deaths or injured: casualties are the dead and the wounded together, so
//     the casualties' largest possible number below the deaths' smallest is impossible
//     ("hundreds of casualties" against "over 1,400" deaths);
//   - anything else (deaths against air strikes, people against deaths, dollars against euros, a
//     number with nothing said of what it counts) is not compared: side by side, never flagged.
// Figures from one piece of evidence are never in conflict with each other: a quote that gives two
// numbers of one thing is reporting a change ("rose from 300 to 1,400"), which is its own account.

import { CASUALTIES, DEATHS, INJURED, figureLabel, figurePhrase, type Figure, type FigureKind } from './figure'

/** A figure with where it comes from. */
export interface SourcedFigure {
  figure: Figure
  articleId: string
  linkId: string
  /** How the card names the source: the outlet, else the article's title. */
  sourceLabel: string
}

/** Figures of one group with the same range, merged: one label, every source. */
export interface MergedFigure {
  label: string
  figure: Figure
  sources: SourcedFigure[]
}

export interface FigureGroup {
  kind: FigureKind
  /** What the group counts ("deaths", "strikes", "percent", "USD"); null for numbers that say nothing. */
  counted: string | null
  currency: string | null
  figures: MergedFigure[]
}

export interface FigureConflict {
  a: MergedFigure
  b: MergedFigure
  reason: string
}

export interface FigureComparison {
  groups: FigureGroup[]
  conflicts: FigureConflict[]
}

function groupKey(f: Figure): string {
  return `${f.kind}|${f.counted ?? ''}|${f.currency ?? ''}`
}

function rangeKey(f: Figure): string {
  return `${groupKey(f)}|${f.low}|${f.lowExclusive}|${f.high}|${f.highExclusive}`
}

/** True when every value under the upper bound is below every value over the lower bound. */
function entirelyBelow(high: number | null, highExclusive: boolean, low: number | null, lowExclusive: boolean): boolean {
  if (high === null || low === null) return false
  return high < low || (high === low && (highExclusive || lowExclusive))
}

/** Kinds that contain another: casualties are the dead and the injured together. */
const CONTAINS: Record<string, readonly string[]> = { [CASUALTIES]: [DEATHS, INJURED] }

const NOUN_OF_KIND: Record<string, string> = { [DEATHS]: 'killed', [INJURED]: 'injured' }

/**
 * Why two figures cannot both be true, or null when they can (or cannot be compared). The reason
 * names both figures as the card does, so it can be shown as is.
 */
export function conflictBetween(a: Figure, b: Figure): string | null {
  if (a.kind !== b.kind || a.counted === null || b.counted === null) return null
  if (a.kind === 'money' && a.currency !== b.currency) return null
  const la = figurePhrase(a)
  const lb = figurePhrase(b)
  if (a.counted === b.counted) {
    const disjoint = entirelyBelow(a.high, a.highExclusive, b.low, b.lowExclusive) || entirelyBelow(b.high, b.highExclusive, a.low, a.lowExclusive)
    return disjoint ? `${la} and ${lb} cannot both be true` : null
  }
  if (a.kind !== 'count') return null
  for (const [outer, inner] of [
    [a, b],
    [b, a],
  ] as const) {
    if (!CONTAINS[outer.counted!]?.includes(inner.counted!)) continue
    if (entirelyBelow(outer.high, outer.highExclusive, inner.low, inner.lowExclusive)) {
      return `${figurePhrase(outer)} cannot be true if ${figureLabel(inner)} were ${NOUN_OF_KIND[inner.counted!]}: ${outer.counted} include the ${inner.counted === DEATHS ? 'dead' : 'injured'}`
    }
  }
  return null
}

export function compareFigures(figures: readonly SourcedFigure[]): FigureComparison {
  const groups = new Map<string, FigureGroup>()
  const merged = new Map<string, MergedFigure>()
  for (const sf of figures) {
    const key = rangeKey(sf.figure)
    const existing = merged.get(key)
    if (existing) {
      existing.sources.push(sf)
      continue
    }
    const entry: MergedFigure = { label: figureLabel(sf.figure), figure: sf.figure, sources: [sf] }
    merged.set(key, entry)
    const gk = groupKey(sf.figure)
    let group = groups.get(gk)
    if (!group) {
      group = { kind: sf.figure.kind, counted: sf.figure.counted, currency: sf.figure.currency, figures: [] }
      groups.set(gk, group)
    }
    group.figures.push(entry)
  }
  const entries = [...merged.values()]
  const conflicts: FigureConflict[] = []
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const a = entries[i]!
      const b = entries[j]!
      const reason = conflictBetween(a.figure, b.figure)
      if (reason && fromDifferentEvidence(a, b)) conflicts.push({ a, b, reason })
    }
  }
  return { groups: [...groups.values()], conflicts }
}

function fromDifferentEvidence(a: MergedFigure, b: MergedFigure): boolean {
  return a.sources.some((x) => b.sources.some((y) => x.linkId !== y.linkId))
}

export interface StanceSuggestion {
  stance: 'contradicts'
  reason: string
}

/**
 * When a passage about to be added to a claim gives a figure that cannot be true alongside one the
 * claim already stands on (its supporting evidence, its text, or the figure the analyst accepted),
 * the stance picker suggests "contradicts" and says why. Null when nothing conflicts.
 */
export function suggestStanceFromFigures(claimFigures: readonly SourcedFigure[], passageFigures: readonly Figure[]): StanceSuggestion | null {
  for (const p of passageFigures) {
    for (const c of claimFigures) {
      const reason = conflictBetween(p, c.figure)
      if (reason) return { stance: 'contradicts', reason: `${reason} (${c.sourceLabel})` }
    }
  }
  return null
}
