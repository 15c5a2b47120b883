import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { figureCsvText, figureLabel, type Figure } from './figure'
import { guessDecimalSeparator, parseFigures } from './parse-figures'

const SEEDS_DIR = resolve(__dirname, '../../../../shared/seeds')

function seed(prefix: string): string {
  const name = readdirSync(SEEDS_DIR).find((f) => f.startsWith(prefix))
  if (!name) throw new Error(`seed ${prefix} missing from ${SEEDS_DIR}`)
  return readFileSync(resolve(SEEDS_DIR, name), 'utf8')
}

function only(text: string): Figure {
  const figures = parseFigures(text)
  expect(figures, JSON.stringify(figures.map((f) => f.text))).toHaveLength(1)
  return figures[0]!
}

function bounds(f: Figure): [number | null, number | null, string | null] {
  return [f.low, f.high, f.counted]
}

describe('parseFigures on the seeds', () => {
  it('001: "more than 1,400 deaths" is above 1,400 deaths, exclusive', () => {
    const figures = parseFigures(seed('001'))
    const toll = figures.find((f) => f.text === 'more than 1,400 deaths')
    expect(toll).toBeDefined()
    expect(bounds(toll!)).toEqual([1401, null, 'deaths'])
    expect(toll!.kind).toBe('count')
    expect(figureLabel(toll!)).toBe('over 1,400')
    expect(figureCsvText(toll!)).toBe('1401.. deaths')
    // The headline's "over 1,400 dead" is the same range.
    expect(figures.find((f) => f.text === 'over 1,400 dead')).toMatchObject({ low: 1401, high: null, counted: 'deaths' })
  })

  it('003: "killed over 1400 people" counts deaths (the verb before the number says so)', () => {
    const toll = parseFigures(seed('003')).find((f) => f.text === 'over 1400 people')
    expect(toll).toBeDefined()
    expect(bounds(toll!)).toEqual([1401, null, 'deaths'])
    expect(figureLabel(toll!)).toBe('over 1,400')
  })

  it('002: "hundreds of casualties" is 200–999 casualties', () => {
    const figures = parseFigures(seed('002'))
    const toll = figures.find((f) => f.text === 'hundreds of casualties')
    expect(toll).toBeDefined()
    expect(bounds(toll!)).toEqual([200, 999, 'casualties'])
    expect(toll!.qualifier).toBe('vague')
  })

  it('003: "hundreds of strikes" keeps the counted noun as written', () => {
    expect(parseFigures(seed('003')).find((f) => f.text === 'hundreds of strikes')?.counted).toBe('strikes')
  })

  it('offsets point at the words the figure was read from', () => {
    for (const prefix of ['000', '001', '002', '003', '004']) {
      const text = seed(prefix)
      for (const f of parseFigures(text)) expect(text.slice(f.start, f.end)).toBe(f.text)
    }
  })

  it('skips page furniture ranges and only those', () => {
    const text = 'Related: 300 dead in a crash\nThe clashes left 1,400 dead.'
    const furniture = { start: 0, end: text.indexOf('\n') }
    const figures = parseFigures(text, { skip: [furniture] })
    expect(figures.map((f) => f.text)).toEqual(['1,400 dead'])
    expect(parseFigures(text).map((f) => f.text)).toEqual(['300 dead', '1,400 dead'])
  })
})

describe('qualifiers and vague words (DECISIONS section 11)', () => {
  const cases: [string, number | null, number | null][] = [
    ['over 1,400 people died', 1401, null],
    ['more than 1,400 deaths', 1401, null],
    ['at least 1,400 deaths', 1400, null],
    ['nearly 1,000 deaths', 900, 999],
    ['almost 1,000 deaths', 900, 999],
    ['about 1,000 deaths', 900, 1100],
    ['around 1,000 deaths', 900, 1100],
    ['some 1,000 deaths', 900, 1100],
    ['roughly 1,000 deaths', 900, 1100],
    ['up to 1,000 deaths', 0, 1000],
    ['fewer than 1,000 deaths', 0, 999],
    ['under 1,000 deaths', 0, 999],
    ['less than 1,000 deaths', 0, 999],
    ['dozens of deaths', 24, 99],
    ['scores of deaths', 40, 99],
    ['hundreds of deaths', 200, 999],
    ['thousands of deaths', 2000, 999_999],
    ['1,400 or more deaths', 1400, null],
    ['between 1,000 and 1,400 deaths', 1000, 1400],
    ['1,000–1,400 deaths', 1000, 1400],
    ['more than a dozen deaths', 13, null],
  ]
  for (const [text, low, high] of cases) {
    it(`"${text}" is ${low ?? ''}..${high ?? ''} deaths`, () => {
      expect(bounds(only(text))).toEqual([low, high, 'deaths'])
    })
  }

  it('"Moreover 30" is not "over 30"', () => {
    expect(only('Moreover 30 people fled.').qualifier).toBe('exact')
  })
})

