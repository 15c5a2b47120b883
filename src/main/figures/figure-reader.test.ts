import { describe, expect, it, vi } from 'vitest'
import { figuresOfQuote } from '../../shared/figures/evidence-figures'
import type { Highlight } from '../../shared/model'
import { FigureReader } from './figure-reader'

// Counts the quotes parsed: a highlight whose quote was read before must not be parsed again.
vi.mock('../../shared/figures/evidence-figures', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../shared/figures/evidence-figures')>()
  return { ...actual, figuresOfQuote: vi.fn(actual.figuresOfQuote) }
})
const parsed = () => vi.mocked(figuresOfQuote).mock.calls.length

const highlight = (exact: string, prefix = 'The clashes ', suffix = ' in the city.'): Highlight =>
  ({ id: 'h1', articleId: 'a1', start: 0, end: exact.length, exact, prefix, suffix, createdAt: '2025-01-01T00:00:00.000Z' }) as Highlight

describe('FigureReader', () => {
  it('reads a highlight’s quote once: a new record of it with the same prefix, quote and suffix is not parsed again; a change to any of the three is', () => {
    const reader = new FigureReader()
    const before = parsed()
    const toll = highlight('killed more than 1,400 people')
    expect(reader.figuresOf(toll)[0]).toMatchObject({ low: 1401, counted: 'deaths' })
    expect(reader.figuresOf({ ...toll })).toBe(reader.figuresOf(toll))
    expect(parsed()).toBe(before + 1)

    expect(reader.figuresOf({ ...toll, exact: 'killed more than 200 people' })[0]).toMatchObject({ low: 201 })
    expect(parsed()).toBe(before + 2)
    // Other context around the same words: read again (context can decide what a number counts).
    reader.figuresOf({ ...toll, exact: 'killed more than 200 people', prefix: 'Reports said ' })
    reader.figuresOf({ ...toll, exact: 'killed more than 200 people', prefix: 'Reports said ', suffix: '.' })
    expect(parsed()).toBe(before + 4)
    // Back to the first quote, as a new record: the entry holds the latest quote only, so it is read again.
    expect(reader.figuresOf({ ...toll })[0]).toMatchObject({ low: 1401 })
    expect(parsed()).toBe(before + 5)
  })
})
