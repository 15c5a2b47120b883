// The full-text index: for each term, the documents containing it and how often, ranked with BM25.
//
// Why not MiniSearch's own index: it keeps a Map per term and field (about 30 bytes a posting) and
// serialises to one JSON string, which at 100,000 articles outgrows both the heap and V8's longest
// string. Here postings are packed integers in one typed array (4 bytes each), saved and loaded as
// raw bytes, so opening the index costs a file read, not a parse of every posting. MiniSearch still
// does the part that is hard to get right: its radix tree (`SearchableMap`) finds the vocabulary's
// prefix and fuzzy neighbours of a query term (Suweida → Sweida).

import SearchableMap from 'minisearch/SearchableMap'
import { foldText, textTerms } from './search-terms'
import { grown } from './grown-array'
import { TermTable } from './term-table'
import { ENTRY_FIELDS, type DocumentTerms, type NumberedTerms } from './document-terms'

/** A posting is `document number × 256 + term frequency` (frequencies above 255 count as 255). */
const TF_BITS = 8
const TF_MAX = (1 << TF_BITS) - 1
/** Postings are unsigned 32-bit: the document number has the remaining 24 bits. */
export const MAX_DOCUMENTS = 2 ** (32 - TF_BITS)
/** The log of added postings packs a term number with its frequency in the same way. */
const MAX_TERMS = 2 ** (32 - TF_BITS)

/** A title word counts as this many body words: a query matching the title is what the article is about. */
const TITLE_WEIGHT = 2
/** BM25's usual constants. */
const BM25_K1 = 1.2
const BM25_B = 0.7
/** Variants of a query term weigh less than the term itself. */
const PREFIX_WEIGHT = 0.375
const FUZZY_WEIGHT = 0.45
/** Shorter terms match only exactly: one edit away from a short word is nearly any word. */
const FUZZY_MIN_TERM_LENGTH = 5
/** Edits allowed per character of a longer term (1 for 5–9 letters, 2 from 10). */
const FUZZY_EDIT_SHARE = 0.2
/** Prefix completions used for the term being typed, the most frequent first: enough to find, bounded in cost. */
const MAX_PREFIX_EXPANSIONS = 32
/** Query terms beyond this are ignored: each takes one bit of a match mask. */
const MAX_QUERY_TERMS = 32
/**
 * Entries in each chunk of the log of added postings. The log grows a chunk at a time: doubling one
 * array copied every entry again at each step (a fifth of the importer thread's indexing time at
 * 10,000 articles) and briefly held the old and the new array at once.
 */
const LOG_CHUNK_LENGTH = 1 << 16

export interface IndexHit {
  id: string
  score: number
  /** The index terms that matched, for finding the hit in the text. */
  terms: string[]
}

export interface QueryOptions {
  /** Every query term must match (AND), or any (OR). */
  combine: 'and' | 'or'
  /** Complete the last query term as a prefix (the word being typed). */
  prefixLast: boolean
  limit: number
}

/** The saved form: what `serialize` writes and `deserialize` reads. */
interface IndexHeader {
  ids: string[]
  lengths: number[]
  terms: string[]
}

interface Expansion {
  term: string
  termNumber: number
  weight: number
}

export class InvertedIndex {
  /** Document number → id; '' for a removed document (its postings are skipped, then dropped on save). */
  private ids: string[] = []
  private lengths: number[] = []
  private numberOf = new Map<string, number>()
  private totalLength = 0

  private vocabularyTable = this.newTermTable([])
  /** Built on the first prefix or fuzzy lookup, then kept in step. */
  private vocabulary: SearchableMap<number> | null = null

  /** Postings term by term: `frozenPostings[frozenOffsets[t] .. frozenOffsets[t+1]]`. */
  private frozenOffsets: Uint32Array = new Uint32Array(1)
  private frozenPostings: Uint32Array = new Uint32Array(0)
  /**
   * Postings added since then, as (term, posting) pairs in the order added, folded into the arrays
   * above before they are next read. An array per term was the cost of indexing: pushing millions of
   * postings into tens of thousands of growing arrays took half of it.
   */
  private readonly log = new PostingLog()
  /** Scratch space for counting one document's terms, by term number; all zero between documents. */
  private counts: Uint32Array = new Uint32Array(1024)
  /** Scratch space for one worker-numbered document's terms in the index's numbers. */
  private mapped: Int32Array = new Int32Array(1024)

