// One text's search terms counted on their own, without the index: each distinct term once, in the
// order first seen, with its hash and how often it occurs, and the number of terms in all. The
// import's preparation worker counts them while it prepares a file, so the index, on the importer's
// thread, looks up each distinct term once (InvertedIndex.addTerms) instead of folding and scanning
// the whole text there: about 450 lookups for a 6 KB article instead of a pass over 6,000 characters
// and a lookup per word. Pure computation, the same tokenisation as TermTable.scan (forEachTerm).

import { forEachTerm } from './term-table'

/** Four integers per distinct term in `DocumentTerms.entries`. */
export const ENTRY_FIELDS = 4

export interface DocumentTerms {
  /** The folded text (foldText) the terms are ranges of. */
  text: string
  /**
   * Per distinct term, in the order first seen: where it first occurs in `text` (start, end), its
   * hash (forEachTerm's), and how many times it occurs. In a buffer of its own, so it can be
   * transferred between threads.
   */
  entries: Int32Array<ArrayBuffer>
  /** Terms in the text, a repeated term each time: the document's length for ranking. */
  length: number
}

/** Distinct terms the first table holds; it doubles as a text needs. */
const FIRST_SLOTS = 1 << 10

/**
 * Counts the terms of an already folded text (foldText of the article's content). One scanner is
 * reused from text to text (a worker prepares thousands): its tables are cleared by generation, not
 * refilled.
 */
export class DocumentTermsScanner {
  /** Open addressing by term hash: distinct-term number + 1 when the slot's generation is current. */
  private slots = new Int32Array(FIRST_SLOTS * 2)
  private generations = new Uint32Array(FIRST_SLOTS * 2)
  private generation = 0
  private entries: Int32Array<ArrayBuffer> = new Int32Array(FIRST_SLOTS * ENTRY_FIELDS)

  count(foldedText: string): DocumentTerms {
    this.generation = (this.generation + 1) >>> 0
    if (this.generation === 0) {
      // After 2^32 texts the stamps wrap: start from clean tables.
      this.generations.fill(0)
      this.generation = 1
    }
    let distinct = 0
    let length = 0
    forEachTerm(foldedText, (start, end, hash) => {
      length++
      const mask = this.slots.length - 1
      for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
        if (this.generations[slot] !== this.generation) {
          // New to this text.
          if ((distinct + 1) * ENTRY_FIELDS > this.entries.length) this.entries = grown(this.entries)
          const at = distinct * ENTRY_FIELDS
          this.entries[at] = start
          this.entries[at + 1] = end
          this.entries[at + 2] = hash
          this.entries[at + 3] = 1
          this.generations[slot] = this.generation
          this.slots[slot] = ++distinct
          // Kept at most half full, so a probe ends after a slot or two.
          if (distinct * 2 > this.slots.length) this.rehash(this.slots.length * 2, distinct)
          return
        }
        const at = (this.slots[slot]! - 1) * ENTRY_FIELDS
        if (this.entries[at + 2] === hash && sameRange(foldedText, this.entries[at]!, this.entries[at + 1]!, start, end)) {
          this.entries[at + 3]!++
          return
        }
      }
    })
    return { text: foldedText, entries: this.entries.slice(0, distinct * ENTRY_FIELDS), length }
  }

  private rehash(capacity: number, distinct: number): void {
    this.slots = new Int32Array(capacity)
    this.generations = new Uint32Array(capacity)
    const mask = capacity - 1
    for (let number = 0; number < distinct; number++) {
      let slot = this.entries[number * ENTRY_FIELDS + 2]! & mask
      while (this.generations[slot] === this.generation) slot = (slot + 1) & mask
      this.generations[slot] = this.generation
      this.slots[slot] = number + 1
    }
  }
}

/** Whether two ranges of one text hold the same characters. */
function sameRange(text: string, start: number, end: number, otherStart: number, otherEnd: number): boolean {
  if (end - start !== otherEnd - otherStart) return false
  for (let i = 0; i < end - start; i++) if (text.charCodeAt(start + i) !== text.charCodeAt(otherStart + i)) return false
  return true
}

function grown(entries: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(entries.length * 2)
  larger.set(entries)
  return larger
}
