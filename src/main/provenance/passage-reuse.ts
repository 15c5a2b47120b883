// Finds passages (sentences) that appear nearly verbatim in articles of different outlets, where the
// whole articles are not near-duplicates (those are the import's business), and traces each set of
// copies to its root: the appearance in the outlet another copy credits, else the one dated first;
// where neither decides, the copies form one group with no root. The passages' sketches come from the
// provenance index (provenance-analysis.ts): bottom-k sketches of the same three-word shingles the
// near-duplicate index uses for whole articles, compared the same way (containment estimated from a
// Jaccard estimate and the two sizes). Three steps: the passages gathered into typed arrays
// (PassageTable), the copied ones clustered (clusterCopiedPassages: the heavy step, and the only one
// that reads the sketches, so it can run in a worker: passage-reuse-in-worker.ts), and the clusters
// traced to their roots (copiesOfClusters). No file system, no store.

import type { PassageCopy } from '../../shared/provenance/origins'
import { sourceKey } from '../../shared/provenance/source-names'
import { creditsOf, PASSAGE_SLOTS, passageCount, passageSlot, SKETCH_SIZE, type ProvenanceEntry } from './provenance-analysis'

export interface ReuseArticle {
  id: string
  outlet: string | null
  date: string | null
  nearDuplicateOf: string | null
}

/**
 * Share of the shorter passage's shingles found in the other from which the two are one passage
 * copied: a copy with a word or two changed keeps about 80%; two reporters' own sentences about one
 * fact share a few names, well under half.
 */
export const PASSAGE_COPY_THRESHOLD = 0.75
/** Sketch values a passage is bucketed under: two copies share at least one of their smallest with high probability. */
const BUCKET_VALUES = 3
/**
 * A bucket holding more passages than this is skipped: a shingle that is the smallest of so many
 * sentences is a stock phrase, and comparing every pair in it would be quadratic.
 */
const MAX_BUCKET = 64

/** One passage as containment compares it: its size and sketch. */
interface Passage {
  shingles: number
  sketch: Uint32Array
}

/** One appearance of a copied passage, as the roots are traced: its article and place. */
interface Appearance {
  article: ReuseArticle
  start: number
  end: number
}

/**
 * What clustering reads of the passages, column by column: plain typed arrays, each its buffer's
 * own, so that they can be handed to a worker (transferred) as they are.
 */
export interface PassageSketches {
  size: number
  /** Each passage's article, as an index into the articles clustered. */
  article: Int32Array<ArrayBuffer>
  shingles: Int32Array<ArrayBuffer>
  /** How many values each sketch has (fewer than SKETCH_SIZE for a passage with fewer distinct shingles). */
  sketchLength: Uint8Array<ArrayBuffer>
  /** Sketch values, SKETCH_SIZE slots per passage. */
  sketches: Uint32Array<ArrayBuffer>
}

/**
 * Every passage of the corpus, column by column in typed arrays (a 10,000-article corpus has about
 * 450,000): an object and a typed array per passage, a bucket array per sketch value and a cluster
 * array per passage came to about 400 MB of heap at the peak of one run, on the service's thread.
 */
export class PassageTable implements PassageSketches {
  readonly size: number
  readonly article: Int32Array<ArrayBuffer>
  readonly start: Int32Array<ArrayBuffer>
  readonly end: Int32Array<ArrayBuffer>
  readonly shingles: Int32Array<ArrayBuffer>
  /** How many values each sketch has (fewer than SKETCH_SIZE for a passage with fewer distinct shingles). */
  readonly sketchLength: Uint8Array<ArrayBuffer>
  /** Sketch values, SKETCH_SIZE slots per passage. */
  readonly sketches: Uint32Array<ArrayBuffer>

  constructor(
    readonly articles: readonly ReuseArticle[],
    entryOf: (id: string) => ProvenanceEntry | undefined,
  ) {
    let size = 0
    for (const article of articles) {
      const entry = entryOf(article.id)
      if (entry) size += passageCount(entry)
    }
    this.size = size
    this.article = new Int32Array(size)
    this.start = new Int32Array(size)
    this.end = new Int32Array(size)
    this.shingles = new Int32Array(size)
    this.sketchLength = new Uint8Array(size)
    this.sketches = new Uint32Array(size * SKETCH_SIZE)
    let p = 0
    articles.forEach((article, a) => {
      const passages = entryOf(article.id)?.passages
      if (!passages) return
      for (let at = 0; at < passages.length; at += PASSAGE_SLOTS) {
        this.article[p] = a
        this.start[p] = passages[at + passageSlot.start] as number
        this.end[p] = passages[at + passageSlot.end] as number
        this.shingles[p] = passages[at + passageSlot.shingles] as number
        this.sketchLength[p] = passages[at + passageSlot.sketchLength] as number
        this.sketches.set(passages.subarray(at + passageSlot.sketch, at + PASSAGE_SLOTS), p * SKETCH_SIZE)
        p++
      }
    })
  }

