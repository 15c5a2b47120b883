import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createTriangulateService } from '../service/triangulate-service'
import { CorpusStore } from '../store/corpus-store'
import { SAMPLE_CORPUS_DIR, SEEDS_DIR, tempDir } from '../test-support/temp-dir'
import { foldTerm, SEARCH_INDEX_FILE } from './corpus-search'

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
    for (const a of await service.listArticles({})) if (/Sweida|Suweida/.test((await service.getArticle({ id: a.id })).text)) mentioning.push(a.id)
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

  it('rebuilds a damaged index from the article texts', async () => {
    const { store } = await seeded()
    await store.close()
    await writeFile(join(store.dir, SEARCH_INDEX_FILE), '{"format":1,"indexed":')
    const again = await seeded(store.dir)
    expect((await again.service.search({ query: 'Dermer' })).length).toBeGreaterThanOrEqual(3)
    expect(JSON.parse(await readFile(join(store.dir, SEARCH_INDEX_FILE), 'utf8')).format).toBe(1)
    await again.store.close()
  })
})
