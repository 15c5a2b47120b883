// Word documents (.docx): the text, one paragraph per Word paragraph with blank lines between, via
// mammoth (as HTML, so line breaks, lists and tables keep their shape), plus the title and author of
// the document's core properties. Images are neither read nor kept, and mammoth is told never to
// open files a document links to outside itself. The zip is unpacked here first, with a hard cap on
// the bytes inflated (bounded-unzip.ts), and mammoth is given those parts stored without compression:
// what it reads is exactly what was measured, whatever the zip declares.

import { nestsDeeperThan } from './element-depth'
import { unzipBounded } from './bounded-unzip'
import { elementText, type TextNodeLike } from './html-text'
import type { ExtractedMetadata, ExtractResult } from './extract-result'
import { DEFAULT_EXTRACTION_LIMITS, tooDeepReason, type ExtractionLimits } from './text-limits'

/**
 * Bytes of XML a document may inflate to. Word's XML takes about three times the text it holds, so
 * this is room for the longest text an article may have (MAX_ARTICLE_TEXT_CHARS) with its markup,
 * yet stops a "zip bomb" (a few compressed bytes that inflate to gigabytes) long before memory fills.
 */
export const MAX_INFLATED_DOCX_BYTES = 64 * 1024 * 1024
/** The parts mammoth reads are XML; images and other media are never inflated (mammoth is told not to read them). */
const PART_READ = /\.(xml|rels)$/i
/** Old binary Word files (.doc) and password-protected .docx files are OLE compound files, not zips. */
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const CORE_PROPERTIES = 'docProps/core.xml'

interface XmlDocument {
  getElementsByTagName(name: string): ArrayLike<{ textContent: string | null }>
}

export async function extractDocx(bytes: Uint8Array, limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS): Promise<ExtractResult> {
  if (OLE_SIGNATURE.every((byte, i) => bytes[i] === byte)) {
    return { ok: false, reason: 'an old Word .doc file or a password-protected .docx; save it as .docx without a password and import it again' }
  }
  const unpacked = unzipBounded(bytes, MAX_INFLATED_DOCX_BYTES, (name) => PART_READ.test(name))
  if (!unpacked.ok && unpacked.reason === 'too-large') {
    const cap = MAX_INFLATED_DOCX_BYTES / 1024 / 1024
    return { ok: false, reason: `the .docx unpacks to more than ${cap} MB of text and markup, more than any article needs (a "zip bomb"?); not imported` }
  }
  if (!unpacked.ok) return { ok: false, reason: 'not a valid .docx (zip) file; it may be damaged or only partly downloaded' }
  const core = unpacked.files.get(CORE_PROPERTIES)

  const { zipSync } = await import('fflate')
  const stored = zipSync(Object.fromEntries(unpacked.files), { level: 0 })
  const mammoth = (await import('mammoth')).default
  let html: string
  try {
    const converted = await mammoth.convertToHtml(
      { buffer: Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength) },
      { externalFileAccess: false, convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    )
    html = converted.value
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (/main document part/i.test(message)) return { ok: false, reason: 'not a Word document: the .docx has no main document part' }
    return { ok: false, reason: `not a readable .docx file (${message.split('\n')[0]})` }
  }

  if (await nestsDeeperThan(html, limits.maxElementDepth)) return { ok: false, reason: tooDeepReason(limits, 'document') }
  const { parseHTML } = await import('linkedom')
  const body = parseHTML(`<!doctype html><html><body>${html}</body></html>`).document.body as unknown as TextNodeLike
  const text = elementText(body)
  if (text.trim() === '') return { ok: false, reason: 'the .docx document contains no text' }
  return { ok: true, article: { text, encoding: 'docx', metadata: await coreProperties(core), warnings: [] } }
}

/** Title and author as Word stores them (docProps/core.xml); a missing or broken part just gives none. */
async function coreProperties(xml: Uint8Array | undefined): Promise<ExtractedMetadata> {
  if (!xml) return {}
  const { DOMParser } = await import('linkedom')
  const document = new DOMParser().parseFromString(new TextDecoder().decode(xml), 'text/xml') as unknown as XmlDocument
  const field = (tag: string) => document.getElementsByTagName(tag)[0]?.textContent?.trim() || undefined
  return { title: field('dc:title'), author: field('dc:creator') }
}