describe('what is counted', () => {
  const cases: [string, string | null][] = [
    ['The clashes killed 12 people.', 'deaths'],
    ['12 people were killed.', 'deaths'],
    ['It left 12 dead.', 'deaths'],
    ['12 bodies were found.', 'deaths'],
    ['12 lives lost', 'deaths'],
    ['The death toll rose to 12.', 'deaths'],
    ['12 wounded', 'injured'],
    ['12 people were injured', 'injured'],
    ['12 hurt', 'injured'],
    ['12 casualties', 'casualties'],
    ['12 people were killed or wounded', 'casualties'],
    ['12 people gathered', 'people'],
    ['12 air strikes', 'strikes'],
    ['12 tonnes of grain', 'tonnes'],
    ['12 Syrian troops arrived', 'troops'],
    ['The answer was 12.', null],
  ]
  for (const [text, counted] of cases) {
    it(`"${text}" counts ${counted}`, () => {
      expect(only(text).counted).toBe(counted)
    })
  }

  it('"killed 12 and wounded 30" reads two kinds', () => {
    expect(parseFigures('Gunmen killed 12 and wounded 30.').map((f) => f.counted)).toEqual(['deaths', 'injured'])
  })
})

describe('percentages and money are their own kinds', () => {
  it('reads percentages', () => {
    expect(only('turnout was 12%')).toMatchObject({ kind: 'percent', low: 12, high: 12, counted: 'percent' })
    expect(only('turnout was 12.5 percent')).toMatchObject({ kind: 'percent', low: 12.5, high: 12.5 })
    expect(only('turnout was 12 per cent')).toMatchObject({ kind: 'percent', low: 12 })
  })

  it('keeps the currency', () => {
    expect(only('a grant of $5 million')).toMatchObject({ kind: 'money', low: 5e6, currency: 'USD', counted: 'USD' })
    expect(only('a grant of €1.2bn')).toMatchObject({ kind: 'money', low: 1.2e9, currency: 'EUR' })
    expect(only('a grant of 300 million euros')).toMatchObject({ kind: 'money', low: 3e8, currency: 'EUR' })
    expect(only('a grant of £40,000')).toMatchObject({ kind: 'money', low: 40_000, currency: 'GBP' })
  })

  it('over N percent keeps the bound exclusive, since a percentage need not be whole', () => {
    expect(only('over 12% of voters')).toMatchObject({ low: 12, lowExclusive: true, high: null })
  })
})

describe('what only looks like a figure', () => {
  it('reads no dates, times, ordinals or names', () => {
    const text = 'On July 31, 2025, at 10:30, the 3rd brigade flew F-16 jets; on 12 July and in 2024 too; dated 2025-07-12.'
    expect(parseFigures(text)).toEqual([])
  })

  it('reads no "one" without a noun', () => {
    expect(parseFigures('One of the men said no one came.')).toEqual([])
  })

  it('a number list in an English text is not a decimal', () => {
    expect(parseFigures('Stages 1,2 and 3 of the plan').every((f) => f.low !== 1.2)).toBe(true)
  })
})

describe('decimal comma', () => {
  it('guesses the separator from the language', () => {
    expect(guessDecimalSeparator('The ministry said that the clashes were over and the talks went on.')).toBe('.')
    expect(guessDecimalSeparator('Das Ministerium sagte, dass die Kämpfe vorbei sind und die Gespräche mit den Parteien weitergehen.')).toBe(',')
    expect(guessDecimalSeparator('Le ministère a dit que les combats et les pourparlers sont dans une impasse.')).toBe(',')
  })

  it('"1,2 million" and "1.400" in a French text', () => {
    const text = 'Le ministère a dit que les combats ont fait 1.400 morts et que 1,2 million de personnes sont dans les camps.'
    const figures = parseFigures(text)
    expect(figures.map((f) => f.low)).toEqual([1400, 1_200_000])
  })
})

