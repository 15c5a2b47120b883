import fc from 'fast-check'
import { stringify } from 'csv-stringify/sync'
import { describe, expect, it } from 'vitest'
import { csvRecord, CsvChunkWriter, type CsvCell } from './csv-record'

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

describe('CsvChunkWriter', () => {
  it('writes the UTF-8 bytes of csv-stringify, in chunks of any size (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 8 }), { maxLength: 6 }), fc.integer({ min: 1, max: 64 }), fc.boolean(), (rows, chunkBytes, bom) => {
        const writer = new CsvChunkWriter(chunkBytes)
        if (bom) writer.text('\uFEFF')
        const chunks: Buffer[] = []
        for (const row of rows) {
          writer.record(row)
          chunks.push(...writer.takeFull())
        }
        chunks.push(...writer.end())
        const expected = (bom ? '\uFEFF' : '') + (rows.length > 0 ? stringify(rows, CSV_OPTIONS) : '')
        expect(Buffer.concat(chunks).equals(Buffer.from(expected, 'utf8'))).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })

  it('hands over chunks no larger than asked unless one cell needs more, and none empty', () => {
    const writer = new CsvChunkWriter(16)
    writer.record(['short', 'x'.repeat(40), 'é"'])
    const chunks = [...writer.takeFull(), ...writer.end()]
    expect(chunks.every((c) => c.length > 0)).toBe(true)
    expect(Buffer.concat(chunks).toString('utf8')).toBe(`short,${'x'.repeat(40)},"é"""\r\n`)
    expect(writer.end()).toEqual([])
  })

  it("recycled after each write, fills the same memory again and still writes csv-stringify's bytes (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 8 }), { maxLength: 40 }), fc.integer({ min: 1, max: 64 }), (rows, chunkBytes) => {
        const writer = new CsvChunkWriter(chunkBytes)
        const written: Buffer[] = []
        // Where each chunk's bytes live: its ArrayBuffer (small ones share Node's pool) and offset in it.
        const buffers = new Map<ArrayBufferLike, number>()
        const memory = new Set<string>()
        let mostAtOnce = 0
        for (const row of rows) {
          writer.record(row)
          const taken = writer.takeFull()
          mostAtOnce = Math.max(mostAtOnce, taken.length)
          // "Written": copied out, as the file would hold it, before the writer may fill it again.
          for (const chunk of taken) {
            written.push(Buffer.from(chunk))
            if (!buffers.has(chunk.buffer)) buffers.set(chunk.buffer, buffers.size)
            memory.add(`${buffers.get(chunk.buffer)}:${chunk.byteOffset}`)
          }
          writer.recycle()
        }
        for (const chunk of writer.end()) written.push(Buffer.from(chunk))
        const expected = rows.length > 0 ? stringify(rows, CSV_OPTIONS) : ''
        expect(Buffer.concat(written).equals(Buffer.from(expected, 'utf8'))).toBe(true)
        // Unless a cell needs a larger chunk than asked (a buffer of its own), never more buffers than
        // were out at once: those handed over for one record, and the one being filled.
        const fits = rows.every((row) => row.every((c) => String(c).length * 6 + 4 <= chunkBytes))
        if (fits) expect(memory.size).toBeLessThanOrEqual(mostAtOnce + 1)
      }),
      { numRuns: 1000 },
    )
  })
})