  /** Passage p's article and place: all copiesOfClusters reads (its sketch may have gone to a worker). */
  appearance(p: number): Appearance {
    return { article: this.articles[this.article[p] as number] as ReuseArticle, start: this.start[p] as number, end: this.end[p] as number }
  }
}

/**
 * The passages under each of their smallest BUCKET_VALUES sketch values, as a table of typed arrays:
 * each distinct value's members (passage numbers, ascending) lie together in one array, and an
 * open-addressing hash table finds a value's bucket. A Map of arrays here held 1.4 million arrays.
 */
class SketchBuckets {
  /** Distinct values, in order of first appearance. */
  readonly keys: Uint32Array
  /** Bucket b's members are members[offset[b] .. offset[b + 1]). */
  readonly offset: Int32Array
  readonly members: Int32Array
  readonly count: number
  /** Bucket number by hash slot, -1 when empty. */
  private readonly slots: Int32Array
  private readonly shift: number

  constructor(table: PassageSketches) {
    let entries = 0
    for (let p = 0; p < table.size; p++) entries += Math.min(BUCKET_VALUES, table.sketchLength[p] as number)
    let bits = 4
    while (1 << bits < entries * 2) bits++
    this.shift = 32 - bits
    this.slots = new Int32Array(1 << bits).fill(-1)
    const keys = new Uint32Array(entries)
    this.keys = keys
    const sizes = new Int32Array(entries)
    let count = 0
    // First pass: the distinct values, in order of first appearance, and their buckets' sizes.
    for (let p = 0; p < table.size; p++) {
      const values = Math.min(BUCKET_VALUES, table.sketchLength[p] as number)
      for (let v = 0; v < values; v++) {
        const key = table.sketches[p * SKETCH_SIZE + v] as number
        const slot = this.slotOf(key)
        let bucket = this.slots[slot] as number
        if (bucket < 0) {
          bucket = count++
          keys[bucket] = key
          this.slots[slot] = bucket
        }
        sizes[bucket] = (sizes[bucket] as number) + 1
      }
    }
    this.count = count
    this.offset = new Int32Array(count + 1)
    for (let b = 0; b < count; b++) this.offset[b + 1] = (this.offset[b] as number) + (sizes[b] as number)
    // Second pass: the members, in passage order.
    this.members = new Int32Array(entries)
    const filled = new Int32Array(count)
    for (let p = 0; p < table.size; p++) {
      const values = Math.min(BUCKET_VALUES, table.sketchLength[p] as number)
      for (let v = 0; v < values; v++) {
        const bucket = this.slots[this.slotOf(table.sketches[p * SKETCH_SIZE + v] as number)] as number
        this.members[(this.offset[bucket] as number) + (filled[bucket] as number)] = p
        filled[bucket] = (filled[bucket] as number) + 1
      }
    }
  }

  /** Members in the bucket of `key` (0 when there is none). */
  sizeOf(key: number): number {
    const bucket = this.slots[this.slotOf(key)] as number
    return bucket < 0 ? 0 : (this.offset[bucket + 1] as number) - (this.offset[bucket] as number)
  }

  /** The slot holding `key`, else the empty slot where it would go (linear probing). */
  private slotOf(key: number): number {
    const mask = this.slots.length - 1
    // Sketch values are the smallest hashes of their passage, so their high bits are mostly zero:
    // mixed (Fibonacci hashing) before their top bits pick the slot.
    for (let slot = Math.imul(key, 0x9e3779b1) >>> this.shift; ; slot = (slot + 1) & mask) {
      const bucket = this.slots[slot] as number
      if (bucket < 0 || this.keys[bucket] === key) return slot
    }
  }
}

