// The search index's vocabulary: each term once, numbered in the order first seen, found both from a
// string (a query's terms) and straight from a stretch of a folded text (indexing). The second is why
// this exists: splitting a text into term strings and looking each up in a Map made a string per word
// and hashed it, which was most of the time an import spent indexing (10,000 articles: 7 s). Scanning
// the folded text once, hashing each term as it goes and comparing it in place with the term stored
// under that hash makes a string only for a term never seen before.

import { grown } from './grown-array'
import * as fnv1a from '../../shared/fnv1a'
import { foldedTerm, forEachTerm } from './text-scan'

// Read once into this module's own constants: run from source (tsx: CommonJS), an imported binding
// is read through a getter at each use, and V8 left that getter uninlined in the hashing loops,
// a quarter of a preparation worker's time (profiled: 0.8 of 3.1 s).
const FNV_OFFSET = fnv1a.FNV_OFFSET
const FNV_PRIME = fnv1a.FNV_PRIME

export class TermTable {
  readonly terms: string[] = []
  private readonly numbers = new Map<string, number>()
  /**
   * Open addressing by term hash, two Int32s a slot: the term's hash, then its number + 1 (0: an
   * empty slot). The hash beside the number, and the terms' characters in one array (`chars`), make
   * a lookup read two places of memory rather than four (a hash array, the term array, the term's
   * string): the scan and lookups of 10,000 articles' 10.6 million terms took 615 ms against 729
   * (one thread, medians of alternating passes).
   */
  private slots = new Int32Array(2 << 12)
  private mask = (1 << 12) - 1
  /** Every term's UTF-16 code units, back to back: term n's are chars[ends[n - 1], ends[n]) (from 0 for term 0). */
  private chars = new Uint16Array(1 << 14)
  private ends = new Int32Array(1 << 10)
  /** The last scan's term numbers. */
  private found = new Int32Array(1024)

  constructor(private readonly onAdded?: (term: string, number: number) => void) {}

  static of(terms: readonly string[], onAdded?: (term: string, number: number) => void): TermTable {
    const table = new TermTable(onAdded)
    for (const term of terms) table.numberOf(term)
    return table
  }

  get size(): number {
    return this.terms.length
  }

  lookup(term: string): number | undefined {
    return this.numbers.get(term)
  }

  /** The term's number, added to the table if it is new. */
  numberOf(term: string): number {
    return this.numbers.get(term) ?? this.add(term, hashRange(term, 0, term.length))
  }

  /**
   * The numbers of the terms of an already folded text, in order (a repeated term each time), adding
   * new terms to the table. The terms are exactly those textTerms gives for the unfolded text. The
   * result is a view of a buffer the next scan reuses: read it before scanning again.
   */
  scan(foldedText: string): Int32Array {
    // A term and the separator after it take at least two code units.
    if (this.found.length < (foldedText.length >> 1) + 1) this.found = new Int32Array((foldedText.length >> 1) + 1)
    const found = this.found
    let count = 0
    forEachTerm(foldedText, (start, end, hash) => {
      found[count++] = this.numberOfRange(foldedText, start, end, hash)
    })
    return found.subarray(0, count)
  }

  /**
   * The number of the term at `text[start, end)`, with its hash as forEachTerm gives it (the text as
   * forEachTerm reads it: its ASCII letters lower-cased), added to the table if it is new: how a
   * text's terms counted elsewhere (document-terms.ts) join the table without scanning the text again.
   */
  numberOfRange(text: string, start: number, end: number, hash: number): number {
    const slots = this.slots
    const mask = this.mask
    const length = end - start
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const stored = slots[2 * slot + 1]!
      if (stored === 0) return this.add(foldedTerm(text, start, end), hash)
      if (slots[2 * slot] !== hash) continue
      const number = stored - 1
      const from = number === 0 ? 0 : this.ends[number - 1]!
      if (this.ends[number]! - from === length && this.holdsRange(from, text, start, length)) return number
    }
  }

  /** Whether the characters at chars[from, from + length) are those of `text[start, start + length)`, read as forEachTerm reads them. */
  private holdsRange(from: number, text: string, start: number, length: number): boolean {
    const chars = this.chars
    for (let i = 0; i < length; i++) {
      // ASCII letters lower-cased, as forEachTerm reads them; written out, since as a function call V8
      // left it a call per character, which doubled the lookup's time.
      let code = text.charCodeAt(start + i)
      if (code - 0x41 < 26 && code >= 0x41) code += 0x20
      if (chars[from + i] !== code) return false
    }
    return true
  }

  private add(term: string, hash: number): number {
    const number = this.terms.length
    this.terms.push(term)
    this.numbers.set(term, number)
    const from = number === 0 ? 0 : this.ends[number - 1]!
    if (number >= this.ends.length) this.ends = grown(this.ends, number + 1)
    if (from + term.length > this.chars.length) this.chars = grown(this.chars, from + term.length)
    for (let i = 0; i < term.length; i++) this.chars[from + i] = term.charCodeAt(i)
    this.ends[number] = from + term.length
    // Kept at most half full, so a probe ends after a slot or two.
    if ((number + 1) * 2 > this.mask + 1) this.rehash((this.mask + 1) * 2)
    this.place(number, hash)
    this.onAdded?.(term, number)
    return number
  }

  /** A table of `capacity` slots holding every term but the one being added (add places it). */
  private rehash(capacity: number): void {
    const old = this.slots
    this.slots = new Int32Array(capacity * 2)
    this.mask = capacity - 1
    for (let at = 0; at < old.length; at += 2) if (old[at + 1] !== 0) this.place(old[at + 1]! - 1, old[at]!)
  }

  private place(number: number, hash: number): void {
    const mask = this.mask
    let slot = hash & mask
    while (this.slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask
    this.slots[2 * slot] = hash
    this.slots[2 * slot + 1] = number + 1
  }
}

function hashRange(text: string, start: number, end: number): number {
  let hash = FNV_OFFSET
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME)
  return hash
}
