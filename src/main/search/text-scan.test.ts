import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { trickyTexts as texts } from '../test-support/tricky-texts'
import { foldText, textTerms } from './search-terms'
import { forEachTerm, letterAndDigitWordHashes, WordTally } from './text-scan'

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
        scanned(text, tally)
        expect(tally.words).toBe(wordsByDefinition(text))
        expect([...tally.wordHashes()]).toEqual(letterAndDigitWords(text).map(fnv))
        expect([...letterAndDigitWordHashes(text)]).toEqual(letterAndDigitWords(text).map(fnv))
      }),
      { numRuns: 500 },
    )
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
