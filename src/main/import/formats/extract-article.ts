// Turns one article file of any supported format into plain text and the metadata the file itself
// states. Each format has its own module beside this one; this one picks the format by extension,
// gives every format's text the same normalisation (\n line endings, NFC) so equal texts hash equal,
// and turns any failure into a reason, never an exception: one bad file must not stop an import.

import { extname } from 'node:path'
import { normaliseText } from '../decode-text'
import { extractDocx } from './docx'
import { extractHtml } from './html'
import { extractMarkdown } from './markdown'
import { extractPdf } from './pdf'
import { extractPlainText } from './plain-text'
import type { ExtractedArticle, ExtractedMetadata, ExtractResult } from './extract-result'

type FormatExtractor = (bytes: Uint8Array) => Promise<ExtractResult>

const EXTRACTORS: ReadonlyMap<string, FormatExtractor> = new Map([
  ['.txt', extractPlainText],
  ['.text', extractPlainText],
  ['.md', extractMarkdown],
  ['.markdown', extractMarkdown],
  ['.html', extractHtml],
  ['.htm', extractHtml],
  ['.docx', extractDocx],
  ['.pdf', extractPdf],
])

/** Extensions (lower case, with the dot) of the files an import reads. */
export const ARTICLE_EXTENSIONS: ReadonlySet<string> = new Set(EXTRACTORS.keys())

export async function extractArticle(path: string, bytes: Uint8Array): Promise<ExtractResult> {
  const extension = extname(path).toLowerCase()
  const extractor = EXTRACTORS.get(extension)
  if (!extractor) return { ok: false, reason: `unsupported file type (${extension || 'no extension'})` }
  let result: ExtractResult
  try {
    result = await extractor(bytes)
  } catch (error) {
    // A parser bug or a file no parser expected: still only this file is lost.
    return { ok: false, reason: `could not read this ${extension} file (${error instanceof Error ? error.message : String(error)})` }
  }
  return result.ok ? finishArticle(result.article) : result
}

function finishArticle(article: ExtractedArticle): ExtractResult {
  const text = normaliseText(article.text)
  if (text.trim() === '') return { ok: false, reason: 'file contains no text' }
  const metadata: ExtractedMetadata = {}
  for (const [key, value] of Object.entries(article.metadata) as [keyof ExtractedMetadata, string | undefined][]) {
    const clean = value?.replace(/\s+/g, ' ').trim().normalize('NFC')
    if (clean) metadata[key] = clean
  }
  return { ok: true, article: { ...article, text, metadata } }
}
