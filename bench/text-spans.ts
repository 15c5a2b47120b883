// Picks passages of article text the way an analyst selects them: a few whole words inside one
// paragraph line. Pure string code over the article text; offsets are UTF-16, as the store's are.

import type { Random } from './seeded-random'

export interface Span {
  start: number
  end: number
}

export interface Word {
  start: number
  end: number
  line: number
}

/** Words in a passage: a phrase or a clause, as quoted as evidence. */
const MIN_SPAN_WORDS = 2
const MAX_SPAN_WORDS = 10

/** The words of a text with their offsets and line numbers; index once, pick many passages. */
export function indexWords(text: string): Word[] {
  const words: Word[] = []
  let line = 0
  let lastEnd = 0
  for (const match of text.matchAll(/\S+/g)) {
    const start = match.index
    for (let i = lastEnd; i < start; i++) if (text.charCodeAt(i) === 10) line++
    words.push({ start, end: start + match[0].length, line })
    lastEnd = start + match[0].length
  }
  return words
}

/** A passage of whole words starting at a random word; it stops at the end of the line. */
export function pickWordSpan(words: readonly Word[], random: Random): Span {
  return spanFrom(words, random.int(0, words.length - 1), words.length - 1, random)
}

/** `count` non-overlapping passages spread evenly through the text, in text order. */
export function spreadWordSpans(words: readonly Word[], count: number, random: Random): Span[] {
  const chunk = Math.floor(words.length / count)
  if (chunk < MIN_SPAN_WORDS + 1) throw new Error(`a text of ${words.length} words cannot hold ${count} separate passages`)
  const spans: Span[] = []
  for (let i = 0; i < count; i++) {
    const first = i * chunk
    // Start inside this chunk and end inside it, so passages never touch.
    spans.push(spanFrom(words, first + random.int(0, chunk - MIN_SPAN_WORDS - 1), first + chunk - 1, random))
  }
  return spans
}

/** Words from index `first` on, up to a random length, never past `lastAllowed` or the line's end. */
function spanFrom(words: readonly Word[], first: number, lastAllowed: number, random: Random): Span {
  const start = words[first]
  if (!start) throw new Error('no words in this text')
  const wanted = random.int(MIN_SPAN_WORDS, MAX_SPAN_WORDS)
  let end = start
  for (let i = first + 1; i <= Math.min(lastAllowed, first + wanted - 1); i++) {
    const word = words[i] as Word
    if (word.line !== start.line) break
    end = word
  }
  return { start: start.start, end: end.end }
}
