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
import { DEFAULT_EXTRACTION_LIMITS, textTooLongReason, type ExtractionLimits } from './text-limits'

type FormatExtractor = (bytes: Uint8Array, limits: ExtractionLimits) => Promise<ExtractResult>

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

/** `limits` are the same for every format (text-limits.ts); tests lower them. */
export async function extractArticle(path: string, bytes: Uint8Array, limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS): Promise<ExtractResult> {
  const extension = extname(path).toLowerCase()
  const extractor = EXTRACTORS.get(extension)
  if (!extractor) return { ok: false, reason: `unsupported file type (${extension || 'no extension'})` }
  let result: ExtractResult
  try {
    result = await extractor(bytes, limits)
  } catch (error) {
    // A parser bug or a file no parser expected: still only this file is lost.
    return { ok: false, reason: `could not read this ${extension} file (${error instanceof Error ? error.message : String(error)})` }
  }
  return result.ok ? finishArticle(result.article, limits) : result
}

function finishArticle(article: ExtractedArticle, limits: ExtractionLimits): ExtractResult {
  // Checked before normalising too: NFC of a huge text is itself work and memory.
  if (article.text.length > limits.maxTextChars * 2) return { ok: false, reason: textTooLongReason(article.text.length, limits) }
  const text = normaliseText(article.text)
  if (text.length > limits.maxTextChars) return { ok: false, reason: textTooLongReason(text.length, limits) }
  if (text.trim() === '') return { ok: false, reason: 'file contains no text' }
  const metadata: ExtractedMetadata = {}
  for (const [key, value] of Object.entries(article.metadata) as [keyof ExtractedMetadata, string | undefined][]) {
    const clean = value?.replace(/\s+/g, ' ').trim().normalize('NFC')
    if (clean) metadata[key] = clean
  }
  return { ok: true, article: { ...article, text, metadata } }
}
