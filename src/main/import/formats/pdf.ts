// PDF files: the text layer, read by PDF.js (the serverless build unpdf ships, pure JavaScript, run
// with eval disabled), one visual line per line, a blank line where the gap between lines shows a new
// paragraph, and a blank line between pages. A PDF without a text layer (a scan) is refused: reading
// images would need OCR.

import type { ExtractResult } from './extract-result'
import { DEFAULT_EXTRACTION_LIMITS, textTooLongReason, type ExtractionLimits } from './text-limits'

/**
 * A vertical gap wider than this many times the font size starts a new paragraph. Lines of one
 * paragraph sit about 1.2 font sizes apart; a paragraph break or a heading adds at least half a line.
 */
const PARAGRAPH_GAP_FONT_SIZES = 1.6

interface TextItem {
  str: string
  transform: number[]
  hasEOL?: boolean
}

export async function extractPdf(bytes: Uint8Array, limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS): Promise<ExtractResult> {
  const { getDocumentProxy } = await import('unpdf')
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>
  try {
    // PDF.js may take over (detach) the buffer it is given: hand it a copy with a buffer of its own
    // (a Node Buffer's slice() is a view, often into Node's shared pool of small buffers).
    pdf = await getDocumentProxy(Uint8Array.from(bytes), { isEvalSupported: false, verbosity: 0 })
  } catch (error) {
    const name = error instanceof Error ? error.name : ''
    if (name === 'PasswordException') return { ok: false, reason: 'PDF is password-protected; remove the password and import it again' }
    return { ok: false, reason: 'not a valid PDF file; it may be damaged or only partly downloaded' }
  }
  try {
    const pages: string[] = []
    let length = 0
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number)
      const content = await page.getTextContent()
      pages.push(pageText(content.items.filter((item): item is TextItem & typeof item => 'str' in item)))
      page.cleanup()
      // A few compressed bytes can hold any amount of text: stop reading once it is too long.
      length += (pages[pages.length - 1] as string).length + 2
      if (length > limits.maxTextChars) return { ok: false, reason: textTooLongReason(null, limits) }
    }
    const text = pages.filter((page) => page !== '').join('\n\n')
    if (text.trim() === '') return { ok: false, reason: 'PDF has no text layer (scanned image?)' }
    const info = await documentInfo(pdf)
    return { ok: true, article: { text, encoding: 'pdf', metadata: info, warnings: [] } }
  } finally {
    await pdf.destroy()
  }
}

/** One page's text items (in reading order, as PDF.js gives them) as lines and paragraphs. */
export function pageText(items: readonly TextItem[]): string {
  const lines: { text: string; y: number; fontSize: number }[] = []
  let current: { text: string; y: number; fontSize: number } | null = null
  for (const item of items) {
    const fontSize = Math.hypot(item.transform[2] ?? 0, item.transform[3] ?? 0)
    current ??= { text: '', y: item.transform[5] ?? 0, fontSize: 0 }
    current.text += item.str
    current.fontSize = Math.max(current.fontSize, item.str.trim() === '' ? 0 : fontSize)
    if (item.hasEOL) {
      lines.push(current)
      current = null
    }
  }
  if (current) lines.push(current)

  let text = ''
  let previous: { y: number; fontSize: number } | null = null
  for (const line of lines) {
    const content = line.text.replace(/\s+/g, ' ').trim()
    if (content === '') continue
    if (previous) {
      const gap = Math.abs(previous.y - line.y)
      text += gap > PARAGRAPH_GAP_FONT_SIZES * Math.max(previous.fontSize, line.fontSize) ? '\n\n' : '\n'
    }
    text += content
    previous = line
  }
  return text
}

async function documentInfo(pdf: { getMetadata(): Promise<{ info: object }> }): Promise<{ title?: string; author?: string }> {
  try {
    const { info } = await pdf.getMetadata()
    const field = (key: string) => {
      const value = (info as Record<string, unknown>)[key]
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
    }
    return { title: field('Title'), author: field('Author') }
  } catch {
    return {}
  }
}
