import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { segmentsByLine, splitArticleLines } from './article-lines'
import { segmentHighlights, type Span } from './highlight-segments'

describe('splitArticleLines', () => {
  it('keeps every character, line breaks included, at its offset', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', ' ', '\n', 'é', '😀'), { maxLength: 80 }), (chars) => {
        const text = chars.join('')
        const lines = splitArticleLines(text, [])
        expect(lines.map((l) => l.text).join('')).toBe(text)
        for (const line of lines) expect(text.slice(line.start, line.start + line.text.length)).toBe(line.text)
      }),
    )
  })

  it('marks whole boilerplate lines, and a boilerplate prefix as a part of its line', () => {
    const text = ' date 2025-07-30 The talks resumed.\n\nRead more: other story\nLast line'
    const prefix = ' date 2025-07-30 '.length
    const teaserStart = text.indexOf('Read more')
    const lines = splitArticleLines(text, [
      { start: 0, end: prefix },
      { start: teaserStart, end: teaserStart + 'Read more: other story'.length },
    ])
    expect(lines.map((l) => [l.blank, l.boilerplate, l.boilerplateParts])).toEqual([
      [false, false, [{ start: 0, end: prefix }]],
      [true, false, []],
      [false, true, []],
      [false, false, []],
    ])
  })
})

describe('segmentsByLine', () => {
  const text = 'first line\nsecond line\nthird'

  it('cuts a highlight spanning lines at each line, relative to the line start', () => {
    const lines = splitArticleLines(text, [])
    const from = text.indexOf('line')
    const to = text.indexOf('third') + 2
    expect(segmentsByLine(lines, segmentHighlights([{ id: 'h', start: from, end: to }]))).toEqual([
      [{ start: 6, end: 11, ids: ['h'] }],
      [{ start: 0, end: 12, ids: ['h'] }],
      [{ start: 0, end: 2, ids: ['h'] }],
    ])
  })

  it('leaves lines without highlights empty and keeps overlaps apart', () => {
    const lines = splitArticleLines(text, [])
    const byLine = segmentsByLine(
      lines,
      segmentHighlights([
        { id: 'a', start: 11, end: 17 },
        { id: 'b', start: 14, end: 22 },
      ]),
    )
    expect(byLine).toEqual([
      [],
      [
        { start: 0, end: 3, ids: ['a'] },
        { start: 3, end: 6, ids: ['a', 'b'] },
        { start: 6, end: 11, ids: ['b'] },
      ],
      [],
    ])
  })

  it('covers each character of the article by exactly the highlights over it', () => {
    const article = fc.array(fc.constantFrom('x', 'y', '\n'), { minLength: 1, maxLength: 120 }).map((c) => c.join(''))
    fc.assert(
      fc.property(article, fc.array(fc.tuple(fc.nat(119), fc.integer({ min: 1, max: 40 })), { maxLength: 10 }), (body, raw) => {
        const spans: Span[] = raw
          .map(([start, length], i) => ({ id: `h${i}`, start: Math.min(start, body.length - 1), end: Math.min(start + length, body.length) }))
          .filter((s) => s.end > s.start)
        const lines = splitArticleLines(body, [])
        const byLine = segmentsByLine(lines, segmentHighlights(spans))
        for (let c = 0; c < body.length; c++) {
          const covering = spans.filter((h) => h.start <= c && c < h.end).map((h) => h.id)
          const index = lines.findIndex((l) => l.start <= c && c < l.start + l.text.length)
          const at = c - lines[index]!.start
          const segment = byLine[index]!.find((s) => s.start <= at && at < s.end)
          expect(segment?.ids ?? []).toEqual(covering)
        }
      }),
    )
  })
})
