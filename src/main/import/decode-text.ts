// Turns a file's bytes into article text, or says precisely why it cannot. The chain runs from the
// surest evidence to the weakest: a Unicode BOM, then UTF-16 without a BOM (told by where its NUL
// bytes fall), then an encoding the file declares (an HTML <meta charset>), then strict UTF-8 (a wrong guess silently corrupts quotes), then UTF-8 cut short
// at the end, and only then statistical detection of a legacy encoding (chardet) decoded by
// iconv-lite. Line endings become \n and the text is NFC-normalised so that the same article typed
// two ways hashes the same. Most files are plain UTF-8 or ASCII: for them validation and decoding
// are one native pass each, and normalisation is skipped where it cannot change anything. Pure
// byte-to-string code: no file system.

import { isUtf8 } from 'node:buffer'
import chardet from 'chardet'
import iconv from 'iconv-lite'

export type DecodeResult = { ok: true; text: string; encoding: string; warnings?: string[] } | { ok: false; reason: string }

export interface DecodeOptions {
  /** The encoding the file names for itself (an HTML <meta charset>): tried after a BOM, before detection. */
  declaredEncoding?: string
}

/** Bytes scanned for binary content: binary formats show themselves early; text files never contain NUL. */
const BINARY_SNIFF_BYTES = 8192
/**
 * UTF-16 without a BOM: each character is two bytes, and every character below U+0100 (Latin
 * letters, digits, spaces, punctuation, line breaks) has a NUL as its high byte: in little-endian at
 * every odd offset, in big-endian at every even one. Text in other scripts still has its spaces and
 * line breaks there, so at least this share of the high bytes is NUL...
 */
const MIN_UTF16_HIGH_NUL_SHARE = 0.1
/**
 * ...and almost none of the low bytes: only characters U+0100, U+0200… have one. Binary data has its
 * NULs at both offsets, so it is not taken for UTF-16, and what passes is then decoded strictly.
 */
const MAX_UTF16_LOW_NUL_SHARE = 0.01
/**
 * Share of C0 control bytes (other than tab, line feed, form feed, carriage return and escape) above
 * which a file is binary: text has practically none, random or compressed data about one byte in ten.
 */
const MAX_CONTROL_BYTE_RATIO = 0.02
/** Bytes given to the detector: statistics settle long before this, and detection stays fast on big files. */
const DETECTION_SAMPLE_BYTES = 64 * 1024
/** chardet's confidence (0–100) under which its guess is a coin toss: read as the commonest legacy encoding instead. */
const MIN_DETECTION_CONFIDENCE = 10
/** Under this confidence the guess is kept but the analyst is told to check the accents. */
const CONFIDENT_DETECTION = 30
/** The most common legacy encoding of the articles analysts collect (and what browsers assume for unlabelled pages). */
const FALLBACK_ENCODING = 'windows-1252'

/**
 * Labels that name a different encoding than they seem to. As in the WHATWG Encoding Standard (what
 * browsers do), Latin-1 and ASCII labels mean windows-1252 and Latin-5 means windows-1254: real files
 * labelled so use those code pages' quotes and dashes in the 0x80–0x9F range, never control codes.
 */
const ENCODING_ALIASES: Readonly<Record<string, string>> = {
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'iso-8859-1': 'windows-1252',
  iso8859_1: 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  l1: 'windows-1252',
  cp819: 'windows-1252',
  ascii: 'windows-1252',
  'us-ascii': 'windows-1252',
  'x-cp1252': 'windows-1252',
  'iso-8859-9': 'windows-1254',
  'iso8859-9': 'windows-1254',
  latin5: 'windows-1254',
  l5: 'windows-1254',
}

export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' }

  const bom = detectBom(bytes)
  if (bom) {
    try {
      return finish(new TextDecoder(bom.encoding, { fatal: true }).decode(bytes.subarray(bom.length)), bom.encoding)
    } catch {
      return { ok: false, reason: `file starts with a ${bom.encoding} byte-order mark but is not valid ${bom.encoding}` }
    }
  }

  const utf16 = utf16WithoutBom(bytes)
  if (utf16) return utf16

  const binary = binaryReason(bytes.subarray(0, BINARY_SNIFF_BYTES))
  if (binary) return { ok: false, reason: binary }

  const warnings: string[] = []
  if (options.declaredEncoding) {
    const declared = canonicalEncoding(options.declaredEncoding)
    if (declared !== 'utf-8' && iconv.encodingExists(declared)) return finish(decodeLegacy(bytes, declared), declared)
    if (declared !== 'utf-8') warnings.push(`the file declares an unknown encoding (${options.declaredEncoding}); the encoding was detected instead`)
    else if (!isValidUtf8(bytes)) warnings.push('the file declares UTF-8 but is not valid UTF-8; the encoding was detected instead')
  }

  // Strictly valid UTF-8 (ASCII included) is decoded once, never given to the detector.
  if (isValidUtf8(bytes)) return finish(decodeValidUtf8(bytes), 'utf-8', warnings)

  const cut = truncatedUtf8Length(bytes)
  if (cut !== null) {
    warnings.push('the file ends in the middle of a character (it was probably cut short); the incomplete character was left out')
    return finish(new TextDecoder('utf-8').decode(bytes.subarray(0, cut)), 'utf-8', warnings)
  }

  const guess = decodeDetected(bytes)
  if (guess.confidence < CONFIDENT_DETECTION) {
    warnings.push(`the encoding was guessed as ${guess.encoding}; check accented letters and quotes, or re-save the file as UTF-8`)
  }
  return finish(guess.text, guess.encoding, warnings)
}

export function normaliseText(text: string): string {
  const unixLines = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text
  // ASCII is NFC already; only ASCII takes one UTF-8 byte per UTF-16 unit, and counting is a native pass.
  return Buffer.byteLength(unixLines, 'utf8') === unixLines.length ? unixLines : unixLines.normalize('NFC')
}