  get documentCount(): number {
    return this.numberOf.size
  }

  has(id: string): boolean {
    return this.numberOf.has(id)
  }

  /** Indexes a document, replacing any earlier version with the same id. */
  add(id: string, title: string, text: string): void {
    this.addCounted(id, title, (count) => count(this.vocabularyTable.scan(foldText(text)), 1))
  }

  /**
   * add(), with the body's terms counted beforehand (documentTerms of foldText(text), in the import's
   * preparation worker): each distinct term is looked up once. Gives the index exactly what add()
   * gives for the same text: the same term numbers, postings and lengths.
   */
  addTerms(id: string, title: string, terms: DocumentTerms | NumberedTerms): void {
    if ('numbers' in terms) return this.addNumberedTerms(id, title, terms)
    this.addCounted(id, title, (_count, touched) => {
      const { text, entries } = terms
      for (let at = 0; at < entries.length; at += ENTRY_FIELDS) {
        const termNumber = this.vocabularyTable.numberOfRange(text, entries[at]!, entries[at + 1]!, entries[at + 2]!)
        if (termNumber >= this.counts.length) this.counts = grown(this.counts, this.vocabularyTable.size)
        // Each distinct term once: its count is still zero.
        touched.push(termNumber)
        this.counts[termNumber] = entries[at + 3]!
      }
      return terms.length
    })
  }

  /**
   * addTerms() of a text numbered in its preparation worker's vocabulary, mapped to the index's
   * numbers. Each body term is distinct and already counted, so it goes straight into the log; only
   * the title is counted here, so a word in both adds the two counts in one posting.
   */
  private addNumberedTerms(id: string, title: string, terms: NumberedTerms): void {
    const { vocabulary, numbers } = terms
    if (!vocabulary) throw new Error('search terms numbered by a worker reached the index before their worker’s vocabulary was learned')
    const number = this.numberNext(id)
    // The body's terms are numbered before the title's, as add() numbers them.
    const distinct = numbers.length >> 1
    if (this.mapped.length < distinct) this.mapped = grown(this.mapped, distinct)
    const mapped = this.mapped
    for (let i = 0; i < distinct; i++) mapped[i] = vocabulary.numberIn(this.vocabularyTable, numbers[2 * i]!)
    const titleTerms: number[] = []
    const titleLength = this.countInto(this.vocabularyTable.scan(foldText(title)), TITLE_WEIGHT, titleTerms)
    const counts = this.counts
    const log = this.log
    log.beginDocument(number)
    for (let i = 0; i < distinct; i++) {
      const termNumber = mapped[i]!
      const count = numbers[2 * i + 1]! + (termNumber < counts.length ? counts[termNumber]! : 0)
      if (termNumber < counts.length) counts[termNumber] = 0
      log.push(termNumber, count)
    }
    // The title's words the body does not have.
    for (const termNumber of titleTerms) {
      if (counts[termNumber] === 0) continue
      log.push(termNumber, counts[termNumber]!)
      counts[termNumber] = 0
    }
    this.recordDocument(id, number, terms.length + TITLE_WEIGHT * titleLength)
  }

  /**
   * The body's terms, counted into `counts` by `countBody` (which returns their number), then the
   * title's, at its weight; then the document's postings and length.
   */
  private addCounted(id: string, title: string, countBody: (count: (termNumbers: Int32Array, weight: number) => number, touched: number[]) => number): void {
    const number = this.numberNext(id)
    // Counted by term number in a reused array: a Map per document was most of the indexing time.
    const touched: number[] = []
    const bodyLength = countBody((termNumbers, weight) => this.countInto(termNumbers, weight, touched), touched)
    const titleLength = this.countInto(this.vocabularyTable.scan(foldText(title)), TITLE_WEIGHT, touched)
    const counts = this.counts
    this.log.beginDocument(number)
    for (const termNumber of touched) {
      this.log.push(termNumber, counts[termNumber]!)
      counts[termNumber] = 0
    }
    this.recordDocument(id, number, bodyLength + TITLE_WEIGHT * titleLength)
  }

