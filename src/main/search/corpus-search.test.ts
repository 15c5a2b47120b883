import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFolder } from '../import/import-folder'
import { createTriangulateService } from '../service/triangulate-service'
import { CorpusStore } from '../store/corpus-store'
import { SAMPLE_CORPUS_DIR, SEEDS_DIR, tempDir } from '../test-support/temp-dir'
import { foldTerm, SEARCH_INDEX_FILE, SEARCH_INDEX_STATE_FILE } from './corpus-search'
import { InvertedIndex } from './inverted-index'

async function seeded(dir?: string) {
  const store = await CorpusStore.open(dir ?? (await tempDir()))
  const service = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
  if (!dir) {
    await service.startImport({ path: SEEDS_DIR })
    await service.importJobs.idle()
  }
  return { store, service }
}

describe('corpus search', () => {
  it('finds both spellings of a place, with a snippet around the hit', async () => {
    const { service } = await seeded()
    const hits = await service.search({ query: 'Suweida' })
    const mentioning = []
    for (const a of (await service.listArticles({})).articles) if (/Sweida|Suweida/.test((await service.getArticle({ id: a.id })).text)) mentioning.push(a.id)
    expect(mentioning.length).toBe(4)
    expect(hits.map((h) => h.articleId).sort()).toEqual(mentioning.sort())
    for (const hit of hits) {
      const { text } = await service.getArticle({ id: hit.articleId })
      expect(hit.hit).not.toBeNull()
      expect(['sweida', 'suweida']).toContain(foldTerm(text.slice(hit.hit!.start, hit.hit!.end)))
      expect(hit.snippet.slice(hit.snippetHit.start, hit.snippetHit.end)).toBe(text.slice(hit.hit!.start, hit.hit!.end))
    }
    const suweida = hits.find((h) => h.snippet.includes('Suweida'))
    expect(suweida?.date).toBe('2025-07-30')
  })

  it('ranks the article that is about the query first and requires every word', async () => {
    const { service } = await seeded()
    const hits = await service.search({ query: 'Moscow Hmeimim' })
    expect(hits.length).toBeGreaterThan(0)
    for (const hit of hits) {
      const { text } = await service.getArticle({ id: hit.articleId })
      expect(text).toMatch(/Moscow/)
      expect(text).toMatch(/Hmeimim/)
    }
    expect(await service.search({ query: 'xylophone' })).toEqual([])
  })

  it('persists the index and reuses it on the next start without rebuilding', async () => {
    const { store } = await seeded()
    const file = join(store.dir, SEARCH_INDEX_FILE)
    const before = await stat(file)
    await store.close()
    const again = await seeded(store.dir)
    expect((await again.service.search({ query: 'Baku' })).length).toBe(5)
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs)
    await again.store.close()
  })

  it('lets go of its index once the store has closed, without reading or writing it again; the saved index serves the reopened store', async () => {
    const { store, service } = await seeded()
    expect(await service.corpusSearch.search('Baku', 10)).toHaveLength(5)
    const file = join(store.dir, SEARCH_INDEX_FILE)
    const before = await stat(file)
    await store.close()
    expect(await service.corpusSearch.search('Baku', 10)).toEqual([])
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs)
    const again = await seeded(store.dir)
    expect((await again.service.search({ query: 'Baku' })).length).toBe(5)
    await again.store.close()
  })

  it('rebuilds a damaged index from the article texts', async () => {
    const { store } = await seeded()
    await store.close()
    const saved = await readFile(join(store.dir, SEARCH_INDEX_FILE))
    await writeFile(join(store.dir, SEARCH_INDEX_FILE), saved.subarray(0, saved.length / 2))
    const again = await seeded(store.dir)
    expect((await again.service.search({ query: 'Dermer' })).length).toBeGreaterThanOrEqual(3)
    const rebuilt = InvertedIndex.deserialize(await readFile(join(store.dir, SEARCH_INDEX_FILE)))
    expect(rebuilt.documentCount).toBe(5)
    expect(Object.keys(JSON.parse(await readFile(join(store.dir, SEARCH_INDEX_STATE_FILE), 'utf8')).indexed)).toHaveLength(5)
    await again.store.close()
  })

  it('reports indexing progress, and an indexing cut short catches up on the next search', async () => {
    const folder = await tempDir()
    await mkdir(join(folder, 'wire'))
    for (let i = 0; i < 150; i++)
      await writeFile(join(folder, 'wire', `${i}.txt`), `Dispatch ${i}\nThe harbour pilots counted ${i} vessels and one marker word zebrafish${i % 2 ? '' : ' again'}.`)
    const store = await CorpusStore.open(await tempDir())
    const service = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
    await service.corpusSearch.ready()
    const report = await importFolder(store, folder)
    expect(report.articleIds).toHaveLength(150)

    const controller = new AbortController()
    const seen: [number, number][] = []
    await service.corpusSearch.update(report.articleIds, {
      signal: controller.signal,
      onProgress: (done, total) => {
        seen.push([done, total])
        controller.abort()
      },
    })
    expect(seen).toEqual([[64, 150]])
    const state = JSON.parse(await readFile(join(store.dir, SEARCH_INDEX_STATE_FILE), 'utf8'))
    expect(Object.keys(state.indexed)).toHaveLength(64)

    expect(await service.search({ query: 'zebrafish', limit: 200 })).toHaveLength(150)
    const progress: number[] = []
    await service.corpusSearch.update(report.articleIds, { retitled: true, onProgress: (done) => progress.push(done) })
    expect(progress).toEqual([64, 128, 150])
    await store.close()
  })
})