// Formatting a number in each supported style and parsing it back gives the number.
const ENGLISH = (n: string): string => `The ministry said that ${n} people were there, and the talks went on.`
const FRENCH = (n: string): string => `Le ministère a dit que ${n} personnes et les familles sont dans les camps.`

const ONES = [
  '',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
]
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']

/** English words for 1..999,999,999, written independently of the parser. */
function inWords(n: number): string {
  const parts: string[] = []
  for (const [scale, word] of [
    [1e6, 'million'],
    [1e3, 'thousand'],
  ] as const) {
    if (n >= scale) {
      parts.push(`${inWords(Math.floor(n / scale))} ${word}`)
      n %= scale
    }
  }
  if (n >= 100) {
    parts.push(`${ONES[Math.floor(n / 100)] ?? ''} hundred`)
    n %= 100
    if (n > 0) parts.push('and')
  }
  if (n >= 20) parts.push((TENS[Math.floor(n / 10)] ?? '') + (n % 10 ? `-${ONES[n % 10] ?? ''}` : ''))
  else if (n > 0) parts.push(ONES[n] ?? '')
  return parts.join(' ')
}

function groupWith(n: number, sep: string): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep)
}

function readBack(sentence: string): Figure[] {
  return parseFigures(sentence).filter((f) => f.counted === 'people' || f.counted === 'personnes')
}

describe('property: formatting a number and reading it back gives the number', () => {
  const count = fc.integer({ min: 2, max: 999_999_999 })

  const styles: [string, (n: number) => string, (s: string) => string][] = [
    ['plain digits', (n) => String(n), ENGLISH],
    ['comma groups', (n) => groupWith(n, ','), ENGLISH],
    ['space groups', (n) => groupWith(n, ' '), ENGLISH],
    ['no-break space groups', (n) => groupWith(n, '\u00a0'), ENGLISH],
    ['narrow no-break space groups', (n) => groupWith(n, '\u202f'), ENGLISH],
    ['dot groups in a decimal-comma language', (n) => groupWith(n, '.'), FRENCH],
    ['words', (n) => inWords(n), ENGLISH],
  ]
  for (const [name, format, sentence] of styles) {
    it(name, () => {
      fc.assert(
        fc.property(count, (n) => {
          const figures = readBack(sentence(format(n)))
          expect(figures.map((f) => [f.low, f.high])).toEqual([[n, n]])
        }),
      )
    })
  }

  it('decimal millions: "1.4 million", and "1,4 million" in a decimal-comma language', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.constantFrom('million', 'billion'), (tenths, scale) => {
        const factor = scale === 'million' ? 1e6 : 1e9
        const expected = (tenths * factor) / 10
        const written = (tenths / 10).toString()
        const english = readBack(ENGLISH(`${written} ${scale}`))
        expect(english.map((f) => f.low)).toEqual([expected])
        const french = readBack(FRENCH(`${written.replace('.', ',')} ${scale}`))
        expect(french.map((f) => f.low)).toEqual([expected])
      }),
    )
  })

  it('percentages and sums read back with their unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (hundredths) => {
        const p = hundredths / 100
        expect(parseFigures(`Turnout was ${p}% this time.`)).toMatchObject([{ kind: 'percent', low: p, high: p }])
        const sum = hundredths * 1000
        expect(parseFigures(`They paid $${groupWith(sum, ',')} this time.`)).toMatchObject([{ kind: 'money', low: sum, currency: 'USD' }])
      }),
    )
  })

  it('offsets always slice out the figure text, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789 ,.-%$killed people over hundreds of a dozen'.split('')) }), (text) => {
        for (const f of parseFigures(text)) {
          expect(text.slice(f.start, f.end)).toBe(f.text)
          if (f.low !== null && f.high !== null) expect(f.low).toBeLessThanOrEqual(f.high)
        }
      }),
    )
  })
})
