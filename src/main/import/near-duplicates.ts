// Tells whether two article texts are the same report: a syndicated copy with its own site's junk
// around it, or a lightly edited version. Such copies must not count as independent corroboration.
// Texts are compared as sets of three-word shingles after the lines detectBoilerplate marks are set
// aside; an index of MinHash signatures with LSH banding finds the copies of a new article among
// tens of thousands without comparing it with each. Shingles are 32-bit hashes combined from word
// hashes (no joined strings), and a signature is one-permutation MinHash: each shingle is hashed
// once, into one of the signature's bins, instead of once per signature value, which made the index
// cost about 1 ms per article. Hashing is seeded, so the same texts always give the same signatures
// and a persisted index stays valid. A text's entry (nearDuplicateEntry) can be computed apart from
// the index, in a worker thread, and added with the *Entry methods. Pure computation: no file system.

import { z } from 'zod'
import { detectBoilerplate, type BoilerplateRange } from '../../shared/boilerplate/detect-boilerplate'

type BoilerplateSpan = Pick<BoilerplateRange, 'start' | 'end'>

/**
 * Share of the shorter text's shingles found in the longer one from which two texts are copies.
 * Measured: a copy with five junk lines or a few words changed scores above 0.9; different reports of
 * the same story stay under 0.25, even two rewrites of one wire report (seeds 002 and 003: 0.21).
 */
export const DEFAULT_NEAR_DUPLICATE_THRESHOLD = 0.8
/** Words per shingle. Three keeps shared names ("in southern Syria") from making reports alike, and an edited word breaks only three shingles. */
const SHINGLE_WORDS = 3
/**
 * LSH bands × rows per band = signature length. Two texts become candidates when one band agrees:
 * with 3 rows, a pair with a Jaccard of 0.36 (80% containment at a 1:2 size ratio) is found with
 * probability 1 − (1 − 0.36³)^42 ≈ 0.87, one at 0.55 almost surely, while reports of one story (Jaccard
 * ≤ 0.06 on the seeds) are a candidate one time in a hundred.
 */
const BANDS = 42
const ROWS_PER_BAND = 3
const SIGNATURE_LENGTH = BANDS * ROWS_PER_BAND
/** Fixed seeds of the hashes: changing one invalidates every persisted index. */
const SHINGLE_SEED = 0x7a1e5eed
const DENSIFY_SEED = 0x0d15ea5e
/**
 * Below this many shingles (a sentence or two) a text is compared by Jaccard instead of containment:
 * containment would call a one-line text a copy of every article that happens to contain that line.
 */
const MIN_SHINGLES_FOR_CONTAINMENT = 20
/**
 * Version of the persisted form; bumped with any change to the constants above or to how signatures
 * are computed. Format 1 (a string hash per shingle, 126 hash functions) reads as another version,
 * so the importer rebuilds such an index from the bodies instead of comparing unlike signatures.
 */
const INDEX_FORMAT = 2

export interface SimilarArticle {
  id: string
  similarity: number
}

export interface NearDuplicateIndex {
  /** Adds an article, or replaces the one indexed under the same id. */
  add(id: string, text: string): void
  remove(id: string): void
  /** Indexed articles whose similarity to the text is at least the threshold, best first. */
  findSimilar(text: string): SimilarArticle[]
  /** findSimilar (leaving out `id` itself) then add, computing the text's signature once. */
  addAndFindSimilar(id: string, text: string): SimilarArticle[]
  /** add, with the text's entry computed beforehand by nearDuplicateEntry. */
  addEntry(id: string, entry: NearDuplicateEntry): void
  /** addAndFindSimilar, with the text's entry computed beforehand by nearDuplicateEntry. */
  addEntryAndFindSimilar(id: string, entry: NearDuplicateEntry): SimilarArticle[]
  readonly size: number
  toJSON(): NearDuplicateIndexData
}

