import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeQuote } from '../anchoring/text-quote'
import { figuresOfQuote } from './evidence-figures'

const SEEDS_DIR = resolve(__dirname, '../../../../shared/seeds')
const seed = (prefix: string) =>
  readFileSync(
    resolve(
      SEEDS_DIR,
      readdirSync(SEEDS_DIR).find((f) => f.startsWith(prefix))!,
    ),
    'utf8',
  )

function quoteOf(text: string, passage: string) {
  const start = text.indexOf(passage)
  expect(start).toBeGreaterThanOrEqual(0)
  return describeQuote(text, start, start + passage.length)
}

describe('figuresOfQuote', () => {
  it('reads what a highlight counts from the words just outside it', () => {
    const figures = figuresOfQuote(quoteOf(seed('003'), 'over 1400 people'))
    expect(figures.map((f) => [f.text, f.low, f.high, f.counted])).toEqual([['over 1400 people', 1401, null, 'deaths']])
  })

  it('keeps only the figures whose number is inside the quote', () => {
    const text = 'Officials said 30 people were hurt. Later 1,400 were dead.'
    expect(figuresOfQuote(quoteOf(text, 'Later 1,400 were dead')).map((f) => f.low)).toEqual([1400])
    expect(figuresOfQuote(quoteOf(text, 'were hurt'))).toEqual([])
  })

  it('a quote with several figures lists them all', () => {
    const text = seed('002')
    const sentence = text.split('\n').find((l) => l.includes('hundreds of casualties'))!
    const quote = quoteOf(text, sentence)
    expect(figuresOfQuote(quote).map((f) => f.counted)).toContain('casualties')
  })
})