  /** Adds `weight` to each term's count, listing in `touched` the terms whose count was zero; returns how many terms. */
  private countInto(termNumbers: Int32Array, weight: number, touched: number[]): number {
    if (this.vocabularyTable.size > this.counts.length) this.counts = grown(this.counts, this.vocabularyTable.size)
    const counts = this.counts
    for (const termNumber of termNumbers) {
      if (counts[termNumber] === 0) touched.push(termNumber)
      counts[termNumber] = counts[termNumber]! + weight
    }
    return termNumbers.length
  }

  /** The number the document `id` is added under (an earlier version of it removed). */
  private numberNext(id: string): number {
    this.remove(id)
    const number = this.ids.length
    if (number >= MAX_DOCUMENTS) throw new Error(`The search index holds at most ${MAX_DOCUMENTS} documents.`)
    return number
  }

  private recordDocument(id: string, number: number, length: number): void {
    this.ids.push(id)
    this.lengths.push(length)
    this.numberOf.set(id, number)
    this.totalLength += length
  }

  remove(id: string): void {
    const number = this.numberOf.get(id)
    if (number === undefined) return
    this.ids[number] = ''
    this.totalLength -= this.lengths[number]!
    this.numberOf.delete(id)
  }

  query(text: string, options: QueryOptions): IndexHit[] {
    const queryTerms = [...new Set(textTerms(text))].slice(0, MAX_QUERY_TERMS)
    if (queryTerms.length === 0 || this.documentCount === 0) return []
    const slots = queryTerms.map((term, i) => this.expand(term, options.prefixLast && i === queryTerms.length - 1))
    if (options.combine === 'and' && slots.some((slot) => slot.length === 0)) return []

    const documents = this.ids.length
    const scores = new Float64Array(documents)
    const matched = new Uint32Array(documents)
    const averageLength = this.totalLength / this.documentCount
    slots.forEach((slot, i) => {
      const bit = 1 << i
      for (const { termNumber, weight } of slot) {
        const postings = this.postingsOf(termNumber)
        const idf = Math.log(1 + (this.documentCount - postings.length + 0.5) / (postings.length + 0.5))
        for (const posting of postings) {
          const number = posting >>> TF_BITS
          if (this.ids[number] === '') continue
          const tf = posting & TF_MAX
          const norm = 1 - BM25_B + (BM25_B * this.lengths[number]!) / averageLength
          scores[number]! += (weight * idf * tf * (BM25_K1 + 1)) / (tf + BM25_K1 * norm)
          matched[number]! |= bit
        }
      }
    })

    const wanted = options.combine === 'and' ? (slots.length === 32 ? 0xffffffff : (1 << slots.length) - 1) >>> 0 : 0
    const best = new TopScores(options.limit)
    for (let number = 0; number < documents; number++) {
      const mask = matched[number]!
      if (mask === 0 || (wanted !== 0 && mask !== wanted)) continue
      best.offer(number, scores[number]!)
    }
    const expansions = slots.flat()
    return best.sorted().map(({ number, score }) => ({ id: this.ids[number]!, score, terms: this.termsIn(number, expansions) }))
  }

  /**
   * Writes the index as one buffer: a JSON header, then the term offsets and postings as raw 32-bit
   * integers in the machine's byte order (little-endian on every platform Electron supports).
   */
  serialize(): Buffer {
    // Removed documents are dropped here: live documents are renumbered densely.
    const renumbered = new Int32Array(this.ids.length).fill(-1)
    const header: IndexHeader = { ids: [], lengths: [], terms: [] }
    this.ids.forEach((id, number) => {
      if (id === '') return
      renumbered[number] = header.ids.length
      header.ids.push(id)
      header.lengths.push(this.lengths[number]!)
    })
    const someRemoved = header.ids.length !== this.ids.length
    // Without removals every posting is kept as it is, so the log is folded straight into the output
    // (an import's whole index, tens of megabytes, is then neither folded into arrays of its own nor copied).
    const logged = someRemoved ? null : this.log.countByTerm(this.vocabularyTable.size)
    // Two passes, writing straight into the output: a 100,000-article index is too big to copy twice.
    const liveCounts = this.vocabularyTable.terms.map((term, termNumber) => {
      let live: number
      if (logged) live = this.frozenLength(termNumber) + logged[termNumber]!
      else {
        live = 0
        for (const posting of this.postingsOf(termNumber)) if (renumbered[posting >>> TF_BITS]! >= 0) live++
      }
      if (live > 0) header.terms.push(term)
      return live
    })
    const total = liveCounts.reduce((sum, live) => sum + live, 0)
    const json = Buffer.from(JSON.stringify(header), 'utf8')
    const offsetsAt = 8 + Math.ceil(json.length / 4) * 4
    const postingsAt = offsetsAt + (header.terms.length + 1) * 4
    const out = Buffer.alloc(postingsAt + total * 4)
    out.writeUInt32LE(INDEX_MAGIC, 0)
    out.writeUInt32LE(json.length, 4)
    json.copy(out, 8)
    const offsets = new Uint32Array(out.buffer, out.byteOffset + offsetsAt, header.terms.length + 1)
    const postings = new Uint32Array(out.buffer, out.byteOffset + postingsAt, total)
    if (logged) this.mergeLog(logged, postings, offsets, true)
    else {
      let at = 0
      let kept = 0
      liveCounts.forEach((live, termNumber) => {
        if (live === 0) return
        for (const posting of this.postingsOf(termNumber)) {
          const number = renumbered[posting >>> TF_BITS]!
          if (number >= 0) postings[at++] = number * (TF_MAX + 1) + (posting & TF_MAX)
        }
        offsets[++kept] = at
      })
    }
    // Where no term was dropped, every term keeps its number: the vocabulary is kept rather than rebuilt
    // (a tenth of an import's save).
    this.load(header, offsets, postings, header.terms.length === this.vocabularyTable.size)
    return out
  }

