import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SEEDS_DIR } from '../test-support/temp-dir'
import { trickyTexts as texts } from '../test-support/tricky-texts'
import { foldText, textTerms } from './search-terms'
import { TermTable } from './term-table'

function scannedTerms(table: TermTable, text: string): string[] {
  return [...table.scan(foldText(text))].map((number) => table.terms[number]!)
}

describe('TermTable', () => {
  it('finds the same terms in a text as splitting it does, on the seed articles', async () => {
    const table = new TermTable()
    for (const name of (await readdir(SEEDS_DIR)).filter((n) => n.endsWith('.txt'))) {
      const text = await readFile(join(SEEDS_DIR, name), 'utf8')
      expect(scannedTerms(table, text)).toEqual(textTerms(text))
    }
    // Each distinct term once, under the number it was first given.
    expect(new Set(table.terms).size).toBe(table.size)
    for (const [number, term] of table.terms.entries()) expect(table.lookup(term)).toBe(number)
  })

  it('finds the same terms as splitting for any text: punctuation, marks, astral characters, lone surrogates', () => {
    fc.assert(
      fc.property(fc.array(texts, { minLength: 1, maxLength: 5 }), (batch) => {
        const table = new TermTable()
        for (const text of batch) expect(scannedTerms(table, text)).toEqual(textTerms(text))
      }),
      { numRuns: 500, seed: 424242 },
    )
  })

  it('keeps apart terms whose hashes are the same (known FNV-1a collisions), as it grows and after', () => {
    // Each pair hashes alike under FNV-1a (32 bits): only their characters tell them apart.
    const colliding = ['costarring', 'liquid', 'declinate', 'macallums', 'altarage', 'zinke', 'altarages', 'zinkes']
    const table = new TermTable()
    const first = [...table.scan(colliding.join(' '))]
    expect(first).toEqual(colliding.map((_, i) => i))
    // Enough other terms to rehash the table several times over, then the colliding ones again, upper case too.
    table.scan(Array.from({ length: 5_000 }, (_, i) => `t${i}`).join(' '))
    expect([...table.scan(colliding.reverse().join(' ').toUpperCase())].map((n) => table.terms[n])).toEqual(colliding)
    expect(table.size).toBe(8 + 5_000)
  })

  it('keeps numbering terms the same as it grows past its first slots, and from a saved term list', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`)
    const table = new TermTable()
    table.scan(words.join(' '))
    expect(table.size).toBe(words.length)
    const restored = TermTable.of(table.terms)
    const numbers = [...restored.scan(words.slice(0, 100).reverse().join(', '))]
    expect(numbers).toEqual(
      words
        .slice(0, 100)
        .map((_, i) => i)
        .reverse(),
    )
    expect(restored.size).toBe(words.length)
  })
})
