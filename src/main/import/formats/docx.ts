// Word documents (.docx): the text, one paragraph per Word paragraph with blank lines between, via
// mammoth (as HTML, so line breaks, lists and tables keep their shape), plus the title and author of
// the document's core properties. Images are neither read nor kept, and mammoth is told never to
// open files a document links to outside itself.

import { elementText, type TextNodeLike } from './html-text'
import type { ExtractedMetadata, ExtractResult } from './extract-result'

/**
 * Unpacked size refused outright: a long report unpacks to a few megabytes, images included, so this
 * is room for any article yet stops a "zip bomb" that would fill the memory as it inflates. It is
 * checked against the sizes the zip declares, which is what can be known before inflating anything.
 */
const MAX_UNPACKED_BYTES = 256 * 1024 * 1024
/** Old binary Word files (.doc) and password-protected .docx files are OLE compound files, not zips. */
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const CORE_PROPERTIES = 'docProps/core.xml'

interface XmlDocument {
  getElementsByTagName(name: string): ArrayLike<{ textContent: string | null }>
}

export async function extractDocx(bytes: Uint8Array): Promise<ExtractResult> {
  if (OLE_SIGNATURE.every((byte, i) => bytes[i] === byte)) {
    return { ok: false, reason: 'an old Word .doc file or a password-protected .docx; save it as .docx without a password and import it again' }
  }
  const { unzipSync } = await import('fflate')
  let unpackedBytes = 0
  let core: Uint8Array | undefined
  try {
    const parts = unzipSync(bytes, {
      filter: (file) => {
        unpackedBytes += file.originalSize
        return file.name === CORE_PROPERTIES
      },
    })
    core = parts[CORE_PROPERTIES]
  } catch {
    return { ok: false, reason: 'not a valid .docx (zip) file; it may be damaged or only partly downloaded' }
  }
  if (unpackedBytes > MAX_UNPACKED_BYTES) {
    return { ok: false, reason: `.docx file unpacks to ${Math.round(unpackedBytes / 1024 / 1024)} MB, more than any article needs; not imported` }
  }

  const mammoth = (await import('mammoth')).default
  let html: string
  try {
    const converted = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      { externalFileAccess: false, convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    )
    html = converted.value
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (/main document part/i.test(message)) return { ok: false, reason: 'not a Word document: the .docx has no main document part' }
    return { ok: false, reason: `not a readable .docx file (${message.split('\n')[0]})` }
  }

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
