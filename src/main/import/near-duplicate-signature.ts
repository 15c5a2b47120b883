// A text's near-duplicate signature: its three-word shingles (32-bit hashes combined from word
// hashes, no joined strings) and their one-permutation MinHash. Apart from the index
// (near-duplicates.ts) so that the import's preparation workers, which sign each text, load only
// this: the index's saved-form checks brought in a validation library that took a third of a
// worker's start. Hashing is seeded, so the same texts always give the same signatures and a saved
// index stays valid. Pure computation.

import { detectBoilerplate, type BoilerplateRange } from '../../shared/boilerplate/detect-boilerplate'
import { letterAndDigitWordHashes } from '../search/text-scan'

export type BoilerplateSpan = Pick<BoilerplateRange, 'start' | 'end'>

/** Words per shingle. Three keeps shared names ("in southern Syria") from making reports alike, and an edited word breaks only three shingles. */
const SHINGLE_WORDS = 3
/**
 * LSH bands × rows per band = signature length. Two texts become candidates when one band agrees:
 * with 3 rows, a pair with a Jaccard of 0.36 (80% containment at a 1:2 size ratio) is found with
 * probability 1 − (1 − 0.36³)^42 ≈ 0.87, one at 0.55 almost surely, while reports of one story (Jaccard
 * ≤ 0.06 on the seeds) are a candidate one time in a hundred.
 */
export const BANDS = 42
export const ROWS_PER_BAND = 3
export const SIGNATURE_LENGTH = BANDS * ROWS_PER_BAND
/** Fixed seeds of the hashes: changing one invalidates every persisted index. */
const SHINGLE_SEED = 0x7a1e5eed
const DENSIFY_SEED = 0x0d15ea5e

/** What the index keeps of a text: its number of distinct shingles and its MinHash signature. */
export interface NearDuplicateEntry {
  readonly shingles: number
  readonly signature: Uint32Array
}

/**
 * What the near-duplicate index keeps of a text, to be added with addEntry or addEntryAndFindSimilar.
 * `furniture`: the text's boilerplate ranges, when the caller has detected them already.
 */
export function nearDuplicateEntry(text: string, furniture?: readonly BoilerplateSpan[]): NearDuplicateEntry {
  return nearDuplicateEntryOfWords(lowerCaseWordHashes(withoutBoilerplate(text, furniture)))
}

/**
 * The same entry from the text's words, hashed already (furniture left out, lower-cased, as
 * letterAndDigitWordHashes gives them): how the import gets it from the pass that counts its terms.
 */
export function nearDuplicateEntryOfWords(wordHashes: Int32Array): NearDuplicateEntry {
  // One pass over the shingles, each counted and binned as it is hashed: making the array of them
  // first, then counting it, then binning it, took twice as long (10,000 articles: 0.44 s against
  // 0.22 s of a preparation worker's time, the import's busiest thread).
  const width = Math.min(SHINGLE_WORDS, wordHashes.length)
  const shingleCount = width === 0 ? 0 : wordHashes.length - width + 1
  const distinct = distinctShingles.start(shingleCount)
  const bins = new MinHashBins()
  for (let i = 0; i < shingleCount; i++) {
    const shingle = shingleHash(wordHashes, i, width)
    distinct.add(shingle)
    bins.add(shingle)
  }
  return { shingles: distinct.count, signature: bins.signature() }
}

/**
 * The text's three-word shingles, lower case, without the lines detectBoilerplate marks (teasers,
 * prompts…), each as a 32-bit hash. A collision merges two shingles in about one text pair in a
 * million, far below what the MinHash estimate itself is off by.
 */
export function articleShingles(text: string): Set<number> {
  return new Set(shingleHashes(text))
}

/** The hashes of the text's shingles in text order, a repeated shingle repeated (MinHash does not mind). */
function shingleHashes(text: string, furniture?: readonly BoilerplateSpan[]): Uint32Array {
  return shinglesOfWords(lowerCaseWordHashes(withoutBoilerplate(text, furniture)))
}

/**
 * The shingle hashes of a passage (a sentence or a paragraph) as whole articles are shingled, its
 * furniture already set aside by the caller: passage reuse (provenance/passage-reuse.ts) compares
 * passages with the same hashing as the near-duplicate index compares articles.
 */
export function passageShingleHashes(passage: string): Uint32Array {
  return shinglesOfWords(lowerCaseWordHashes(passage))
}

function shinglesOfWords(wordHashes: Int32Array): Uint32Array {
  if (wordHashes.length === 0) return new Uint32Array(0)
  // A text shorter than a shingle is one shingle of all its words.
  if (wordHashes.length < SHINGLE_WORDS) return Uint32Array.of(shingleHash(wordHashes, 0, wordHashes.length))
  const shingles = new Uint32Array(wordHashes.length - SHINGLE_WORDS + 1)
  for (let i = 0; i < shingles.length; i++) shingles[i] = shingleHash(wordHashes, i, SHINGLE_WORDS)
  return shingles
}

/**
 * Counts distinct values in an open-addressing table reused from text to text (no Set per article),
 * cleared by stamping each text's slots rather than by filling the table.
 */
