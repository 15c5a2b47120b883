import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { copyWith } from './copy-with'

describe('copyWith', () => {
  it('gives what spread syntax gives: the same keys in the same order, the same values, a new object (property)', () => {
    const record = fc.dictionary(fc.constantFrom('a', 'b', 'claim', 'status', 'figures', 'eventDate', 'x1'), fc.oneof(fc.integer(), fc.string(), fc.constant(null)))
    fc.assert(
      fc.property(record, record, (base, fields) => {
        const copy = copyWith(base, fields)
        const spread = { ...base, ...fields }
        expect(Object.keys(copy)).toEqual(Object.keys(spread))
        expect(JSON.stringify(copy)).toBe(JSON.stringify(spread))
        expect(copy).not.toBe(base)
      }),
      { numRuns: 500 },
    )
  })
})
