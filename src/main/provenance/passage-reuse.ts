// Finds passages (sentences) that appear nearly verbatim in articles of different outlets, where the
// whole articles are not near-duplicates (those are the import's business), and traces each set of
// copies to its root: the appearance in the outlet another copy credits, else the one dated first;
// where neither decides, the copies form one group with no root. The passages' sketches come from the
// provenance index (provenance-analysis.ts): bottom-k sketches of the same three-word shingles the
// near-duplicate index uses for whole articles, compared the same way (containment estimated from a
// Jaccard estimate and the two sizes). Runs on the service's thread over the index's entries; no
// file system, no store.

import type { PassageCopy } from '../../shared/provenance/origins'
import { sourceKey } from '../../shared/provenance/source-names'
import { creditsOf, decodeSketch, SKETCH_SIZE, type ProvenanceEntry } from './provenance-analysis'

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

interface Passage {
  article: ReuseArticle
  start: number
  end: number
  shingles: number
  sketch: Uint32Array
}

/** Each article's copied passages, by article id (articles with none are absent). */
export function findPassageReuse(articles: readonly ReuseArticle[], entryOf: (id: string) => ProvenanceEntry | undefined): Map<string, PassageCopy[]> {
  const passages: Passage[] = []
  for (const article of articles) {
    for (const [start, end, shingles, sketch] of entryOf(article.id)?.passages ?? []) passages.push({ article, start, end, shingles, sketch: decodeSketch(sketch) })
  }
  const buckets = new Map<number, number[]>()
  passages.forEach((p, i) => {
    for (let v = 0; v < Math.min(BUCKET_VALUES, p.sketch.length); v++) {
      const key = p.sketch[v] as number
      const bucket = buckets.get(key)
      if (bucket) bucket.push(i)
      else buckets.set(key, [i])
    }
  })

  const parent = passages.map((_, i) => i)
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number
    return i
  }
  // A pair sharing several compared buckets is compared in the one of its smallest shared value only.
  // (A set of the pairs compared, as before, grew to tens of millions of entries on 10,000 articles:
  // about a gigabyte and most of the time.) Which bucket compares a pair does not change the groups.
  const compared = (key: number) => {
    const bucket = buckets.get(key)
    return bucket !== undefined && bucket.length >= 2 && bucket.length <= MAX_BUCKET
  }
  const sharesSmallerComparedBucket = (a: Passage, b: Passage, key: number): boolean => {
    for (let u = 0; u < Math.min(BUCKET_VALUES, a.sketch.length); u++) {
      const value = a.sketch[u] as number
      if (value >= key) continue
      for (let v = 0; v < Math.min(BUCKET_VALUES, b.sketch.length); v++) if (b.sketch[v] === value && compared(value)) return true
    }
    return false
  }
  for (const [key, bucket] of buckets) {
    if (!compared(key)) continue
    for (let x = 0; x < bucket.length; x++) {
      for (let y = x + 1; y < bucket.length; y++) {
        const i = bucket[x] as number
        const j = bucket[y] as number
        const a = passages[i] as Passage
        const b = passages[j] as Passage
        if (sharesSmallerComparedBucket(a, b, key)) continue
        if (!independentArticles(a.article, b.article)) continue
        if (estimatedContainment(a, b) >= PASSAGE_COPY_THRESHOLD) parent[find(i)] = find(j)
      }
    }
  }

  const clusters = new Map<number, number[]>()
  passages.forEach((_, i) => {
    const root = find(i)
    const members = clusters.get(root)
    if (members) members.push(i)
    else clusters.set(root, [i])
  })
  const copies = new Map<string, PassageCopy[]>()
  for (const members of clusters.values()) {
    const articleIds = new Set(members.map((i) => (passages[i] as Passage).article.id))
    if (articleIds.size < 2) continue
    const appearances = members.map((i) => passages[i] as Passage)
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
  let i = 0
  let j = 0
  let taken = 0
  let both = 0
  while (taken < SKETCH_SIZE && (i < a.sketch.length || j < b.sketch.length)) {
    const x = i < a.sketch.length ? (a.sketch[i] as number) : Infinity
    const y = j < b.sketch.length ? (b.sketch[j] as number) : Infinity
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
  const shared = (jaccard * (a.shingles + b.shingles)) / (1 + jaccard)
  return Math.min(1, shared / Math.min(a.shingles, b.shingles))
}

/**
 * The appearance the copies are traced to: one in an outlet that another copy credits (in the
 * copied sentence or among its article's own credits); else the one dated first, when one is;
 * else none.
 */
function rootOf(appearances: readonly Passage[], entryOf: (id: string) => ProvenanceEntry | undefined): Passage | null {
  const creditedKeys = (p: Passage) => {
    const entry = entryOf(p.article.id)
    const credits = entry ? creditsOf(entry) : []
    return new Set(credits.filter((c) => c.kind !== 'anonymous' && (c.own !== null || (c.sentence.start < p.end && p.start < c.sentence.end))).map((c) => c.key))
  }
  const credited = appearances.filter(
    (p) => p.article.outlet && appearances.some((other) => other.article.id !== p.article.id && creditedKeys(other).has(sourceKey(p.article.outlet as string))),
  )
  const creditedArticles = new Set(credited.map((p) => p.article.id))
  if (creditedArticles.size === 1) return credited[0] as Passage
  // The earliest dated appearance decides only when every appearance is dated (an undated one may be
  // older) and no other shares its date.
  const dated = appearances.filter((p) => p.article.date !== null).sort((a, b) => (a.article.date as string).localeCompare(b.article.date as string))
  if (dated.length === appearances.length && dated.length > 0) {
    const [earliest, next] = dated as [Passage, Passage | undefined]
    if (!next || next.article.date !== earliest.article.date) return earliest
  }
  return null
}
