// Hostile files against the extractors' bounds: a page nested 100,000 deep, a .docx "zip bomb" that
// states 1,000 bytes and inflates to a gigabyte, an honest .docx holding 250 MB of text, and one cap
// on extracted text that holds for every format. The fixtures are generated here, none committed.

import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { constants, crc32, deflateRawSync } from 'node:zlib'
import { strToU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../test-support/temp-dir'
import { MAX_DEFLATE_RATIO, UNZIP_CHUNK_BYTES, unzipBounded } from './bounded-unzip'
import { MAX_INFLATED_DOCX_BYTES } from './docx'
import { extractArticle } from './extract-article'
import { buildDocx, buildPdf, buildZip, type ZipEntry } from './test-documents'
import { DEFAULT_EXTRACTION_LIMITS, MAX_ELEMENT_DEPTH, textTooLongReason } from './text-limits'

const MiB = 1024 * 1024

/** Writes the bytes to a real file and extracts it back, as the importer does. */
async function extractFile(name: string, content: string | Uint8Array, limits = DEFAULT_EXTRACTION_LIMITS) {
  const path = join(await tempDir('triangulate-bounds-'), name)
  await writeFile(path, content)
  return extractArticle(path, await readFile(path), limits)
}

/**
 * `head`, then `body` `times` over, then `tail`, as one raw DEFLATE stream made of independently
 * compressed segments (each flushed to a byte boundary, so they concatenate): a gigabyte of output
 * from a megabyte of input, without ever holding the gigabyte.
 */
function deflatedRepeats(head: string, body: Uint8Array, times: number, tail: string, honest = true): { data: Uint8Array; size: number; crc: number } {
  const flushed = (bytes: Uint8Array) => deflateRawSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH })
  const segment = flushed(body)
  const data = Buffer.concat([flushed(Buffer.from(head)), ...Array<Buffer>(times).fill(segment), deflateRawSync(Buffer.from(tail))])
  // A bomb states whatever it likes; an honest file its true checksum.
  let crc = crc32(head)
  for (let i = 0; honest && i < times; i++) crc = crc32(body, crc)
  return { data, size: head.length + body.length * times + tail.length, crc: honest ? crc32(tail, crc) : 0 }
}

/** The parts of a real .docx around a word/document.xml given as a zip entry. */
function docxAround(document: ZipEntry): Uint8Array {
  const plain = buildDocx({ paragraphs: ['placeholder'] })
  const parts = unzipBounded(plain, MiB)
  if (!parts.ok) throw new Error('buildDocx gave no zip')
  const entries: ZipEntry[] = [...parts.files]
    .filter(([name]) => name !== 'word/document.xml')
    .map(([name, data]) => ({ name, data, deflated: false, crc: crc32(data), declaredSize: data.length }))
  return buildZip([...entries, document])
}

const WORD_HEAD = '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
const WORD_TAIL = '</w:body></w:document>'

describe('a page nested deeper than any article', () => {
  it('is skipped with its reason before any tree is built, however deep', async () => {
    const deep = `<!doctype html><html><body>${'<div>'.repeat(100_000)}<p>Buried text.</p>${'</div>'.repeat(100_000)}</body></html>`
    expect(await extractFile('deep.html', deep)).toEqual({
      ok: false,
      reason: `the page nests its elements more than ${MAX_ELEMENT_DEPTH} deep, which no article does (a page built to stall readers?); not imported`,
    })
    // Unclosed, as the page was.
    expect(await extractFile('unclosed.html', `<html><body>${'<div>'.repeat(100_000)}text`)).toMatchObject({ ok: false, reason: expect.stringContaining('nests') })
  })

  it('is read when it stays within the limit, however many elements it has', async () => {
    const paragraph = '<p>The council appointed a retired judge to lead the inquiry into the collapse of the bridge, officials said on Tuesday.</p>'
    const nested = `<html><body>${'<div>'.repeat(MAX_ELEMENT_DEPTH - 60)}<article>${paragraph.repeat(20)}</article>${'</div>'.repeat(MAX_ELEMENT_DEPTH - 60)}</body></html>`
    const result = await extractFile('nested.html', nested)
    expect(result).toMatchObject({ ok: true, article: { text: expect.stringContaining('retired judge') } })
    // Void elements and implied end tags (a <p> closes the one before) nest nothing.
    const flat = `<html><body><article>${'<p>Para<br><img src=x>'.repeat(2000)}</article></body></html>`
    expect(await extractFile('flat.html', flat)).toMatchObject({ ok: true })
  })
})

