import { describe, expect, it } from 'vitest'
import { normaliseDate } from './normalise-date'

describe('normaliseDate', () => {
  it.each([
    ['2025-07-30', '2025-07-30'],
    ['2025-07-30T23:30:00-05:00', '2025-07-30'], // the publisher's calendar day, not UTC's
    ['2025-7-3', '2025-07-03'],
    ['2025/07/30', '2025-07-30'],
    ['20250730', '2025-07-30'],
    ['30 July 2025', '2025-07-30'],
    ['30th of July, 2025', '2025-07-30'],
    ['Wed, 30 Jul 2025 10:00:00 GMT', '2025-07-30'],
    ['July 30, 2025', '2025-07-30'],
    ['Sept. 3, 2025', '2025-09-03'],
    ['Wednesday, July 30 2025', '2025-07-30'],
  ])('reads %s as %s', (input, expected) => {
    expect(normaliseDate(input)).toBe(expected)
  })

  it.each(['03/04/2025', '2025-02-30', '31 June 2025', 'yesterday', '', 'Smarch 3, 2025'])('refuses %j rather than guess', (input) => {
    expect(normaliseDate(input)).toBeNull()
  })
})
