import { describe, expect, it } from 'vitest'
import { extractArticle } from './extract-article'
import { pageText } from './pdf'
import { buildPdf } from './test-documents'

const extractPdf = (bytes: Uint8Array) => extractArticle('report.pdf', bytes)

describe('extractArticle on PDF', () => {
  it('reads the text layer: lines kept, a wider gap as a paragraph break, pages joined by a blank line', async () => {
    const bytes = buildPdf({
      pages: [['Talks in Baku', '', 'Officials met on Thursday, sources said.', 'The talks were the second this month.'], ['Page two: café prices rose.']],
      title: 'Talks in Baku',
      author: 'Jane Doe',
    })
    expect(await extractPdf(bytes)).toEqual({
      ok: true,
      article: {
        text: 'Talks in Baku\n\nOfficials met on Thursday, sources said.\nThe talks were the second this month.\n\nPage two: café prices rose.',
        encoding: 'pdf',
        metadata: { title: 'Talks in Baku', author: 'Jane Doe' },
        warnings: [],
      },
    })
  })

  it('refuses a PDF without a text layer', async () => {
    expect(await extractPdf(buildPdf({ pages: [null, null] }))).toEqual({ ok: false, reason: 'PDF has no text layer (scanned image?)' })
  })

  it('refuses a file that is not a PDF, or one cut short', async () => {
    const reason = 'not a valid PDF file; it may be damaged or only partly downloaded'
    expect(await extractPdf(new TextEncoder().encode('not a pdf at all'))).toEqual({ ok: false, reason })
    expect(await extractPdf(buildPdf({ pages: [['Some text']] }).subarray(0, 120))).toEqual({ ok: false, reason })
  })
})

describe('pageText', () => {
  const item = (str: string, y: number, hasEOL = true) => ({ str, transform: [12, 0, 0, 12, 72, y], hasEOL })

  it('joins the items of a line and breaks paragraphs where lines sit far apart', () => {
    expect(pageText([item('Hello ', 700, false), item('world', 700), item('next line', 686), item('new paragraph', 650)])).toBe('Hello world\nnext line\n\nnew paragraph')
  })

  it('drops empty lines and collapses spaces', () => {
    expect(pageText([item('  a   b ', 700), item('', 693), item('c', 686)])).toBe('a b\nc')
  })
})
