// Turns a file's bytes into article text, or says precisely why it cannot. Unicode BOMs are honoured,
// UTF-8 is validated strictly (a wrong guess silently corrupts quotes), line endings become \n and
// the text is NFC-normalised so that the same article typed two ways hashes the same.

export type DecodeResult = { ok: true; text: string; encoding: string } | { ok: false; reason: string }

/** Bytes scanned for NUL: binary formats show one early; text files essentially never contain it. */
const BINARY_SNIFF_BYTES = 8192

export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' }
  const bom = detectBom(bytes)
  if (bom) {
    try {
      return finish(new TextDecoder(bom.encoding, { fatal: true }).decode(bytes.subarray(bom.length)), bom.encoding)
    } catch {
      return { ok: false, reason: `file starts with a ${bom.encoding} byte-order mark but is not valid ${bom.encoding}` }
    }
  }
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
    return { ok: false, reason: 'binary file (contains NUL bytes), not text' }
  }
  try {
    return finish(new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'utf-8')
  } catch {
    return { ok: false, reason: 'not valid UTF-8 text (re-save it as UTF-8)' }
  }
}

function finish(decoded: string, encoding: string): DecodeResult {
  const text = normaliseText(decoded)
  if (text.trim() === '') return { ok: false, reason: 'file contains only whitespace' }
  return { ok: true, text, encoding }
}

export function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, '\n').normalize('NFC')
}

function detectBom(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 }
  return null
}
