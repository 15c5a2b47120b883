// Unpacks a zip (a .docx) with a hard cap on the bytes actually inflated, not on the sizes the zip
// declares: a "zip bomb" can declare 1,000 bytes and inflate to a gigabyte. The compressed bytes are
// fed to fflate's streaming inflater a small chunk at a time, and unpacking stops as soon as the
// bytes produced pass the cap, so memory never holds much more than the cap. Pure bytes-to-bytes
// code: no file system.

import { Unzip, UnzipInflate, type UnzipFile } from 'fflate'

/**
 * Compressed bytes fed at once. DEFLATE expands at most about 1,032 times, so one chunk produces at
 * most about 4 MB: the most an unpacking can overshoot its cap by before it is stopped.
 */
export const UNZIP_CHUNK_BYTES = 4 * 1024
/** DEFLATE's largest expansion (258-byte matches coded in 2 bits, rounded up). */
export const MAX_DEFLATE_RATIO = 1032

export type BoundedUnzip =
  | { ok: true; files: Map<string, Uint8Array>; produced: number }
  | { ok: false; reason: 'too-large'; produced: number }
  | { ok: false; reason: 'invalid'; detail: string; produced: number }

/**
 * Every file of `zip`, unless inflating them produces more than `maxBytes` in all. Files that
 * `inflate` turns down are not inflated at all (their compressed bytes are passed over) and come
 * back empty, so a reader that looks them up still finds them.
 */
export function unzipBounded(zip: Uint8Array, maxBytes: number, inflate: (name: string) => boolean = () => true): BoundedUnzip {
  const files = new Map<string, Uint8Array>()
  const open: UnzipFile[] = []
  let produced = 0
  let tooLarge = false
  let failure: string | undefined
  const unzip = new Unzip((file) => {
    if (!inflate(file.name)) {
      files.set(file.name, new Uint8Array(0))
      return
    }
    const chunks: Uint8Array[] = []
    open.push(file)
    file.ondata = (error, chunk, final) => {
      if (tooLarge || failure !== undefined) return
      if (error) {
        failure = error.message
        return
      }
      produced += chunk.length
      if (produced > maxBytes) {
        tooLarge = true
        return
      }
      chunks.push(chunk)
      if (final) files.set(file.name, concat(chunks))
    }
    file.start()
  })
  unzip.register(UnzipInflate)
  try {
    for (let offset = 0; offset < zip.length && !tooLarge && failure === undefined; offset += UNZIP_CHUNK_BYTES) {
      unzip.push(zip.subarray(offset, offset + UNZIP_CHUNK_BYTES), offset + UNZIP_CHUNK_BYTES >= zip.length)
    }
  } catch (error) {
    failure ??= error instanceof Error ? error.message : String(error)
  } finally {
    for (const file of open) file.terminate()
  }
  if (tooLarge) return { ok: false, reason: 'too-large', produced }
  if (failure !== undefined) return { ok: false, reason: 'invalid', detail: failure, produced }
  if (files.size === 0) return { ok: false, reason: 'invalid', detail: 'no files in the zip', produced }
  return { ok: true, files, produced }
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array
  const whole = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0))
  let at = 0
  for (const chunk of chunks) {
    whole.set(chunk, at)
    at += chunk.length
  }
  return whole
}
