// Files as Windows tools and Linux file systems leave them: UTF-16 text without a byte-order mark,
// and names that are not valid UTF-8 (Linux allows any bytes in a name). Real files on disk,
// imported the way the app imports a folder.

import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CorpusStore } from '../store/corpus-store'
import { tempDir } from '../test-support/temp-dir'
import { decodeText } from './decode-text'
import { importFolder, RAW_PATHS_FILE } from './import-folder'

const ENGLISH = 'Bridge inquiry opens\n\nThe council appointed a retired judge to lead the inquiry on Tuesday, officials said.\n'
const RUSSIAN = 'Мост закрыт\n\nГородской совет назначил судью в отставке, заявили чиновники во вторник.\n'
const ARABIC = 'افتتاح التحقيق\n\nعين المجلس قاضيا متقاعدا لقيادة التحقيق يوم الثلاثاء.\n'

/** UTF-16 bytes with no byte-order mark, written out by hand rather than by the decoder under test. */
function utf16(text: string, order: 'le' | 'be'): Buffer {
  const bytes = Buffer.alloc(text.length * 2)
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    bytes[i * 2 + (order === 'le' ? 0 : 1)] = unit & 0xff
    bytes[i * 2 + (order === 'le' ? 1 : 0)] = unit >> 8
  }
  return bytes
}

describe('UTF-16 without a byte-order mark', () => {
  it('is told from its NUL bytes and imported, little- and big-endian, in Latin and other scripts', async () => {
    const folder = await tempDir()
    const cases = [
      ['english-le.txt', ENGLISH, 'le'],
      ['english-be.txt', ENGLISH, 'be'],
      ['russian-le.txt', RUSSIAN, 'le'],
      ['arabic-be.md', ARABIC, 'be'],
    ] as const
    for (const [name, text, order] of cases) await writeFile(join(folder, name), utf16(text, order))
    const store = await CorpusStore.open(await tempDir('triangulate-store-'))
    const report = await importFolder(store, folder)
    // The two English files hold one text: the second is its duplicate.
    expect(report).toMatchObject({ imported: 3, duplicates: 1, skipped: [] })
    for (const [name, text, order] of cases) {
      const article = store.findByPath(join(folder, name))
      expect(article, name).toBeDefined()
      expect(await store.readBody(article!)).toBe(text)
      expect(decodeText(await readFile(join(folder, name)))).toMatchObject({ ok: true, encoding: `utf-16${order}` })
    }
    await store.close()
  })

  it('still refuses binary data, whose NUL bytes fall at both offsets', async () => {
    const folder = await tempDir()
    // 32-bit little-endian integers, as in many binary formats: NULs at even and odd offsets alike.
    const ints = Buffer.alloc(4096)
    for (let i = 0; i < 1024; i++) ints.writeUInt32LE(i * 7, i * 4)
    await writeFile(join(folder, 'table.txt'), ints)
    // NULs only at odd offsets, but control characters where the text would be.
    await writeFile(join(folder, 'controls.txt'), Buffer.from(Array.from({ length: 2000 }, (_, i) => (i % 2 === 0 ? 1 + (i % 7) : 0))))
    const store = await CorpusStore.open(await tempDir('triangulate-store-'))
    const report = await importFolder(store, folder)
    expect(report.imported).toBe(0)
    expect(report.skipped.map((s) => s.reason)).toEqual(['binary file (contains NUL bytes), not text', 'binary file (contains NUL bytes), not text'])
    await store.close()
  })
})

describe('file names that are not valid UTF-8', () => {
  it('are imported, shown with replacement characters, with their raw bytes kept, and a re-import finds them again', async () => {
    const folder = await tempDir()
    const raw = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))))
    // caf\xe9.txt: Latin-1 "café", as an old archive or a Windows share may leave it.
    const latin1Name = raw(folder, '/caf', [0xe9], '.txt')
    // A folder whose name is not UTF-8 either, holding a file whose name is.
    const folderName = raw(folder, '/Outlet ', [0xff, 0xfe])
    await writeFile(latin1Name, 'Cafe reopens\nThe café on the square reopened on Monday.\n')
    await mkdir(folderName)
    await writeFile(raw(folder, '/Outlet ', [0xff, 0xfe], '/story.txt'), 'Market day\nThe market returned to the square.\n')
    // A valid name that holds U+FFFD itself: the listing, reading names as text first, must not take it for bytes it could not read.
    const ownReplacement = join(folder, 'notice \ufffd.txt')
    await writeFile(ownReplacement, 'Notice\nThe square closes on Sunday.\n')

    const store = await CorpusStore.open(await tempDir('triangulate-store-'))
    const report = await importFolder(store, folder)
    expect(report).toMatchObject({ imported: 3, skipped: [] })
    const shownCafe = join(folder, 'caf\ufffd.txt')
    const shownStory = join(folder, 'Outlet \ufffd\ufffd', 'story.txt')
    expect(
      store
        .listArticles()
        .flatMap((a) => a.paths)
        .sort(),
    ).toEqual([shownStory, shownCafe, ownReplacement].sort())
    expect(await store.readBody(store.findByPath(shownCafe)!)).toBe('Cafe reopens\nThe café on the square reopened on Monday.\n')
    // The folder's name, shown as it can be, names the outlet.
    expect(store.findByPath(shownStory)!.outlet).toBe('Outlet \ufffd\ufffd')
    // The raw bytes, which alone open the files.
    const kept = (await store.readSidecar(RAW_PATHS_FILE)) as Record<string, string>
    expect(Buffer.from(kept[shownCafe]!, 'base64')).toEqual(latin1Name)
    expect(await readFile(Buffer.from(kept[shownStory]!, 'base64'), 'utf8')).toBe('Market day\nThe market returned to the square.\n')
    expect(Object.keys(kept).sort()).toEqual([shownStory, shownCafe].sort())

    const again = await importFolder(store, folder)
    expect(again).toMatchObject({ imported: 0, duplicates: 3, skipped: [] })
    await store.close()
  })
})
