// Cuts a search result's snippet out of an article: the first place where a matched term occurs as a
// whole word (or a part of a hyphenated one), with some words either side. Pure, so it is tested without a store.

export interface Snippet {
  text: string
  /** The hit inside `text`. */
  hitStart: number
  hitEnd: number
  /** The hit in the whole article, to open the article scrolled to it. */
  start: number
  end: number
}

/** Characters of context shown either side of the hit: about a line of a results list. */
export const SNIPPET_CONTEXT = 70

/**
 * `fold` must fold text the way the index folds its terms (case, accents, marks), keeping separators.
 * Returns null when none of the terms occurs (a fuzzy match whose variant only the index knows).
 */
export function findSnippet(text: string, terms: readonly string[], fold: (text: string) => string): Snippet | null {
  const hit = findTerm(text, terms, fold)
  if (!hit) return null
  const { start, end } = hit
  const from = Math.max(0, text.lastIndexOf(' ', Math.max(0, start - SNIPPET_CONTEXT)) + 1)
  const toSpace = text.indexOf(' ', Math.min(text.length, end + SNIPPET_CONTEXT))
  const to = toSpace === -1 ? text.length : toSpace
  const raw = text.slice(from, to)
  const leading = raw.length - raw.trimStart().length
  const snippetText = raw.trim().replace(/\s+/g, ' ')
  // Collapsing whitespace only shortens what lies before the hit if there were runs of it: recount.
  const hitStart = collapsedLength(raw.slice(leading, start - from))
  return { text: snippetText, hitStart, hitEnd: hitStart + (end - start), start, end }
}

/**
 * The first whole-word occurrence of a term. The text is folded once and searched with one pattern;
 * folding keeps most texts' length, so a match's offsets are the original's, which is checked. Where
 * folding changed the length or the offsets do not line up, each word is folded on its own instead.
 */
export function findTerm(text: string, terms: readonly string[], fold: (text: string) => string): { start: number; end: number } | null {
  const wanted = [...new Set(terms)].filter((term) => term.length > 0)
  if (wanted.length === 0) return null
  const folded = fold(text)
  if (folded.length === text.length) {
    for (const match of folded.matchAll(wholeWordPattern(wanted))) {
      const start = match.index ?? 0
      const end = start + match[0].length
      if (fold(text.slice(start, end)) === match[0]) return { start, end }
    }
  }
  const wantedSet = new Set(wanted)
  for (const match of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    if (wantedSet.has(fold(match[0]))) return { start: match.index ?? 0, end: (match.index ?? 0) + match[0].length }
  }
  return null
}

/** Compiling a Unicode pattern costs more than running it over an article: one page of results shares one. */
const patternCache = new Map<string, RegExp>()
const PATTERN_CACHE_SIZE = 64

function wholeWordPattern(terms: readonly string[]): RegExp {
  const alternatives = [...terms]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map(escapeRegExp)
    .join('|')
  let pattern = patternCache.get(alternatives)
  if (!pattern) {
    if (patternCache.size >= PATTERN_CACHE_SIZE) patternCache.clear()
    pattern = new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])(?:${alternatives})(?![\\p{L}\\p{N}\\p{M}])`, 'gu')
    patternCache.set(alternatives, pattern)
  }
  return pattern
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function collapsedLength(s: string): number {
  return s.replace(/\s+/g, ' ').length
}
