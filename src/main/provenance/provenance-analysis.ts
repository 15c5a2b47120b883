// What the provenance index keeps of one article (the derived index's entry): its credits, with the
// sentence making each and whether it is the article's own, and a small sketch of each passage long
// enough to be worth tracing, for passage reuse. Computed from the text alone, in a worker thread
// (provenance-worker.ts) or on the service's thread; kept compact, since 10,000 articles' entries are
// saved as one JSON file and held in memory by the service. Must not import electron, nor the store.

import { detectBoilerplate } from '../../shared/boilerplate/detect-boilerplate'
import { analyseArticleCredits, type ArticleCredit, type OwnPart } from '../../shared/provenance/article-credits'
import type { CreditKind } from '../../shared/provenance/credits'
import { splitParagraphs } from '../../shared/provenance/sentences'
import type { DerivedArticle } from '../derived/derived-worker-protocol'
import { passageShingleHashes } from '../import/near-duplicate-signature'

/** One credit: kind, label, key, start, end, sentence start, sentence end, own part ('' when none). */
export type StoredCredit = [kind: CreditKind, label: string, key: string, start: number, end: number, sentenceStart: number, sentenceEnd: number, own: OwnPart | '']

/** One passage as the sidecar file keeps it: start, end, its number of distinct shingles, and its sketch (the smallest shingle hashes, base64). */
export type StoredPassage = [start: number, end: number, shingles: number, sketch: string]

/** An entry as the sidecar file keeps it (derived-provenance.json), unchanged since the index's version 1. */
export interface SavedProvenanceEntry {
  credits: StoredCredit[]
  passages: StoredPassage[]
}

/**
 * An entry as the service holds it: the credits, and the passages in one typed array, PASSAGE_SLOTS
 * values each (see passageSlot). A 10,000-article corpus has about 450,000 passages: as a tuple with a
 * base64 string each they were ~190 bytes of heap apiece (~85 MB, kept for the whole session);
 * here 80 bytes, and no object per passage for the collector to trace.
 */
export interface ProvenanceEntry {
  credits: StoredCredit[]
  passages: Uint32Array
}

/** Where each value of a passage lies among its PASSAGE_SLOTS: start, end, distinct shingles, sketch length, then the sketch (SKETCH_SIZE slots, those past its length 0). */
export const passageSlot = { start: 0, end: 1, shingles: 2, sketchLength: 3, sketch: 4 } as const

/**
 * Sentences shorter than this are not traced as passages: a short sentence ("Israel and Syria have
 * been at war since 1948.") is written alike by reporters who never saw each other's copy.
 */
export const MIN_PASSAGE_WORDS = 12
/**
 * Shingle hashes kept per passage (a bottom-k sketch): enough to tell a copy (most of them shared)
 * from a rewrite (16 values estimate a containment within about ±0.1), at 64 bytes a passage; whole shingle sets would make the index tens of MB.
 */
export const SKETCH_SIZE = 16
/** Values per passage in ProvenanceEntry.passages. */
export const PASSAGE_SLOTS = passageSlot.sketch + SKETCH_SIZE

export function analyseProvenance(article: DerivedArticle): ProvenanceEntry {
  const boilerplate = detectBoilerplate(article.text)
  const credits = analyseArticleCredits(article.text, boilerplate).map((c): StoredCredit => [
    c.kind,
    c.label,
    c.key,
    c.start,
    c.end,
    c.sentence.start,
    c.sentence.end,
    c.own ?? '',
  ])
  const passages: number[] = []
  for (const paragraph of splitParagraphs(article.text, boilerplate)) {
    for (const sentence of paragraph.sentences) {
      const shingles = passageShingleHashes(article.text.slice(sentence.start, sentence.end))
      if (shingles.length < MIN_PASSAGE_WORDS - 2) continue
      const sketch = bottomK(shingles)
      const slots = new Array<number>(PASSAGE_SLOTS).fill(0)
      slots[passageSlot.start] = sentence.start
      slots[passageSlot.end] = sentence.end
      slots[passageSlot.shingles] = sketch.distinct
      slots[passageSlot.sketchLength] = sketch.values.length
      sketch.values.forEach((value, v) => (slots[passageSlot.sketch + v] = value))
      passages.push(...slots)
    }
  }
  return { credits, passages: Uint32Array.from(passages) }
}

