// Tells whether two article texts are the same report: a syndicated copy with its own site's junk
// around it, or a lightly edited version. Such copies must not count as independent corroboration.
// Texts are compared as sets of three-word shingles after the lines detectBoilerplate marks are set
// aside; an index of MinHash signatures with LSH banding finds the copies of a new article among
// tens of thousands without comparing it with each. Shingles are 32-bit hashes combined from word
// hashes (no joined strings), and a signature is one-permutation MinHash: each shingle is hashed
// once, into one of the signature's bins, instead of once per signature value, which made the index
// cost about 1 ms per article. Hashing is seeded, so the same texts always give the same signatures
// and a persisted index stays valid. A text's entry (nearDuplicateEntry, near-duplicate-signature.ts)
// is computed apart from the index, in a worker thread, and added with the *Entry methods. Pure
// computation: no file system.

import { z } from 'zod'
import { articleShingles, BANDS, fmix32, nearDuplicateEntry, ROWS_PER_BAND, SIGNATURE_LENGTH, type NearDuplicateEntry } from './near-duplicate-signature'

export { articleShingles, nearDuplicateEntry, passageShingleHashes, type NearDuplicateEntry } from './near-duplicate-signature'

/**
 * Share of the shorter text's shingles found in the longer one from which two texts are copies.
 * Measured: a copy with five junk lines or a few words changed scores above 0.9; different reports of
 * the same story stay under 0.25, even two rewrites of one wire report (seeds 002 and 003: 0.21).
 */
export const DEFAULT_NEAR_DUPLICATE_THRESHOLD = 0.8
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
  has(id: string): boolean
  /** The ids indexed, a copy: safe to remove from while going through it. */
  ids(): string[]
  toJSON(): NearDuplicateIndexData
  /**
   * JSON.stringify(toJSON()) in pieces, of the index as it is when called: saved that way, the index
   * of 100,000 articles (70 MB) is never one string, nor its entries objects made for the purpose.
   */
  jsonPieces(): Iterable<string>
}

export interface NearDuplicateIndexData {
  format: number
  threshold: number
  /** Per article: its id, its number of shingles and its MinHash signature (little-endian uint32, base64). */
  articles: { id: string; shingles: number; signature: string }[]
}

export type RestoreResult = { ok: true; index: NearDuplicateIndex } | { ok: false; reason: string }

interface Entry extends NearDuplicateEntry {
  /**
   * The signature as saved, made as the entry is added and kept: a store's index is saved at every
   * import, at its end, while an import's thread has time to spare as it adds each text.
   */
  encoded: string
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
      addEntry(id, ownEntry(nearDuplicateEntry(text)))
    },
    remove,
    findSimilar(text) {
      return similarTo(nearDuplicateEntry(text))
    },
    addAndFindSimilar(id, text) {
      return addEntryAndFindSimilar(id, ownEntry(nearDuplicateEntry(text)))
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
    has(id) {
      return entries.has(id)
    },
    ids() {
      return [...entries.keys()]
    },
    toJSON() {
      return {
        format: INDEX_FORMAT,
        threshold,
        articles: [...entries].map(([id, entry]) => ({ id, shingles: entry.shingles, signature: entry.encoded })),
      }
    },
    jsonPieces() {
      return indexJsonPieces(threshold, [...entries])
    },
  }

  function similarTo({ shingles: size, signature }: NearDuplicateEntry, keys = bandKeys(signature)): SimilarArticle[] {
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

function* indexJsonPieces(threshold: number, entries: readonly [string, Entry][]): Generator<string> {
  yield `{"format":${INDEX_FORMAT},"threshold":${JSON.stringify(threshold)},"articles":[`
  for (let at = 0; at < entries.length; at++) {
    const [id, entry] = entries[at] as [string, Entry]
    // The signature is base64 and the count an integer: only the id needs JSON's quoting.
    yield `${at === 0 ? '' : ','}{"id":${JSON.stringify(id)},"shingles":${entry.shingles},"signature":"${entry.encoded}"}`
  }
  yield ']}'
}

/**
 * An entry made elsewhere (another thread), checked, in an object of the index's own: a signature of
 * another length would be compared out of bounds, and the index adds its saved form to its entries.
 */
function ownEntry(entry: NearDuplicateEntry): Entry {
  if (entry.signature.length !== SIGNATURE_LENGTH || !Number.isInteger(entry.shingles) || entry.shingles < 0) {
    throw new RangeError(`near-duplicate entry must have ${SIGNATURE_LENGTH} signature values and a shingle count, not ${entry.signature.length} and ${entry.shingles}`)
  }
  return { shingles: entry.shingles, signature: entry.signature, encoded: encodeSignature(entry.signature) }
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
  // Base64 only: the signature is saved again as it was read, unquoted (indexJsonPieces).
  articles: z.array(z.object({ id: z.string(), shingles: z.number().int().nonnegative(), signature: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/) })),
})
