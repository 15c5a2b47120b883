import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { DateExpressionForm } from './date-expression'
import { dayNumber, isoOfDay, mondayOf, resolveDate } from './resolve-date'

const weekday = (name: string): DateExpressionForm => ({
  form: 'weekday',
  weekday: ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'].indexOf(name),
  modifier: null,
})

describe('resolveDate: weekdays and tense', () => {
  // 2025-07-30 is a Wednesday.
  it('takes a weekday in the future for a sentence that looks ahead, in the past for one that looks back', () => {
    expect(resolveDate(weekday('thursday'), '2025-07-30', 'future').date).toBe('2025-07-31')
    expect(resolveDate(weekday('thursday'), '2025-07-30', 'past').date).toBe('2025-07-24')
    expect(resolveDate(weekday('monday'), '2025-07-30', 'past').date).toBe('2025-07-28')
    expect(resolveDate(weekday('friday'), '2025-07-30', 'future').date).toBe('2025-08-01')
  })

  it('takes the nearer side when the sentence gives no tense', () => {
    expect(resolveDate(weekday('thursday'), '2025-07-30', 'unknown').date).toBe('2025-07-31')
    expect(resolveDate(weekday('monday'), '2025-07-30', 'unknown').date).toBe('2025-07-28')
  })

  it('reads the article\'s own weekday as that day: "later on Saturday" in a Saturday report', () => {
    // 2025-07-12 is a Saturday.
    const r = resolveDate(weekday('saturday'), '2025-07-12', 'future')
    expect(r).toMatchObject({ date: '2025-07-12', precision: 'day', basis: 'article-date' })
    expect(resolveDate(weekday('saturday'), '2025-07-12', 'past').date).toBe('2025-07-12')
  })

  it('lets "last" and "next" name the side, whatever the tense', () => {
    expect(resolveDate({ form: 'weekday', weekday: 2, modifier: 'next' }, '2025-07-30', 'past').date).toBe('2025-08-05')
    expect(resolveDate({ form: 'weekday', weekday: 5, modifier: 'last' }, '2025-07-30', 'future').date).toBe('2025-07-25')
    expect(resolveDate({ form: 'weekday', weekday: 3, modifier: 'next' }, '2025-07-30', 'unknown').date).toBe('2025-08-06')
  })

  it('always lands within a week of the article, on the named weekday, on the side the tense says (property)', () => {
    const anyDay = fc.integer({ min: dayNumber('1990-01-01')!, max: dayNumber('2040-12-31')! })
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 0, max: 6 }), fc.constantFrom('past', 'future', 'unknown' as const), (day, wd, tense) => {
        const iso = isoOfDay(day)
        const r = resolveDate({ form: 'weekday', weekday: wd, modifier: null }, iso, tense)
        const got = dayNumber(r.date!)!
        expect(new Date(got * 86_400_000).getUTCDay()).toBe(wd)
        expect(Math.abs(got - day)).toBeLessThan(7)
        if (got !== day && tense === 'past') expect(got).toBeLessThan(day)
        if (got !== day && tense === 'future') expect(got).toBeGreaterThan(day)
      }),
    )
  })
})

describe('resolveDate: days and months without a year', () => {
  it('takes the year that puts the date nearest the article on the sentence’s side (year rollover)', () => {
    const dec30: DateExpressionForm = { form: 'month-day', month: 12, day: 30 }
    expect(resolveDate(dec30, '2026-01-04', 'past').date).toBe('2025-12-30')
    expect(resolveDate(dec30, '2026-01-04', 'unknown').date).toBe('2025-12-30')
    const jan3: DateExpressionForm = { form: 'month-day', month: 1, day: 3 }
    expect(resolveDate(jan3, '2025-12-28', 'future').date).toBe('2026-01-03')
    expect(resolveDate({ form: 'month-day', month: 7, day: 31 }, '2025-07-30', 'future').date).toBe('2025-07-31')
    expect(resolveDate({ form: 'month-day', month: 7, day: 18 }, '2025-07-30', 'past').date).toBe('2025-07-18')
  })

  it('never invents 29 February in a year without one', () => {
    const r = resolveDate({ form: 'month-day', month: 2, day: 29 }, '2025-03-10', 'past')
    expect(r.date).toBe('2024-02-29')
  })

  it('dates a month without a year by the same rule, as YYYY-MM', () => {
    expect(resolveDate({ form: 'month', month: 12 }, '2025-07-12', 'past')).toMatchObject({ date: '2024-12', precision: 'month' })
    expect(resolveDate({ form: 'month', month: 5 }, '2025-07-12', 'past').date).toBe('2025-05')
    expect(resolveDate({ form: 'month', month: 7 }, '2025-07-12', 'past').date).toBe('2025-07')
    expect(resolveDate({ form: 'month', month: 2 }, '2025-11-20', 'future').date).toBe('2026-02')
  })
})

