import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { detectBoilerplate } from '../boilerplate/detect-boilerplate'
import { findDateExpressions } from './find-date-expressions'
import { resolveDate } from './resolve-date'
import { sentenceTense } from './sentence-tense'

const SEEDS = resolve(__dirname, '../../../../shared/seeds')
const seed = (prefix: string) =>
  readFileSync(
    join(
      SEEDS,
      readdirSync(SEEDS).find((f) => f.startsWith(prefix))!,
    ),
    'utf8',
  )

/** Every expression of a text, resolved against an article date, as "expression → date". */
function resolved(text: string, articleDate: string | null) {
  return findDateExpressions(text, detectBoilerplate(text)).map((e) => ({ e, r: resolveDate(e, articleDate, e.tense, e.rangeEnd) }))
}

describe('sentenceTense', () => {
  const tenseOf = (sentence: string, expression: string) => {
    const at = sentence.indexOf(expression)
    return sentenceTense(sentence, at, at + expression.length)
  }
  it('reads the cue nearest the expression in its clause', () => {
    expect(tenseOf('Officials met on Monday in Geneva.', 'Monday')).toBe('past')
    expect(tenseOf('Officials will meet on Friday in Geneva.', 'Friday')).toBe('future')
    expect(tenseOf('The meeting is set to take place Thursday in Baku.', 'Thursday')).toBe('future')
    expect(tenseOf('A ceasefire was reached on the night of July 18.', 'July 18')).toBe('past')
  })
  it('does not take reporting verbs or adjectives for the event’s tense', () => {
    expect(tenseOf('Officials will meet on Thursday, sources said.', 'Thursday')).toBe('future')
    expect(tenseOf('It will take place after an unprecedented visit to Moscow on Thursday.', 'Thursday')).toBe('future')
  })
  it('says unknown when nothing in the sentence tells', () => {
    expect(tenseOf('Thursday in Baku.', 'Thursday')).toBe('unknown')
  })
})

describe('findDateExpressions', () => {
  it('finds absolute and relative forms, with positions into the text', () => {
    const text =
      'Rebels attacked on July 18. Talks will resume next Tuesday. Envoys met yesterday. Prices rose last week. ' +
      'Troops arrived last month. Aid fell earlier this year. The deal was signed on December 8. A truce held on 18 July 2024. ' +
      'The war began in 2011. The summit runs from March 3 to 5, 2026.'
    const found = findDateExpressions(text)
    for (const e of found) expect(text.slice(e.start, e.end)).toBe(e.expression)
    const forms = found.map((e) => `${e.expression}:${e.form}`)
    expect(forms).toEqual(
      expect.arrayContaining([
        'July 18:month-day',
        'next Tuesday:weekday',
        'yesterday:relative-day',
        'last week:relative-week',
        'last month:relative-month',
        'this year:relative-year',
        'December 8:month-day',
        '18 July 2024:absolute',
        '2011:absolute',
      ]),
    )
    const range = found.find((e) => e.expression.startsWith('March 3'))!
    expect(resolveDate(range, null, range.tense, range.rangeEnd)).toMatchObject({ date: '2026-03-03', dateEnd: '2026-03-05' })
  })

  it('reads "on the night of July 18" as July 18, not as the reference night', () => {
    const text = 'A ceasefire was reached on the night of July 18 after a week of fighting.'
    const e = findDateExpressions(text)[0]!
    expect(e).toMatchObject({ form: 'month-day', month: 7, day: 18, expression: 'July 18' })
    expect(resolveDate(e, '2025-07-30', e.tense).date).toBe('2025-07-18')
  })

  it('does not take "may" the verb or "march" the verb for a month', () => {
    const text = 'Officials may meet again. Protesters march through the city. May brought rain. Talks began in May.'
    const found = findDateExpressions(text).map((e) => e.expression)
    expect(found).toEqual(['May'])
    expect(findDateExpressions(text)[0]!.start).toBe(text.indexOf('in May') + 3)
  })

  it('skips page furniture and only that: seed 004’s date prefix, not the lede on its line', () => {
    const text = seed('004')
    const found = resolved(text, '2025-07-12')
    expect(found.some(({ e }) => e.expression.includes('2025-07-12'))).toBe(false)
    const saturday = found.find(({ e }) => e.expression === 'Saturday')!
    expect(saturday.r.date).toBe('2025-07-12')
    expect(text.slice(saturday.e.sentenceStart, saturday.e.sentenceStart + 40)).toMatch(/^A Syrian and an Israeli official/)
  })

  it('resolves the seeds as an analyst would', () => {
    const s003 = resolved(seed('003'), '2025-07-30')
    const thursday = s003.find(({ e }) => e.expression === 'Thursday')!
    expect(thursday.r).toMatchObject({ date: '2025-07-31', basis: 'article-date', precision: 'day' })
    expect(s003.find(({ e }) => e.expression === 'July 12')!.r.date).toBe('2025-07-12')
    expect(s003.find(({ e }) => e.expression === 'last week')!.r).toMatchObject({ date: '2025-07-21', precision: 'week' })

    // 000 and 001 carry no date: their weekday and day-month expressions wait for one.
    const s000 = resolved(seed('000'), null)
    const s000Thursday = s000.find(({ e }) => e.expression === 'Thursday')!
    expect(s000Thursday.r).toMatchObject({ date: null, basis: 'unresolved' })
    expect(s000.find(({ e }) => e.expression === 'last month')!.r.date).toBeNull()
    const s001 = resolved(seed('001'), null)
    expect(s001.find(({ e }) => e.expression === 'July 31')!.r.date).toBeNull()
    // Given a 2025 date, 001's "set for July 31" lands beside 003's Thursday.
    const s001Dated = resolved(seed('001'), '2025-07-29')
    expect(s001Dated.find(({ e }) => e.expression === 'July 31')!.r.date).toBe('2025-07-31')
    expect(s001Dated.find(({ e }) => e.expression === 'July 18')!.r.date).toBe('2025-07-18')
  })
})