export interface NearDuplicateIndexData {
  format: number
  threshold: number
  /** Per article: its id, its number of shingles and its MinHash signature (little-endian uint32, base64). */
  articles: { id: string; shingles: number; signature: string }[]
}

export type RestoreResult = { ok: true; index: NearDuplicateIndex } | { ok: false; reason: string }

/** What the index keeps of a text: its number of distinct shingles and its MinHash signature. */
export interface NearDuplicateEntry {
  readonly shingles: number
  readonly signature: Uint32Array
}

interface Entry extends NearDuplicateEntry {
  /** The signature as saved, made at the first save and kept: an import saves the index at every commit. */
  encoded?: string
}

/** How alike two texts are, 0–1, computed exactly (for a pair; the index estimates the same number). */
export function nearDuplicateSimilarity(a: string, b: string): number {
  const first = articleShingles(a)
  const second = articleShingles(b)
  let shared = 0
  for (const shingle of first) if (second.has(shingle)) shared++
  return similarityOf(shared, first.size, second.size)
}

export function areNearDuplicates(a: string, b: string, threshold = DEFAULT_NEAR_DUPLICATE_THRESHOLD): boolean {
  return nearDuplicateSimilarity(a, b) >= threshold
}

export function createNearDuplicateIndex(options: { threshold?: number } = {}): NearDuplicateIndex {
  const threshold = options.threshold ?? DEFAULT_NEAR_DUPLICATE_THRESHOLD
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`near-duplicate threshold must be in (0, 1], not ${threshold}`)
  return buildIndex(threshold, new Map())
}

/** An index saved with toJSON (and JSON.stringify), or the reason it cannot be used: then rebuild it from the texts. */
export function restoreNearDuplicateIndex(data: unknown): RestoreResult {
  const format = z.object({ format: z.number() }).safeParse(data)
  if (format.success && format.data.format !== INDEX_FORMAT) {
    return { ok: false, reason: `near-duplicate index was built by another version (format ${format.data.format}); rebuild it from the article texts` }
  }
  const parsed = indexDataSchema.safeParse(data)
  if (!parsed.success) return { ok: false, reason: 'near-duplicate index data is not in the expected form; rebuild it from the article texts' }
  const entries = new Map<string, Entry>()
  for (const article of parsed.data.articles) {
    const signature = decodeSignature(article.signature)
    if (!signature) return { ok: false, reason: `near-duplicate index entry ${article.id} is damaged; rebuild it from the article texts` }
    entries.set(article.id, { shingles: article.shingles, signature, encoded: article.signature })
  }
  return { ok: true, index: buildIndex(parsed.data.threshold, entries) }
}

