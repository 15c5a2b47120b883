import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { trickyTexts as texts } from '../test-support/tricky-texts'
import { withoutFurniture } from '../../shared/boilerplate/article-content'
import { foldsByLowerCasing, foldText, textTerms } from './search-terms'
import { blankRanges, foldedTerm, forEachTerm, letterAndDigitWordHashes, WordTally } from './text-scan'

/** FNV-1a over a string's UTF-16 code units, as the scanner hashes terms and words. */
function fnv(text: string): number {
  let hash = 0x811c9dc5 | 0
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return hash
}

/** The definitions the scanner must give, each the plain way: with a regular expression. */
const wordsByDefinition = (text: string) => text.split(/\s+/).filter((word) => word.length > 0).length
const letterAndDigitWords = (text: string) => text.match(/[\p{L}\p{N}]+/gu) ?? []

function scanned(folded: string, tally?: WordTally): { terms: string[]; hashes: number[] } {
  const terms: string[] = []
  const hashes: number[] = []
  forEachTerm(
    folded,
    (start, end, hash) => {
      terms.push(folded.slice(start, end))
      hashes.push(hash)
    },
    tally,
  )
  return { terms, hashes }
}

describe('forEachTerm', () => {
  it('gives the terms textTerms splits, each with its hash, with or without counting words beside them', () => {
    const tally = new WordTally()
    fc.assert(
      fc.property(texts, (text) => {
        const folded = foldText(text)
        const plain = scanned(folded)
        expect(plain.terms).toEqual(textTerms(text))
        expect(plain.hashes).toEqual(plain.terms.map(fnv))
        expect(scanned(folded, tally)).toEqual(plain)
      }),
      { numRuns: 500 },
    )
  })

  it("counts words as the whitespace definition does and hashes the letter-and-digit words, in the terms' pass, one tally reused", () => {
    const tally = new WordTally()
    fc.assert(
      fc.property(texts, (text) => {
        const lowerCase = text.toLowerCase()
        scanned(lowerCase, tally)
        expect(tally.words).toBe(wordsByDefinition(lowerCase))
        expect([...tally.wordHashes()]).toEqual(letterAndDigitWords(lowerCase).map(fnv))
        expect([...letterAndDigitWordHashes(lowerCase)]).toEqual(letterAndDigitWords(lowerCase).map(fnv))
      }),
      { numRuns: 500 },
    )
  })

  it('reads a text that folds by lower-casing as it is, furniture and all, exactly as its blanked, lower-cased copy', () => {
    // Texts of what foldsByLowerCasing lets through (ASCII, Latin-1 punctuation, general punctuation),
    // with upper case, and ranges to blank anywhere: inside words, on line breaks, at either end.
    const foldingByLowerCasing = fc.string({ unit: fc.constantFrom(...'AbZ az09 ,.-\n\t\u00a0\u00b5’“—…\u2028'.split('')), maxLength: 80 })
    const withBlanks = foldingByLowerCasing.chain((text) =>
      fc.record({
        text: fc.constant(text),
        blanks: fc.uniqueArray(fc.integer({ min: 0, max: text.length }), { maxLength: 6 }).map((cuts) => {
          const sorted = [...cuts].sort((a, b) => a - b)
          const blanks: { start: number; end: number }[] = []
          for (let i = 0; i + 1 < sorted.length; i += 2) blanks.push({ start: sorted[i]!, end: sorted[i + 1]! })
          return blanks
        }),
      }),
    )
    const tally = new WordTally()
    const expectedTally = new WordTally()
    fc.assert(
      fc.property(withBlanks, ({ text, blanks }) => {
        expect(foldsByLowerCasing(text)).toBe(true)
        const copy = withoutFurniture(text, blanks).toLowerCase()
        const expected = scanned(copy, expectedTally)
        const terms: string[] = []
        const hashes: number[] = []
        forEachTerm(text, (start, end, hash) => (terms.push(foldedTerm(text, start, end)), hashes.push(hash)), tally, blankRanges(blanks))
        expect({ terms, hashes }).toEqual(expected)
        expect(tally.words).toBe(expectedTally.words)
        expect([...tally.wordHashes()]).toEqual([...expectedTally.wordHashes()])
      }),
      { numRuns: 1000 },
    )
  })

  it('keeps a surrogate pair that a blank starts inside of apart, as blanking it would', () => {
    const text = 'x\ud835\udc9cy z'
    const blanks = [{ start: 2, end: 3 }]
    const copy = withoutFurniture(text, blanks)
    const terms: string[] = []
    forEachTerm(text, (start, end) => terms.push(text.slice(start, end)), undefined, blankRanges(blanks))
    expect(terms).toEqual(scanned(copy).terms)
    expect(terms).toEqual(['x\ud835', 'y', 'z'])
  })

  it('reads surrogate pairs whole and lone surrogates as characters of their own', () => {
    const tally = new WordTally()
    const text = 'a𝒜b \ud800x 😀 y\udc00'
    // 𝒜 is a letter: one word with a and b; 😀 is a symbol: a term, not a letter-and-digit word.
    expect(scanned(text, tally).terms).toEqual(['a𝒜b', '\ud800x', '😀', 'y\udc00'])
    expect(tally.words).toBe(4)
    expect([...tally.wordHashes()]).toEqual(['a𝒜b', 'x', 'y'].map(fnv))
  })
})