describe('a .docx that inflates to more than any article needs', () => {
  it('refuses a zip bomb that states 1,000 bytes and inflates to 1 GiB, inflating no more than the cap and one chunk', async () => {
    const zeros = new Uint8Array(MiB)
    const bomb = deflatedRepeats(WORD_HEAD, zeros, 1024, WORD_TAIL, false)
    expect(bomb.size).toBeGreaterThan(1024 * MiB)
    expect(bomb.data.length).toBeLessThan(2 * MiB)
    const docx = docxAround({ name: 'word/document.xml', data: bomb.data, deflated: true, crc: bomb.crc, declaredSize: 1000 })

    const unpacked = unzipBounded(docx, MAX_INFLATED_DOCX_BYTES)
    expect(unpacked).toMatchObject({ ok: false, reason: 'too-large' })
    expect(unpacked.produced).toBeGreaterThan(MAX_INFLATED_DOCX_BYTES)
    expect(unpacked.produced).toBeLessThanOrEqual(MAX_INFLATED_DOCX_BYTES + UNZIP_CHUNK_BYTES * MAX_DEFLATE_RATIO)
    expect(await extractFile('bomb.docx', docx)).toEqual({
      ok: false,
      reason: `the .docx unpacks to more than ${MAX_INFLATED_DOCX_BYTES / MiB} MB of text and markup, more than any article needs (a "zip bomb"?); not imported`,
    })
  })

  it('refuses an honest .docx holding 250 MB of text, which states its true size', async () => {
    const paragraph = `<w:p><w:r><w:t>${'The inquiry heard evidence from the engineers. '.repeat(20)}</w:t></w:r></w:p>`
    const megabyteOfParagraphs = strToU8(paragraph.repeat(Math.floor(MiB / paragraph.length)))
    const document = deflatedRepeats(WORD_HEAD, megabyteOfParagraphs, 250, WORD_TAIL)
    expect(document.size).toBeGreaterThan(245 * MiB)
    expect(document.data.length).toBeLessThan(2 * MiB)
    const docx = docxAround({ name: 'word/document.xml', data: document.data, deflated: true, crc: document.crc, declaredSize: document.size })
    expect(await extractFile('long.docx', docx)).toMatchObject({ ok: false, reason: expect.stringContaining('(a "zip bomb"?)') })
  })

  it('never inflates images and other media, so a bomb among them costs nothing', async () => {
    const bomb = deflatedRepeats('', new Uint8Array(MiB), 1024, '', false)
    const plain = buildDocx({ paragraphs: ['Inquiry opens', 'The judge heard the first witnesses.'] })
    const parts = unzipBounded(plain, MiB)
    if (!parts.ok) throw new Error('buildDocx gave no zip')
    const docx = buildZip([
      ...[...parts.files].map(([name, data]) => ({ name, data, deflated: false, crc: crc32(data), declaredSize: data.length })),
      { name: 'word/media/image1.png', data: bomb.data, deflated: true, crc: bomb.crc, declaredSize: 1000 },
    ])
    expect(await extractFile('with-media.docx', docx)).toMatchObject({ ok: true, article: { text: 'Inquiry opens\n\nThe judge heard the first witnesses.' } })
  })
})

describe('one cap on extracted text, for every format', () => {
  const limits = { ...DEFAULT_EXTRACTION_LIMITS, maxTextChars: 2000 }
  const sentence = 'The council appointed a retired judge to lead the inquiry. '
  const long = sentence.repeat(50)
  const short = sentence.repeat(20)

  it('refuses a text longer than the cap from any format, with one reason, and reads one within it', async () => {
    const page = (text: string) => `<html><body><article><p>${text}</p></article></body></html>`
    const files: [string, (text: string) => string | Uint8Array][] = [
      ['a.txt', (text) => text],
      ['a.md', (text) => `---\ntitle: T\n---\n${text}`],
      ['a.html', page],
      ['a.docx', (text) => buildDocx({ paragraphs: [text] })],
      ['a.pdf', (text) => buildPdf({ pages: text.match(/.{1,80}/g)!.map((line) => [line]) })],
    ]
    for (const [name, build] of files) {
      const refused = await extractFile(name, build(long), limits)
      expect(refused, name).toEqual({
        ok: false,
        reason: expect.stringMatching(/^the text is too long for one article \((\d[\d,]* characters, )?more than the 2,000 characters/),
      })
      expect(await extractFile(name, build(short), limits), name).toMatchObject({ ok: true })
    }
    expect(textTooLongReason(12_345, limits)).toBe(
      'the text is too long for one article (12,345 characters, more than the 2,000 characters an article may have); split it into smaller files',
    )
  })
})
