// One CSV record as csv-stringify writes it with the exports' options (comma, double quote, CRLF
// records, `quoted_match: /[\r\n]/`): a cell is quoted when it holds a quote, a comma, a CR or an LF,
// and its quotes are doubled; numbers are written as JavaScript prints them. Written by hand for the
// one export that streams 100,000 rows: csv-stringify's per-cell option handling cost about a second
// of a 2-second budget there. csv-record.test.ts checks it against csv-stringify on generated cells,
// and the evidence CSV's tests compare the streamed file with csv-stringify's bytes (claimsToCsv).

export type CsvCell = string | number

/** Characters that make csv-stringify quote a cell under the exports' options. */
const NEEDS_QUOTES = /[",\r\n]/

/** The record's text, its CRLF included. */
export function csvRecord(cells: readonly CsvCell[]): string {
  let line = ''
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += ','
    const cell = cells[i] as CsvCell
    if (typeof cell === 'number') line += String(cell)
    else if (NEEDS_QUOTES.test(cell)) line += `"${cell.replaceAll('"', '""')}"`
    else line += cell
  }
  return `${line}\r\n`
}

const QUOTE = 0x22
const COMMA = 0x2c
const CR = 0x0d
const LF = 0x0a
/** UTF-8 never takes more than 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units). */
const MAX_BYTES_PER_UNIT = 3

/** Cells up to this long are copied by hand; a longer one is faster through Buffer.write than a loop. */
const SHORT_CELL = 32

/**
 * The same records as csvRecord, UTF-8 encoded straight into buffers of about `chunkBytes` each, for
 * a file streamed chunk by chunk. Building each record as a string and encoding the joined text cost
 * more than writing the rows did: a 1,000-row chunk was a rope of 25,000 pieces to flatten, then
 * encode into a freshly allocated buffer. Here an ASCII cell (almost every cell) is copied a code
 * unit at a time, and anything else goes through Buffer.write (UTF-8).
 */
export class CsvChunkWriter {
  private chunk: Buffer
  private at = 0
  private readonly full: Buffer[] = []
  /** The memory behind `full`'s chunks, in order; then behind the chunks handed over since the last recycle(). */
  private readonly fullMemory: Buffer[] = []
  private readonly handedMemory: Buffer[] = []
  /** Memory of chunks the caller is done with (recycle()), filled again before any new buffer is allocated. */
  private readonly spare: Buffer[] = []

  constructor(private readonly chunkBytes = 256 * 1024) {
    this.chunk = Buffer.allocUnsafe(chunkBytes)
  }

  /** Text written as it is (a byte-order mark, say), not as a cell. */
  text(text: string): void {
    this.room(text.length * MAX_BYTES_PER_UNIT)
    this.at += this.chunk.write(text, this.at, 'utf8')
  }

  /** One record, its CRLF included: the bytes of csvRecord(cells). */
  record(cells: readonly CsvCell[]): void {
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i] as CsvCell
      const text = typeof cell === 'number' ? String(cell) : cell
      // Room for the cell quoted with every unit doubled, its comma and the record's CRLF.
      this.room(text.length * 2 * MAX_BYTES_PER_UNIT + 4)
      if (i > 0) this.chunk[this.at++] = COMMA
      if (text.length > SHORT_CELL || !this.plain(text)) this.quoted(text)
    }
    this.room(2)
    this.chunk[this.at++] = CR
    this.chunk[this.at++] = LF
  }

  /** The chunks filled so far, handed over (each is the caller's until it calls recycle()). */
  takeFull(): Buffer[] {
    this.handedMemory.push(...this.fullMemory.splice(0))
    return this.full.splice(0)
  }

  /**
   * Says the caller is done with every chunk handed over so far (written to the file): their memory
   * is filled again with the next records instead of a new buffer each. A 100,000-row export filled
   * about 200 fresh 256 KB buffers, memory outside V8's heap that is given back only when a garbage
   * collection finds the buffers dead; a writer recycled after each write needs two.
   */
  recycle(): void {
    this.spare.push(...this.handedMemory.splice(0))
  }

  /** Every chunk not handed over yet, the last one partly filled. */
  end(): Buffer[] {
    if (this.at > 0) {
      this.full.push(this.chunk.subarray(0, this.at))
      this.fullMemory.push(this.chunk)
    }
    this.chunk = Buffer.alloc(0)
    this.at = 0
    this.spare.length = 0
    return this.takeFull()
  }

  /**
   * Copies an ASCII cell that needs no quotes; returns false, having written nothing, for any other
   * (a quote, a comma, a CR or an LF, or a code unit beyond ASCII).
   */
  private plain(text: string): boolean {
    const chunk = this.chunk
    const start = this.at
    const length = text.length
    for (let i = 0; i < length; i++) {
      const unit = text.charCodeAt(i)
      if (unit >= 0x80 || unit === QUOTE || unit === COMMA || unit === CR || unit === LF) return false
      chunk[start + i] = unit
    }
    this.at = start + length
    return true
  }

  /** Any cell the copy loop left: UTF-8 through Buffer.write, quoted when it must be. */
  private quoted(text: string): void {
    if (!NEEDS_QUOTES.test(text)) {
      this.at += this.chunk.write(text, this.at, 'utf8')
      return
    }
    this.chunk[this.at++] = QUOTE
    this.at += this.chunk.write(text.includes('"') ? text.replaceAll('"', '""') : text, this.at, 'utf8')
    this.chunk[this.at++] = QUOTE
  }

  /** Makes sure `bytes` more fit in the current chunk, starting a new one (at least as large) if not. */
  private room(bytes: number): void {
    if (this.at + bytes <= this.chunk.length) return
    if (this.at > 0) {
      this.full.push(this.chunk.subarray(0, this.at))
      this.fullMemory.push(this.chunk)
    }
    const size = Math.max(this.chunkBytes, bytes)
    const spare = this.spare.pop()
    this.chunk = spare && spare.length >= size ? spare : Buffer.allocUnsafe(size)
    this.at = 0
  }
}
