// Finds a highlight again after its article's text changed (a revised file re-imported). The
// fallback chain goes from simple to complex, as Hypothesis's anchoring does:
//   1. the stored position still holds the quote           → 'position'
//   2. the exact quote elsewhere, best by context and place → 'quote'
//   3. an approximate match of the quote (bounded errors)   → 'fuzzy'
//   4. nothing good enough                                  → null: an orphan, shown to the user
// Pure string code: the importer, the service and the tests share it.

import search from 'approx-string-match'
import { distance as editDistance } from 'fastest-levenshtein'
import { QUOTE_CONTEXT_LENGTH } from './text-quote'

export interface QuoteSelector {
  start: number
  end: number
  exact: string
  prefix: string
  suffix: string
}

export type AnchorMethod = 'position' | 'quote' | 'fuzzy'

export interface Anchor {
  start: number
  end: number
  method: AnchorMethod
}

/**
 * Errors allowed in a fuzzy match, as a share of the quote's length: a third survives an added word
 * in a short quote, a reworded clause or changed punctuation and quotes. Matches this loose are only
 * accepted where the surrounding context confirms them (MIN_CONTEXT_SIMILARITY).
 */
export const MAX_QUOTE_ERROR_RATE = 1 / 3
/** Shorter quotes ("Baku", "July 12") are too common to match approximately: exact or orphan. */
export const MIN_FUZZY_QUOTE_LENGTH = 12
/**
 * Context (prefix and suffix, averaged) must be at least this similar for a match away from the
 * stored position to be trusted: half the context surviving means the same place in the story.
 */
export const MIN_CONTEXT_SIMILARITY = 0.5
/** A quote this long, found verbatim, identifies its passage even when all its context changed. */
export const DISTINCTIVE_QUOTE_LENGTH = 40
/** Context this similar means the exact quote is at the same place in the story: no need to look further. */
const SAME_PLACE_CONTEXT = 0.8
/** How far (in characters) an edit usually moves a quote: the position score fades over this distance. */
const POSITION_SCALE = 2000

// Weights of the match score. The quote itself dominates; context decides between equal quotes;
// position only breaks ties (an edit above the quote shifts every offset after it).
const QUOTE_WEIGHT = 50
const PREFIX_WEIGHT = 20
const SUFFIX_WEIGHT = 20
const POSITION_WEIGHT = 5

/**
 * Where the selector's quote is in `text` now, or null when it cannot be found with confidence.
 * Null means the highlight must be listed as an orphan, never silently dropped or misplaced.
 */
export function reanchor(text: string, selector: QuoteSelector): Anchor | null {
  const { exact } = selector
  if (exact.length === 0) return null
  if (text.slice(selector.start, selector.end) === exact) return { start: selector.start, end: selector.end, method: 'position' }

  const exactMatches = occurrences(text, exact).map((start) => rate(text, selector, { start, end: start + exact.length, errors: 0 }))
  const bestExact = bestBy(exactMatches, (m) => m.score)
  if (bestExact && bestExact.context >= SAME_PLACE_CONTEXT) return { start: bestExact.start, end: bestExact.end, method: 'quote' }

  // The exact quote is gone, or only found where its context does not fit: it may have been edited
  // in place, so approximate matches compete with the exact ones on the whole score.
  const maxErrors = Math.floor(exact.length * MAX_QUOTE_ERROR_RATE)
  const fuzzy = exact.length < MIN_FUZZY_QUOTE_LENGTH ? [] : approximateMatches(text, selector, maxErrors).map((m) => rate(text, selector, m))
  const best = bestBy([...exactMatches, ...fuzzy], (m) => m.score)
  if (!best || !isConfident(best, exact, exactMatches.length)) return null
  if (best.errors === 0) return { start: best.start, end: best.end, method: 'quote' }
  return { ...trimWhitespace(text, refineBoundaries(text, selector, best, maxErrors)), method: 'fuzzy' }
}

/**
 * approx-string-match returns only the matches with the fewest errors in the whole text, so a
 * verbatim copy elsewhere hides a lightly edited quote in its old place. Searching the neighbourhood
 * of the old position as well keeps that candidate in the race.
 */
