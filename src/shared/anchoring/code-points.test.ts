import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { codePointCounter } from './code-points'

describe('codePointCounter', () => {
  it('counts an astral character once', () => {
    const text = 'a😀b𝄞c'
    const count = codePointCounter(text)
    expect([0, 1, 3, 4, 6, 7].map(count)).toEqual([0, 1, 2, 3, 4, 5])
  })

  it('agrees with iterating the string by code points, at every character boundary', () => {
    const piece = fc.oneof(fc.string({ unit: 'grapheme-ascii' }), fc.constantFrom('😀', '𝄞', 'é', '\n', '中', '\u{1F1FA}\u{1F1F8}'))
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('')
        const count = codePointCounter(text)
        let utf16 = 0
        let codePoints = 0
        expect(count(0)).toBe(0)
        for (const char of text) {
          utf16 += char.length
          codePoints++
          expect(count(utf16)).toBe(codePoints)
        }
      }),
    )
  })
})