describe('resolveDate: relative forms', () => {
  it('counts days, weeks (dated by their Monday), months and years from the article', () => {
    expect(resolveDate({ form: 'relative-day', offset: -1 }, '2025-03-01', 'past')).toMatchObject({ date: '2025-02-28', precision: 'day' })
    expect(resolveDate({ form: 'relative-day', offset: 0 }, '2025-07-12', 'past').date).toBe('2025-07-12')
    expect(resolveDate({ form: 'relative-week', offset: -1 }, '2025-07-30', 'past')).toMatchObject({ date: '2025-07-21', precision: 'week' })
    expect(resolveDate({ form: 'relative-week', offset: 0 }, '2025-07-13', 'unknown').date).toBe('2025-07-07')
    expect(resolveDate({ form: 'relative-month', offset: -1 }, '2025-01-15', 'past')).toMatchObject({ date: '2024-12', precision: 'month' })
    expect(resolveDate({ form: 'relative-month', offset: 1 }, '2025-12-15', 'future').date).toBe('2026-01')
    expect(resolveDate({ form: 'relative-year', offset: 0 }, '2025-07-12', 'past')).toMatchObject({ date: '2025', precision: 'year' })
    expect(resolveDate({ form: 'relative-year', offset: -1 }, '2025-07-12', 'past').date).toBe('2024')
  })

  it('dates every week by a Monday (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: -10, max: 10 }), (day, offset) => {
        const r = resolveDate({ form: 'relative-week', offset }, isoOfDay(day), 'unknown')
        const monday = dayNumber(r.date!)!
        expect(new Date(monday * 86_400_000).getUTCDay()).toBe(1)
        expect(monday).toBe(mondayOf(day) + 7 * offset)
      }),
    )
  })
})

describe('resolveDate: never guessed from today', () => {
  it('leaves every form that needs a reference unresolved without an article date, with the reason', () => {
    const needing: DateExpressionForm[] = [
      weekday('thursday'),
      { form: 'month-day', month: 7, day: 31 },
      { form: 'month', month: 3 },
      { form: 'relative-day', offset: -1 },
      { form: 'relative-week', offset: -1 },
      { form: 'relative-month', offset: -1 },
      { form: 'relative-year', offset: 0 },
    ]
    for (const expression of needing) {
      const r = resolveDate(expression, null, 'past')
      expect(r.date).toBeNull()
      expect(r.basis).toBe('unresolved')
      expect(r.reason).toMatch(/no date/)
    }
  })

  it('resolves an absolute date that names its year in any article, dated or not', () => {
    expect(resolveDate({ form: 'absolute', year: 2024, month: 7, day: 18 }, null, 'past')).toMatchObject({ date: '2024-07-18', basis: 'explicit', precision: 'day' })
    expect(resolveDate({ form: 'absolute', year: 1948, month: null, day: null }, null, 'unknown')).toMatchObject({ date: '1948', precision: 'year' })
    expect(resolveDate({ form: 'absolute', year: 2025, month: 3, day: null }, '2020-01-01', 'future')).toMatchObject({ date: '2025-03', precision: 'month' })
  })

  it('resolves a range, rolling its end past the year end', () => {
    const r = resolveDate({ form: 'month-day', month: 12, day: 30 }, '2025-12-20', 'future', { form: 'month-day', month: 1, day: 2 })
    expect(r).toMatchObject({ date: '2025-12-30', dateEnd: '2026-01-02' })
  })
})
