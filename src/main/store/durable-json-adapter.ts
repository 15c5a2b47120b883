// A lowdb adapter whose writes are durable (see durable-write), sealed with a checksum (see
// sealed-json) and serialised: two writes never interleave, and the newest data is what ends on disk.
// A file of records that are replaced, never changed in place (the library's articles), can keep
// each record's JSON from one write to the next (RecordJson): each commit of an import still writes
// the whole library, but makes JSON only of the articles it added, and never one string of it all.

import { readFile } from 'node:fs/promises'
import type { Adapter } from 'lowdb'
import { writeChunksDurably } from './durable-write'
import { openSealedJson, sealJsonPieces, writeSealedJsonDurably } from './sealed-json'

export class StoreFileError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message)
    this.name = 'StoreFileError'
  }
}

/**
 * Each record's JSON, made once and kept as long as the record lives. Only for records that are never
 * changed in place: a record changed after it was written would be written again as it was.
 */
export class RecordJson {
  // Kept as UTF-8: written again at every save, a kept string was encoded again every time.
  private readonly made = new WeakMap<object, Buffer>()

  of(record: unknown): Buffer | string {
    if (typeof record !== 'object' || record === null) return JSON.stringify(record) ?? 'null'
    let json = this.made.get(record)
    if (json === undefined) {
      json = Buffer.from(JSON.stringify(record), 'utf8')
      this.made.set(record, json)
    }
    return json
  }
}

export class DurableJsonFile<T> implements Adapter<T> {
  private queue: Promise<void> = Promise.resolve()

  /** `records`: write the data's arrays record by record, each record's JSON kept (see RecordJson). */
  constructor(
    readonly path: string,
    private readonly records?: RecordJson,
  ) {}

  async read(): Promise<T | null> {
    let raw: Buffer
    try {
      raw = await readFile(this.path)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
    const read = openSealedJson(raw)
    if (read.kind === 'damaged') throw new StoreFileError(this.path, `${this.path} is damaged (${read.reason})`)
    const { checksum: _checksum, ...data } = read.data
    return data as T
  }

  write(data: T): Promise<void> {
    const records = this.records
    let write: () => Promise<void>
    if (records) {
      // The members as they are now (the caller may replace them before an earlier write finishes);
      // the records themselves never change, so their JSON can be made as they are written.
      const members = Object.entries(data as Record<string, unknown>).map(([key, value]) => [key, Array.isArray(value) ? value.slice() : JSON.stringify(value)] as const)
      write = () => writeSealedJsonDurably(this.path, objectPieces(members, records))
    } else {
      // Serialise now: the caller may mutate `data` again before an earlier write finishes.
      const pieces = sealJsonPieces(JSON.stringify(data))
      write = () => writeChunksDurably(this.path, pieces)
    }
    const next = this.queue.then(write)
    this.queue = next.catch(() => undefined)
    return next
  }
}

/** The JSON of an object, as JSON.stringify writes it, in pieces and without its closing brace. */
function* objectPieces(members: readonly (readonly [string, unknown[] | string | undefined])[], records: RecordJson): Generator<string | Uint8Array> {
  let first = true
  for (const [key, value] of members) {
    // JSON.stringify leaves out members whose value has no JSON (undefined, functions).
    if (value === undefined) continue
    yield `${first ? '{' : ','}${JSON.stringify(key)}:`
    first = false
    if (typeof value === 'string') yield value
    else {
      yield '['
      for (let at = 0; at < value.length; at++) {
        if (at > 0) yield ','
        yield records.of(value[at])
      }
      yield ']'
    }
  }
  if (first) throw new Error('only a non-empty JSON object can be sealed')
}
