// Generates realistic edits to an article around a highlight, each with where the highlight should
// be found afterwards. Shared by the re-anchoring tests and the bench's success-rate figure.

import fc from 'fast-check'
import { describeQuote } from '../../shared/anchoring/text-quote'
import { MAX_QUOTE_ERROR_RATE, type QuoteSelector } from '../../shared/anchoring/reanchor'

export type EditKind =
  | 'insert-before'
  | 'insert-after'
  | 'delete-before'
  | 'delete-after'
  | 'insert-inside'
  | 'delete-inside'
  | 'duplicate-passage'
  | 'whitespace'
  | 'quote-characters'
  | 'rewrite'

export interface EditCase {
  kind: EditKind
  selector: QuoteSelector
  text: string
  /** Where the highlight belongs in the edited text; null when it should become an orphan. */
  expected: { start: number; end: number } | null
  /** The edit went past what re-anchoring promises to follow, so an orphan is acceptable too. */
  orphanAcceptable?: boolean
}

const FILLER = ' Officials declined to comment further on the matter. '

export function editCase(original: string, start: number, end: number, kind: EditKind, at: number): EditCase {
  const selector: QuoteSelector = { start, end, ...describeQuote(original, start, end) }
  const splice = (pos: number, remove: number, insert: string) => original.slice(0, pos) + insert + original.slice(pos + remove)
  const len = end - start
  switch (kind) {
    case 'insert-before': {
      const pos = Math.floor((at * start) / 1)
      return { kind, selector, text: splice(pos, 0, FILLER), expected: { start: start + FILLER.length, end: end + FILLER.length } }
    }
    case 'insert-after': {
      const pos = end + Math.floor(at * (original.length - end))
      return { kind, selector, text: splice(pos, 0, FILLER), expected: { start, end } }
    }
    case 'delete-before': {
      const remove = Math.min(40, start)
      const pos = Math.floor(at * (start - remove))
      return { kind, selector, text: splice(pos, remove, ''), expected: { start: start - remove, end: end - remove } }
    }
    case 'delete-after': {
      const remove = Math.min(40, original.length - end)
      return { kind, selector, text: splice(end, remove, ''), expected: { start, end } }
    }
    case 'insert-inside': {
      // An editor adds a word: at a space inside the quote (or in its middle for a one-word quote).
      const spaces = [...original.slice(start + 1, end - 1).matchAll(/ /g)].map((m) => start + 1 + (m.index ?? 0))
      const pos = spaces.length > 0 ? (spaces[Math.floor(at * (spaces.length - 1))] ?? start + 1) : start + Math.floor(len / 2)
      // Past the documented error budget an orphan is a right outcome too; finding it is better.
      const orphanAcceptable = 5 > len * MAX_QUOTE_ERROR_RATE
      return { kind, selector, text: splice(pos, 0, ' very'), expected: { start, end: end + 5 }, orphanAcceptable }
    }
    case 'delete-inside': {
      const remove = Math.max(1, Math.floor(len * 0.08))
      const pos = start + 1 + Math.floor(at * (len - remove - 2))
      return { kind, selector, text: splice(pos, remove, ''), expected: { start, end: end - remove } }
    }
    case 'duplicate-passage': {
      // The whole passage repeated further down (a syndicated block pasted twice): the original stays.
      const copy = `\n${original.slice(start, end)}\n`
      return { kind, selector, text: splice(original.length, 0, copy), expected: { start, end } }
    }
    case 'whitespace': {
      const inside = original.slice(start, end).replace(/ /g, '  ')
      return { kind, selector, text: splice(start, len, inside), expected: { start, end: start + inside.length } }
    }
    case 'quote-characters': {
      const inside = original.slice(start, end).replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/,/g, ';')
      return { kind, selector, text: splice(start, len, inside), expected: { start, end: start + inside.length } }
    }
    case 'rewrite': {
      const replacement = 'z'.repeat(len)
      return { kind, selector, text: splice(start, len, replacement), expected: null }
    }
  }
}

export const EDIT_KINDS: readonly EditKind[] = [
  'insert-before',
  'insert-after',
  'delete-before',
  'delete-after',
  'insert-inside',
  'delete-inside',
  'duplicate-passage',
  'whitespace',
  'quote-characters',
  'rewrite',
]

/** A highlight-sized span (a clause to two sentences) inside the text, starting and ending on word edges. */
export function spanArbitrary(text: string): fc.Arbitrary<{ start: number; end: number }> {
  return fc.tuple(fc.nat(text.length - 200), fc.integer({ min: 20, max: 160 })).map(([a, length]) => {
    const start = text.indexOf(' ', a) + 1
    const rawEnd = Math.min(text.length, start + length)
    const end = text.lastIndexOf(' ', rawEnd)
    return { start, end: end > start + 12 ? end : start + 12 }
  })
}

/** How much of the expected span a found span covers, both ways: 1 is an exact recovery. */
export function overlapRatio(found: { start: number; end: number }, expected: { start: number; end: number }): number {
  const shared = Math.max(0, Math.min(found.end, expected.end) - Math.max(found.start, expected.start))
  return shared / Math.max(found.end - found.start, expected.end - expected.start)
}