/** A charset label as written in a file or reported by the detector, as the name used to decode and report it. */
export function canonicalEncoding(label: string): string {
  const lower = label.trim().toLowerCase()
  const alias = ENCODING_ALIASES[lower]
  if (alias) return alias
  // "cp1251", "x-cp1250": the Windows code pages under their Microsoft names.
  const codePage = /^(?:x-)?cp(125\d)$/.exec(lower)
  return codePage ? `windows-${codePage[1]}` : lower
}

function finish(decoded: string, encoding: string, warnings: string[] = []): DecodeResult {
  const text = normaliseText(decoded)
  if (text.trim() === '') return { ok: false, reason: 'file contains only whitespace' }
  return warnings.length > 0 ? { ok: true, text, encoding, warnings } : { ok: true, text, encoding }
}

function detectBom(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 }
  return null
}

/**
 * The text of a UTF-16 file without a byte-order mark (as some Windows tools save), told by the NUL
 * bytes of its sample falling at one offset of each pair only; null when the bytes do not look so, or
 * do not decode as UTF-16 text (a lone surrogate, control characters).
 */
function utf16WithoutBom(bytes: Uint8Array): DecodeResult | null {
  const sample = bytes.subarray(0, BINARY_SNIFF_BYTES)
  const pairs = Math.floor(sample.length / 2)
  if (pairs === 0 || !sample.includes(0)) return null
  const nuls = [0, 0]
  for (let i = 0; i < pairs * 2; i++) if (sample[i] === 0) (nuls[i & 1] as number)++
  const [atEven, atOdd] = nuls as [number, number]
  const endianness =
    atOdd >= pairs * MIN_UTF16_HIGH_NUL_SHARE && atEven <= pairs * MAX_UTF16_LOW_NUL_SHARE
      ? 'utf-16le'
      : atEven >= pairs * MIN_UTF16_HIGH_NUL_SHARE && atOdd <= pairs * MAX_UTF16_LOW_NUL_SHARE
        ? 'utf-16be'
        : null
  if (!endianness) return null
  const warnings: string[] = []
  const whole = bytes.length - (bytes.length % 2)
  if (whole < bytes.length) warnings.push('the file ends in the middle of a character (it was probably cut short); the incomplete character was left out')
  let text: string
  try {
    text = new TextDecoder(endianness, { fatal: true }).decode(bytes.subarray(0, whole))
  } catch {
    return null
  }
  let control = 0
  for (let i = 0; i < text.length; i++) if (isControlByte(text.charCodeAt(i))) control++
  if (control > text.length * MAX_CONTROL_BYTE_RATIO) return null
  return finish(text, endianness, warnings)
}

function binaryReason(sample: Uint8Array): string | null {
  if (sample.includes(0)) return 'binary file (contains NUL bytes), not text'
  let control = 0
  // Indexed, not for…of: a typed array's iterator cost more than the test itself, over every byte of every file.
  for (let i = 0; i < sample.length; i++) if (isControlByte(sample[i] as number)) control++
  if (control / sample.length > MAX_CONTROL_BYTE_RATIO) return 'binary file (full of control characters), not text'
  return null
}

function isControlByte(byte: number): boolean {
  // Tab, line feed, vertical tab, form feed, carriage return and escape (ISO-2022 uses it) occur in text.
  return (byte < 0x20 && (byte < 0x09 || byte > 0x0d) && byte !== 0x1b) || byte === 0x7f
}

/** Strict: overlong forms, surrogates and code points past U+10FFFF are invalid, as in a fatal TextDecoder. */
function isValidUtf8(bytes: Uint8Array): boolean {
  return isUtf8(bytes)
}

function decodeValidUtf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
}

/**
 * A file that is valid UTF-8 except for a multi-byte character cut off at its very end (a download
 * or copy interrupted) gives the length of its valid part; anything else gives null.
 */
function truncatedUtf8Length(bytes: Uint8Array): number | null {
  // A UTF-8 character is at most 4 bytes, so an incomplete one is a lead byte among the last 3.
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const lead = bytes[bytes.length - back] as number
    if ((lead & 0xc0) === 0x80) continue // a continuation byte: the lead is further back
    const needed = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 && lead < 0xe0 ? 2 : 0
    if (needed <= back) return null // not a lead byte, or a complete character: the damage is elsewhere
    const cut = bytes.length - back
    return isValidUtf8(bytes.subarray(0, cut)) ? cut : null
  }
  return null
}

/**
 * The detector's best guess that decodes the bytes cleanly: a multi-byte guess (Shift_JIS, Big5…)
 * that needs replacement characters is wrong, which happens on short texts. None left: windows-1252.
 */
function decodeDetected(bytes: Uint8Array): { text: string; encoding: string; confidence: number } {
  const candidates = chardet.analyse(bytes.subarray(0, DETECTION_SAMPLE_BYTES))
  for (const candidate of candidates) {
    // UTF-8 has already failed, and UTF-16/32 without a BOM would have shown NUL bytes.
    if (/^(utf|ascii)/i.test(candidate.name)) continue
    if (candidate.confidence < MIN_DETECTION_CONFIDENCE) break
    const encoding = canonicalEncoding(candidate.name)
    if (!iconv.encodingExists(encoding)) continue
    const text = decodeLegacy(bytes, encoding)
    if (!text.includes('\ufffd')) return { text, encoding, confidence: candidate.confidence }
  }
  return { text: decodeLegacy(bytes, FALLBACK_ENCODING), encoding: FALLBACK_ENCODING, confidence: 0 }
}

function decodeLegacy(bytes: Uint8Array, encoding: string): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding)
}
