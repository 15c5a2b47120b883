import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareFigures, conflictBetween, suggestStanceFromFigures, type SourcedFigure } from './compare-figures'
import type { Figure } from './figure'
import { parseFigures } from './parse-figures'

const SEEDS_DIR = resolve(__dirname, '../../../../shared/seeds')

function seedFigure(prefix: string, text: string): SourcedFigure {
  const name = readdirSync(SEEDS_DIR).find((f) => f.startsWith(prefix))!
  const figure = parseFigures(readFileSync(resolve(SEEDS_DIR, name), 'utf8')).find((f) => f.text === text)
  if (!figure) throw new Error(`no figure "${text}" in seed ${prefix}`)
  return { figure, articleId: prefix, linkId: `link-${prefix}`, sourceLabel: prefix }
}

function fig(text: string, linkId: string): SourcedFigure {
  const figures = parseFigures(text)
  expect(figures).toHaveLength(1)
  return { figure: figures[0]!, articleId: linkId, linkId, sourceLabel: linkId }
}

describe('compareFigures on the seeds', () => {
  const toll001 = () => seedFigure('001', 'more than 1,400 deaths')
  const toll003 = () => seedFigure('003', 'over 1400 people')
  const casualties002 = () => seedFigure('002', 'hundreds of casualties')

  it('"more than 1,400 deaths" (001) and "killed over 1400 people" (003) merge into one figure', () => {
    const { groups, conflicts } = compareFigures([toll001(), toll003()])
    expect(conflicts).toEqual([])
    expect(groups).toHaveLength(1)
    expect(groups[0]!.counted).toBe('deaths')
    expect(groups[0]!.figures).toHaveLength(1)
    expect(groups[0]!.figures[0]!.label).toBe('over 1,400')
    expect(groups[0]!.figures[0]!.sources.map((s) => s.sourceLabel)).toEqual(['001', '003'])
  })

  it('"hundreds of casualties" (002) conflicts with "over 1,400" deaths: casualties include the dead', () => {
    const { groups, conflicts } = compareFigures([toll001(), toll003(), casualties002()])
    expect(groups.map((g) => g.counted)).toEqual(['deaths', 'casualties'])
    expect(conflicts).toHaveLength(1)
    expect(conflicts[0]!.a.label).toBe('over 1,400')
    expect(conflicts[0]!.b.label).toBe('hundreds')
    expect(conflicts[0]!.reason).toBe('hundreds of casualties cannot be true if over 1,400 were killed: casualties include the dead')
  })

  it('"hundreds of strikes" (003) beside the deaths is not compared', () => {
    expect(compareFigures([toll001(), seedFigure('003', 'hundreds of strikes')]).conflicts).toEqual([])
  })

  it('suggests contradicts for 002 on a claim standing on 001 and says why', () => {
    const suggestion = suggestStanceFromFigures([toll001(), toll003()], [casualties002().figure])
    expect(suggestion?.stance).toBe('contradicts')
    expect(suggestion?.reason).toContain('casualties include the dead')
    expect(suggestStanceFromFigures([toll001()], [toll003().figure])).toBeNull()
  })
})

describe('conflicts', () => {
  it('"12 percent" against "20 percent"', () => {
    expect(compareFigures([fig('12 percent', 'a'), fig('20 percent', 'b')]).conflicts).toHaveLength(1)
  })

  it('different currencies are not compared; the same currency is', () => {
    expect(conflictBetween(fig('$5 million', 'a').figure, fig('€9 million', 'b').figure)).toBeNull()
    expect(conflictBetween(fig('$5 million', 'a').figure, fig('$9 million', 'b').figure)).not.toBeNull()
  })

  it('overlapping ranges are consistent: "over 1,400 deaths" and "about 1,500 deaths"', () => {
    const { groups, conflicts } = compareFigures([fig('over 1,400 deaths', 'a'), fig('about 1,500 deaths', 'b')])
    expect(conflicts).toEqual([])
    expect(groups[0]!.figures).toHaveLength(2)
  })

  it('figures with nothing counted, or of unrelated kinds, are side by side and never flagged', () => {
    expect(compareFigures([fig('The answer was 12.', 'a'), fig('The answer was 20.', 'b')]).conflicts).toEqual([])
    expect(compareFigures([fig('12 deaths', 'a'), fig('200 strikes', 'b')]).conflicts).toEqual([])
    expect(compareFigures([fig('12 deaths', 'a'), fig('500 injured', 'b')]).conflicts).toEqual([])
  })

  it('one quote giving two numbers of a thing is not in conflict with itself', () => {
    const figures = parseFigures('The toll rose to 300 deaths, then to 1,400 deaths.').map((figure) => ({
      figure,
      articleId: 'a',
      linkId: 'same',
      sourceLabel: 'a',
    }))
    expect(figures).toHaveLength(2)
    expect(compareFigures(figures).conflicts).toEqual([])
  })
})

describe('properties', () => {
  const range = fc
    .tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 }), fc.boolean(), fc.boolean())
    .map(([x, y, openLow, openHigh]) => ({ low: openLow ? null : Math.min(x, y), high: openHigh ? null : Math.max(x, y) }))
  const make = (counted: string, r: { low: number | null; high: number | null }): Figure => ({
    text: '',
    start: 0,
    end: 0,
    kind: 'count',
    ...r,
    lowExclusive: false,
    highExclusive: false,
    counted,
    currency: null,
    qualifier: 'range',
    value: r.low,
    valueHigh: r.high,
    vague: null,
  })

  it('two ranges of one kind conflict exactly when no whole number lies in both', () => {
    fc.assert(
      fc.property(range, range, (a, b) => {
        const lo = Math.max(a.low ?? 0, b.low ?? 0)
        const hi = Math.min(a.high ?? Infinity, b.high ?? Infinity)
        const shared = lo <= hi
        expect(conflictBetween(make('deaths', a), make('deaths', b)) === null).toBe(shared)
      }),
    )
  })

  it('casualties conflict with deaths exactly when no split of the casualties leaves room for the deaths', () => {
    fc.assert(
      fc.property(range, range, (c, d) => {
        // Possible when some casualties count c and deaths count d have d ≤ c.
        const possible = (c.high ?? Infinity) >= (d.low ?? 0)
        expect(conflictBetween(make('casualties', c), make('deaths', d)) === null).toBe(possible)
        expect(conflictBetween(make('deaths', d), make('casualties', c)) === null).toBe(possible)
      }),
    )
  })

  it('conflict is symmetric', () => {
    fc.assert(
      fc.property(
        range,
        range,
        fc.constantFrom('deaths', 'casualties', 'injured', 'strikes'),
        fc.constantFrom('deaths', 'casualties', 'injured', 'strikes'),
        (a, b, ka, kb) => {
          expect(conflictBetween(make(ka, a), make(kb, b)) === null).toBe(conflictBetween(make(kb, b), make(ka, a)) === null)
        },
      ),
    )
  })
})
