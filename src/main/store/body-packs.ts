// Article bodies live outside lowdb, appended to pack files and found through an index:
//   bodies/packs/000001.pack  records of [magic, sha256 of the text, byte length, UTF-8 text], never rewritten
//   bodies/packs/index        batches of [magic, entry count, sha256 of the entries, entries]; an entry
//                             says where one text's record is: sha256, pack, offset, length
//   bodies/ab/<sha256>.txt    one file per text, as stores before packs kept them: still read
//
// Why packs: a file per body cost a file creation, a rename and a flush each, which made the disk,
// not the text, the bottleneck of an import (10,000 articles: 11 s with 7 s of system time). Packs
// take one write per batch of bodies and one flush per commit.
//
// Durability: flush() makes every body written so far durable (the packs, then the index entries
// that point at them) before the store commits metadata that names those texts, so the library never
// names a text that is not on disk. A crash can leave a pack longer than its index says (bodies
// written, never indexed) or the index with a torn last batch: both are cut off at the next open for
// writing. An index that is damaged anywhere else is rebuilt by reading the packs, whose records
// carry their own hashes. A read checks that the record it finds holds the text it was asked for.

import { createHash, randomBytes } from 'node:crypto'
import {
  close as closeWithCallback,
  fsync as fsyncWithCallback,
  open as openWithCallback,
  read as readWithCallback,
  readFile as readFileWithCallback,
  writev as writevWithCallback,
  stat as statWithCallback,
  existsSync,
  constants,
} from 'node:fs'
import { mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { appendFileDurably, syncDirectory, truncateFileDurably, writeFileDurably } from './durable-write'

// The callback forms: fewer promise and handle objects per call than fs/promises', which showed in
// an import's profile at thousands of bodies, and in a search reading a page of bodies.
const openAsync = promisify(openWithCallback)
const closeAsync = promisify(closeWithCallback)
const fsyncAsync = promisify(fsyncWithCallback)
const readAsync = promisify(readWithCallback)
const readFileAsync = promisify(readFileWithCallback)
const writevAsync = promisify(writevWithCallback)
const statAsync = promisify(statWithCallback)

export const PACKS_DIR = 'packs'
export const PACK_INDEX_FILE = 'index'
const RECORD_MAGIC = 0x31444254 // "TBD1" little-endian
const RECORD_MAGIC_BYTES = Buffer.from([0x54, 0x42, 0x44, 0x31])
const BATCH_MAGIC = 0x31494254 // "TBI1" little-endian
/** Where taken-out bytes go when the caller names no folder (the store names its own damaged/). */
const DAMAGED_DIR = 'damaged'
const HASH_BYTES = 32
/** magic, sha256, byte length */
const RECORD_HEADER_BYTES = 4 + HASH_BYTES + 4
/** A record up to this size is read into a shared buffer (BodyPacks.read); a larger one, rarer, into its own. */
const READ_BUFFER_BYTES = 64 * 1024
/** Shared read buffers kept between reads: as many as the reads a derived index's run has in flight (32), and some. */
const MAX_SPARE_READ_BUFFERS = 64
/** sha256, pack number, offset of the record, byte length of the text */
const ENTRY_BYTES = HASH_BYTES + 4 + 4 + 4
/** magic, entry count, sha256 of the entries */
const BATCH_HEADER_BYTES = 4 + 4 + HASH_BYTES
/**
 * A pack is closed to new records past this size: offsets stay within 32 bits, and no one file grows
 * beyond what every file system and backup tool handles well.
 */
export const DEFAULT_PACK_BYTES = 256 * 1024 * 1024
/**
 * A write that may wait for company (an import's) waits at most this long, or until this many texts or
 * bytes are queued, so that one writev carries many texts: started on the next turn, an import's batch
 * averaged 2.3 texts, 4,410 thread-pool round trips for 10,000 files.
 */
const GATHER_WAIT_MS = 15
const GATHER_TEXTS = 32
const GATHER_BYTES = 256 * 1024

interface Location {
  pack: number
  offset: number
  length: number
}

interface Queued {
  hash: string
  record: Buffer
  /** Its writer would rather it waited for company (an import's write; see GATHER_WAIT_MS). */
  gather: boolean
  done: { resolve: () => void; reject: (error: unknown) => void }
}

export interface BodyPacksOptions {
  readOnly?: boolean
  /** Pack size at which the next record starts a new pack (tests use a small one). */
  packBytes?: number
  /** Where bytes cut from a pack, and a damaged index, are kept (the store's damaged/ folder). */
  damagedDir?: string
  /** How long a write that may wait for company waits at most (GATHER_WAIT_MS; tests set a long one). */
  gatherWaitMs?: number
}

/** A text that cannot be returned as stored: missing from its pack, or no longer matching its hash. */
export class DamagedTextError extends Error {
  constructor(
    readonly contentHash: string,
    readonly kind: 'missing' | 'damaged',
    readonly reason: string,
  ) {
    super(`The stored text ${contentHash.slice(0, 12)}… cannot be read: ${reason}.`)
    this.name = 'DamagedTextError'
  }
}

export class BodyPacks {
  /** Every text on disk, by sha256: from the index, then from this process's writes. */
  private readonly locations = new Map<string, Location>()
  /** Texts whose records are written and not yet in the index: they become entries at flush(). */
  private unindexed: { hash: string; location: Location }[] = []
  /** Texts queued or being written, readable from memory until their record is on disk. */
  private readonly inFlight = new Map<string, { text: string; written: Promise<void> }>()
  private queue: Queued[] = []
  /** The write of the batch before the queue: one at a time, so the records land in order, without gaps. */
  private writing: Promise<void> | null = null
  /**
   * Set while flush() syncs the pack and appends to the index: texts handed over meanwhile (an import
   * goes on beside its commit) wait in the queue. Written meanwhile, their index entries were dropped
   * as the flush's own were cleared, and a pack switch could close the handle being synced.
   */
  private flushing: Promise<void> | null = null
  /** A batch's write is to start on the next turn of the event loop (see startWritingSoon). */
  private startPending = false
  /** Armed while the queue holds only texts that may wait for company (see GATHER_WAIT_MS). */
  private gatherTimer: NodeJS.Timeout | null = null
  private gatherWaitMs = GATHER_WAIT_MS
  /** Batches written since opening, each one writev (a test checks that a turn's texts are one). */
  private batches = 0
  private currentPack: number
  private packEnd: number
  /** The pack being written has data not yet flushed, which must reach the disk before the index does. */
  private packUnsynced = false
  private readonly readHandles = new Map<number, Promise<number>>()
  /** Buffers of READ_BUFFER_BYTES that reads are done with, for the next reads to fill again. */
  private readonly spareReadBuffers: Buffer[] = []
  private writeHandle: { pack: number; fd: number } | null = null
  /** Set when a new pack file or folder appears: its entry in the folder must be flushed too. */
  private unsyncedFolders = false

  private constructor(
    readonly dir: string,
    private readonly packBytes: number,
    private readonly readOnly: boolean,
    lastPack: number,
    lastPackEnd: number,
    /** What opening found and repaired, for the analyst. */
    readonly notices: readonly string[] = [],
    /**
     * Texts found in the packs past what the index covered, and indexed again. After a crash these
     * are texts never committed; a text that the library names among them means the index had lost
     * entries it once held (outside damage), which the store tells the analyst.
     */
    readonly recovered: ReadonlySet<string> = new Set(),
  ) {
    this.currentPack = lastPack
    this.packEnd = lastPackEnd
  }

  /**
   * Loads the index, then makes it agree with the packs, which are the truth: records past what the
   * index covers (an index cut short, damaged, missing, or a crash between a pack write and its
   * index entry) are found by scanning the packs and indexed again; entries that point past a
   * pack's end are dropped. Nothing is ever cut from a pack on the index's word. Opened for writing,
   * the last pack's bytes past its last complete record (a record torn by a crash, or damage) are
   * moved to damaged/ before new records follow, and a changed index is rewritten whole.
   */
  static async open(dir: string, options: BodyPacksOptions = {}): Promise<BodyPacks> {
    const readOnly = options.readOnly ?? false
    const packsDir = join(dir, PACKS_DIR)
    const damagedDir = options.damagedDir ?? join(dir, DAMAGED_DIR)
    if (!readOnly) await mkdir(packsDir, { recursive: true })
    const indexPath = join(packsDir, PACK_INDEX_FILE)
    const indexBytes = await readFileAsync(indexPath).catch(notFoundAs(null))
    const parsed = parseIndex(indexBytes ?? Buffer.alloc(0))
    const packs = await listPacks(packsDir)
    const notices: string[] = []
    const indexDamaged = indexBytes !== null && parsed.damagedAt !== null && !isTornTail(indexBytes, parsed.damagedAt)
    let indexChanged = parsed.damagedAt !== null
    // A missing index, or one cut short, is also what a crash leaves before the first flush or
    // during an append: the texts found past it are in `recovered`, for the caller to judge.
    if (indexBytes === null && packs.length > 0) indexChanged = true
    if (indexDamaged) {
      notices.push(
        `The index of the stored texts (bodies/packs/index) was damaged; it was rebuilt from the packs${readOnly ? ' for this session (open the store for writing to save it)' : ', and the damaged copy moved to damaged/'}.`,
      )
      if (!readOnly) await keepDamaged(damagedDir, `bodies-index`, indexBytes)
    }
    const sizes = new Map<number, number>()
    for (const pack of packs) sizes.set(pack, (await statAsync(packPath(packsDir, pack))).size)
    // Entries whose record lies past its pack's end cannot be read: the text is lost from that pack.
    const entries = parsed.entries.filter((entry) => entry.location.offset + RECORD_HEADER_BYTES + entry.location.length <= (sizes.get(entry.location.pack) ?? 0))
    if (entries.length < parsed.entries.length) {
      notices.push(
        `${parsed.entries.length - entries.length} stored texts named by the index are missing from their packs (a pack was cut short or removed). Run \`triangulate check\` to see which articles they belong to; importing their files again restores them.`,
      )
      indexChanged = true
    }
    const recovered = new Set<string>()
    const coveredEnd = new Map<number, number>()
    for (const { location } of entries) {
      coveredEnd.set(location.pack, Math.max(coveredEnd.get(location.pack) ?? 0, location.offset + RECORD_HEADER_BYTES + location.length))
    }
    let lastPackEnd = 0
    const lastPack = packs.at(-1) ?? 1
    for (const pack of packs) {
      const size = sizes.get(pack) ?? 0
      const from = coveredEnd.get(pack) ?? 0
      // Where the next record of this pack would go: its end, unless a bad tail is cut off below.
      let end = size
      if (size > from) {
        const scanned = await scanPack(packsDir, pack, from)
        if (scanned.entries.length > 0) indexChanged = true
        entries.push(...scanned.entries)
        for (const entry of scanned.entries) recovered.add(entry.hash)
        if (scanned.damaged > 0) {
          notices.push(`${scanned.damaged} damaged records were found in pack ${packName(pack)} and skipped; the texts around them were kept.`)
        }
        if (scanned.end < size && pack === lastPack && !readOnly) {
          // Only the last pack is written again, so only its tail is in the way of new records.
          const tail = await readRange(packPath(packsDir, pack), scanned.end, size - scanned.end)
          const aside = await keepDamaged(damagedDir, `${packName(pack)}-from-${scanned.end}`, tail)
          if (!scanned.tornTail) notices.push(`Pack ${packName(pack)} ended in ${size - scanned.end} bytes that are not a complete text; they were moved to ${aside}.`)
          await truncateFileDurably(packPath(packsDir, pack), scanned.end)
          end = scanned.end
        }
      }
      if (pack === lastPack) lastPackEnd = end
    }
    const store = new BodyPacks(dir, options.packBytes ?? DEFAULT_PACK_BYTES, readOnly, lastPack, lastPackEnd, notices, recovered)
    for (const { hash, location } of entries) store.locations.set(hash, location)
    if (options.gatherWaitMs !== undefined) store.gatherWaitMs = options.gatherWaitMs
    if (!readOnly) {
      if (indexChanged) await rewriteIndex(indexPath, entries)
      store.unsyncedFolders = true
    }
    return store
  }

  /** The text stored under this sha256, checked against it: a text that does not hash to its name is never returned. */
  async read(contentHash: string): Promise<string> {
    const pending = this.inFlight.get(contentHash)
    if (pending) return pending.text
    const location = this.locations.get(contentHash)
    if (!location) {
      let bytes: Buffer
      try {
        bytes = await readFileAsync(looseBodyPath(this.dir, contentHash))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new DamagedTextError(contentHash, 'missing', 'its text is missing from the store')
        throw error
      }
      if (sha256Hex(bytes) !== contentHash) throw new DamagedTextError(contentHash, 'damaged', 'its stored text was changed (it no longer matches its checksum)')
      return bytes.toString('utf8')
    }
    const fd = await this.readHandle(location.pack)
    const size = RECORD_HEADER_BYTES + location.length
    // An article's record is read into a buffer that reads share, one after another: a buffer of its
    // own per read is memory outside V8's heap, given back only when a collection finds it dead, and
    // a derived index's run reads every text (58 MB at 10,000 articles, each time).
    const memory = size <= READ_BUFFER_BYTES ? (this.spareReadBuffers.pop() ?? Buffer.allocUnsafeSlow(READ_BUFFER_BYTES)) : null
    const record = memory ? memory.subarray(0, size) : Buffer.allocUnsafe(size)
    try {
      const { bytesRead } = await readAsync(fd, record, 0, size, location.offset)
      if (bytesRead !== size) {
        throw new DamagedTextError(contentHash, 'missing', `its text is missing: pack ${packName(location.pack)} was cut short`)
      }
      if (!recordHolds(record, contentHash, location.length) || sha256Hex(record.subarray(RECORD_HEADER_BYTES)) !== contentHash) {
        throw new DamagedTextError(contentHash, 'damaged', `its stored text in pack ${packName(location.pack)} was changed (it no longer matches its checksum)`)
      }
      return record.toString('utf8', RECORD_HEADER_BYTES)
    } finally {
      if (memory && this.spareReadBuffers.length < MAX_SPARE_READ_BUFFERS) this.spareReadBuffers.push(memory)
    }
  }

  /** Whether a record for this text is known (written, being written, or a file of an older store); says nothing of its bytes. */
  has(contentHash: string): boolean {
    return this.locations.has(contentHash) || this.inFlight.has(contentHash) || existsSync(looseBodyPath(this.dir, contentHash))
  }

  /**
   * Forgets where a damaged or missing text was, so that write() stores it again (a re-import
   * repairing it). The damaged record stays in its pack, untouched.
   */
  forget(contentHash: string): void {
    this.locations.delete(contentHash)
  }

  /** Batches of records written since opening: each was one writev. */
  get batchesWritten(): number {
    return this.batches
  }

  /** Every text the index knows, with where it is: for `check`. */
  knownTexts(): IterableIterator<string> {
    return this.locations.keys()
  }

  /**
   * Adds a text. Resolves when its record is written (not yet flushed: that is flush()'s job); a text
   * already stored is not written again. Writes may be started concurrently: those that arrive while
   * one batch is being written go out together in the next.
   */
  write(contentHash: string, text: string, options: { gather?: boolean } = {}): Promise<void> {
    if (this.readOnly) throw new Error('body packs opened read-only')
    if (!/^[0-9a-f]{64}$/.test(contentHash)) throw new Error(`not a sha256 content hash: ${contentHash}`)
    if (this.locations.has(contentHash)) return Promise.resolve()
    const pending = this.inFlight.get(contentHash)
    if (pending) return pending.written
    let done!: Queued['done']
    const written = new Promise<void>((resolve, reject) => (done = { resolve, reject }))
    const record = encodeRecord(contentHash, text)
    this.queue.push({ hash: contentHash, record, done, gather: options.gather === true })
    this.inFlight.set(contentHash, { text, written })
    this.scheduleQueue()
    return written
  }

  /**
   * Waits for every write begun so far, then makes them durable: the packs' data, then their index
   * entries. A failed write is its caller's to report (its metadata must not be committed): it was
   * never indexed, and writing the text again retries it.
   */
  async flush(): Promise<void> {
    await this.drain()
    if (this.unindexed.length === 0 && !this.unsyncedFolders) return
    let done!: () => void
    this.flushing = new Promise((resolve) => (done = resolve))
    try {
      const packsDir = join(this.dir, PACKS_DIR)
      // Only the pack being written can be unsynced: a pack is flushed when the writing moves past it.
      if (this.packUnsynced && this.writeHandle) await fsyncAsync(this.writeHandle.fd)
      this.packUnsynced = false
      const entries = this.unindexed
      if (entries.length > 0) {
        await appendFileDurably(join(packsDir, PACK_INDEX_FILE), encodeBatch(entries))
        this.unindexed = []
      }
      if (this.unsyncedFolders) {
        await syncDirectory(packsDir)
        await syncDirectory(this.dir)
        this.unsyncedFolders = false
      }
    } finally {
      this.flushing = null
      done()
      this.scheduleQueue()
    }
  }

  async close(): Promise<void> {
    await this.drain()
    const handles = [...this.readHandles.values()]
    this.readHandles.clear()
    const fds = await Promise.allSettled(handles)
    if (this.writeHandle) fds.push({ status: 'fulfilled', value: this.writeHandle.fd })
    this.writeHandle = null
    await Promise.allSettled(fds.flatMap((fd) => (fd.status === 'fulfilled' ? [closeAsync(fd.value)] : [])))
  }

  /**
   * Starts writing on the next turn of the event loop, unless a batch is being written (the queue
   * follows it then): the texts an import hands over in one turn (it goes on with every file its
   * worker has ready before it waits) go out in one write. Started at once, a batch was nearly
   * always a single text: a writev per body, each a round trip through the thread pool.
   */
  private startWritingSoon(): void {
    if (this.writing || this.startPending) return
    this.startPending = true
    setImmediate(() => {
      this.startPending = false
      this.startWriting()
    })
  }

  /**
   * Starts the queue's write on the next turn, or, when every text queued may wait for company and
   * there are not yet GATHER_TEXTS of them or GATHER_BYTES, once there are or GATHER_WAIT_MS has passed.
   * While a batch is being written the queue waits for it (writeQueued schedules it again).
   */
  private scheduleQueue(): void {
    if (this.writing || this.startPending || this.queue.length === 0) return
    if (!this.queueMayWait()) {
      this.stopGathering()
      this.startWritingSoon()
    } else
      this.gatherTimer ??= setTimeout(() => {
        this.gatherTimer = null
        this.startWriting()
      }, this.gatherWaitMs)
  }

  private queueMayWait(): boolean {
    if (this.queue.length >= GATHER_TEXTS) return false
    let bytes = 0
    return this.queue.every((queued) => queued.gather && (bytes += queued.record.length) < GATHER_BYTES)
  }

  private stopGathering(): void {
    if (this.gatherTimer) clearTimeout(this.gatherTimer)
    this.gatherTimer = null
  }

  /** Writes everything queued now, waiting for no company, and waits until it is written. */
  private async drain(): Promise<void> {
    do {
      while (this.flushing) await this.flushing
      this.startWriting()
      while (this.writing) await this.writing
    } while (this.queue.length > 0)
  }

  private startWriting(): void {
    this.stopGathering()
    // A flush under way starts the queue when it is done.
    if (this.flushing) return
    if (this.queue.length > 0) this.writing ??= this.writeQueued()
  }

  /** Writes the queue as one batch at the end of the current pack, then the next batch, until it is empty. */
  private async writeQueued(): Promise<void> {
    // After the first batch, texts that arrived meanwhile follow at once unless they may wait for more.
    for (let first = true; this.queue.length > 0 && !this.flushing && (first || !this.queueMayWait()); first = false) {
      const batch = this.queue
      this.queue = []
      const bytes = batch.reduce((sum, queued) => sum + queued.record.length, 0)
      try {
        if (this.packEnd > 0 && this.packEnd + bytes > this.packBytes) {
          this.currentPack++
          this.packEnd = 0
        }
        const fd = await this.writeHandleFor(this.currentPack)
        this.batches++
        await writeAllAt(
          fd,
          batch.map((queued) => queued.record),
          this.packEnd,
        )
        let offset = this.packEnd
        for (const queued of batch) {
          const location = { pack: this.currentPack, offset, length: queued.record.length - RECORD_HEADER_BYTES }
          this.locations.set(queued.hash, location)
          this.unindexed.push({ hash: queued.hash, location })
          offset += queued.record.length
        }
        // Only a batch wholly written moves the end: after a failure the next batch overwrites its bytes.
        this.packEnd = offset
        this.packUnsynced = true
        for (const queued of batch) {
          this.inFlight.delete(queued.hash)
          queued.done.resolve()
        }
      } catch (error) {
        for (const queued of batch) {
          this.inFlight.delete(queued.hash)
          queued.done.reject(error)
        }
      }
    }
    this.writing = null
    this.scheduleQueue()
  }

  private async writeHandleFor(pack: number): Promise<number> {
    if (this.writeHandle?.pack === pack) return this.writeHandle.fd
    if (this.writeHandle) {
      // Flushed now, while the handle can still write (Windows flushes only through such a handle).
      await fsyncAsync(this.writeHandle.fd)
      await closeAsync(this.writeHandle.fd)
      this.packUnsynced = false
      this.writeHandle = null
    }
    // Positioned writes need a handle not opened for appending (which would ignore the position).
    const fd = await openAsync(packPath(join(this.dir, PACKS_DIR), pack), constants.O_RDWR | constants.O_CREAT)
    this.writeHandle = { pack, fd }
    this.unsyncedFolders = true
    return fd
  }

  private readHandle(pack: number): Promise<number> {
    let handle = this.readHandles.get(pack)
    if (!handle) {
      handle = openAsync(packPath(join(this.dir, PACKS_DIR), pack), 'r')
      handle.catch(() => this.readHandles.delete(pack))
      this.readHandles.set(pack, handle)
    }
    return handle
  }
}

/** Where stores before packs kept a text (a two-character fan-out folder, one file per text). */
export function looseBodyPath(dir: string, contentHash: string): string {
  if (!/^[0-9a-f]{64}$/.test(contentHash)) throw new Error(`not a sha256 content hash: ${contentHash}`)
  return join(dir, contentHash.slice(0, 2), `${contentHash}.txt`)
}

function packName(pack: number): string {
  return `${String(pack).padStart(6, '0')}.pack`
}

function packPath(packsDir: string, pack: number): string {
  return join(packsDir, packName(pack))
}

async function listPacks(packsDir: string): Promise<number[]> {
  const names = await readdir(packsDir).catch(notFoundAs([] as string[]))
  return names
    .map((name) => /^(\d{6})\.pack$/.exec(name)?.[1])
    .filter((digits): digits is string => digits !== undefined)
    .map(Number)
    .sort((a, b) => a - b)
}

function encodeRecord(contentHash: string, text: string): Buffer {
  const length = Buffer.byteLength(text, 'utf8')
  const record = Buffer.allocUnsafe(RECORD_HEADER_BYTES + length)
  record.writeUInt32LE(RECORD_MAGIC, 0)
  record.write(contentHash, 4, HASH_BYTES, 'hex')
  record.writeUInt32LE(length, 4 + HASH_BYTES)
  record.write(text, RECORD_HEADER_BYTES, length, 'utf8')
  return record
}

function recordHolds(record: Buffer, contentHash: string, length: number): boolean {
  return record.readUInt32LE(0) === RECORD_MAGIC && record.toString('hex', 4, 4 + HASH_BYTES) === contentHash && record.readUInt32LE(4 + HASH_BYTES) === length
}

function encodeBatch(entries: readonly { hash: string; location: Location }[]): Buffer {
  const batch = Buffer.allocUnsafe(BATCH_HEADER_BYTES + entries.length * ENTRY_BYTES)
  let at = BATCH_HEADER_BYTES
  for (const { hash, location } of entries) {
    batch.write(hash, at, HASH_BYTES, 'hex')
    batch.writeUInt32LE(location.pack, at + HASH_BYTES)
    batch.writeUInt32LE(location.offset, at + HASH_BYTES + 4)
    batch.writeUInt32LE(location.length, at + HASH_BYTES + 8)
    at += ENTRY_BYTES
  }
  batch.writeUInt32LE(BATCH_MAGIC, 0)
  batch.writeUInt32LE(entries.length, 4)
  createHash('sha256').update(batch.subarray(BATCH_HEADER_BYTES)).digest().copy(batch, 8)
  return batch
}

/** The entries of every whole, intact batch; where the first bad one starts, if any. */
function parseIndex(bytes: Buffer): { entries: { hash: string; location: Location }[]; damagedAt: number | null } {
  const entries: { hash: string; location: Location }[] = []
  let at = 0
  while (at < bytes.length) {
    if (at + BATCH_HEADER_BYTES > bytes.length || bytes.readUInt32LE(at) !== BATCH_MAGIC) return { entries, damagedAt: at }
    const count = bytes.readUInt32LE(at + 4)
    const end = at + BATCH_HEADER_BYTES + count * ENTRY_BYTES
    if (end > bytes.length) return { entries, damagedAt: at }
    const body = bytes.subarray(at + BATCH_HEADER_BYTES, end)
    if (
      !createHash('sha256')
        .update(body)
        .digest()
        .equals(bytes.subarray(at + 8, at + 8 + HASH_BYTES))
    )
      return { entries, damagedAt: at }
    for (let entry = 0; entry < body.length; entry += ENTRY_BYTES) {
      entries.push({
        hash: body.toString('hex', entry, entry + HASH_BYTES),
        location: {
          pack: body.readUInt32LE(entry + HASH_BYTES),
          offset: body.readUInt32LE(entry + HASH_BYTES + 4),
          length: body.readUInt32LE(entry + HASH_BYTES + 8),
        },
      })
    }
    at = end
  }
  return { entries, damagedAt: null }
}

/**
 * Whether the bad bytes are only a last batch cut short (a crash during its append): its header says
 * more entries than follow it, or the header itself is cut. Anything else is damage.
 */
function isTornTail(bytes: Buffer, damagedAt: number): boolean {
  if (damagedAt + BATCH_HEADER_BYTES > bytes.length) return true
  if (bytes.readUInt32LE(damagedAt) !== BATCH_MAGIC) return false
  return damagedAt + BATCH_HEADER_BYTES + bytes.readUInt32LE(damagedAt + 4) * ENTRY_BYTES > bytes.length
}

/**
 * The intact records of one pack from `from` on, each checked against its own hash. A record that
 * does not check out is skipped by searching for the next record header that does, so one damaged
 * record costs only itself. `end` is where the last intact record ends; `tornTail` says the bytes
 * after it are only the start of a record cut short (what a crash during a write leaves).
 */
async function scanPack(
  packsDir: string,
  pack: number,
  from: number,
): Promise<{ entries: { hash: string; location: Location }[]; end: number; damaged: number; tornTail: boolean }> {
  const bytes = await readFileAsync(packPath(packsDir, pack))
  const entries: { hash: string; location: Location }[] = []
  let offset = from
  let end = from
  let damaged = 0
  let inDamage = false
  while (offset + RECORD_HEADER_BYTES <= bytes.length) {
    const record = recordAt(bytes, offset)
    if (record) {
      entries.push({ hash: record.hash, location: { pack, offset, length: record.length } })
      offset += RECORD_HEADER_BYTES + record.length
      end = offset
      inDamage = false
      continue
    }
    if (!inDamage) damaged++
    inDamage = true
    const next = bytes.indexOf(RECORD_MAGIC_BYTES, offset + 1)
    if (next < 0) break
    offset = next
  }
  // What follows the last intact record: a crash's torn write is one header, intact, whose text runs
  // past the end of the pack (or less than a header); anything else is damage.
  let tornTail = true
  if (end < bytes.length) {
    const rest = bytes.length - end
    if (rest >= RECORD_HEADER_BYTES) {
      tornTail = bytes.readUInt32LE(end) === RECORD_MAGIC && end + RECORD_HEADER_BYTES + bytes.readUInt32LE(end + 4 + HASH_BYTES) > bytes.length
    } else {
      tornTail = bytes.subarray(end, end + Math.min(4, rest)).equals(RECORD_MAGIC_BYTES.subarray(0, Math.min(4, rest)))
    }
    // The bytes counted as damage were the torn tail itself.
    if (tornTail && damaged > 0 && inDamage) damaged--
  }
  return { entries, end, damaged, tornTail }
}

/** The record at this offset if it is whole and its text hashes to its header's sha256. */
function recordAt(bytes: Buffer, offset: number): { hash: string; length: number } | null {
  if (bytes.readUInt32LE(offset) !== RECORD_MAGIC) return null
  const length = bytes.readUInt32LE(offset + 4 + HASH_BYTES)
  const start = offset + RECORD_HEADER_BYTES
  if (start + length > bytes.length) return null
  const hash = bytes.toString('hex', offset + 4, offset + 4 + HASH_BYTES)
  return sha256Hex(bytes.subarray(start, start + length)) === hash ? { hash, length } : null
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

async function readRange(path: string, position: number, length: number): Promise<Buffer> {
  const fd = await openAsync(path, 'r')
  try {
    const buffer = Buffer.alloc(length)
    const { bytesRead } = await readAsync(fd, buffer, 0, length, position)
    return buffer.subarray(0, bytesRead)
  } finally {
    await closeAsync(fd)
  }
}

/** Keeps bytes that are taken out of the store in damaged/, under a name that says what they were; returns the path. */
async function keepDamaged(damagedDir: string, name: string, bytes: Uint8Array): Promise<string> {
  await mkdir(damagedDir, { recursive: true })
  const path = join(damagedDir, `${name}.${new Date().toISOString().replace(/[:.]/g, '-')}.${randomBytes(3).toString('hex')}`)
  await writeFileDurably(path, bytes)
  return path
}

async function rewriteIndex(indexPath: string, entries: readonly { hash: string; location: Location }[]): Promise<void> {
  await writeFileDurably(indexPath, entries.length > 0 ? encodeBatch(entries) : Buffer.alloc(0))
}

/** writev at a position, until every byte is written. */
async function writeAllAt(fd: number, buffers: Buffer[], position: number): Promise<void> {
  let remaining = buffers
  let at = position
  while (remaining.length > 0) {
    const { bytesWritten } = await writevAsync(fd, remaining, at)
    at += bytesWritten
    remaining = skipBytes(remaining, bytesWritten)
  }
}

function skipBytes(buffers: Buffer[], count: number): Buffer[] {
  let left = count
  const rest: Buffer[] = []
  for (const buffer of buffers) {
    if (left >= buffer.length) left -= buffer.length
    else {
      rest.push(left > 0 ? buffer.subarray(left) : buffer)
      left = 0
    }
  }
  return rest
}

function notFoundAs<T>(fallback: T): (error: unknown) => T {
  return (error) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback
    throw error
  }
}

export interface PacksInspection {
  /** What is wrong with the index file itself, if anything. */
  indexProblem: string | null
  /** Texts with an intact record in some pack (each record checked against its hash). */
  intact: Set<string>
  /** Index entries that do not lead to an intact record of their text. */
  badEntries: number
  /** Intact records the index does not name (a crash's unfinished write, or entries the index lost). */
  unindexed: number
  /** Stretches of bytes in the packs that are not intact records. */
  damagedStretches: { pack: string; offset: number; bytes: number }[]
  records: number
}

/** Reads every pack whole and checks every record against its hash, and the index against the packs; changes nothing (for `check`). */
export async function inspectPacks(dir: string): Promise<PacksInspection> {
  const packsDir = join(dir, PACKS_DIR)
  const indexBytes = await readFileAsync(join(packsDir, PACK_INDEX_FILE)).catch(notFoundAs(null))
  const packs = await listPacks(packsDir)
  const parsed = parseIndex(indexBytes ?? Buffer.alloc(0))
  let indexProblem: string | null = null
  if (indexBytes === null && packs.length > 0) indexProblem = 'the index file is missing'
  else if (parsed.damagedAt !== null) indexProblem = `the index is damaged or cut short from byte ${parsed.damagedAt} of ${indexBytes?.length ?? 0}`
  const intact = new Set<string>()
  const at = new Map<string, Location & { hash: string }>()
  const damagedStretches: PacksInspection['damagedStretches'] = []
  let records = 0
  for (const pack of packs) {
    const bytes = await readFileAsync(packPath(packsDir, pack))
    let offset = 0
    let badFrom: number | null = null
    while (offset + RECORD_HEADER_BYTES <= bytes.length) {
      const record = recordAt(bytes, offset)
      if (record) {
        if (badFrom !== null) damagedStretches.push({ pack: packName(pack), offset: badFrom, bytes: offset - badFrom })
        badFrom = null
        intact.add(record.hash)
        at.set(`${pack}:${offset}`, { pack, offset, length: record.length, hash: record.hash })
        records++
        offset += RECORD_HEADER_BYTES + record.length
        continue
      }
      badFrom ??= offset
      const next = bytes.indexOf(RECORD_MAGIC_BYTES, offset + 1)
      offset = next < 0 ? bytes.length : next
    }
    if (badFrom !== null || offset < bytes.length) {
      const from = badFrom ?? offset
      damagedStretches.push({ pack: packName(pack), offset: from, bytes: bytes.length - from })
    }
  }
  const indexed = new Set<string>()
  let badEntries = 0
  // The last entry of a text is the one in force (a repaired text is indexed again, after its damaged record).
  const inForce = new Map(parsed.entries.map(({ hash, location }) => [hash, location]))
  for (const { hash, location } of parsed.entries) {
    if (inForce.get(hash) !== location) continue
    const found = at.get(`${location.pack}:${location.offset}`)
    if (found && found.length === location.length && found.hash === hash) indexed.add(`${location.pack}:${location.offset}`)
    else badEntries++
  }
  const unindexed = [...at.values()].filter((record) => !indexed.has(`${record.pack}:${record.offset}`) && inForce.get(record.hash) === undefined).length
  return { indexProblem, intact, badEntries, unindexed, damagedStretches, records }
}
