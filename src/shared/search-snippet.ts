// Cuts a search result's snippet out of an article: the first place where a matched term occurs as a
// word, with some words either side. Pure, so it is tested without a store.

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
 * `fold` must be the index's own term folding, so a hit is found in the text for each indexed term.
 * Returns null when none of the terms occurs (a fuzzy match whose variant only the index knows).
 */
export function findSnippet(text: string, terms: readonly string[], fold: (word: string) => string): Snippet | null {
  const wanted = new Set(terms)
  for (const match of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’ʿʾ-]*/gu)) {
    const word = match[0]
    const start = match.index ?? 0
    if (!wanted.has(fold(word)) && !word.split(/[-]/).some((part) => wanted.has(fold(part)))) continue
    const end = start + word.length
    const from = Math.max(0, text.lastIndexOf(' ', Math.max(0, start - SNIPPET_CONTEXT)) + 1)
    const toSpace = text.indexOf(' ', Math.min(text.length, end + SNIPPET_CONTEXT))
    const to = toSpace === -1 ? text.length : toSpace
    const raw = text.slice(from, to)
    const leading = raw.length - raw.trimStart().length
    const snippetText = raw.trim().replace(/\s+/g, ' ')
    // Collapsing whitespace only shortens what lies before the hit if there were runs of it: recount.
    const hitStart = collapsedLength(raw.slice(leading, start - from))
    return { text: snippetText, hitStart, hitEnd: hitStart + word.length, start, end }
  }
  return null
}

function collapsedLength(s: string): number {
  return s.replace(/\s+/g, ' ').length
}
