import { createHash } from 'node:crypto'
import { appendFile, mkdir, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../test-support/temp-dir'
import { BodyPacks, PACK_INDEX_FILE, PACKS_DIR } from './body-packs'

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
const texts = ['Headline one\nFirst body.', 'Заголовок\nВторой текст — «кириллица».', 'العنوان\nنص ثالث', 'Fourth\n'.repeat(500)]

async function writeAll(packs: BodyPacks, bodies: readonly string[]): Promise<void> {
  await Promise.all(bodies.map((text) => packs.write(sha256(text), text)))
}

async function expectAllReadable(packs: BodyPacks, bodies: readonly string[]): Promise<void> {
  for (const text of bodies) expect(await packs.read(sha256(text))).toBe(text)
}

/** Writes the rest of the texts after a recovery, then checks that a fresh open finds every text. */
async function commitAndCheckAll(dir: string, packs: BodyPacks, rest: readonly string[]): Promise<void> {
  await writeAll(packs, rest)
  await packs.flush()
  await packs.close()
  const again = await BodyPacks.open(dir)
  await expectAllReadable(again, texts)
  await again.close()
}

/** A closed store of the texts, each committed on its own: one index batch per text. */
async function storeOfBatches(bodies: readonly string[]): Promise<string> {
  const dir = await tempDir()
  const packs = await BodyPacks.open(dir)
  for (const text of bodies) {
    await packs.write(sha256(text), text)
    await packs.flush()
  }
  await packs.close()
  return dir
}

const indexPath = (dir: string) => join(dir, PACKS_DIR, PACK_INDEX_FILE)
const packPath = (dir: string, pack = 1) => join(dir, PACKS_DIR, `${String(pack).padStart(6, '0')}.pack`)

describe('BodyPacks', () => {
  it('stores texts in a pack and reads them back after reopening, each identical text once', async () => {
    const dir = await tempDir()
    const packs = await BodyPacks.open(dir)
    await writeAll(packs, [...texts, texts[0]!])
    await packs.flush()
    await packs.write(sha256(texts[1]!), texts[1]!)
    await packs.flush()
    await packs.close()

    const reopened = await BodyPacks.open(dir)
    await expectAllReadable(reopened, texts)
    await reopened.close()
    const pack = await readFile(packPath(dir), 'utf8')
    for (const text of texts) expect(pack.split(text)).toHaveLength(2)
    // No file per text: the folder holds the packs and their index only.
    expect((await readdir(join(dir, PACKS_DIR))).sort()).toEqual(['000001.pack', PACK_INDEX_FILE])
  })

  it('reads many texts at once, short and long, each whole: reads share their buffers only one after another', async () => {
    const dir = await tempDir()
    const packs = await BodyPacks.open(dir)
    // Sizes on both sides of the shared buffers' 64 KB, and multi-byte characters across every boundary.
    const bodies = Array.from({ length: 120 }, (_, i) => `${i} Заголовок «${i}»\n${'العنوان نص — '.repeat(i * 40 + 1)}${i % 7 === 0 ? 'x'.repeat(70_000) : ''}`)
    await writeAll(packs, bodies)
    await packs.flush()
    await packs.close()
    const again = await BodyPacks.open(dir)
    for (let round = 0; round < 2; round++) {
      const read = await Promise.all(bodies.map((text) => again.read(sha256(text))))
      read.forEach((text, i) => expect(text).toBe(bodies[i]))
    }
    await again.close()
  })

  it('indexes every text handed over while a flush is under way (an import goes on beside its commit)', async () => {
    const dir = await tempDir()
    const packs = await BodyPacks.open(dir)
    const all: string[] = []
    const writes: Promise<void>[] = []
    for (let round = 0; round < 5; round++) {
      const before = Array.from({ length: 20 }, (_, i) => `round ${round}, before the flush, text ${i}\n`.repeat(40))
      all.push(...before)
      await writeAll(packs, before)
      // A text handed over at every turn of the event loop until the flush is done: some land in
      // each of its steps.
      let flushed = false
      const flushing = packs.flush().then(() => (flushed = true))
      for (let i = 0; !flushed; i++) {
        const text = `round ${round}, during the flush, text ${i}\n`.repeat(40)
        all.push(text)
        writes.push(packs.write(sha256(text), text))
        await new Promise((resolve) => setImmediate(resolve))
      }
      await flushing
    }
    await Promise.all(writes)
    await packs.flush()
    await packs.close()
    const again = await BodyPacks.open(dir)
    // Every text is in the index: none had to be found again by reading the packs.
    expect(again.recovered.size).toBe(0)
    await expectAllReadable(again, all)
    await again.close()
  })

  it('reads a text as soon as its write is begun, before it is flushed', async () => {
    const packs = await BodyPacks.open(await tempDir())
    const written = packs.write(sha256(texts[0]!), texts[0]!)
    expect(await packs.read(sha256(texts[0]!))).toBe(texts[0])
    await written
    expect(await packs.read(sha256(texts[0]!))).toBe(texts[0])
    await packs.close()
  })

  it("keeps texts written but never flushed (a crash before the commit): the packs are the truth, nothing is cut on the index's word", async () => {
    const dir = await tempDir()
    const packs = await BodyPacks.open(dir)
    await writeAll(packs, texts.slice(0, 2))
    await packs.flush()
    const flushedBytes = (await stat(packPath(dir))).size
    await writeAll(packs, texts.slice(2))
    await packs.close()
    const writtenBytes = (await stat(packPath(dir))).size
    expect(writtenBytes).toBeGreaterThan(flushedBytes)

    const reopened = await BodyPacks.open(dir)
    expect((await stat(packPath(dir))).size).toBe(writtenBytes)
    expect([...reopened.recovered].sort()).toEqual(texts.slice(2).map(sha256).sort())
    expect(reopened.notices).toEqual([])
    await expectAllReadable(reopened, texts)
    await commitAndCheckAll(dir, reopened, [])
  })

  it('an index cut to half its size loses no text and cuts nothing from the pack', async () => {
    const dir = await storeOfBatches(texts)
    const packBytes = await readFile(packPath(dir))
    const index = await readFile(indexPath(dir))
    await writeFile(indexPath(dir), index.subarray(0, Math.floor(index.length / 2)))

    const reopened = await BodyPacks.open(dir)
    expect(await readFile(packPath(dir))).toEqual(packBytes)
    expect(reopened.recovered.size).toBeGreaterThan(0)
    await expectAllReadable(reopened, texts)
    await commitAndCheckAll(dir, reopened, [])
    expect(await readFile(packPath(dir))).toEqual(packBytes)
  })

  it('moves a torn last record (a crash mid-write) to damaged/ quietly, and garbage after the last record with a notice', async () => {
    const dir = await tempDir()
    const packs = await BodyPacks.open(dir)
    await writeAll(packs, texts.slice(0, 2))
    await packs.flush()
    await packs.close()
    const whole = await readFile(packPath(dir))
    const torn = whole.subarray(0, 60) // the header of the first record and a few bytes of its text
    await appendFile(packPath(dir), torn)

    let reopened = await BodyPacks.open(dir)
    expect(reopened.notices).toEqual([])
    expect(await readFile(packPath(dir))).toEqual(whole)
    const aside = await readdir(join(dir, 'damaged'))
    expect(aside).toHaveLength(1)
    expect(await readFile(join(dir, 'damaged', aside[0]!))).toEqual(torn)
    await reopened.close()

    await appendFile(packPath(dir), Buffer.alloc(100, 0x41))
    reopened = await BodyPacks.open(dir)
    expect(reopened.notices.join('\n')).toMatch(/ended in 100 bytes that are not a complete text; they were moved to .*damaged/)
    await commitAndCheckAll(dir, reopened, texts.slice(2))
  })

  it('skips a damaged record in the middle of a pack and keeps the records after it', async () => {
    const dir = await storeOfBatches(texts)
    const bytes = await readFile(packPath(dir))
    bytes[50] = (bytes[50] as number) ^ 0x10 // inside the first text
    await writeFile(packPath(dir), bytes)
    await rm(indexPath(dir))

    const reopened = await BodyPacks.open(dir)
    expect(reopened.notices.join('\n')).toMatch(/1 damaged records were found in pack 000001\.pack/)
    await expect(reopened.read(sha256(texts[0]!))).rejects.toThrow(/missing from the store/)
    await expectAllReadable(reopened, texts.slice(1))
    expect((await readFile(packPath(dir))).length).toBe(bytes.length)
    await reopened.close()
  })

  it('drops an index batch cut short by a crash, and cuts the index back before appending', async () => {
    const dir = await tempDir()
    const packs = await BodyPacks.open(dir)
    await writeAll(packs, texts.slice(0, 2))
    await packs.flush()
    await packs.close()
    const whole = await readFile(indexPath(dir))
    // The first 30 bytes of a second batch of 3 entries: a torn append.
    await appendFile(indexPath(dir), Buffer.concat([whole.subarray(0, 4), Buffer.from([3, 0, 0, 0]), Buffer.alloc(22, 7)]))

    const reopened = await BodyPacks.open(dir)
    expect(reopened.notices).toEqual([])
    expect(await readFile(indexPath(dir))).toEqual(whole)
    await commitAndCheckAll(dir, reopened, texts.slice(2))
  })

  it('rebuilds a damaged index from the packs, whose records carry their own hashes', async () => {
    const dir = await storeOfBatches(texts)
    // A flipped bit in the first of four batches: the three after it would be lost with it.
    const index = await readFile(indexPath(dir))
    index[50] = (index[50] as number) ^ 1
    await writeFile(indexPath(dir), index)

    const reopened = await BodyPacks.open(dir)
    expect(reopened.notices.join('\n')).toMatch(/index .* was damaged; it was rebuilt from the packs, and the damaged copy moved to damaged/)
    await expectAllReadable(reopened, texts)
    await reopened.close()
    const readOnly = await BodyPacks.open(dir, { readOnly: true })
    await expectAllReadable(readOnly, texts)
    await readOnly.close()
  })

  it('rebuilds a lost index from the packs', async () => {
    const dir = await tempDir()
    const packs = await BodyPacks.open(dir)
    await writeAll(packs, texts)
    await packs.flush()
    await packs.close()
    await rm(indexPath(dir))
    const reopened = await BodyPacks.open(dir)
    await expectAllReadable(reopened, texts)
    await reopened.close()
    expect((await stat(indexPath(dir))).size).toBeGreaterThan(0)
  })

  it('says which text is damaged when a record does not hold what the index says', async () => {
    const dir = await tempDir()
    const packs = await BodyPacks.open(dir)
    await writeAll(packs, texts.slice(0, 1))
    await packs.flush()
    await packs.close()
    const pack = await open(packPath(dir), 'r+')
    await pack.write(Buffer.from('ff', 'hex'), 0, 1, 4)
    await pack.close()

    const reopened = await BodyPacks.open(dir)
    await expect(reopened.read(sha256(texts[0]!))).rejects.toThrow(new RegExp(`stored text ${sha256(texts[0]!).slice(0, 12)}… cannot be read: .*was changed`))
    await reopened.close()
  })

  it('starts a new pack once one reaches its size, and finds texts in every pack', async () => {
    const dir = await tempDir()
    const packs = await BodyPacks.open(dir, { packBytes: 200 })
    for (const text of texts) await packs.write(sha256(text), text)
    await packs.flush()
    await packs.close()
    expect((await readdir(join(dir, PACKS_DIR))).filter((name) => name.endsWith('.pack')).length).toBeGreaterThan(1)
    const reopened = await BodyPacks.open(dir, { packBytes: 200 })
    await expectAllReadable(reopened, texts)
    await reopened.close()
  })

  it('still reads texts stored one file each, as stores before packs kept them', async () => {
    const dir = await tempDir()
    const hash = sha256(texts[1]!)
    await mkdir(join(dir, hash.slice(0, 2)), { recursive: true })
    await writeFile(join(dir, hash.slice(0, 2), `${hash}.txt`), texts[1]!)
    const packs = await BodyPacks.open(dir)
    expect(await packs.read(hash)).toBe(texts[1])
    await packs.close()
  })

  it('opened read-only, creates and cuts nothing', async () => {
    const dir = await tempDir()
    const packs = await BodyPacks.open(dir, { readOnly: true })
    expect(() => packs.write(sha256('x'), 'x')).toThrow(/read-only/)
    await packs.close()
    expect(await readdir(dir)).toEqual([])
  })
})
