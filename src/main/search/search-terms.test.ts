import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SEEDS_DIR } from '../test-support/temp-dir'
import { trickyTexts } from '../test-support/tricky-texts'
import { decomposedFold, foldText } from './search-terms'

/** Every character foldText may lower-case without decomposing, and a few on each side of those ranges. */
const nearTheFastRange = fc.string({
  unit: fc
    .oneof(fc.integer({ min: 0, max: 0xd0 }), fc.integer({ min: 0x1ff0, max: 0x2080 }), fc.constantFrom(0x02bb, 0x0301, 0x0130, 0x212a))
    .map((code) => String.fromCharCode(code)),
})

describe('foldText', () => {
  it('folds any text as decomposing, dropping marks and lower-casing does', () => {
    fc.assert(
      fc.property(fc.oneof(trickyTexts, nearTheFastRange, fc.string({ unit: 'binary' })), (text) => {
        expect(foldText(text)).toBe(decomposedFold(text))
      }),
      { numRuns: 2000, seed: 20261206 },
    )
  })

  it('folds the seed articles, and texts that need decomposing, as the definition does', async () => {
    for (const name of (await readdir(SEEDS_DIR)).filter((n) => n.endsWith('.txt'))) {
      const text = await readFile(join(SEEDS_DIR, name), 'utf8')
      expect(foldText(text)).toBe(decomposedFold(text))
    }
    expect(foldText('Sharaʿa in SWEIDA — “Bakú”\u2000')).toBe('sharaa in sweida — “baku”\u2002')
  })
})
