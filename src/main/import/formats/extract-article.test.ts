import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SEEDS_DIR, tempDir } from '../../test-support/temp-dir'
import { decodeText } from '../decode-text'
import { ARTICLE_EXTENSIONS, extractArticle } from './extract-article'
import { buildDocx, buildPdf } from './test-documents'

/** Writes the bytes to a real file and imports it back, as the importer does. */
async function extractFile(name: string, content: string | Uint8Array) {
  const path = join(await tempDir('triangulate-formats-'), name)
  await writeFile(path, content)
  return extractArticle(path, await readFile(path))
}

describe('extractArticle', () => {
  it('reads the formats analysts collect, by lower-case extension', () => {
    expect([...ARTICLE_EXTENSIONS].sort()).toEqual(['.docx', '.htm', '.html', '.markdown', '.md', '.pdf', '.text', '.txt'])
  })

  it('refuses other file types with the extension in the reason', async () => {
    expect(await extractFile('photo.jpg', 'x')).toEqual({ ok: false, reason: 'unsupported file type (.jpg)' })
    expect(await extractFile('README', 'x')).toEqual({ ok: false, reason: 'unsupported file type (no extension)' })
  })

  it('matches extensions without regard to case', async () => {
    expect(await extractFile('NOTE.TXT', 'Hello')).toMatchObject({ ok: true, article: { text: 'Hello' } })
  })

  it('imports every seed .txt exactly as decoded, with no metadata', async () => {
    const names = (await readdir(SEEDS_DIR)).filter((n) => n.endsWith('.txt'))
    expect(names.length).toBeGreaterThan(0)
    for (const name of names) {
      const bytes = await readFile(join(SEEDS_DIR, name))
      const decoded = decodeText(bytes)
      const result = await extractArticle(join(SEEDS_DIR, name), bytes)
      expect(result).toEqual({ ok: true, article: { text: decoded.ok && decoded.text, encoding: 'utf-8', metadata: {}, warnings: [] } })
    }
  })

  it('gives plain text \\n line endings and NFC, and passes on decoding warnings', async () => {
    expect(await extractFile('a.text', 'Cafe\u0301\r\nsecond line')).toMatchObject({ ok: true, article: { text: 'Café\nsecond line' } })
    const legacy = await extractFile('b.txt', Uint8Array.of(0x93, 0x6f, 0x6b, 0x94))
    expect(legacy).toMatchObject({ ok: true, article: { text: '“ok”', encoding: 'windows-1252' } })
    expect(legacy.ok && legacy.article.warnings[0]).toMatch(/guessed as windows-1252/)
  })

  it('normalises every format the same way (NFC)', async () => {
    const decomposed = 'Cafe\u0301 society'
    const results = [
      await extractFile('a.md', decomposed),
      await extractFile('a.html', `<html><body><article><p>${decomposed}</p></article></body></html>`),
      await extractFile('a.docx', buildDocx({ paragraphs: [decomposed] })),
    ]
    for (const result of results) expect(result).toMatchObject({ ok: true, article: { text: 'Café society' } })
  })

  it('never throws, whatever bytes a file of any supported type holds', async () => {
    const extensions = [...ARTICLE_EXTENSIONS]
    const zipLike = fc.uint8Array({ maxLength: 400 }).map((tail) => Uint8Array.of(0x50, 0x4b, 0x03, 0x04, ...tail))
    const pdfLike = fc.uint8Array({ maxLength: 400 }).map((tail) => Uint8Array.of(...Buffer.from('%PDF-1.4\n'), ...tail))
    // Valid documents cut short: the damage a partial download does.
    const truncated = fc
      .tuple(fc.constantFrom(buildDocx({ paragraphs: ['Some text'] }), buildPdf({ pages: [['Some text']] })), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([bytes, share]) => bytes.subarray(0, Math.floor(bytes.length * share)))
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...extensions), fc.oneof(fc.uint8Array({ maxLength: 400 }), zipLike, pdfLike, truncated), async (extension, bytes) => {
        const result = await extractArticle(`file${extension}`, bytes)
        expect(typeof result.ok).toBe('boolean')
        if (!result.ok) expect(result.reason.length).toBeGreaterThan(0)
      }),
      { numRuns: 150 },
    )
  })
})
