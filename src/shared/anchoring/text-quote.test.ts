import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { describeQuote, QUOTE_CONTEXT_LENGTH } from './text-quote'

describe('describeQuote', () => {
  it('keeps the quote and up to 32 characters either side', () => {
    const text = 'x'.repeat(40) + 'Baku' + 'y'.repeat(40)
    expect(describeQuote(text, 40, 44)).toEqual({ exact: 'Baku', prefix: 'x'.repeat(32), suffix: 'y'.repeat(32) })
  })

  it('prefix + exact + suffix is always the text around the span', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 300 }), fc.nat(), fc.nat(), (text, a, b) => {
        const start = a % text.length
        const end = start + 1 + (b % (text.length - start))
        const q = describeQuote(text, start, end)
        expect(q.prefix + q.exact + q.suffix).toBe(text.slice(Math.max(0, start - QUOTE_CONTEXT_LENGTH), end + QUOTE_CONTEXT_LENGTH))
        expect(q.exact).toBe(text.slice(start, end))
      }),
    )
  })

  it('refuses spans outside the text', () => {
    expect(() => describeQuote('abc', 2, 5)).toThrow(RangeError)
    expect(() => describeQuote('abc', 2, 2)).toThrow(RangeError)
  })
})
