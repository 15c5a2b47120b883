// The import job on real files and a real store: the search index takes each new text as it is
// stored (no text is read back after the import), leaves page furniture out, is saved so a reopened
// store has nothing to index, and forgets the texts of articles a failed import did not commit, in
// memory and in the index it saved while that commit was written.

import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CorpusSearch, SEARCH_INDEX_FILE } from '../search/corpus-search'
import { CorpusStore } from '../store/corpus-store'
import { SEEDS_DIR, tempDir } from '../test-support/temp-dir'
import { workerScriptBeside } from '../import/preparation-pool'
import { importAndIndex } from './import-job'

async function openStore(dir?: string): Promise<CorpusStore> {
  return CorpusStore.open(dir ?? (await tempDir()))
}

describe('importAndIndex', () => {
  it('indexes every new text while importing, reads none back, and leaves a reopened store nothing to index', async () => {
    const store = await openStore()
    const search = new CorpusSearch(store)
    const readBody = store.readBody.bind(store)
    let readBack = 0
    store.readBody = (article) => {
      readBack++
      return readBody(article)
    }
    const progress: { indexing?: unknown }[] = []
    const report = await importAndIndex(store, search, SEEDS_DIR, { onProgress: (p) => progress.push(p) })
    expect(report.imported).toBe(5)
    expect(readBack).toBe(0)
    // Both spellings are found, each in its own outlet's article.
    expect((await search.search('Suweida', 10)).length).toBeGreaterThan(0)
    expect((await search.search('Sweida', 10)).length).toBeGreaterThan(0)
    // Seed 002's teaser lines (a stock-market teaser among them) are page furniture: not in the index (DECISIONS section 2).
    const seed002 = store.listArticles().find((a) => a.paths.some((p) => p.includes('002_')))!
    expect(await readBody(seed002)).toMatch(/\bfutures\b/)
    expect(await search.search('futures', 10)).toEqual([])
    await store.close()

    const reopened = await openStore(store.dir)
    const reopenedRead = reopened.readBody.bind(reopened)
    let readOnOpen = 0
    reopened.readBody = (article) => {
      readOnOpen++
      return reopenedRead(article)
    }
    const again = new CorpusSearch(reopened)
    expect((await again.search('Baku', 10)).length).toBe(5)
    expect(readOnOpen).toBe(0)
    await reopened.close()
  })

  it('indexes every later text when a worker counted the terms of a file it then failed to prepare', async () => {
    const root = await tempDir()
    // The failing file brings words no file before it had; files after it use them too.
    await writeFile(join(root, 'a1.txt'), 'Harbour talks\nOfficials met at the harbour on Monday.')
    await writeFile(join(root, 'a2-fail-after-counting.txt'), 'Quayside ledger\nA quayside ledger of tonnage was kept.')
    await writeFile(join(root, 'a3.txt'), 'Tonnage figures\nThe quayside tonnage rose, the ledger shows.')
    const store = await openStore()
    const search = new CorpusSearch(store)
    const report = await importAndIndex(store, search, root, {
      preparation: { workers: 1, script: workerScriptBeside(join(__dirname, '../import'), 'test-failing-after-counting-prepare-worker') },
    })
    expect(report.imported).toBe(2)
    expect(report.skipped.map((s) => s.reason)).toEqual(['failed after counting its search terms (test worker)'])
    const found = async (query: string) => (await search.search(query, 10)).map((hit) => store.requireArticle(hit.articleId).title)
    expect(await found('quayside')).toEqual(['Tonnage figures'])
    expect(await found('ledger')).toEqual(['Tonnage figures'])
    expect(await found('harbour')).toEqual(['Harbour talks'])
    await store.close()
  })

  it('forgets the texts of articles a failed import left uncommitted', async () => {
    const root = await tempDir()
    const texts = Array.from({ length: 6 }, (_, i) => `Headline ${i}\nBody of story ${i}, about ${i === 3 ? 'zanzibar' : 'baku'}.`)
    for (const [i, text] of texts.entries()) await writeFile(join(root, `s${i}.txt`), text)
    const store = await openStore()
    const search = new CorpusSearch(store)
    const blocked = createHash('sha256').update(texts[3]!).digest('hex')
    const writeBody = store.writeBody.bind(store)
    store.writeBody = (hash, text) => (hash === blocked ? Promise.reject(new Error('ENOSPC: no space left on device')) : writeBody(hash, text))
    await expect(importAndIndex(store, search, root)).rejects.toThrow(/ENOSPC/)
    expect(await search.search('zanzibar', 10)).toEqual([])
    const found = await search.search('baku', 10)
    expect(found.map((m) => store.getArticle(m.articleId)?.title).sort()).toEqual(['Headline 0', 'Headline 1', 'Headline 2', 'Headline 4', 'Headline 5'])
    await store.close()
    // The index was saved as the last commit was written, before that commit failed: the saved index
    // holds the uncommitted text, and a reopened store's search still leaves it out.
    expect((await readFile(join(store.dir, SEARCH_INDEX_FILE))).includes('zanzibar')).toBe(true)
    const reopened = await openStore(store.dir)
    const again = new CorpusSearch(reopened)
    expect(await again.search('zanzibar', 10)).toEqual([])
    expect(await again.search('baku', 10)).toHaveLength(5)
    await reopened.close()
  })
})