  /** Reads what `serialize` wrote; throws on anything else (the caller rebuilds). */
  static deserialize(buffer: Buffer): InvertedIndex {
    if (buffer.length < 8 || buffer.readUInt32LE(0) !== INDEX_MAGIC) throw new Error('not a search index')
    const jsonLength = buffer.readUInt32LE(4)
    const header = JSON.parse(buffer.toString('utf8', 8, 8 + jsonLength)) as IndexHeader
    if (!Array.isArray(header.ids) || !Array.isArray(header.lengths) || !Array.isArray(header.terms)) throw new Error('malformed search index')
    const offsetsAt = 8 + Math.ceil(jsonLength / 4) * 4
    const termCount = header.terms.length
    if (offsetsAt + (termCount + 1) * 4 > buffer.length || (buffer.length - offsetsAt) % 4 !== 0) throw new Error('truncated search index')
    // Views straight onto the file's bytes where they are 4-byte aligned (a file this size has its own
    // memory), a copy otherwise.
    const at = buffer.byteOffset + offsetsAt
    const integers =
      at % 4 === 0 ? new Uint32Array(buffer.buffer, at, (buffer.length - offsetsAt) / 4) : new Uint32Array(new Uint8Array(buffer.subarray(offsetsAt)).buffer)
    const offsets = integers.subarray(0, termCount + 1)
    const postings = integers.subarray(termCount + 1)
    if (offsets[termCount] !== postings.length) throw new Error('truncated search index')
    const index = new InvertedIndex()
    index.load(header, offsets, postings)
    return index
  }

  private load(header: IndexHeader, offsets: Uint32Array, postings: Uint32Array, sameTerms = false): void {
    this.ids = header.ids
    this.lengths = header.lengths
    this.numberOf = new Map(header.ids.map((id, number) => [id, number]))
    this.totalLength = header.lengths.reduce((sum, length) => sum + length, 0)
    if (!sameTerms) {
      this.vocabulary = null
      this.vocabularyTable = this.newTermTable(header.terms)
    }
    this.frozenOffsets = offsets
    this.frozenPostings = postings
    this.log.clear()
  }

  /** New terms join the prefix and fuzzy tree too, once it has been built. */
  private newTermTable(terms: readonly string[]): TermTable {
    return TermTable.of(terms, (term, number) => this.vocabulary?.set(term, number))
  }

  private postingsOf(termNumber: number): ArrayLike<number> & Iterable<number> {
    if (this.log.length > 0) this.foldLog()
    return termNumber + 1 < this.frozenOffsets.length
      ? this.frozenPostings.subarray(this.frozenOffsets[termNumber]!, this.frozenOffsets[termNumber + 1]!)
      : new Uint32Array(0)
  }

  private frozenLength(termNumber: number): number {
    return termNumber + 1 < this.frozenOffsets.length ? this.frozenOffsets[termNumber + 1]! - this.frozenOffsets[termNumber]! : 0
  }

