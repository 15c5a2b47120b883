import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readCsvWithPython, readJsonWithPython } from './python-readers'
import { tempDir } from './temp-dir'

describe('the Python readers the export tests use', () => {
  afterEach(() => {
    delete process.env.PYTHON
  })

  it('end a record at a bare LF or CR outside quotes, as spreadsheets do, and keep quoted ones', async () => {
    const file = join(await tempDir(), 'x.csv')
    await writeFile(file, '\uFEFFa,b\r\n"1\n2",x\r\nbare\nsplit,y\r\n')
    expect(await readCsvWithPython(file)).toEqual([['a', 'b'], ['1\n2', 'x'], ['bare'], ['split', 'y']])
  })

  it('refuse JSON holding half a character', async () => {
    const file = join(await tempDir(), 'x.json')
    await writeFile(file, '{"prefix":"\\ude00 crowd"}')
    await expect(readJsonWithPython(file)).rejects.toThrow(/lone surrogate/)
    await writeFile(file, '{"prefix":"\\ud83d\\ude00 crowd"}')
    expect(await readJsonWithPython(file)).toEqual({ prefix: '😀 crowd' })
  })

  it('say in one sentence that python3 is missing, where it is', async () => {
    process.env.PYTHON = '/nonexistent/python3'
    await expect(readCsvWithPython('/tmp/x.csv')).rejects.toThrow(
      "/nonexistent/python3 is not installed: these tests read the exports with Python's csv and json modules, so install python3 (apt-get install -y python3).",
    )
  })
})
