// The claim board's answer kept beside the store (derived-board-answer.json) under a digest of
// everything it is built from, so the first board of a session whose records and derived indexes are
// those of the last answer of the previous session reads that answer instead of building it: tracing,
// grouping and counting 1,000 cards with 10,000 pieces of evidence, their figures, dates and entity
// names cost ~0.3–0.7 s of CPU on the service's thread at every start, for the answer the last
// session had already built. Plain Node/TS: knows nothing of the board's shape.
//
// What the digest covers (boardAnswerInputs): every annotation record as stored (claims with their
// overrides, event dates and accepted figures; links; highlights with their quotes and spans; source
// grades; entity decisions), whole, so a field added later is covered too; what tracing reads
// (kept-traces.ts traceInputs: every article's id and title, and passage reuse's inputs: each
// article's outlet, date, original and provenance entry); what the entity names are read from
// (kept-entity-names.ts); for each article holding a highlight, its dates-index entry and date; for
// each highlight, the decimal separator its figures are read with (figure-reader.ts); and the
// versions of the indexes and of this file. Code that changes what an answer holds for the same
// inputs must bump KEPT_BOARD_ANSWER_FORMAT.
//
// Written when the store closes, off the answer path, and only an answer still current then (built
// from the records as they stand); its digest is made then. A file of another format, other inputs,
// or whose bytes do not match the checksum it carries (damage, a torn write) is ignored: the board
// is built as before, and the file replaced at the next close. Reads the store; writes only its own
// sidecar.

import { createHash } from 'node:crypto'
import type { Article, Highlight } from '../../shared/model'
import type { CorpusStore } from '../store/corpus-store'

export const KEPT_BOARD_ANSWER_FILE = 'derived-board-answer.json'
/**
 * Bumped whenever the file's layout, or what a board answer holds for the same records and indexes
 * (board-view.ts and what it calls: origins, grouping, tallies, figures, dates, entity names), changes.
 */
export const KEPT_BOARD_ANSWER_FORMAT = 1

/** The file's first line; the answer's JSON follows on the next. */
interface Header {
  format: number
  /** The digest of the inputs the answer was built from. */
  inputs: string
  /** sha256 (hex) of the answer's JSON bytes. */
  sha256: string
}

export interface BoardAnswerParts {
  /** Every annotation collection, as the store holds it. */
  collections: readonly (readonly object[])[]
  /** kept-traces.ts traceInputs as the library and the provenance index stand. */
  traceInputs: string
  /** kept-entity-names.ts entityNamesInputs as the library, the entity index and the decisions stand. */
  entityNamesInputs: string
  highlights: readonly Highlight[]
  articleById: (id: string) => Article | undefined
  /** The input key of the article's dates-index entry for its current text; undefined when it has none. */
  dateEntryKey: (article: Article) => string | undefined
  /** The decimal separator the highlight's figures are (or would be) read with; undefined when unknown. */
  separatorOf: (highlight: Highlight) => string | undefined
  /** The dates and figures indexes' versions. */
  versions: readonly number[]
}

/** The digest of everything a board answer is built from (see the header comment). */
export function boardAnswerInputs(parts: BoardAnswerParts): string {
  const hash = createHash('sha256')
  // NUL and \u0001 occur in no id, key or digest, so the parts cannot run into one another.
  hash.update(`${KEPT_BOARD_ANSWER_FORMAT}\u0000${parts.versions.join(',')}\u0000${parts.traceInputs}\u0000${parts.entityNamesInputs}`)
  for (const collection of parts.collections) hash.update(`\u0001${JSON.stringify(collection)}`)
  // One string hashed once: an update call per highlight costs several times as much.
  let text = ''
  const articles = new Set<string>()
  for (const h of parts.highlights) {
    text += `\u0001${h.id}\u0000${parts.separatorOf(h) ?? '\u0002'}`
    if (articles.has(h.articleId)) continue
    articles.add(h.articleId)
    const article = parts.articleById(h.articleId)
    text += `\u0003${h.articleId}\u0000${article ? `${parts.dateEntryKey(article) ?? '\u0002'}\u0000${article.date ?? '\u0002'}` : '\u0002'}`
  }
  hash.update(text)
  return hash.digest('base64')
}

export class KeptBoardAnswer<T extends object> {
  /** Whether the file was looked at this session: it holds at most the previous session's last answer. */
  private looked = false
  /** The answer the file holds now (read from it, or written), so an unchanged one is not written again. */
  private onFile: T | null = null

  /**
   * @param inputs the digest of what the answer is built from, as things stand (boardAnswerInputs)
   * @param current the answer kept in memory if it is still current (built from the records as they stand), else null
   * @param onRead told of an answer read from the file, synchronously where its digest was found to be
   *   that of the inputs as they stand (board-builds.ts takes it as the build of the records then)
   */
  constructor(
    private readonly store: CorpusStore,
    private readonly inputs: () => string,
    private readonly current: () => T | null,
    private readonly onRead: (answer: T) => void = () => undefined,
  ) {
    store.beforeClose(() => this.save())
  }

  /**
   * The first answer of a session: the file's when it was built from the same inputs; else built.
   * Every later answer is built (the service updates it from the last one, board-builds.ts).
   */
  async answer(build: () => Promise<T>): Promise<T> {
    if (this.looked) return build()
    this.looked = true
    const kept = await this.read()
    if (kept) {
      this.onFile = kept
      return kept
    }
    return build()
  }

  /** Writes the current answer under the digest of the inputs as they stand, unless the file holds it already. */
  private async save(): Promise<void> {
    const answer = this.current()
    if (!answer || answer === this.onFile || this.store.readOnly) return
    try {
      const json = JSON.stringify(answer)
      const header: Header = { format: KEPT_BOARD_ANSWER_FORMAT, inputs: this.inputs(), sha256: createHash('sha256').update(json).digest('hex') }
      await this.store.writeSidecarPieces(KEPT_BOARD_ANSWER_FILE, [`${JSON.stringify(header)}\n`, json])
      this.onFile = answer
    } catch (error) {
      console.warn(`[triangulate] the claim board could not be kept for the next session: ${(error as Error).message}`)
    }
  }

  /**
   * The answer the file holds if it was built from the inputs as they stand and its bytes are whole;
   * else null. The digest is made only when there is a file of this format to compare it with: the
   * first board over records nothing has kept does not pay for it.
   */
  private async read(): Promise<T | null> {
    const bytes = await this.store.readSidecarBytes(KEPT_BOARD_ANSWER_FILE).catch(() => null)
    if (!bytes) return null
    const newline = bytes.indexOf(0x0a)
    if (newline < 0) return null
    let header: Partial<Header>
    try {
      header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as Partial<Header>
    } catch {
      return null
    }
    if (!header || header.format !== KEPT_BOARD_ANSWER_FORMAT || typeof header.inputs !== 'string' || typeof header.sha256 !== 'string') return null
    if (header.inputs !== this.inputs()) return null
    const body = bytes.subarray(newline + 1)
    if (createHash('sha256').update(body).digest('hex') !== header.sha256) return null
    try {
      const answer = JSON.parse(body.toString('utf8')) as unknown
      if (!answer || typeof answer !== 'object' || Array.isArray(answer)) return null
      this.onRead(answer as T)
      return answer as T
    } catch {
      return null
    }
  }
}
