import { describe, expect, it } from 'vitest'
import { strToU8, zipSync } from 'fflate'
import { extractArticle } from './extract-article'
import { buildDocx } from './test-documents'

const extractDocx = (bytes: Uint8Array) => extractArticle('report.docx', bytes)

describe('extractArticle on .docx', () => {
  it('gives one paragraph per Word paragraph, blank lines between, line breaks kept', async () => {
    const bytes = buildDocx({
      paragraphs: ['Talks in Baku', 'First paragraph, with “quotes” & an ampersand.', '', 'Second paragraph\nafter a line break.'],
      title: 'Talks in Baku',
      creator: 'Jane Doe',
    })
    expect(await extractDocx(bytes)).toEqual({
      ok: true,
      article: {
        text: 'Talks in Baku\n\nFirst paragraph, with “quotes” & an ampersand.\n\nSecond paragraph\nafter a line break.',
        encoding: 'docx',
        metadata: { title: 'Talks in Baku', author: 'Jane Doe' },
        warnings: [],
      },
    })
  })

  it('imports a document without core properties, with no metadata', async () => {
    const result = await extractDocx(buildDocx({ paragraphs: ['Only text.'] }))
    expect(result).toMatchObject({ ok: true, article: { text: 'Only text.', metadata: {} } })
  })

  it('says what is wrong with a file that is not a .docx', async () => {
    expect(await extractDocx(new TextEncoder().encode('plain text renamed'))).toEqual({
      ok: false,
      reason: 'not a valid .docx (zip) file; it may be damaged or only partly downloaded',
    })
    expect(await extractDocx(zipSync({ 'notes.txt': strToU8('a zip, but not Word') }))).toEqual({
      ok: false,
      reason: 'not a Word document: the .docx has no main document part',
    })
    const ole = Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0)
    expect(await extractDocx(ole)).toEqual({
      ok: false,
      reason: 'an old Word .doc file or a password-protected .docx; save it as .docx without a password and import it again',
    })
  })

  it('refuses a document with no text', async () => {
    expect(await extractDocx(buildDocx({ paragraphs: ['', ''] }))).toEqual({ ok: false, reason: 'the .docx document contains no text' })
  })
})
