// What extracting one article file gives: its text and the metadata the file itself states, or the
// reason it could not be read. A module of its own so that each format's extractor and the
// dispatcher (extract-article.ts) share the types without importing each other.

export interface ExtractedMetadata {
  title?: string
  /** YYYY-MM-DD, as the file states it. */
  date?: string
  outlet?: string
  author?: string
  url?: string
}

export interface ExtractedArticle {
  text: string
  /** The character encoding the text was decoded from, or the format ('docx', 'pdf') for files that carry Unicode text themselves. */
  encoding: string
  /** Only what the file itself states: the importer derives the rest (title from the first line, outlet from the folder). */
  metadata: ExtractedMetadata
  /** Things the analyst should know about this file that did not stop its import. */
  warnings: string[]
}

export type ExtractResult = { ok: true; article: ExtractedArticle } | { ok: false; reason: string }
