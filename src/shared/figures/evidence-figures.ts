// The figures a piece of evidence states: those of its highlight's quote, read with the quote's
// context (the stored prefix and suffix), so "over 1,400 people" in a highlight still counts deaths
// when the word "killed" sits just before it. Pure; needs no article text, so the board and the CLI
// can read figures without opening a single body.

import type { TextQuote } from '../model'
import type { Figure } from './figure'
import { parseFigures, type DecimalSeparator } from './parse-figures'

/** The separator a quote is read with when its article's is not known (see figuresOfQuote). */
export const DEFAULT_DECIMAL_SEPARATOR: DecimalSeparator = '.'

/**
 * Figures whose number lies inside the quote; each `text`, `start` and `end` is the figure's words as
 * read with the context (offsets relative to the quote's start: negative when the qualifier sits in
 * the prefix). A highlight is too short to tell its language reliably: say the separator when known.
 */
export function figuresOfQuote(quote: TextQuote, decimalSeparator?: DecimalSeparator): Figure[] {
  const text = quote.prefix + quote.exact + quote.suffix
  const from = quote.prefix.length
  const to = from + quote.exact.length
  return parseFigures(text, { decimalSeparator: decimalSeparator ?? DEFAULT_DECIMAL_SEPARATOR })
    .filter((f) => overlapsQuote(f, text, from, to))
    .map((f) => ({ ...f, start: f.start - from, end: f.end - from }))
}

/** Digits or a number word: the part of a figure that must lie inside the quote. */
const NUMBERISH =
  /\d|\b(?:dozens?|scores|hundreds?|thousands?|millions?|billions?|trillions?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b/i

/** The figure's number, not only its qualifier or its noun, must be inside the quote. */
function overlapsQuote(f: Figure, text: string, from: number, to: number): boolean {
  if (f.end <= from || f.start >= to) return false
  return NUMBERISH.test(text.slice(Math.max(f.start, from), Math.min(f.end, to)))
}
