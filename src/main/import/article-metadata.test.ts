import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { countWords } from './article-metadata'

/** The definition countWords keeps: what splitting on whitespace leaves, without the empty ends. */
const wordsBySplitting = (text: string) => text.split(/\s+/).filter(Boolean).length

describe('countWords', () => {
  it('counts as splitting on \\s does, for every character of the Basic Multilingual Plane as a separator', () => {
    for (let code = 0; code < 0x10000; code++) {
      const text = `one${String.fromCharCode(code)}two`
      if (countWords(text) !== wordsBySplitting(text))
        expect({ code: code.toString(16), words: countWords(text) }).toEqual({ code: code.toString(16), words: wordsBySplitting(text) })
    }
  })

  it('counts as splitting on \\s does, for any mix of words and whitespace', () => {
    const unit = fc.constantFrom('a', 'é', 'x', ' ', '  ', '\n', '\r\n', '\t', '\u00a0', '\u2009', '\u3000', '\u2028', '\ufeff', '\u200b')
    fc.assert(
      fc.property(fc.string({ unit }), (text) => {
        expect(countWords(text)).toBe(wordsBySplitting(text))
      }),
      { numRuns: 2000 },
    )
    expect(countWords('')).toBe(0)
    expect(countWords('  Headline here \n\n body. ')).toBe(3)
  })
})
