// One text's search terms counted on their own, without the index: each distinct term once, in the
// order first seen, with its hash and how often it occurs, and the number of terms in all. The
// import's preparation worker counts them while it prepares a file, so the index, on the importer's
// thread, looks up each distinct term once (InvertedIndex.addTerms) instead of folding and scanning
// the whole text there: about 450 lookups for a 6 KB article instead of a pass over 6,000 characters
// and a lookup per word. Pure computation, the same tokenisation as TermTable.scan (forEachTerm).

import { grown } from './grown-array'
import { TermTable } from './term-table'
import { forEachTerm, type BlankRanges, type WordTally } from './text-scan'

/** Four integers per distinct term in `DocumentTerms.entries`. */
export const ENTRY_FIELDS = 4

export interface DocumentTerms {
  /** The text the terms are ranges of, folded but for its ASCII letters' case (as forEachTerm reads it). */
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

/**
 * A text's terms as its preparation worker sends them: numbered in that worker's own vocabulary, with
 * the strings of the terms new to it, so the importer's thread maps each distinct term through an array
 * (TermVocabulary) instead of hashing and comparing its characters against the index's terms (that
 * lookup was the largest single cost left on the importer's thread, the import's bottleneck, while the
 * worker sat idle half the job). The folded text is not sent.
 */
export interface NumberedTerms {
  /** Per distinct term, in the order first seen: its number in the worker's vocabulary, then how often it occurs. */
  numbers: Int32Array<ArrayBuffer>
  /** The terms this text added to the worker's vocabulary, numbered from `firstNew` on. */
  newTerms: string[]
  firstNew: number
  /** Terms in the text, a repeated term each time: the document's length for ranking. */
  length: number
  /** Set on the importer's thread as the text arrives from its worker (preparation-pool.ts). */
  vocabulary?: TermVocabulary
}

/** A worker's vocabulary: numbers each text's distinct terms for the importer (NumberedTerms). */
export class WorkerTermNumbers {
  private readonly table = new TermTable()
  /** Scratch space for numberText: each term's count in the text, by number (all zero between texts)… */
  private counts: Uint32Array<ArrayBuffer> = new Uint32Array(1024)
  /** …and the text's distinct terms in the order first seen. */
  private firstSeen: Int32Array<ArrayBuffer> = new Int32Array(1024)

  /** Terms numbered so far. */
  get size(): number {
    return this.table.size
  }

  /** The terms numbered from `first` on, in order. */
  termsFrom(first: number): string[] {
    return this.table.terms.slice(first)
  }

  number(terms: DocumentTerms): NumberedTerms {
    const firstNew = this.table.size
    const { text, entries } = terms
    const numbers = new Int32Array((entries.length / ENTRY_FIELDS) * 2)
    for (let at = 0, i = 0; at < entries.length; at += ENTRY_FIELDS, i += 2) {
      numbers[i] = this.table.numberOfRange(text, entries[at]!, entries[at + 1]!, entries[at + 2]!)
      numbers[i + 1] = entries[at + 3]!
    }
    return { numbers, newTerms: this.table.terms.slice(firstNew), firstNew, length: terms.length }
  }

  /**
   * number(DocumentTermsScanner.count(text)) in one pass: each term looked up once, in this
   * vocabulary, and counted by its number, instead of counted in a table of the text's own terms and
   * then looked up again, distinct term by distinct term. With a tally, the text's words are counted
   * in the same pass (forEachTerm).
   */
  numberText(text: string, tally?: WordTally, blanks?: BlankRanges): NumberedTerms {
    const firstNew = this.table.size
    let length = 0
    let distinct = 0
    forEachTerm(
      text,
      (start, end, hash) => {
        length++
        const number = this.table.numberOfRange(text, start, end, hash)
        if (number >= this.counts.length) this.counts = grown(this.counts, number + 1)
        if (this.counts[number] === 0) {
          if (distinct === this.firstSeen.length) this.firstSeen = grown(this.firstSeen)
          this.firstSeen[distinct++] = number
        }
        this.counts[number]!++
      },
      tally,
      blanks,
    )
    const numbers = new Int32Array(distinct * 2)
    for (let i = 0; i < distinct; i++) {
      const number = this.firstSeen[i]!
      numbers[2 * i] = number
      numbers[2 * i + 1] = this.counts[number]!
      this.counts[number] = 0
    }
    return { numbers, newTerms: this.table.terms.slice(firstNew), firstNew, length }
  }
}

/**
 * The importer's copy of one worker's vocabulary, learned from every text the worker sends, in the
 * order sent (a text the import then leaves out, a duplicate, still taught it its new terms). A term
 * gets its number in the index when a stored text first uses it, so the index numbers terms exactly
 * as add() does.
 */
export class TermVocabulary {
  private readonly terms: string[] = []
  /** Worker number → index number + 1, for `table` (0: not looked up yet). */
  private indexNumbers = new Int32Array(1024)
  private table: TermTable | null = null

  learn(numbered: NumberedTerms): void {
    if (numbered.firstNew !== this.terms.length) {
      throw new Error(`search terms arrived out of order from their worker (new terms from ${numbered.firstNew}, ${this.terms.length} known)`)
    }
    for (const term of numbered.newTerms) this.terms.push(term)
    numbered.vocabulary = this
  }

  /** The index's number for the worker's term `workerNumber`, the term added to `table` if new to it. */
  numberIn(table: TermTable, workerNumber: number): number {
    if (table !== this.table) {
      this.table = table
      this.indexNumbers = new Int32Array(Math.max(1024, this.terms.length))
    }
    if (workerNumber >= this.indexNumbers.length) this.indexNumbers = grown(this.indexNumbers, this.terms.length)
    const known = this.indexNumbers[workerNumber]!
    if (known !== 0) return known - 1
    const term = this.terms[workerNumber]
    if (term === undefined) throw new Error(`search term ${workerNumber} was never sent by its worker`)
    const number = table.numberOf(term)
    this.indexNumbers[workerNumber] = number + 1
    return number
  }
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

  /**
   * The terms of a text as forEachTerm reads it (folded but for its ASCII letters' case, `blanks` read
   * as spaces) counted; with a tally, its words too, in the same pass.
   */
  count(text: string, tally?: WordTally, blanks?: BlankRanges): DocumentTerms {
    this.generation = (this.generation + 1) >>> 0
    if (this.generation === 0) {
      // After 2^32 texts the stamps wrap: start from clean tables.
      this.generations.fill(0)
      this.generation = 1
    }
    let distinct = 0
    let length = 0
    forEachTerm(
      text,
      (start, end, hash) => {
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
          if (this.entries[at + 2] === hash && sameRange(text, this.entries[at]!, this.entries[at + 1]!, start, end)) {
            this.entries[at + 3]!++
            return
          }
        }
      },
      tally,
      blanks,
    )
    return { text, entries: this.entries.slice(0, distinct * ENTRY_FIELDS), length }
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

/** Whether two ranges of one text hold the same term, read as forEachTerm reads them. */
function sameRange(text: string, start: number, end: number, otherStart: number, otherEnd: number): boolean {
  if (end - start !== otherEnd - otherStart) return false
  for (let i = 0; i < end - start; i++) {
    // ASCII letters lower-cased, as forEachTerm reads them (written out, as in term-table.ts's equalsRange).
    let code = text.charCodeAt(start + i)
    if (code - 0x41 < 26 && code >= 0x41) code += 0x20
    let other = text.charCodeAt(otherStart + i)
    if (other - 0x41 < 26 && other >= 0x41) other += 0x20
    if (code !== other) return false
  }
  return true
}
