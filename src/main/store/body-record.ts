// One text as the body packs store it: [magic, sha256 of the text, byte length, UTF-8 text]. Apart
// from body-packs.ts so that an import's preparation worker, which loads nothing of the store but
// this, can make a new text's record as it hashes it: the record then crosses to the importer's
// thread as bytes moved, not copied, and is written as it is. The text never becomes a string there,
// where 10,000 of them (60 MB) were most of what its garbage collector had to do in an import.

import { createHash } from 'node:crypto'

export const RECORD_MAGIC = 0x31444254 // "TBD1" little-endian
export const HASH_BYTES = 32
/** magic, sha256, byte length */
export const RECORD_HEADER_BYTES = 4 + HASH_BYTES + 4

/** A text's record, with the sha256 it is stored under. */
export interface BodyRecord {
  contentHash: string
  /** In an ArrayBuffer of its own, so it can be transferred between threads. */
  record: Uint8Array<ArrayBuffer>
}

/** The record of `text`, its sha256 computed from the record's own bytes. */
export function bodyRecordOf(text: string): BodyRecord {
  const length = Buffer.byteLength(text, 'utf8')
  // Not from Node's shared pool: a pooled buffer's ArrayBuffer holds other buffers and cannot be transferred.
  const record = Buffer.allocUnsafeSlow(RECORD_HEADER_BYTES + length)
  record.write(text, RECORD_HEADER_BYTES, length, 'utf8')
  const hash = createHash('sha256').update(record.subarray(RECORD_HEADER_BYTES)).digest()
  record.writeUInt32LE(RECORD_MAGIC, 0)
  hash.copy(record, 4)
  record.writeUInt32LE(length, 4 + HASH_BYTES)
  return { contentHash: hash.toString('hex'), record: new Uint8Array(record.buffer, 0, record.length) }
}

/** The record of `text`, stored under `contentHash`, which the caller has computed already. */
export function encodeRecord(contentHash: string, text: string): Buffer {
  const length = Buffer.byteLength(text, 'utf8')
  const record = Buffer.allocUnsafe(RECORD_HEADER_BYTES + length)
  record.writeUInt32LE(RECORD_MAGIC, 0)
  record.write(contentHash, 4, HASH_BYTES, 'hex')
  record.writeUInt32LE(length, 4 + HASH_BYTES)
  record.write(text, RECORD_HEADER_BYTES, length, 'utf8')
  return record
}

/** The text's UTF-8 bytes inside its record. */
export function recordTextBytes(record: Uint8Array): Buffer {
  return Buffer.from(record.buffer, record.byteOffset + RECORD_HEADER_BYTES, record.length - RECORD_HEADER_BYTES)
}

/** The text a record holds. */
export function recordText(record: Uint8Array): string {
  return recordTextBytes(record).toString('utf8')
}

/** Whether a record's header says it holds `length` bytes of the text with this sha256. */
export function recordHolds(record: Uint8Array, contentHash: string, length: number): boolean {
  const bytes = Buffer.from(record.buffer, record.byteOffset, record.length)
  return bytes.readUInt32LE(0) === RECORD_MAGIC && bytes.toString('hex', 4, 4 + HASH_BYTES) === contentHash && bytes.readUInt32LE(4 + HASH_BYTES) === length
}