  /** Merges the added postings into the term-by-term arrays. */
  private foldLog(): void {
    const logged = this.log.countByTerm(this.vocabularyTable.size)
    const offsets = new Uint32Array(logged.length + 1)
    const postings = new Uint32Array(this.frozenPostings.length + this.log.length)
    this.mergeLog(logged, postings, offsets, false)
    this.frozenOffsets = offsets
    this.frozenPostings = postings
    this.log.clear()
  }

  /**
   * Writes each term's postings into `postings`, the folded ones then the log's (`logged` of them),
   * and where each term starts into `offsets`, leaving out terms with none when `dropEmpty`: a
   * counting sort by term, in one pass over each. Added postings go after a term's earlier ones, so
   * every term's postings stay in document order.
   */
  private mergeLog(logged: Uint32Array, postings: Uint32Array, offsets: Uint32Array, dropEmpty: boolean): void {
    const cursors = new Uint32Array(logged.length)
    let at = 0
    let kept = 0
    for (let term = 0; term < logged.length; term++) {
      const frozen = this.frozenLength(term)
      if (dropEmpty && frozen + logged[term]! === 0) continue
      offsets[kept++] = at
      if (frozen > 0) postings.set(this.frozenPostings.subarray(this.frozenOffsets[term]!, this.frozenOffsets[term]! + frozen), at)
      cursors[term] = at + frozen
      at += frozen + logged[term]!
    }
    offsets[kept] = at
    this.log.scatter(postings, cursors)
  }

  /** The index terms a query term stands for: itself, its completions when typed, its near spellings. */
  private expand(term: string, asPrefix: boolean): Expansion[] {
    const expansions: Expansion[] = []
    const exact = this.vocabularyTable.lookup(term)
    if (exact !== undefined) expansions.push({ term, termNumber: exact, weight: 1 })
    if (asPrefix) {
      const completions: Expansion[] = []
      for (const [completion, termNumber] of this.vocabularyTree().atPrefix(term)) {
        if (completion !== term) completions.push({ term: completion, termNumber, weight: (PREFIX_WEIGHT * term.length) / completion.length })
      }
      completions.sort((a, b) => this.frequencyOf(b.termNumber) - this.frequencyOf(a.termNumber))
      expansions.push(...completions.slice(0, MAX_PREFIX_EXPANSIONS))
    }
    if (term.length >= FUZZY_MIN_TERM_LENGTH) {
      const maxEdits = Math.floor(term.length * FUZZY_EDIT_SHARE)
      for (const [variant, [termNumber, distance]] of this.vocabularyTree().fuzzyGet(term, maxEdits)) {
        if (variant === term || expansions.some((e) => e.term === variant)) continue
        expansions.push({ term: variant, termNumber, weight: (FUZZY_WEIGHT * term.length) / (term.length + distance) })
      }
    }
    return expansions
  }

  private frequencyOf(termNumber: number): number {
    return this.postingsOf(termNumber).length
  }

  private vocabularyTree(): SearchableMap<number> {
    if (!this.vocabulary) {
      this.vocabulary = new SearchableMap<number>()
      this.vocabularyTable.terms.forEach((term, number) => this.vocabulary!.set(term, number))
    }
    return this.vocabulary
  }

  /** Which of the expanded terms this document contains (asked only for the few results returned). */
  private termsIn(number: number, expansions: readonly Expansion[]): string[] {
    return expansions.filter(({ termNumber }) => containsDocument(this.postingsOf(termNumber), number)).map((e) => e.term)
  }
}

/** Postings are in document order (documents are numbered as they are added, and saving keeps the order). */
function containsDocument(postings: ArrayLike<number>, number: number): boolean {
  let low = 0
  let high = postings.length - 1
  while (low <= high) {
    const middle = (low + high) >>> 1
    const found = postings[middle]! >>> TF_BITS
    if (found === number) return true
    if (found < number) low = middle + 1
    else high = middle - 1
  }
  return false
}

/**
 * Postings added since the index was last folded, in the order added, kept in fixed-size chunks. An
 * array per term was the cost of indexing (pushing millions of postings into tens of thousands of
 * growing arrays took half of it). A document's postings are logged together, so each entry holds only
 * `term number × 256 + term frequency` and the document number is kept once per document: 4 bytes a
 * posting rather than 8. An import of 10,000 articles logs 6 million postings into memory the process
 * has not touched before, which the bench's machine hands out at about 2.6 ms a megabyte.
 */