/** Each article's copied passages, by article id (articles with none are absent). */
export function findPassageReuse(articles: readonly ReuseArticle[], entryOf: (id: string) => ProvenanceEntry | undefined): Map<string, PassageCopy[]> {
  return reuseInTable(new PassageTable(articles, entryOf), entryOf)
}

/** findPassageReuse over passages already gathered, every step on this thread. */
export function reuseInTable(table: PassageTable, entryOf: (id: string) => ProvenanceEntry | undefined): Map<string, PassageCopy[]> {
  return copiesOfClusters(table, clusterCopiedPassages(table, table.articles), entryOf)
}

/**
 * The copied passages' clusters: sets of two passages or more, each the connected set of the pairs
 * found copies of each other, in order of their first passage, each's members in order. Flat: a
 * cluster's size, then its passages' numbers, cluster after cluster.
 */
export function clusterCopiedPassages(table: PassageSketches, articles: readonly ReuseArticle[]): Int32Array<ArrayBuffer> {
  const buckets = new SketchBuckets(table)
  const { sketches, sketchLength } = table

  const parent = new Int32Array(table.size)
  for (let i = 0; i < table.size; i++) parent[i] = i
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number
    return i
  }
  // A pair sharing several compared buckets is compared in the one of its smallest shared value only.
  // (A set of the pairs compared, as before, grew to tens of millions of entries on 10,000 articles:
  // about a gigabyte and most of the time.) Which bucket compares a pair does not change the groups,
  // nor does the order the buckets are taken in: the groups are the pairs' connected sets.
  const comparedSize = (size: number) => size >= 2 && size <= MAX_BUCKET
  const sharesSmallerComparedBucket = (a: number, b: number, key: number): boolean => {
    const aValues = Math.min(BUCKET_VALUES, sketchLength[a] as number)
    const bValues = Math.min(BUCKET_VALUES, sketchLength[b] as number)
    for (let u = 0; u < aValues; u++) {
      const value = sketches[a * SKETCH_SIZE + u] as number
      if (value >= key) continue
      for (let v = 0; v < bValues; v++) if (sketches[b * SKETCH_SIZE + v] === value && comparedSize(buckets.sizeOf(value))) return true
    }
    return false
  }
  const articleOf = (p: number) => articles[table.article[p] as number] as ReuseArticle
  for (let bucket = 0; bucket < buckets.count; bucket++) {
    const from = buckets.offset[bucket] as number
    const to = buckets.offset[bucket + 1] as number
    if (!comparedSize(to - from)) continue
    const key = buckets.keys[bucket] as number
    for (let x = from; x < to; x++) {
      for (let y = x + 1; y < to; y++) {
        const i = buckets.members[x] as number
        const j = buckets.members[y] as number
        if (sharesSmallerComparedBucket(i, j, key)) continue
        if (!independentArticles(articleOf(i), articleOf(j))) continue
        const containment = containmentOf(
          sketches,
          i * SKETCH_SIZE,
          sketchLength[i] as number,
          table.shingles[i] as number,
          j * SKETCH_SIZE,
          sketchLength[j] as number,
          table.shingles[j] as number,
        )
        if (containment >= PASSAGE_COPY_THRESHOLD) parent[find(i)] = find(j)
      }
    }
  }

  const sizes = new Int32Array(table.size)
  let clustered = 0
  for (let i = 0; i < table.size; i++) {
    const root = find(i)
    sizes[root] = (sizes[root] as number) + 1
  }
  const clusters = new Map<number, number[]>()
  for (let i = 0; i < table.size; i++) {
    const root = find(i)
    if ((sizes[root] as number) < 2) continue
    clustered++
    const members = clusters.get(root)
    if (members) members.push(i)
    else clusters.set(root, [i])
  }
  const flat = new Int32Array(clusters.size + clustered)
  let at = 0
  for (const members of clusters.values()) {
    flat[at++] = members.length
    flat.set(members, at)
    at += members.length
  }
  return flat
}