class DistinctValues {
  private values = new Uint32Array(0)
  private stamps = new Uint32Array(0)
  private stamp = 0
  private mask = 0
  count = 0

  /** Starts counting the values of one text, at most `expected` of them. */
  start(expected: number): this {
    let capacity = 16
    while (capacity < expected * 2) capacity *= 2
    if (this.values.length < capacity) {
      this.values = new Uint32Array(capacity)
      this.stamps = new Uint32Array(capacity)
      this.stamp = 0
    }
    this.stamp = (this.stamp + 1) >>> 0
    if (this.stamp === 0) {
      // After 2^32 texts the stamps wrap: start from a clean table.
      this.stamps.fill(0)
      this.stamp = 1
    }
    this.mask = capacity - 1
    this.count = 0
    return this
  }

  add(value: number): void {
    // Shingle hashes are already mixed, so their low bits spread evenly over the slots.
    for (let slot = value & this.mask; ; slot = (slot + 1) & this.mask) {
      if (this.stamps[slot] !== this.stamp) {
        this.stamps[slot] = this.stamp
        this.values[slot] = value
        this.count++
        return
      }
      if (this.values[slot] === value) return
    }
  }
}

const distinctShingles = new DistinctValues()

/** The text with each marked range replaced by a line break, so words either side of it never join. */
function withoutBoilerplate(text: string, furniture: readonly BoilerplateSpan[] = detectBoilerplate(text)): string {
  let article = ''
  let from = 0
  for (const range of furniture) {
    article += `${text.slice(from, range.start)}\n`
    from = range.end
  }
  return from === 0 ? text : article + text.slice(from)
}

/** The near-duplicate words of a text: its letter-and-digit words, lower-cased (letterAndDigitWordHashes). */
function lowerCaseWordHashes(text: string): Int32Array {
  return letterAndDigitWordHashes(text.toLowerCase())
}

/**
 * One shingle's hash from its words' hashes, in order ("a b c" and "c b a" differ): chained by
 * multiplication, then mixed once, so every bit of every word reaches every bit of the result.
 */
function shingleHash(wordHashes: Int32Array, from: number, count: number): number {
  let hash = SHINGLE_SEED ^ count
  for (let i = from; i < from + count; i++) hash = Math.imul(hash ^ (wordHashes[i] as number), 0x9e3779b1)
  return fmix32(hash)
}

/**
 * One-permutation MinHash with optimal densification (Shrivastava, ICML 2017): a shingle's hash picks
 * one of the signature's bins and is its value there; a bin keeps its smallest value.
 * The chance that two texts agree in a bin is their Jaccard similarity, as with one hash function per
 * bin, at one hash per shingle instead of 126. A bin no shingle fell into (short texts) borrows the
 * value of another bin picked by a fixed sequence of its own, so two texts borrow alike whenever
 * they fill the same bins.
 */
class MinHashBins {
  private readonly values = new Uint32Array(SIGNATURE_LENGTH).fill(EMPTY_BIN)
  private readonly filled = new Uint8Array(SIGNATURE_LENGTH)
  private empty = true

  add(shingle: number): void {
    const bin = binOf(shingle)
    if (this.filled[bin] === 0 || shingle < (this.values[bin] as number)) this.values[bin] = shingle
    this.filled[bin] = 1
    this.empty = false
  }

  /** The bins' values, empty bins densified; the bins are not to be added to after. */
  signature(): Uint32Array {
    if (this.empty) return this.values
    for (let bin = 0; bin < SIGNATURE_LENGTH; bin++) {
      if (this.filled[bin] === 0) this.values[bin] = this.values[densifyingDonor(bin, this.filled)] as number
    }
    return this.values
  }
}

/** Unfilled bins of an empty text: it has no shingles and is never compared (see addToBuckets). */
const EMPTY_BIN = 0xffffffff

/**
 * The bin a shingle falls into: its (mixed) hash scaled to the bin count, so a bin is a range of hash
 * values, and the smallest hash within a bin is a MinHash of the shingles that fell into it.
 */
function binOf(shingle: number): number {
  return Math.floor((shingle / 0x100000000) * SIGNATURE_LENGTH)
}

/**
 * The filled bin an empty bin borrows from: the first filled one in a fixed pseudo-random sequence of
 * bins of its own, the same for every text. One filled bin in 126 is found within a few hundred
 * tries; past MAX_DENSIFYING_TRIES the next filled bin to the right is taken, so it always ends.
 */
function densifyingDonor(bin: number, filled: Uint8Array): number {
  for (let attempt = 1; attempt <= MAX_DENSIFYING_TRIES; attempt++) {
    const donor = Math.floor((fmix32(Math.imul(bin + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca6b) ^ DENSIFY_SEED) / 0x100000000) * SIGNATURE_LENGTH)
    if (filled[donor] === 1) return donor
  }
  for (let step = 1; ; step++) if (filled[(bin + step) % SIGNATURE_LENGTH] === 1) return (bin + step) % SIGNATURE_LENGTH
}

const MAX_DENSIFYING_TRIES = 4096

/** MurmurHash3's finaliser: mixes every input bit into every output bit, a bijection on 32 bits. */
export function fmix32(value: number): number {
  let h = value >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}
