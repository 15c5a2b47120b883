import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Article, Highlight } from '../../shared/model'
import { tempDir } from '../test-support/temp-dir'
import { CorpusStore, STORE_SCHEMA_VERSION } from './corpus-store'
import { sealJson } from './sealed-json'
import { LOCK_FILE } from './store-lock'

const HASH = createHash('sha256').update('one two three').digest('hex')
const article: Article = {
  id: 'art1',
  title: 'A title',
  outlet: 'Courier',
  date: '2031-05-17',
  author: null,
  url: null,
  nearDuplicateOf: null,
  edited: [],
  outletSource: null,
  paths: ['/x/a.txt'],
  wordCount: 3,
  contentHash: HASH,
  fileHash: 'b'.repeat(64),
  importedAt: '2031-05-17T00:00:00.000Z',
}
const highlight: Highlight = {
  id: 'h1',
  articleId: 'art1',
  start: 0,
  end: 3,
  exact: 'one',
  prefix: '',
  suffix: ' two',
  orphaned: false,
  note: '',
  createdAt: '2031-05-17T00:00:00.000Z',
}

describe('CorpusStore', () => {
  it('keeps bodies outside the lowdb files and reopens with everything saved', async () => {
    const dir = await tempDir()
    const store = await CorpusStore.open(dir)
    await store.writeBody(HASH, 'one two three')
    await store.saveArticles([article])
    await store.addHighlight(highlight)
    await store.close()

    const reopened = await CorpusStore.open(dir)
    expect(reopened.getArticle('art1')).toEqual(article)
    expect(await reopened.readBody(article)).toBe('one two three')
    expect(reopened.highlights).toEqual([highlight])
    const library = await readFile(join(dir, 'library.json'), 'utf8')
    const annotations = await readFile(join(dir, 'annotations.json'), 'utf8')
    expect(library).not.toContain('one two three')
    expect(annotations).not.toContain('one two three')
    expect(await readFile(join(dir, 'bodies', 'packs', '000001.pack'), 'utf8')).toContain('one two three')
  })

  it('lets readers let go of what they built only once it has closed: after every beforeClose step, with the lock released', async () => {
    const dir = await tempDir()
    const store = await CorpusStore.open(dir)
    const seen: string[] = []
    store.beforeClose(async () => {
      seen.push('stop')
      await new Promise((resolve) => setTimeout(resolve, 10))
      seen.push('saved')
    })
    store.whenClosed(() => seen.push(existsSync(join(dir, LOCK_FILE)) ? 'released, lock held' : 'released, lock gone'))
    await store.saveArticles([article])
    expect(seen).toEqual([])
    await store.close()
    expect(seen).toEqual(['stop', 'saved', 'released, lock gone'])
  })

  it('adds and replaces articles where they stand, through saves at once and a save that failed', async () => {
    const dir = await tempDir()
    const store = await CorpusStore.open(dir)
    await store.writeBody(HASH, 'one two three')
    const numbered = (n: number, title = `Article ${n}`): Article => ({ ...article, id: `art${n}`, title, paths: [`/x/${n}.txt`] })
    const listed = (s = store) => s.listArticles().map((a) => `${a.id}: ${a.title}`)
    await store.saveArticles([numbered(1), numbered(2)])
    await store.saveArticles([numbered(1, 'Retitled')])
    expect(listed()).toEqual(['art1: Retitled', 'art2: Article 2'])
    // Two saves at once (either may go first), then one replacing an article of each.
    await Promise.all([store.saveArticles([numbered(3)]), store.saveArticles([numbered(4)])])
    const order = store.listArticles().map((a) => a.id)
    expect([...order].sort()).toEqual(['art1', 'art2', 'art3', 'art4'])
    await store.saveArticles([numbered(4, 'Fourth, retitled'), numbered(3, 'Third, retitled')])
    expect(store.listArticles().map((a) => a.id)).toEqual(order)
    expect([store.getArticle('art3')?.title, store.getArticle('art4')?.title]).toEqual(['Third, retitled', 'Fourth, retitled'])

    // A folder where the library file goes: the save fails, and changes nothing in memory.
    const before = listed()
    await rm(join(dir, 'library.json'))
    await mkdir(join(dir, 'library.json'))
    await expect(store.saveArticles([numbered(5), numbered(2, 'Lost')])).rejects.toThrow(/Could not save the library/)
    expect(listed()).toEqual(before)
    await rm(join(dir, 'library.json'), { recursive: true })
    await store.saveArticles([numbered(6)])
    await store.saveArticles([numbered(2, 'Second, retitled'), numbered(5)])
    const expected = [...before.map((line) => (line.startsWith('art2:') ? 'art2: Second, retitled' : line)), 'art6: Article 6', 'art5: Article 5']
    expect(listed()).toEqual(expected)
    await store.close()
    const reopened = await CorpusStore.open(dir)
    expect(listed(reopened)).toEqual(expected)
    await reopened.close()
  })

  it('saves a highlight without rewriting the library file', async () => {
    const dir = await tempDir()
    const store = await CorpusStore.open(dir)
    await store.writeBody(HASH, 'one two three')
    await store.saveArticles([article])
    const before = await stat(join(dir, 'library.json'))
    await new Promise((r) => setTimeout(r, 20))
    await store.addHighlight(highlight)
    const after = await stat(join(dir, 'library.json'))
    expect(after.mtimeMs).toBe(before.mtimeMs)
    expect(after.ino).toBe(before.ino)
  })

  it('leaves no temporary files behind after many writes', async () => {
    const dir = await tempDir()
    const store = await CorpusStore.open(dir)
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.addHighlight({ ...highlight, id: `h${i}` })))
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([])
    await store.close()
    expect((await CorpusStore.open(dir)).highlights).toHaveLength(20)
  })

  it('refuses a store written by a newer version and leaves it untouched', async () => {
    const dir = await tempDir()
    const future = sealJson(JSON.stringify({ schemaVersion: STORE_SCHEMA_VERSION + 1, articles: [] }))
    await writeFile(join(dir, 'library.json'), future)
    await expect(CorpusStore.open(dir)).rejects.toThrow(/newer Triangulate/)
    expect(await readFile(join(dir, 'library.json'), 'utf8')).toBe(future)
  })

  it('removes a highlight together with its evidence links and returns both', async () => {
    const dir = await tempDir()
    const store = await CorpusStore.open(dir)
    await store.addHighlight(highlight)
    await store.addClaim({ id: 'c1', text: 'claim', tags: [], note: '', statusOverride: null, createdAt: '', updatedAt: '' })
    await store.addLink({ id: 'l1', claimId: 'c1', highlightId: 'h1', stance: 'supports', credibility: null, note: '', createdAt: '' })
    const removed = await store.removeHighlight('h1')
    expect(removed.links.map((l) => l.id)).toEqual(['l1'])
    await store.close()
    const reopened = await CorpusStore.open(dir)
    expect(reopened.highlights).toEqual([])
    expect(reopened.links).toEqual([])
    expect(reopened.claims).toHaveLength(1)
  })
})