/** Each article's copied passages, by article id, from the clusters clusterCopiedPassages found in `table`. */
export function copiesOfClusters(table: PassageTable, clusters: Int32Array, entryOf: (id: string) => ProvenanceEntry | undefined): Map<string, PassageCopy[]> {
  const copies = new Map<string, PassageCopy[]>()
  for (let at = 0; at < clusters.length;) {
    const size = clusters[at++] as number
    const members = clusters.subarray(at, at + size)
    at += size
    const appearances = Array.from(members, (i) => table.appearance(i))
    const articleIds = new Set(appearances.map((p) => p.article.id))
    if (articleIds.size < 2) continue
    const root = rootOf(appearances, entryOf)
    const first = appearances.reduce((a, b) => (a.article.id < b.article.id || (a.article.id === b.article.id && a.start < b.start) ? a : b))
    const cluster = `${first.article.id}:${first.start}`
    for (const p of appearances) {
      const copy: PassageCopy = {
        start: p.start,
        end: p.end,
        cluster,
        root: root && root !== p ? { articleId: root.article.id, start: root.start, end: root.end } : null,
        isRoot: root === p,
        articles: articleIds.size,
      }
      const list = copies.get(p.article.id)
      if (list) list.push(copy)
      else copies.set(p.article.id, [copy])
    }
  }
  return copies
}

/** Articles whose shared passages say something about provenance: other outlets, and not copies of one another as wholes. */
function independentArticles(a: ReuseArticle, b: ReuseArticle): boolean {
  if (a.id === b.id) return false
  if (a.outlet && b.outlet && sourceKey(a.outlet) === sourceKey(b.outlet)) return false
  return a.nearDuplicateOf !== b.id && b.nearDuplicateOf !== a.id && (a.nearDuplicateOf === null || a.nearDuplicateOf !== b.nearDuplicateOf)
}

/**
 * Containment of the smaller passage in the other, estimated from their bottom-k sketches: the k
 * smallest of the union's hashes are a sample of the union, and the share of them in both estimates
 * the Jaccard similarity J; with both sizes known, the shared count is J·(|A|+|B|)/(1+J).
 */
export function estimatedContainment(a: Pick<Passage, 'shingles' | 'sketch'>, b: Pick<Passage, 'shingles' | 'sketch'>): number {
  const both = new Uint32Array(a.sketch.length + b.sketch.length)
  both.set(a.sketch, 0)
  both.set(b.sketch, a.sketch.length)
  return containmentOf(both, 0, a.sketch.length, a.shingles, a.sketch.length, b.sketch.length, b.shingles)
}

/** estimatedContainment of two sketches held in one array: [aFrom, aFrom + aLength) and [bFrom, bFrom + bLength). */
function containmentOf(sketches: Uint32Array, aFrom: number, aLength: number, aShingles: number, bFrom: number, bLength: number, bShingles: number): number {
  let i = 0
  let j = 0
  let taken = 0
  let both = 0
  while (taken < SKETCH_SIZE && (i < aLength || j < bLength)) {
    const x = i < aLength ? (sketches[aFrom + i] as number) : Infinity
    const y = j < bLength ? (sketches[bFrom + j] as number) : Infinity
    if (x === y) {
      both++
      i++
      j++
    } else if (x < y) i++
    else j++
    taken++
  }
  if (taken === 0) return 0
  const jaccard = both / taken
  const shared = (jaccard * (aShingles + bShingles)) / (1 + jaccard)
  return Math.min(1, shared / Math.min(aShingles, bShingles))
}

/**
 * The appearance the copies are traced to: one in an outlet that another copy credits (in the
 * copied sentence or among its article's own credits); else the one dated first, when one is;
 * else none.
 */
function rootOf(appearances: readonly Appearance[], entryOf: (id: string) => ProvenanceEntry | undefined): Appearance | null {
  const creditedKeys = (p: Appearance) => {
    const entry = entryOf(p.article.id)
    const credits = entry ? creditsOf(entry) : []
    return new Set(credits.filter((c) => c.kind !== 'anonymous' && (c.own !== null || (c.sentence.start < p.end && p.start < c.sentence.end))).map((c) => c.key))
  }
  const credited = appearances.filter(
    (p) => p.article.outlet && appearances.some((other) => other.article.id !== p.article.id && creditedKeys(other).has(sourceKey(p.article.outlet as string))),
  )
  const creditedArticles = new Set(credited.map((p) => p.article.id))
  if (creditedArticles.size === 1) return credited[0] as Appearance
  // The earliest dated appearance decides only when every appearance is dated (an undated one may be
  // older) and no other shares its date.
  const dated = appearances.filter((p) => p.article.date !== null).sort((a, b) => (a.article.date as string).localeCompare(b.article.date as string))
  if (dated.length === appearances.length && dated.length > 0) {
    const [earliest, next] = dated as [Appearance, Appearance | undefined]
    if (!next || next.article.date !== earliest.article.date) return earliest
  }
  return null
}
