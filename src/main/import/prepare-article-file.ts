// Everything an import learns from one file without looking at the store: its text and what the file
// states, the two hashes and, for a text not seen before, the guessed metadata, the word count and
// the near-duplicate entry. It is the import's CPU work, so it can run in a worker thread
// (prepare-worker.ts) while the importer keeps what needs the store and the listing order: dedupe,
// ids, the near-duplicate lookup, writes. No file system and no store; the same functions run in a
// worker and on the importer's thread.

import { createHash } from 'node:crypto'
import { basename, extname } from 'node:path'
import { withoutFurniture } from '../../shared/boilerplate/article-content'
import { detectBoilerplate } from '../../shared/boilerplate/detect-boilerplate'
import { countWords, extractMetadata, type ArticleMetadata } from './article-metadata'
import { extractArticle } from './formats/extract-article'
import type { ExtractedMetadata } from './formats/extract-result'
import { nearDuplicateEntry, nearDuplicateEntryOfWords, type NearDuplicateEntry } from './near-duplicate-signature'
import { DocumentTermsScanner, type DocumentTerms, type NumberedTerms } from '../search/document-terms'
import { foldsByLowerCasing, foldText } from '../search/search-terms'
import { blankRanges, WordTally, type BlankRanges } from '../search/text-scan'

export interface FileToPrepare {
  path: string
  /** Path below the imported folder, with / separators. */
  relativePath: string
}

export type PreparedArticleFile =
  | {
      kind: 'prepared'
      text: string
      /** What the file itself states; it wins over what is guessed. */
      stated: ExtractedMetadata
      warnings: string[]
      contentHash: string
      fileHash: string
      /** Null when the text was known already: a duplicate needs none of it (deriveFromText, should it be needed after all). */
      derived: DerivedFromText | null
    }
  | { kind: 'skipped'; reason: string }

/** What a new article needs of its text, and most of the CPU an import spends on a file. */
export interface DerivedFromText {
  guessed: ArticleMetadata
  wordCount: number
  nearDuplicate: NearDuplicateEntry
  /** The page furniture's ranges (DECISIONS section 2), detected once here for all that skips it, search included. */
  furniture: { start: number; end: number }[]
  /**
   * The search index's terms of the text, furniture left out, counted here so the importer's thread
   * only looks each distinct term up (InvertedIndex.addTerms).
   */
  /** Counted here; numbered in the worker's vocabulary when a preparation worker sends them (preparation-protocol.ts). */
  searchTerms: DocumentTerms | NumberedTerms
}

/**
 * Never rejects: a file that cannot be made into an article is a skip reason, as extractArticle gives.
 * `isKnownText` tells a text already in the store by its content hash, so re-importing a folder does
 * not derive again what its unchanged files gave last time.
 */
export async function prepareArticleFile(
  file: FileToPrepare,
  bytes: Uint8Array,
  isKnownText: (contentHash: string) => boolean = () => false,
  countTerms: CountTerms = countOnThisThread,
): Promise<PreparedArticleFile> {
  try {
    const extracted = await extractArticle(file.path, bytes)
    if (!extracted.ok) return { kind: 'skipped', reason: extracted.reason }
    const { text, metadata: stated, warnings } = extracted.article
    const textBytes = Buffer.from(text, 'utf8')
    const contentHash = sha256(textBytes)
    return {
      kind: 'prepared',
      text,
      stated,
      warnings,
      contentHash,
      // Most files are UTF-8 text already in normal form: their bytes are the text's, hashed once.
      fileHash: textBytes.equals(bytes) ? contentHash : sha256(bytes),
      derived: isKnownText(contentHash) ? null : deriveFromText(file, text, countTerms),
    }
  } catch (error) {
    // extractArticle catches the parsers' failures; this is for a bug in the rest, which still costs one file only.
    return { kind: 'skipped', reason: `could not prepare this file (${error instanceof Error ? error.message : String(error)})` }
  }
}

/**
 * Counts a text's search terms, the text as forEachTerm reads it (folded but for its ASCII letters'
 * case, `blanks` read as spaces): by default as the index numbers them later (DocumentTerms); a
 * preparation worker numbers them in its own vocabulary as it counts (WorkerTermNumbers.numberText).
 */
export type CountTerms = (text: string, tally?: WordTally, blanks?: BlankRanges) => DocumentTerms | NumberedTerms

export function deriveFromText(file: FileToPrepare, text: string, countTerms: CountTerms = countOnThisThread): DerivedFromText {
  // Detected once: the word count, the near-duplicate shingles and the search index all leave it out.
  const furniture = detectBoilerplate(text).map(({ start, end }) => ({ start, end }))
  const guessed = extractMetadata(text, { fileName: basename(file.path, extname(file.path)), folderOutlet: folderOutletOf(file.relativePath) })
  // Where folding is lower-casing, the text read with its furniture blanked (as forEachTerm reads it)
  // is also what the word count and the near-duplicate words read, so one pass gives all three.
  if (foldsByLowerCasing(text) && isPlainFurniture(furniture)) {
    const searchTerms = countTerms(text, wordTally, blankRanges(furniture))
    return { guessed, wordCount: wordTally.words, nearDuplicate: nearDuplicateEntryOfWords(wordTally.wordHashes()), furniture, searchTerms }
  }
  // The article's own words: page furniture (teasers, captions, a date prefix) is neither counted nor indexed.
  const content = withoutFurniture(text, furniture)
  return { guessed, wordCount: countWords(content), nearDuplicate: nearDuplicateEntry(text, furniture), furniture, searchTerms: countTerms(foldText(content)) }
}

/** One per thread: they keep their tables from file to file. */
const searchTermsScanner = new DocumentTermsScanner()
const wordTally = new WordTally()
const countOnThisThread: CountTerms = (text, tally, blanks) => searchTermsScanner.count(text, tally, blanks)

/**
 * Ranges in order, none empty and none overlapping the one before: forEachTerm reads them as blanks,
 * and the near-duplicate words skip each exactly where the blanked content does (withoutFurniture,
 * nearDuplicateEntry).
 */
function isPlainFurniture(furniture: readonly { start: number; end: number }[]): boolean {
  let at = 0
  for (const { start, end } of furniture) {
    if (start < at || end <= start) return false
    at = end
  }
  return true
}

/** An article in a subfolder of the imported folder belongs to the outlet that folder is named after. */
function folderOutletOf(relativePath: string): string | null {
  const parts = relativePath.split('/')
  return parts.length >= 2 ? (parts[parts.length - 2] ?? null) : null
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}
