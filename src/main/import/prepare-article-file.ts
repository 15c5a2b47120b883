// Everything an import learns from one file without looking at the store: its text and what the file
// states, the two hashes, the word count, the guessed metadata and the near-duplicate entry. It is
// the import's CPU work, so it can run in a worker thread (prepare-worker.ts) while the importer
// keeps what needs the store and the listing order: dedupe, ids, the near-duplicate lookup, writes.
// No file system and no store; the same function runs in a worker and on the importer's thread.

import { createHash } from 'node:crypto'
import { basename, extname } from 'node:path'
import { countWords, extractMetadata, type ArticleMetadata } from './article-metadata'
import { extractArticle, type ExtractedMetadata } from './formats/extract-article'
import { nearDuplicateEntry, type NearDuplicateEntry } from './near-duplicates'

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
      guessed: ArticleMetadata
      warnings: string[]
      contentHash: string
      fileHash: string
      wordCount: number
      nearDuplicate: NearDuplicateEntry
    }
  | { kind: 'skipped'; reason: string }

/** Never rejects: a file that cannot be made into an article is a skip reason, as extractArticle gives. */
export async function prepareArticleFile(file: FileToPrepare, bytes: Uint8Array): Promise<PreparedArticleFile> {
  try {
    const extracted = await extractArticle(file.path, bytes)
    if (!extracted.ok) return { kind: 'skipped', reason: extracted.reason }
    const { text, metadata: stated, warnings } = extracted.article
    return {
      kind: 'prepared',
      text,
      stated,
      guessed: extractMetadata(text, { fileName: basename(file.path, extname(file.path)), folderOutlet: folderOutletOf(file.relativePath) }),
      warnings,
      contentHash: sha256(text),
      fileHash: sha256(bytes),
      wordCount: countWords(text),
      nearDuplicate: nearDuplicateEntry(text),
    }
  } catch (error) {
    // extractArticle catches the parsers' failures; this is for a bug in the rest, which still costs one file only.
    return { kind: 'skipped', reason: `could not prepare this file (${error instanceof Error ? error.message : String(error)})` }
  }
}

/** An article in a subfolder of the imported folder belongs to the outlet that folder is named after. */
function folderOutletOf(relativePath: string): string | null {
  const parts = relativePath.split('/')
  return parts.length >= 2 ? (parts[parts.length - 2] ?? null) : null
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}
