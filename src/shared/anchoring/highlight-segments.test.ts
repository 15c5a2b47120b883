import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { segmentHighlights, type Span } from './highlight-segments'

const spans = fc
  .array(
    fc.tuple(fc.nat(200), fc.integer({ min: 1, max: 60 })).map(([start, length]) => ({ start, end: start + length })),
    { maxLength: 12 },
  )
  .map((list) => list.map((s, i): Span => ({ id: `h${i}`, ...s })))

describe('segmentHighlights', () => {
  it('splits two overlapping highlights into three segments', () => {
    expect(
      segmentHighlights([
        { id: 'a', start: 0, end: 10 },
        { id: 'b', start: 5, end: 15 },
      ]),
    ).toEqual([
      { start: 0, end: 5, ids: ['a'] },
      { start: 5, end: 10, ids: ['a', 'b'] },
      { start: 10, end: 15, ids: ['b'] },
    ])
  })

  it('yields ordered, non-overlapping segments that cover each character exactly by the highlights over it', () => {
    fc.assert(
      fc.property(spans, (input) => {
        const segments = segmentHighlights(input)
        for (const [i, s] of segments.entries()) {
          expect(s.end).toBeGreaterThan(s.start)
          if (i > 0) expect(s.start).toBeGreaterThanOrEqual(segments[i - 1]!.end)
        }
        for (let c = 0; c < 270; c++) {
          const covering = input.filter((h) => h.start <= c && c < h.end).map((h) => h.id)
          const segment = segments.find((s) => s.start <= c && c < s.end)
          expect(segment?.ids ?? []).toEqual(covering)
        }
      }),
    )
  })
})
