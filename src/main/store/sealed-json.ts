// The store's JSON files carry a checksum inside themselves: the sha256 of the file's JSON as it was
// written, appended as its last member, `"checksum":"<hex>"`. Inside the file because two files
// cannot be renamed in one step: a checksum kept beside it could disagree after a crash. Last, so
// checking it costs one hash of the text and no second serialisation. A file without one is read
// only from stores older than SEALED_SINCE_VERSION; from that version on, a missing checksum is
// damage too (a flipped bit in the word "checksum" would otherwise switch the check off).
//
// The checksum is of the UTF-8 bytes, so both sides work on bytes: the writer encodes the JSON once
// and hashes and writes those bytes, the reader hashes the bytes it read, before decoding them.
// Hashing a string instead encodes it to UTF-8 a second time, which was most of the cost of opening
// and compacting a store of 100,000 evidence links (47 MB of annotations).

import { createHash } from 'node:crypto'
import { writeTextDurably } from './durable-write'

/** The store version from which library.json and annotations.json are sealed. */
export const SEALED_SINCE_VERSION = 9
const CHECKSUM_KEY = '"checksum":"'
/** `,"checksum":"` + 64 hex digits + `"}` */
const SEAL_LENGTH = 1 + CHECKSUM_KEY.length + 64 + 2
const CLOSING_BRACE = Buffer.from('}')

/** Seals the JSON text of an object (as JSON.stringify wrote it). */
export function sealJson(json: string): string {
  return sealJsonBytes(json).toString('utf8')
}

/** The sealed file's bytes for the JSON text of an object: what the store writes. */
export function sealJsonBytes(json: string): Buffer {
  return Buffer.concat(sealJsonPieces(json))
}

/**
 * The sealed file's bytes in two pieces, to be written one after the other: the JSON without its
 * closing brace, then the seal. Joining them copied the whole file once more: for a store of 100,000
 * evidence links, 47 MB more at the moment it closes, which was the peak of its process.
 */
export function sealJsonPieces(json: string): [Buffer, Buffer] {
  if (!json.startsWith('{') || !json.endsWith('}') || json === '{}') throw new Error('only a non-empty JSON object can be sealed')
  const bytes = Buffer.from(json, 'utf8')
  const checksum = createHash('sha256').update(bytes).digest('hex')
  return [bytes.subarray(0, bytes.length - 1), Buffer.from(`,${CHECKSUM_KEY}${checksum}"}`, 'latin1')]
}

/**
 * Writes a sealed file durably from its JSON text in pieces: the object's JSON without its closing
 * brace, which the seal brings. No string or buffer of the whole file is made: the pieces are
 * encoded into one small buffer and hashed as they are written (a library of 100,000 articles is
 * 50 MB, rewritten at every commit of an import).
 */
export function writeSealedJsonDurably(path: string, objectWithoutClosingBrace: Iterable<string | Uint8Array>): Promise<void> {
  const hash = createHash('sha256')
  return writeTextDurably(path, objectWithoutClosingBrace, {
    seen: (bytes) => hash.update(bytes),
    last: () => `,${CHECKSUM_KEY}${hash.update(CLOSING_BRACE).digest('hex')}"}`,
  })
}

export type SealedRead = { kind: 'ok'; data: Record<string, unknown>; sealed: boolean } | { kind: 'damaged'; reason: string }

/** Parses a sealed file (its bytes, or its text) and checks its checksum; an unsealed file is accepted only if older than SEALED_SINCE_VERSION. */
export function openSealedJson(content: string | Uint8Array): SealedRead {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content.buffer, content.byteOffset, content.byteLength)
  // The seal is ASCII: its last SEAL_LENGTH bytes are its last SEAL_LENGTH characters.
  const seal = bytes.length > SEAL_LENGTH ? bytes.subarray(bytes.length - SEAL_LENGTH).toString('latin1') : ''
  const sealed = seal.startsWith(`,${CHECKSUM_KEY}`) && /^[0-9a-f]{64}"\}$/.test(seal.slice(1 + CHECKSUM_KEY.length))
  if (sealed) {
    const checksum = createHash('sha256')
      .update(bytes.subarray(0, bytes.length - SEAL_LENGTH))
      .update(CLOSING_BRACE)
      .digest('hex')
    if (checksum !== seal.slice(1 + CHECKSUM_KEY.length, -2)) return { kind: 'damaged', reason: 'its checksum does not match its content' }
    try {
      // The sealed text is itself one JSON object; its last member is the checksum, dropped here.
      const data = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>
      delete data.checksum
      return { kind: 'ok', data, sealed: true }
    } catch {
      return { kind: 'damaged', reason: 'it is not valid JSON' }
    }
  }
  const text = typeof content === 'string' ? content : bytes.toString('utf8')
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return { kind: 'damaged', reason: text.length === 0 ? 'it is empty' : 'it is not valid JSON' }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { kind: 'damaged', reason: 'it is not a store file' }
  const version = Number((data as { schemaVersion?: unknown }).schemaVersion)
  if (!(version < SEALED_SINCE_VERSION)) return { kind: 'damaged', reason: 'its checksum is missing' }
  return { kind: 'ok', data: data as Record<string, unknown>, sealed: false }
}