function buildIndex(threshold: number, entries: Map<string, Entry>): NearDuplicateIndex {
  // One map per band: band hash → the id, or ids, of the articles whose signature has that band.
  // Most bands of distinct articles are theirs alone, so a lone id is stored without an array: that
  // halves the index's memory (about 25 MB for 10,000 articles).
  const buckets = Array.from({ length: BANDS }, () => new Map<number, string | string[]>())
  // Band keys are computed once per article added and shared by the lookup and the insertion: with
  // the lookup, they were most of the near-duplicate work left on the importer's thread.
  const addToBuckets = (id: string, entry: Entry, keys = bandKeys(entry.signature)) => {
    if (entry.shingles === 0) return
    for (let band = 0; band < BANDS; band++) {
      const bucket = buckets[band] as Map<number, string | string[]>
      const key = keys[band] as number
      const ids = bucket.get(key)
      if (ids === undefined) bucket.set(key, id)
      else if (typeof ids === 'string') bucket.set(key, [ids, id])
      else ids.push(id)
    }
  }
  const removeFromBuckets = (id: string, entry: Entry) => {
    if (entry.shingles === 0) return
    buckets.forEach((bucket, band) => {
      const key = bandKey(entry.signature, band)
      const ids = bucket.get(key) ?? []
      const rest = (typeof ids === 'string' ? [ids] : ids).filter((other) => other !== id)
      if (rest.length === 0) bucket.delete(key)
      else bucket.set(key, rest.length === 1 ? (rest[0] as string) : rest)
    })
  }
  for (const [id, entry] of entries) addToBuckets(id, entry)

  const remove = (id: string) => {
    const entry = entries.get(id)
    if (!entry) return
    removeFromBuckets(id, entry)
    entries.delete(id)
  }

  const addEntry = (id: string, entry: Entry) => {
    remove(id)
    entries.set(id, entry)
    addToBuckets(id, entry)
  }
  const addEntryAndFindSimilar = (id: string, entry: Entry) => {
    remove(id)
    const keys = bandKeys(entry.signature)
    const similar = similarTo(entry, keys)
    entries.set(id, entry)
    addToBuckets(id, entry, keys)
    return similar
  }

  return {
    add(id, text) {
      addEntry(id, entryOf(text))
    },
    remove,
    findSimilar(text) {
      return similarTo(entryOf(text))
    },
    addAndFindSimilar(id, text) {
      return addEntryAndFindSimilar(id, entryOf(text))
    },
    addEntry(id, entry) {
      addEntry(id, ownEntry(entry))
    },
    addEntryAndFindSimilar(id, entry) {
      return addEntryAndFindSimilar(id, ownEntry(entry))
    },
    get size() {
      return entries.size
    },
    toJSON() {
      return {
        format: INDEX_FORMAT,
        threshold,
        articles: [...entries].map(([id, entry]) => ({ id, shingles: entry.shingles, signature: (entry.encoded ??= encodeSignature(entry.signature)) })),
      }
    },
  }

  function similarTo({ shingles: size, signature }: Entry, keys = bandKeys(signature)): SimilarArticle[] {
    if (size === 0) return []
    let candidates: Set<string> | null = null
    for (let band = 0; band < BANDS; band++) {
      const ids = (buckets[band] as Map<number, string | string[]>).get(keys[band] as number)
      if (ids === undefined) continue
      candidates ??= new Set<string>()
      if (typeof ids === 'string') candidates.add(ids)
      else for (const id of ids) candidates.add(id)
    }
    // Most articles share no band with any other: no candidates, nothing to compare.
    if (candidates === null) return []
    const found: SimilarArticle[] = []
    for (const id of candidates) {
      const entry = entries.get(id) as Entry
      const similarity = estimatedSimilarity(signature, size, entry)
      if (similarity >= threshold) found.push({ id, similarity })
    }
    return found.sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }
}

/** What the index keeps of a text, to be added with addEntry or addEntryAndFindSimilar. */
/** `furniture`: the text's boilerplate ranges, when the caller has detected them already. */
export function nearDuplicateEntry(text: string, furniture?: readonly BoilerplateSpan[]): NearDuplicateEntry {
  return entryOf(text, furniture)
}

function entryOf(text: string, furniture?: readonly BoilerplateSpan[]): Entry {
  const shingles = shingleHashes(text, furniture)
  return { shingles: countDistinct(shingles), signature: minHashSignature(shingles) }
}

/**
 * An entry made elsewhere (another thread), checked, in an object of the index's own: a signature of
 * another length would be compared out of bounds, and the index adds its saved form to its entries.
 */
