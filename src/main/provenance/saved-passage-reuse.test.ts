import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { importFolder } from '../import/import-folder'
import { CorpusStore } from '../store/corpus-store'
import { tempDir } from '../test-support/temp-dir'
import { findPassageReuse } from './passage-reuse'
import { ProvenanceIndex } from './provenance-index'
import { readSavedReuse, reuseInputs, SAVED_REUSE_FILE, saveReuse } from './saved-passage-reuse'

// Counts the joins of every passage of the corpus: a session whose corpus has not changed must read them.
vi.mock('./passage-reuse', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./passage-reuse')>()
  return { ...actual, findPassageReuse: vi.fn(actual.findPassageReuse) }
})
const joins = () => vi.mocked(findPassageReuse).mock.calls.length

const copied = 'The harbour authority said on Monday that forty-two cranes had been idle since the strike began three weeks ago.'
const files: Record<string, string> = {
  'Northern Post/original.txt': `date 2025-03-02\nCranes idle\n${copied}\nDockers gathered at the north gate before dawn.`,
  'Metro Daily/credited.txt': `date 2025-03-01\nPort news\nOfficials spoke to the press on Monday, according to the Northern Post. ${copied}\nTraffic was light.`,
  'Harbour Times/uncredited.txt': `Harbour latest\n${copied}\nFerry services ran to the islands as usual.`,
}

async function copiedCorpus() {
  const source = await tempDir()
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(source, path, '..'), { recursive: true })
    await writeFile(join(source, path), text)
  }
  const dir = await tempDir()
  const store = await CorpusStore.open(dir)
  await importFolder(store, source)
  return { dir, store }
}

const asObject = (copies: ReadonlyMap<string, unknown>) => JSON.stringify([...copies])

describe('passage reuse kept beside the store', () => {
  it('is worked out once after the index is updated, and read by the next session instead of worked out again', async () => {
    const { dir, store } = await copiedCorpus()
    const first = new ProvenanceIndex(store, { workers: 0 })
    await first.runner.update()
    const before = joins()
    const copies = store.listArticles().map((a) => first.copiesOf(a.id))
    expect(joins()).toBe(before) // ready when the update resolved: the board does not join
    expect(copies.flat()).toHaveLength(3)
    await store.close()

    const reopened = await CorpusStore.open(dir)
    const second = new ProvenanceIndex(reopened, { workers: 0 })
    await second.runner.update()
    expect(reopened.listArticles().map((a) => second.copiesOf(a.id))).toEqual(copies)
    expect(joins()).toBe(before)
    await reopened.close()
  })

  it('is worked out again when what it reads changed: an outlet, or a damaged file', async () => {
    const { dir, store } = await copiedCorpus()
    const index = new ProvenanceIndex(store, { workers: 0 })
    await index.runner.update()
    const harbour = store.listArticles().find((a) => a.outlet === 'Harbour Times')!
    expect(index.copiesOf(harbour.id)).toHaveLength(1)
    await store.close()

    // One outlet for all three: their shared sentence says nothing of provenance.
    const reopened = await CorpusStore.open(dir)
    await reopened.saveArticles(reopened.listArticles().map((a) => ({ ...a, outlet: 'Northern Post' })))
    const afterOutlet = new ProvenanceIndex(reopened, { workers: 0 })
    const before = joins()
    await afterOutlet.runner.update()
    expect(joins()).toBe(before + 1)
    expect(afterOutlet.copiesOf(harbour.id)).toEqual([])

    await writeFile(join(dir, SAVED_REUSE_FILE), '{"format": 1, "inputs": "x", "copies": [["a", [[1]]]]}')
    const afterDamage = new ProvenanceIndex(reopened, { workers: 0 })
    await afterDamage.runner.update()
    expect(joins()).toBe(before + 2)
    expect(reopened.listArticles().map((a) => afterDamage.copiesOf(a.id))).toEqual(reopened.listArticles().map((a) => afterOutlet.copiesOf(a.id)))
    await reopened.close()
  })

  it('reads back exactly what it saved, in order; another digest of the inputs reads nothing', async () => {
    const { store } = await copiedCorpus()
    const index = new ProvenanceIndex(store, { workers: 0 })
    await index.runner.update()
    const copies = findPassageReuse(store.listArticles(), (id) => index.runner.entry(id))
    await saveReuse(store, 'digest', copies)
    expect(asObject((await readSavedReuse(store, 'digest'))!)).toBe(asObject(copies))
    expect(await readSavedReuse(store, 'another')).toBeNull()
    expect(JSON.parse(await readFile(join(store.dir, SAVED_REUSE_FILE), 'utf8')).inputs).toBe('digest')
    await store.close()
  })

  it('digests every input reuse reads: order, outlet, date, original, entry and index version', () => {
    const articles = [
      { id: 'a', outlet: 'One', date: '2025-01-01', nearDuplicateOf: null },
      { id: 'b', outlet: null, date: null, nearDuplicateOf: 'a' },
    ]
    const key = (id: string) => `hash-${id}`
    const base = reuseInputs(articles, key, 1)
    expect(
      reuseInputs(
        articles.map((a) => ({ ...a })),
        key,
        1,
      ),
    ).toBe(base)
    const variants = [
      reuseInputs([...articles].reverse(), key, 1),
      reuseInputs([{ ...articles[0]!, outlet: 'Two' }, articles[1]!], key, 1),
      reuseInputs([{ ...articles[0]!, date: null }, articles[1]!], key, 1),
      reuseInputs([articles[0]!, { ...articles[1]!, nearDuplicateOf: null }], key, 1),
      reuseInputs(articles, (id) => (id === 'b' ? undefined : key(id)), 1),
      reuseInputs(articles, (id) => `${key(id)}x`, 1),
      reuseInputs(articles, key, 2),
    ]
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1)
  })
})
