// What the provenance index keeps of one article (the derived index's entry): its credits, with the
// sentence making each and whether it is the article's own, and a small sketch of each passage long
// enough to be worth tracing, for passage reuse. Computed from the text alone, in a worker thread
// (provenance-worker.ts) or on the service's thread; kept compact, since 10,000 articles' entries are
// saved as one JSON file. Must not import electron, nor the store.

import { detectBoilerplate } from '../../shared/boilerplate/detect-boilerplate'
import { analyseArticleCredits, type ArticleCredit, type OwnPart } from '../../shared/provenance/article-credits'
import type { CreditKind } from '../../shared/provenance/credits'
import { splitParagraphs } from '../../shared/provenance/sentences'
import type { DerivedArticle } from '../derived/derived-worker-protocol'
import { passageShingleHashes } from '../import/near-duplicates'

/** One credit: kind, label, key, start, end, sentence start, sentence end, own part ('' when none). */
export type StoredCredit = [kind: CreditKind, label: string, key: string, start: number, end: number, sentenceStart: number, sentenceEnd: number, own: OwnPart | '']

/** One passage: start, end, its number of distinct shingles, and its sketch (the smallest shingle hashes, base64). */
export type StoredPassage = [start: number, end: number, shingles: number, sketch: string]

export interface ProvenanceEntry {
  credits: StoredCredit[]
  passages: StoredPassage[]
}

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
  const passages: StoredPassage[] = []
  for (const paragraph of splitParagraphs(article.text, boilerplate)) {
    for (const sentence of paragraph.sentences) {
      const shingles = passageShingleHashes(article.text.slice(sentence.start, sentence.end))
      if (shingles.length < MIN_PASSAGE_WORDS - 2) continue
      const sketch = bottomK(shingles)
      passages.push([sentence.start, sentence.end, sketch.distinct, encodeSketch(sketch.values)])
    }
  }
  return { credits, passages }
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

function encodeSketch(values: Uint32Array): string {
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