function ownEntry(entry: NearDuplicateEntry): Entry {
  if (entry.signature.length !== SIGNATURE_LENGTH || !Number.isInteger(entry.shingles) || entry.shingles < 0) {
    throw new RangeError(`near-duplicate entry must have ${SIGNATURE_LENGTH} signature values and a shingle count, not ${entry.signature.length} and ${entry.shingles}`)
  }
  return { shingles: entry.shingles, signature: entry.signature }
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

/** Distinct values, counted in an open-addressing table reused from text to text (no Set per article). */
function countDistinct(values: Uint32Array): number {
  let capacity = 16
  while (capacity < values.length * 2) capacity *= 2
  if (distinctSlots.length < capacity) {
    distinctSlots = new Uint32Array(capacity)
    distinctUsed = new Uint8Array(capacity)
  } else distinctUsed.fill(0, 0, capacity)
  const mask = capacity - 1
  let distinct = 0
  for (const value of values) {
    // Shingle hashes are already mixed, so their low bits spread evenly over the slots.
    let slot = value & mask
    while (distinctUsed[slot] === 1 && distinctSlots[slot] !== value) slot = (slot + 1) & mask
    if (distinctUsed[slot] === 0) {
      distinctUsed[slot] = 1
      distinctSlots[slot] = value
      distinct++
    }
  }
  return distinct
}

let distinctSlots = new Uint32Array(0)
let distinctUsed = new Uint8Array(0)

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

/**
 * FNV-1a hashes of the words of the lower-cased text, where a word is a run of letters and digits
 * (what /[\p{L}\p{N}]+/u matches), computed in one pass over the characters without making a string
 * per word. Hashes are kept as signed 32-bit integers, which V8 stores unboxed.
 */
function lowerCaseWordHashes(text: string): Int32Array {
  const lower = text.toLowerCase()
  // A word and the character after it take at least two code units.
  const hashes = new Int32Array((lower.length >> 1) + 1)
  let count = 0
  let hash = FNV_OFFSET
  let inWord = false
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i)
    let units = 1
    let word: boolean
    if (code < 0x80) word = ASCII_WORD_CHARACTERS[code] === 1
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(lower.charCodeAt(i + 1))) {
      word = WORD_CHARACTER.test(lower.slice(i, i + 2))
      units = 2
    } else word = isBmpWordCharacter(code)
    if (word) {
      inWord = true
      hash = Math.imul(hash ^ code, FNV_PRIME)
      if (units === 2) hash = Math.imul(hash ^ lower.charCodeAt(i + 1), FNV_PRIME)
    } else if (inWord) {
      hashes[count++] = hash
      hash = FNV_OFFSET
      inWord = false
    }
    i += units - 1
  }
  if (inWord) hashes[count++] = hash
  return hashes.subarray(0, count)
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

/** Whether a BMP character is a letter or a digit in Unicode's sense; asked of the regex once per character. */
function isBmpWordCharacter(code: number): boolean {
  let known = wordCharacterCache[code] as number
  if (known === 0) {
    known = WORD_CHARACTER.test(String.fromCharCode(code)) ? 1 : 2
    wordCharacterCache[code] = known
  }
  return known === 1
}

const WORD_CHARACTER = /^[\p{L}\p{N}]$/u
const ASCII_WORD_CHARACTERS = Uint8Array.from({ length: 0x80 }, (_, code) => (WORD_CHARACTER.test(String.fromCharCode(code)) ? 1 : 0))
/** Per BMP code point: 0 not looked at yet, 1 a word character, 2 not one. */
const wordCharacterCache = new Uint8Array(0x10000)
const FNV_OFFSET = 0x811c9dc5 | 0
const FNV_PRIME = 0x01000193

/**
 * One shingle's hash from its words' hashes, in order ("a b c" and "c b a" differ): chained by
 * multiplication, then mixed once, so every bit of every word reaches every bit of the result.
 */
function shingleHash(wordHashes: Int32Array, from: number, count: number): number {
  let hash = SHINGLE_SEED ^ count
  for (let i = from; i < from + count; i++) hash = Math.imul(hash ^ (wordHashes[i] as number), 0x9e3779b1)
  return fmix32(hash)
}

/** Shared shingles as a share of the shorter text's (containment), or of both (Jaccard) for very short texts. */
function similarityOf(shared: number, sizeA: number, sizeB: number): number {
  const smaller = Math.min(sizeA, sizeB)
  if (smaller === 0) return 0
  if (smaller < MIN_SHINGLES_FOR_CONTAINMENT) return shared / (sizeA + sizeB - shared)
  return Math.min(1, shared / smaller)
}

