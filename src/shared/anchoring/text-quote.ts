// Describes a span of article text as a W3C Web Annotation TextQuoteSelector (exact + context), the
// half of a highlight's anchor that survives edits to the text around it. Pure string code.

import type { TextQuote } from '../model'
import { snapBackward, snapForward } from './code-points'

/**
 * Characters of context kept either side of the quote. 32 is what Hypothesis uses: long enough to
 * tell apart repeated phrases ("the meeting in Baku") in a news article, short enough that an edit
 * near the quote rarely touches both prefix and suffix.
 */
export const QUOTE_CONTEXT_LENGTH = 32

export function describeQuote(text: string, start: number, end: number): TextQuote {
  if (!(Number.isInteger(start) && Number.isInteger(end)) || start < 0 || end > text.length || end <= start) {
    throw new RangeError(`span ${start}–${end} is not inside a text of ${text.length} characters`)
  }
  // The context windows end on whole characters: a window that would cut a character outside the
  // Basic Multilingual Plane in half (two code units) is one unit shorter instead.
  return {
    exact: text.slice(start, end),
    prefix: text.slice(snapForward(text, Math.max(0, start - QUOTE_CONTEXT_LENGTH)), start),
    suffix: text.slice(end, snapBackward(text, Math.min(text.length, end + QUOTE_CONTEXT_LENGTH))),
  }
}
