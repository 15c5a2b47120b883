// The limits every format's extraction shares, so no format can be the way around another's: one cap
// on the text an article may have, whatever file it came from, and one on how deeply a page's
// elements may nest. Plain values: each extractor checks them as early as it can (a PDF stops
// reading pages, a .docx stops inflating) and extract-article.ts checks the text of every format.

/**
 * The most text (UTF-16 code units) one article may have. A text file is refused above 10 MB
 * (DEFAULT_MAX_FILE_BYTES), so this is the same room for a .docx or a PDF, whose few compressed bytes
 * can hold any amount of text: the longest real reports run to a few million characters.
 */
export const MAX_ARTICLE_TEXT_CHARS = 10 * 1024 * 1024

/**
 * The deepest nesting of elements a page (or a .docx's converted HTML) may have. Readability's time
 * grows about with the cube of the depth (measured here: 256 deep 0.4 s, 512 deep 1.8 s, 1,000 deep
 * 13 s, 2,000 deep 50 s), and real article pages nest a few dozen elements deep, rarely past 100.
 */
export const MAX_ELEMENT_DEPTH = 256

export interface ExtractionLimits {
  maxTextChars: number
  maxElementDepth: number
}

export const DEFAULT_EXTRACTION_LIMITS: ExtractionLimits = { maxTextChars: MAX_ARTICLE_TEXT_CHARS, maxElementDepth: MAX_ELEMENT_DEPTH }

/** `length` is the text's, or null when reading stopped as soon as the text passed the limit. */
export function textTooLongReason(length: number | null, limits: ExtractionLimits): string {
  const size = length === null ? 'more than' : `${length.toLocaleString('en-US')} characters, more than`
  return `the text is too long for one article (${size} the ${limits.maxTextChars.toLocaleString('en-US')} characters an article may have); split it into smaller files`
}

export function tooDeepReason(limits: ExtractionLimits, what: 'page' | 'document' = 'page'): string {
  return `the ${what} nests its elements more than ${limits.maxElementDepth} deep, which no article does (a page built to stall readers?); not imported`
}
