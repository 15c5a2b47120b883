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

/** A whole text folded as its terms are, separators kept: where a search finds its terms again. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(FOLDED_MARKS, '').toLowerCase()
}