/** MinHash estimates Jaccard J; with both set sizes known, the shared count follows: J·(|A|+|B|)/(1+J). */
function estimatedSimilarity(signature: Uint32Array, shingles: number, entry: Entry): number {
  let equal = 0
  for (let i = 0; i < SIGNATURE_LENGTH; i++) if (signature[i] === entry.signature[i]) equal++
  const jaccard = equal / SIGNATURE_LENGTH
  const shared = (jaccard * (shingles + entry.shingles)) / (1 + jaccard)
  return similarityOf(Math.min(shared, shingles, entry.shingles), shingles, entry.shingles)
}

/**
 * One-permutation MinHash with optimal densification (Shrivastava, ICML 2017): a shingle's hash picks
 * one of the signature's bins and is its value there; a bin keeps its smallest value.
 * The chance that two texts agree in a bin is their Jaccard similarity, as with one hash function per
 * bin, at one hash per shingle instead of 126. A bin no shingle fell into (short texts) borrows the
 * value of another bin picked by a fixed sequence of its own, so two texts borrow alike whenever
 * they fill the same bins.
 */
function minHashSignature(shingles: Uint32Array): Uint32Array {
  const signature = new Uint32Array(SIGNATURE_LENGTH).fill(EMPTY_BIN)
  const filled = new Uint8Array(SIGNATURE_LENGTH)
  for (const shingle of shingles) {
    const bin = binOf(shingle)
    if (filled[bin] === 0 || shingle < (signature[bin] as number)) signature[bin] = shingle
    filled[bin] = 1
  }
  if (shingles.length === 0) return signature
  for (let bin = 0; bin < SIGNATURE_LENGTH; bin++) {
    if (filled[bin] === 0) signature[bin] = signature[densifyingDonor(bin, filled)] as number
  }
  return signature
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

/**
 * A band's rows as one map key of 30 bits: V8 keeps such numbers unboxed (small integers), while a
 * full 32-bit key is a heap number, allocated and hashed as an object at every lookup; that made the
 * buckets cost as much as the signatures. Two unlike bands meet one time in a billion, and candidates
 * are checked against the whole signature anyway.
 */
function bandKeys(signature: Uint32Array): Int32Array {
  const keys = new Int32Array(BANDS)
  for (let band = 0; band < BANDS; band++) keys[band] = bandKey(signature, band)
  return keys
}

function bandKey(signature: Uint32Array, band: number): number {
  let key = Math.imul(band + 1, 0x9e3779b1)
  for (let row = 0; row < ROWS_PER_BAND; row++) key = fmix32(key ^ (signature[band * ROWS_PER_BAND + row] as number))
  return key & SMALL_INTEGER_MASK
}

const SMALL_INTEGER_MASK = 0x3fffffff

/** MurmurHash3's finaliser: mixes every input bit into every output bit, a bijection on 32 bits. */
function fmix32(value: number): number {
  let h = value >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

function encodeSignature(signature: Uint32Array): string {
  const bytes = new Uint8Array(signature.length * 4)
  const view = new DataView(bytes.buffer)
  signature.forEach((value, i) => view.setUint32(i * 4, value, true))
  return Buffer.from(bytes).toString('base64')
}

function decodeSignature(encoded: string): Uint32Array | null {
  const bytes = Buffer.from(encoded, 'base64')
  if (bytes.length !== SIGNATURE_LENGTH * 4) return null
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return Uint32Array.from({ length: SIGNATURE_LENGTH }, (_, i) => view.getUint32(i * 4, true))
}

const indexDataSchema = z.object({
  format: z.number().int(),
  threshold: z.number().gt(0).lte(1),
  articles: z.array(z.object({ id: z.string(), shingles: z.number().int().nonnegative(), signature: z.string() })),
})
