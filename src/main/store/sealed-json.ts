// The store's JSON files carry a checksum inside themselves: the sha256 of the file's JSON as it was
// written, appended as its last member, `"checksum":"<hex>"`. Inside the file because two files
// cannot be renamed in one step: a checksum kept beside it could disagree after a crash. Last, so
// checking it costs one hash of the text and no second serialisation. A file without one is read
// only from stores older than SEALED_SINCE_VERSION; from that version on, a missing checksum is
// damage too (a flipped bit in the word "checksum" would otherwise switch the check off).

import { createHash } from 'node:crypto'

/** The store version from which library.json and annotations.json are sealed. */
export const SEALED_SINCE_VERSION = 9
const CHECKSUM_KEY = '"checksum":"'
/** `,"checksum":"` + 64 hex digits + `"}` */
const SEAL_LENGTH = 1 + CHECKSUM_KEY.length + 64 + 2

/** Seals the JSON text of an object (as JSON.stringify wrote it). */
export function sealJson(json: string): string {
  if (!json.startsWith('{') || !json.endsWith('}') || json === '{}') throw new Error('only a non-empty JSON object can be sealed')
  return `${json.slice(0, -1)},${CHECKSUM_KEY}${sha256(json)}"}`
}

export type SealedRead = { kind: 'ok'; data: Record<string, unknown>; sealed: boolean } | { kind: 'damaged'; reason: string }

/** Parses a sealed file's text and checks its checksum; an unsealed file is accepted only if older than SEALED_SINCE_VERSION. */
export function openSealedJson(text: string): SealedRead {
  const seal = text.length > SEAL_LENGTH ? text.slice(-SEAL_LENGTH) : ''
  const sealed = seal.startsWith(`,${CHECKSUM_KEY}`) && /^[0-9a-f]{64}"\}$/.test(seal.slice(1 + CHECKSUM_KEY.length))
  if (sealed) {
    const json = `${text.slice(0, -SEAL_LENGTH)}}`
    if (sha256(json) !== seal.slice(1 + CHECKSUM_KEY.length, -2)) return { kind: 'damaged', reason: 'its checksum does not match its content' }
    try {
      return { kind: 'ok', data: JSON.parse(json) as Record<string, unknown>, sealed: true }
    } catch {
      return { kind: 'damaged', reason: 'it is not valid JSON' }
    }
  }
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

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}
