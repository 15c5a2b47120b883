import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { UserError } from '../../shared/result'
import { tempDir } from '../test-support/temp-dir'
import { describeWriteFailure, writeExportChunks, writeExportFile, writeExportStream } from './write-export'

/** A stream that gives some rows, then fails as a full disk does. */
function rowsThenNoSpace(): Readable {
  let n = 0
  return new Readable({
    read() {
      if (n++ < 1_000) this.push(`row ${n},${'x'.repeat(100)}\r\n`)
      else this.destroy(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' }))
    },
  })
}

describe('writing an export', () => {
  it('on an injected full disk halfway through, leaves the previous file whole, no temporary file, and says why', async () => {
    const dir = await tempDir()
    const out = join(dir, 'claims.csv')
    await writeFile(out, 'the previous export')
    const failure = await writeExportStream(out, rowsThenNoSpace()).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(UserError)
    expect((failure as UserError).code).toBe('io')
    expect((failure as UserError).message).toBe(
      `The disk holding ${dir} is full, so claims.csv could not be written. Nothing was written to ${out}. Free some space or choose another place, then export again.`,
    )
    expect(await readdir(dir)).toEqual(['claims.csv'])
    expect(await readFile(out, 'utf8')).toBe('the previous export')
  })

  it('writes the whole file and nothing beside it when all goes well', async () => {
    const dir = await tempDir()
    await writeExportFile(join(dir, 'a.json'), '{"ok":true}')
    await writeExportFile(join(dir, 'b.bin'), new Uint8Array([1, 2, 3]))
    expect((await readdir(dir)).sort()).toEqual(['a.json', 'b.bin'])
    expect(await readFile(join(dir, 'a.json'), 'utf8')).toBe('{"ok":true}')
  })

  it('says plainly what each kind of file-system refusal means, and leaves other errors alone', () => {
    const err = (code: string) => Object.assign(new Error(code), { code })
    expect(describeWriteFailure('/x/out.csv', err('EACCES'))).toMatch(/^Permission denied: you may not write files in \/x\./)
    expect(describeWriteFailure('/x/out.csv', err('EROFS'))).toMatch(/read-only file system/)
    expect(describeWriteFailure('/x/out.csv', err('EDQUOT'))).toMatch(/quota/)
    expect(describeWriteFailure('/x/out.csv', new TypeError('a bug'))).toBeNull()
  })

  it('made chunk by chunk, writes each chunk before asking for the next, so a maker may fill one buffer again and again', async () => {
    const dir = await tempDir()
    const out = join(dir, 'rows.csv')
    // One buffer, refilled for every chunk: a writer that asked for the next chunk before writing the
    // last (a stream reading ahead) would write the later rows' bytes in the earlier rows' place.
    function* rows(): Generator<Uint8Array> {
      const buffer = Buffer.alloc(16)
      for (let n = 0; n < 500; n++) {
        const length = buffer.write(`row ${n}\r\n`)
        yield buffer.subarray(0, length)
      }
    }
    await writeExportChunks(out, rows())
    expect(await readFile(out, 'utf8')).toBe(Array.from({ length: 500 }, (_, n) => `row ${n}\r\n`).join(''))
    expect(await readdir(dir)).toEqual(['rows.csv'])
  })
})
