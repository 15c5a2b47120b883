// The search index's vocabulary: each term once, numbered in the order first seen, found both from a
// string (a query's terms) and straight from a stretch of a folded text (indexing). The second is why
// this exists: splitting a text into term strings and looking each up in a Map made a string per word
// and hashed it, which was most of the time an import spent indexing (10,000 articles: 7 s). Scanning
// the folded text once, hashing each term as it goes and comparing it in place with the term stored
// under that hash makes a string only for a term never seen before.

import { FNV_OFFSET, FNV_PRIME, foldedTerm, forEachTerm } from './text-scan'

export class TermTable {
  readonly terms: string[] = []
  private readonly numbers = new Map<string, number>()
  /** Open addressing by term hash: term number + 1, 0 for an empty slot. */
  private slots = new Int32Array(1 << 12)
  private hashes = new Int32Array(1 << 10)
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
    const mask = this.slots.length - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const stored = this.slots[slot]!
      if (stored === 0) return this.add(foldedTerm(text, start, end), hash)
      const number = stored - 1
      if (this.hashes[number] === hash && equalsRange(this.terms[number]!, text, start, end)) return number
    }
  }

  private add(term: string, hash: number): number {
    const number = this.terms.length
    this.terms.push(term)
    this.numbers.set(term, number)
    if (number >= this.hashes.length) {
      const grown = new Int32Array(this.hashes.length * 2)
      grown.set(this.hashes)
      this.hashes = grown
    }
    this.hashes[number] = hash
    // Kept at most half full, so a probe ends after a slot or two.
    if ((number + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2)
    else this.place(number)
    this.onAdded?.(term, number)
    return number
  }

  private rehash(capacity: number): void {
    this.slots = new Int32Array(capacity)
    for (let number = 0; number < this.terms.length; number++) this.place(number)
  }

  private place(number: number): void {
    const mask = this.slots.length - 1
    let slot = this.hashes[number]! & mask
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask
    this.slots[slot] = number + 1
  }
}

function hashRange(text: string, start: number, end: number): number {
  let hash = FNV_OFFSET
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME)
  return hash
}

/** Whether a term is the one at `text[start, end)`, read as forEachTerm reads it. */
function equalsRange(term: string, text: string, start: number, end: number): boolean {
  if (term.length !== end - start) return false
  for (let i = 0; i < term.length; i++) {
    // ASCII letters lower-cased, as forEachTerm reads them; written out, since as a function call V8
    // left it a call per character, which doubled the lookup's time.
    let code = text.charCodeAt(start + i)
    if (code - 0x41 < 26 && code >= 0x41) code += 0x20
    if (term.charCodeAt(i) !== code) return false
  }
  return true
}