/** The number of passages of an entry. */
export function passageCount(entry: ProvenanceEntry): number {
  return entry.passages.length / PASSAGE_SLOTS
}

/** The entry as the sidecar file keeps it: the same JSON as before entries were held in typed arrays, so saved indexes stay valid. */
export function savedProvenanceEntry(entry: ProvenanceEntry): SavedProvenanceEntry {
  const passages: StoredPassage[] = []
  for (let at = 0; at < entry.passages.length; at += PASSAGE_SLOTS) {
    const length = entry.passages[at + passageSlot.sketchLength] as number
    const sketch = entry.passages.subarray(at + passageSlot.sketch, at + passageSlot.sketch + length)
    passages.push([
      entry.passages[at + passageSlot.start] as number,
      entry.passages[at + passageSlot.end] as number,
      entry.passages[at + passageSlot.shingles] as number,
      encodeSketch(sketch),
    ])
  }
  return { credits: entry.credits, passages }
}

/**
 * An entry read back from the sidecar file, its sketches decoded once into the entry's typed array.
 * Throws on anything not shaped as savedProvenanceEntry writes it (the runner then analyses that
 * article again rather than tracing from a damaged entry).
 */
export function provenanceEntryFromSaved(saved: unknown): ProvenanceEntry {
  const { credits, passages } = (saved ?? {}) as Partial<SavedProvenanceEntry>
  if (!Array.isArray(credits) || !Array.isArray(passages)) throw new Error('a provenance entry has credits and passages')
  const slots = new Uint32Array(passages.length * PASSAGE_SLOTS)
  const bytes = Buffer.alloc(SKETCH_SIZE * 4)
  passages.forEach((passage, p) => {
    const [start, end, shingles, sketch] = (Array.isArray(passage) ? passage : []) as Partial<StoredPassage>
    if (!isOffset(start) || !isOffset(end) || !isOffset(shingles) || typeof sketch !== 'string') throw new Error('a stored passage is start, end, shingles and a sketch')
    const at = p * PASSAGE_SLOTS
    slots[at + passageSlot.start] = start
    slots[at + passageSlot.end] = end
    slots[at + passageSlot.shingles] = shingles
    // decodeSketch's values, through one scratch buffer rather than a buffer per passage.
    const length = Math.min(SKETCH_SIZE, bytes.write(sketch, 'base64') >> 2)
    slots[at + passageSlot.sketchLength] = length
    for (let v = 0; v < length; v++) slots[at + passageSlot.sketch + v] = bytes.readUInt32LE(v * 4)
  })
  return { credits, passages: slots }
}

function isOffset(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 0xffffffff
}

/** The credits of an entry as the origin tracer reads them. */
export function creditsOf(entry: ProvenanceEntry): ArticleCredit[] {
  return entry.credits.map(([kind, label, key, start, end, sentenceStart, sentenceEnd, own]) => ({
    kind,
    label,
    key,
    name: label,
    start,
    end,
    sentence: { start: sentenceStart, end: sentenceEnd },
    own: own === '' ? null : own,
  }))
}

/** The SKETCH_SIZE smallest distinct hashes, ascending, and how many distinct hashes there are. */
function bottomK(hashes: Uint32Array): { values: Uint32Array; distinct: number } {
  const sorted = Uint32Array.from(hashes).sort()
  const values: number[] = []
  let distinct = 0
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) continue
    distinct++
    if (values.length < SKETCH_SIZE) values.push(sorted[i] as number)
  }
  return { values: Uint32Array.from(values), distinct }
}

/** Whether this machine keeps a Uint32 in the byte order the sidecar saves it in (little-endian). */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1

function encodeSketch(values: Uint32Array): string {
  // The values' own bytes, read through a view: a buffer allocated per passage (about 450,000 at
  // 10,000 articles, at every save of the sidecar) is memory outside V8's heap, freed only when a
  // collection finds its buffer dead.
  if (LITTLE_ENDIAN) return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64')
  const bytes = Buffer.alloc(values.length * 4)
  values.forEach((value, i) => bytes.writeUInt32LE(value, i * 4))
  return bytes.toString('base64')
}

export function decodeSketch(encoded: string): Uint32Array {
  const bytes = Buffer.from(encoded, 'base64')
  const values = new Uint32Array(bytes.length >> 2)
  for (let i = 0; i < values.length; i++) values[i] = bytes.readUInt32LE(i * 4)
  return values
}