function approximateMatches(text: string, selector: QuoteSelector, maxErrors: number): Candidate[] {
  const within = (radius: number) => {
    const from = Math.max(0, selector.start - radius)
    return search(text.slice(from, selector.end + radius), selector.exact, maxErrors).map((m) => ({ ...m, start: m.start + from, end: m.end + from }))
  }
  // The old place itself (with room for the edit), then the wider neighbourhood, then anywhere.
  return [...within(maxErrors + QUOTE_CONTEXT_LENGTH), ...within(POSITION_SCALE), ...search(text, selector.exact, maxErrors)]
}

/**
 * A match away from the stored position is trusted when its context still fits, or when it is the
 * quote verbatim and either long enough to be distinctive or the only occurrence in the text (an
 * edit around a sentence changes its context, not the sentence). It has already beaten every other
 * candidate on the whole score, context included.
 */
function isConfident(m: Rated, exact: string, exactCount: number): boolean {
  if (m.context >= MIN_CONTEXT_SIMILARITY) return true
  if (m.errors > 0) return false
  return exact.length >= DISTINCTIVE_QUOTE_LENGTH || (exactCount === 1 && exact.length >= MIN_FUZZY_QUOTE_LENGTH)
}

interface Candidate {
  start: number
  end: number
  errors: number
}

interface Rated extends Candidate {
  score: number
  /** Mean similarity of the text before and after the match to the stored prefix and suffix. */
  context: number
}

function rate(text: string, selector: QuoteSelector, m: Candidate): Rated {
  const quote = 1 - m.errors / selector.exact.length
  const prefix = similarity(text.slice(Math.max(0, m.start - selector.prefix.length), m.start), selector.prefix)
  const suffix = similarity(text.slice(m.end, m.end + selector.suffix.length), selector.suffix)
  const position = Math.max(0, 1 - Math.abs(m.start - selector.start) / POSITION_SCALE)
  const score = QUOTE_WEIGHT * quote + PREFIX_WEIGHT * prefix + SUFFIX_WEIGHT * suffix + POSITION_WEIGHT * position
  return { ...m, score, context: (prefix + suffix) / 2 }
}

/** 1 for equal strings, falling to 0 as the edit distance grows to the longer one's length; empty stored context always fits. */
function similarity(actual: string, expected: string): number {
  if (expected.length === 0 || actual === expected) return 1
  return 1 - editDistance(actual, expected) / Math.max(actual.length, expected.length)
}

/** Levenshtein distance; context strings are at most QUOTE_CONTEXT_LENGTH long, so the quadratic table is tiny. */
function occurrences(text: string, needle: string): number[] {
  const starts: number[] = []
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) starts.push(i)
  return starts
}

function bestBy<T>(items: readonly T[], value: (item: T) => number): T | undefined {
  let best: T | undefined
  let bestValue = -Infinity
  for (const item of items) {
    const v = value(item)
    if (v > bestValue) {
      best = item
      bestValue = v
    }
  }
  return best
}

/**
 * An approximate match may start or end a few characters off (edit distance prefers substituting
 * "and" for "ery" to inserting "very "). Where the stored prefix and suffix are found right beside
 * the match, the highlight is exactly what lies between them.
 */
function refineBoundaries(text: string, selector: QuoteSelector, m: Candidate, slack: number): Candidate {
  let { start, end } = m
  if (selector.prefix.length > 0) {
    const from = Math.max(0, m.start - selector.prefix.length - slack)
    const found = closest(search(text.slice(from, m.start + slack), selector.prefix, Math.floor(selector.prefix.length * MAX_QUOTE_ERROR_RATE)), (p) =>
      Math.abs(from + p.end - m.start),
    )
    if (found) start = from + found.end
  }
  if (selector.suffix.length > 0) {
    const from = Math.max(0, m.end - slack)
    const found = closest(
      search(text.slice(from, m.end + selector.suffix.length + slack), selector.suffix, Math.floor(selector.suffix.length * MAX_QUOTE_ERROR_RATE)),
      (p) => Math.abs(from + p.start - m.end),
    )
    if (found) end = from + found.start
  }
  return start < end ? { start, end, errors: m.errors } : m
}

/** Among the fewest-error matches, the one nearest where it is expected. */
function closest(matches: Candidate[], distance: (m: Candidate) => number): Candidate | undefined {
  const fewest = Math.min(...matches.map((m) => m.errors))
  return bestBy(
    matches.filter((m) => m.errors === fewest),
    (m) => -distance(m),
  )
}

function trimWhitespace(text: string, m: Candidate): { start: number; end: number } {
  let { start, end } = m
  while (start < end && /\s/.test(text[start] ?? '')) start++
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--
  return { start, end }
}
