// No quote, prefix, suffix or position ever splits a surrogate pair (DECISIONS section 3), on text
// full of characters outside the Basic Multilingual Plane (two UTF-16 code units each).

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Highlight } from '../model'
import { assertCodePointBoundaries, snapBackward, splitsSurrogatePair, trimHalfCharacters, wellFormed } from './code-points'
import { reanchorHighlights } from './reanchor-highlights'
import { describeQuote } from './text-quote'

/** A lone surrogate: half a character, which strict JSON readers refuse. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const isWhole = (s: string) => !LONE_SURROGATE.test(s)

/** Text mostly of astral characters (emoji, musical symbols, CJK extension B, Gothic), with some words and line breaks. */
const astralText = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('😀', '𝄞', '𠀋', '𐌰', '👩‍👩‍👧', '\u{1F1FA}\u{1F1F8}') },
      { weight: 1, arbitrary: fc.constantFrom('a', ' ', 'the ', '\n', 'é', '中') },
    ),
    { minLength: 2, maxLength: 120 },
  )
  .map((parts) => parts.join(''))

const spanIn = (text: string) => fc.tuple(fc.integer({ min: 0, max: text.length - 1 }), fc.integer({ min: 1, max: text.length })).filter(([a, b]) => a < b)

describe('surrogate pairs', () => {
  it('context windows end on whole characters, wherever the quote sits', () => {
    fc.assert(
      fc.property(
        astralText.chain((text) => fc.tuple(fc.constant(text), spanIn(text))),
        ([text, [start, end]]) => {
          fc.pre(!splitsSurrogatePair(text, start) && !splitsSurrogatePair(text, end))
          const quote = describeQuote(text, start, end)
          expect(isWhole(quote.exact) && isWhole(quote.prefix) && isWhole(quote.suffix)).toBe(true)
          expect(text.slice(start - quote.prefix.length, start)).toBe(quote.prefix)
          expect(text.slice(end, end + quote.suffix.length)).toBe(quote.suffix)
          expect(quote.prefix.length).toBeGreaterThanOrEqual(Math.min(start, 31))
          expect(quote.suffix.length).toBeGreaterThanOrEqual(Math.min(text.length - end, 31))
        },
      ),
      { numRuns: 500 },
    )
  })

  it('refuses exactly the offsets that fall inside a pair, naming the ones to use', () => {
    fc.assert(
      fc.property(
        astralText.chain((text) => fc.tuple(fc.constant(text), spanIn(text))),
        ([text, [start, end]]) => {
          const splits = splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)
          const check = () => assertCodePointBoundaries(text, { start, end }, 'The selection')
          if (splits) expect(check).toThrow(/falls inside a character outside the Basic Multilingual Plane .* use \d+ or \d+\./)
          else expect(check).not.toThrow()
        },
      ),
      { numRuns: 500 },
    )
    expect(() => assertCodePointBoundaries('a😀b', { start: 2 }, 'The highlight')).toThrow(
      "The highlight's start (2) falls inside a character outside the Basic Multilingual Plane (an emoji or similar, two UTF-16 code units); use 1 or 3.",
    )
  })

  it('re-anchors after edits to positions between whole characters', () => {
    fc.assert(
      fc.property(
        astralText.chain((text) => fc.tuple(fc.constant(text), spanIn(text), astralText, fc.integer({ min: 0, max: 200 }))),
        ([text, [start, end], insertion, at]) => {
          fc.pre(!splitsSurrogatePair(text, start) && !splitsSurrogatePair(text, end))
          const highlight: Highlight = { id: 'h', articleId: 'a', start, end, ...describeQuote(text, start, end), orphaned: false, note: '', createdAt: '' }
          // An insertion between two characters (a revised text is decoded, hence whole, like the old one).
          const cut = snapBackward(text, Math.min(at, text.length))
          const edited = text.slice(0, cut) + insertion + text.slice(cut)
          const outcome = reanchorHighlights(edited, [highlight])
          for (const h of outcome.changed.filter((c) => !c.orphaned)) {
            expect(splitsSurrogatePair(edited, h.start) || splitsSurrogatePair(edited, h.end)).toBe(false)
            expect(isWhole(h.exact) && isWhole(h.prefix) && isWhole(h.suffix)).toBe(true)
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('mends context cut by an older version: the half character at the outer edge goes', () => {
    expect(trimHalfCharacters('\uDE00 the crowd')).toBe(' the crowd')
    expect(trimHalfCharacters('cheered \uD83D')).toBe('cheered ')
    expect(trimHalfCharacters('😀 whole 😀')).toBe('😀 whole 😀')
    expect(wellFormed('a\uD83Db')).toBe('a\uFFFDb')
  })
})
