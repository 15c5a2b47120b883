// Builds small but real .docx and .pdf files for the format tests, so the parsers are tested on the
// same kind of bytes analysts import, without binary fixtures in the repository. Test support only.

import { strToU8, zipSync } from 'fflate'

const WORD_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'

export interface DocxContent {
  /** Paragraphs; a string may hold "\n" for a line break inside the paragraph. */
  paragraphs: string[]
  title?: string
  creator?: string
}

export function buildDocx({ paragraphs, title, creator }: DocxContent): Uint8Array {
  const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const run = (text: string) =>
    text
      .split('\n')
      .map((part) => `<w:r><w:t xml:space="preserve">${xml(part)}</w:t></w:r>`)
      .join('<w:r><w:br/></w:r>')
  const body = paragraphs.map((p) => (p === '' ? '<w:p/>' : `<w:p>${run(p)}</w:p>`)).join('')
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${WORD_NS}"><w:body>${body}</w:body></w:document>`),
    'docProps/core.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
        `${title ? `<dc:title>${xml(title)}</dc:title>` : ''}${creator ? `<dc:creator>${xml(creator)}</dc:creator>` : ''}</cp:coreProperties>`,
    ),
  }
  return zipSync(files)
}

export interface PdfContent {
  /** Each page: lines of text (an empty string leaves a line's worth of space), or null for a page with only a drawing. */
  pages: (string[] | null)[]
  title?: string
  author?: string
}

/** A PDF 1.4 file with Helvetica text (WinAnsi, so Latin-1 characters only) and a correct cross-reference table. */
export function buildPdf({ pages, title, author }: PdfContent): Uint8Array {
  const pdfString = (s: string) => `(${s.replace(/[()\\]/g, '\\$&')})`
  const objects: string[] = ['<< /Type /Catalog /Pages 2 0 R >>', '']
  const fontId = 3 + pages.length * 2
  const kids: string[] = []
  pages.forEach((lines, i) => {
    const pageId = 3 + i * 2
    kids.push(`${pageId} 0 R`)
    const stream =
      lines === null ? '0 0 m 300 300 l S' : `BT /F1 12 Tf 14 TL 72 720 Td ${lines.map((line) => (line === '' ? 'T*' : `${pdfString(line)} Tj T*`)).join(' ')} ET`
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${pageId + 1} 0 R /Resources << /Font << /F1 ${fontId} 0 R >> >> >>`)
    objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`)
  })
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages.length} >>`
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>')
  const info = [title && `/Title ${pdfString(title)}`, author && `/Author ${pdfString(author)}`].filter(Boolean).join(' ')
  if (info) objects.push(`<< ${info} >>`)

  let out = '%PDF-1.4\n'
  const offsets = objects.map((object, i) => {
    const offset = out.length
    out += `${i + 1} 0 obj\n${object}\nendobj\n`
    return offset
  })
  const xref = out.length
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${info ? ` /Info ${objects.length} 0 R` : ''} >>\nstartxref\n${xref}\n%%EOF\n`
  return new Uint8Array(Buffer.from(out, 'latin1'))
}

export interface ZipEntry {
  name: string
  /** The entry's bytes as stored: raw DEFLATE when `deflated`, else the bytes themselves. */
  data: Uint8Array
  deflated: boolean
  crc: number
  /** The unpacked size the zip states, true or not. */
  declaredSize: number
}

/** A zip written field by field, so a test can make it state what it likes (a "zip bomb" states a small size). */
export function buildZip(entries: ZipEntry[]): Uint8Array {
  const parts: Uint8Array[] = []
  const central: Uint8Array[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8')
    const fields = (signature: number, extra: number[]) => {
      const header = Buffer.alloc(signature === 0x04034b50 ? 30 : 46)
      let at = 0
      const u32 = (v: number) => (at = header.writeUInt32LE(v >>> 0, at))
      const u16 = (v: number) => (at = header.writeUInt16LE(v, at))
      u32(signature)
      if (signature === 0x02014b50) u16(20) // version made by
      u16(20) // version needed
      u16(0x0800) // flags: UTF-8 names
      u16(entry.deflated ? 8 : 0)
      u16(0) // time
      u16(0x21) // date: 1980-01-01
      u32(entry.crc)
      u32(entry.data.length)
      u32(entry.declaredSize)
      u16(name.length)
      u16(0) // extra field length
      for (const v of extra) u16(v)
      if (signature === 0x02014b50) u32(offset)
      return Buffer.concat([header.subarray(0, at), name])
    }
    const local = fields(0x04034b50, [])
    central.push(fields(0x02014b50, [0, 0, 0, 0, 0])) // comment length, disk, internal attributes, external attributes (two words)
    parts.push(local, entry.data)
    offset += local.length + entry.data.length
  }
  const directory = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...parts, directory, end]))
}
