import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { figuresOfQuote } from '../../shared/figures/evidence-figures'
import type { Highlight } from '../../shared/model'
import { CorpusStore } from '../store/corpus-store'
import { tempDir } from '../test-support/temp-dir'
import { FigureReader } from './figure-reader'
import { KEPT_FIGURES_FILE, KeptEvidenceFigures, quoteKey } from './kept-evidence-figures'

// Counts the quotes parsed: a quote whose figures were kept in an earlier session must not be parsed again.
vi.mock('../../shared/figures/evidence-figures', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../shared/figures/evidence-figures')>()
  return { ...actual, figuresOfQuote: vi.fn(actual.figuresOfQuote) }
})
const parsed = () => vi.mocked(figuresOfQuote).mock.calls.length

const highlight = (id: string, exact: string, prefix = 'The clashes ', suffix = ' in the city.'): Highlight =>
  ({ id, articleId: 'a1', start: 0, end: exact.length, exact, prefix, suffix, createdAt: '2025-01-01T00:00:00.000Z' }) as Highlight

const TOLL = highlight('h1', 'killed more than 1,400 people')
const NONE = highlight('h2', 'went on for days')

async function session(dir: string) {
  const store = await CorpusStore.open(dir)
  const kept = new KeptEvidenceFigures(store)
  await kept.load()
  return { store, kept, reader: new FigureReader(kept) }
}

describe('the figures of evidence kept beside the store', () => {
  it('are read by the next session, exactly as parsed, quotes stating none included', async () => {
    const dir = await tempDir()
    const first = await session(dir)
    const before = parsed()
    const figures = [first.reader.figuresOf(TOLL), first.reader.figuresOf(NONE)]
    expect(parsed()).toBe(before + 2)
    expect(figures[0]![0]).toMatchObject({ low: 1401, counted: 'deaths' })
    first.kept.saveSoon()
    await first.store.close()

    const second = await session(dir)
    // New records of the same quotes (as a reopened store gives): found, not parsed.
    const again = [second.reader.figuresOf({ ...TOLL }), second.reader.figuresOf({ ...NONE })]
    expect(parsed()).toBe(before + 2)
    expect(JSON.stringify(again)).toBe(JSON.stringify(figures))
    // Another quote, or the same words in other context, is parsed.
    second.reader.figuresOf(highlight('h3', 'killed more than 1,400 people', 'Reports said ', '.'))
    expect(parsed()).toBe(before + 3)
    await second.store.close()
  })

  it('are keyed by the decimal separator a quote was read with', () => {
    expect(quoteKey(TOLL, '.')).not.toBe(quoteKey(TOLL, ','))
    expect(quoteKey(TOLL, undefined)).not.toBe(quoteKey(TOLL, '.'))
    expect(quoteKey(TOLL, '.')).toBe(quoteKey({ ...TOLL }, '.'))
    expect(quoteKey(TOLL, '.')).not.toBe(quoteKey({ ...TOLL, suffix: ' in the town.' }, '.'))
  })

  it('are ignored when the file is damaged or of another version: parsed again', async () => {
    const dir = await tempDir()
    const first = await session(dir)
    first.reader.figuresOf(TOLL)
    first.kept.saveSoon()
    await first.store.close()
    const key = quoteKey(TOLL, undefined)
    for (const content of [
      JSON.stringify({ format: 1, version: -1, figures: [[key, []]] }),
      JSON.stringify({ format: 1, version: 1, figures: [[key, [{ text: 'x' }]]] }),
      '{"format": 1, "version": 1, "figures": [',
    ]) {
      await writeFile(join(dir, KEPT_FIGURES_FILE), content)
      const next = await session(dir)
      const before = parsed()
      expect(next.reader.figuresOf({ ...TOLL })[0]).toMatchObject({ low: 1401 })
      expect(parsed()).toBe(before + 1)
      await next.store.close()
    }
  })
})