class PostingLog {
  private chunks: Uint32Array[] = []
  private chunk = new Uint32Array(0)
  /** Entries used in the last chunk. */
  private filled = 0
  /** For each logged document, in the order logged: where its entries begin, and its number. */
  private documentStarts = new Uint32Array(256)
  private documentNumbers = new Uint32Array(256)
  private documents = 0
  /**
   * Postings per term, counted as they are pushed: counted at the save instead, in a pass of its
   * own over the log, they were a sixth of the search index's save, which an import waits for at
   * its end (8 million postings: 29 ms), while its pushes run beside the preparation worker.
   */
  private counts = new Uint32Array(1024)
  length = 0

  /** The postings pushed from here on are document `number`'s. */
  beginDocument(number: number): void {
    if (this.documents === this.documentStarts.length) {
      this.documentStarts = grown(this.documentStarts)
      this.documentNumbers = grown(this.documentNumbers)
    }
    this.documentStarts[this.documents] = this.length
    this.documentNumbers[this.documents++] = number
  }

  /** Logs that the current document holds `termNumber` `count` times (counted as at most 255). */
  push(termNumber: number, count: number): void {
    if (termNumber >= MAX_TERMS) throw new Error(`The search index holds at most ${MAX_TERMS} distinct words.`)
    if (termNumber >= this.counts.length) this.counts = grown(this.counts, termNumber + 1)
    this.counts[termNumber]!++
    if (this.filled === this.chunk.length) {
      this.chunk = new Uint32Array(LOG_CHUNK_LENGTH)
      this.chunks.push(this.chunk)
      this.filled = 0
    }
    this.chunk[this.filled++] = termNumber * (TF_MAX + 1) + Math.min(count, TF_MAX)
    this.length++
  }

  /** How many postings each of `termCount` terms has in the log. */
  countByTerm(termCount: number): Uint32Array {
    const logged = new Uint32Array(termCount)
    logged.set(this.counts.subarray(0, Math.min(termCount, this.counts.length)))
    return logged
  }

  /** Writes each posting at its term's cursor in `into`, advancing the cursor. */
  scatter(into: Uint32Array, cursors: Uint32Array): void {
    const starts = this.documentStarts
    const numbers = this.documentNumbers
    const documents = this.documents
    // `document` is the last document whose entries begin at or before entry `at`.
    let document = -1
    let documentBase = 0
    let nextStart = documents > 0 ? starts[0]! : Infinity
    let at = 0
    this.chunks.forEach((entries, chunk) => {
      const used = chunk === this.chunks.length - 1 ? this.filled : LOG_CHUNK_LENGTH
      for (let i = 0; i < used; i++, at++) {
        // A loop: a document with no terms begins where the next one does.
        while (at === nextStart) {
          documentBase = numbers[++document]! * (TF_MAX + 1)
          nextStart = document + 1 < documents ? starts[document + 1]! : Infinity
        }
        const entry = entries[i]!
        into[cursors[entry >>> TF_BITS]!++] = documentBase + (entry & TF_MAX)
      }
    })
  }

  /** Empties the log and lets go of its chunks (24 MB after an import of 10,000 articles). */
  clear(): void {
    this.chunks = []
    this.chunk = new Uint32Array(0)
    this.filled = 0
    this.documentStarts = new Uint32Array(256)
    this.documentNumbers = new Uint32Array(256)
    this.documents = 0
    this.counts = new Uint32Array(1024)
    this.length = 0
  }
}

/** "TRSI" read as a little-endian integer: marks a Triangulate search index. */
const INDEX_MAGIC = 0x49535254

/** The `limit` highest scores seen, kept sorted: most documents are rejected with one comparison. */
class TopScores {
  private readonly entries: { number: number; score: number }[] = []

  constructor(private readonly limit: number) {}

  offer(number: number, score: number): void {
    const entries = this.entries
    if (entries.length === this.limit && score <= entries[entries.length - 1]!.score) return
    let at = entries.length
    while (at > 0 && entries[at - 1]!.score < score) at--
    entries.splice(at, 0, { number, score })
    if (entries.length > this.limit) entries.pop()
  }

  sorted(): { number: number; score: number }[] {
    return this.entries
  }
}
