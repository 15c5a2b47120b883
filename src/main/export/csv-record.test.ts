import fc from 'fast-check'
import { stringify } from 'csv-stringify/sync'
import { describe, expect, it } from 'vitest'
import { csvRecord, type CsvCell } from './csv-record'

/** The exports' csv-stringify options (claims-csv.ts CSV_OPTIONS). */
const CSV_OPTIONS = { record_delimiter: '\r\n', quoted_match: /[\r\n]/ } as const

const tricky = fc.constantFrom('"', ',', '\r', '\n', '\r\n', "'", '=', ' ', '', 'é', '\u2028', '\t', '""', 'a,b', '\uFEFF')
const cell: fc.Arbitrary<CsvCell> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.array(fc.oneof(tricky, fc.string({ maxLength: 3 })), { maxLength: 6 }).map((parts) => parts.join('')),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
)

describe('csvRecord', () => {
  it('writes exactly what csv-stringify writes, for any row of cells', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 8 }), (row) => {
        expect(csvRecord(row)).toBe(stringify([row], CSV_OPTIONS))
      }),
      { numRuns: 2000 },
    )
  })

  it('quotes a cell holding a quote, a comma or a line break, doubling its quotes', () => {
    expect(csvRecord(['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\ronly', 7, ''])).toBe('plain,"a,b","say ""hi""","two\nlines","cr\ronly",7,\r\n')
  })
})
