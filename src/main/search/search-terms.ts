// How text becomes index terms: split on spaces and punctuation (as MiniSearch does), then fold case,
// accents and transliteration marks, so "Sharaʿa", "Sharaa" and "SHARAA" are one term. The index, the
// query and the snippet finder all fold the same way, or a hit could not be found again in the text.

/** Spaces, line breaks and punctuation: what separates terms (a character class, shared with term-table.ts). */
export const SEPARATOR_CHARACTERS = String.raw`\n\r\p{Z}\p{P}`
const TERM_SEPARATOR = new RegExp(`[${SEPARATOR_CHARACTERS}]+`, 'u')

/** Combining accents and the modifier letters used for ʿayn and hamza in transliterated Arabic. */
const FOLDED_MARKS = /[\u0300-\u036f\u02bb\u02bc\u02bf\u02be]/g

/** Lower case, accents and Arabic transliteration marks folded, so "Sharaʿa" and "Sharaa" meet. */
export function foldTerm(term: string): string {
  return term
    .normalize('NFD')
    .replace(/[\u0300-\u036f\u02bb\u02bc\u02bf\u02be'’ʿʾ]/g, '')
    .toLowerCase()
}

/**
 * The folded terms of a text, in order. Folding the whole text once and then splitting gives the same
 * terms as splitting then folding each word (separators carry no marks), at a fraction of the cost.
 */
export function textTerms(text: string): string[] {
  return foldText(text)
    .split(TERM_SEPARATOR)
    .filter((term) => term.length > 0)
}

/**
 * Characters that canonical decomposition leaves as they are and that carry no mark to fold: ASCII, the
 * rest of Latin-1 below its first accented letter (U+00C0), and general punctuation (curly quotes,
 * dashes; U+2000 and U+2001 decompose to other spaces, so they are left out). Most articles are
 * written in these alone, and for them folding is lower-casing.
 */
const NEEDS_DECOMPOSING = /[^\x00-\xbf\u2002-\u206f]/

/** A whole text folded as its terms are, separators kept: where a search finds its terms again. */
export function foldText(text: string): string {
  return foldsByLowerCasing(text) ? text.toLowerCase() : decomposedFold(text)
}

/** Whether folding the text is lower-casing it: nothing in it to decompose. */
export function foldsByLowerCasing(text: string): boolean {
  // Decomposing was most of the folding's cost (about 15 µs per 6 KB article), and is a no-op on such texts.
  return Buffer.byteLength(text, 'utf8') === text.length || !NEEDS_DECOMPOSING.test(text)
}

/** Folding by the definition: decomposed, marks removed, lower-cased (foldText's answer for every text). */
export function decomposedFold(text: string): string {
  return text.normalize('NFD').replace(FOLDED_MARKS, '').toLowerCase()
}
