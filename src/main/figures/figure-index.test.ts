// The figures index over the seeds, through the real import: built after the import commits, kept in
// the store, resumed, rebuilt when its version changes, and blind to page furniture.

import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { detectBoilerplate } from '../../shared/boilerplate/detect-boilerplate'
import { runningDerivedWorkers } from '../derived/derived-index-runner'
import { serviceWithImports } from '../test-support/seeded-service'
import { createFigureIndex, FIGURE_INDEX_VERSION, figuresOfText } from './figure-index'

describe('the figures index', () => {
  it('holds every seed text’s figures after an import, kept in the store', async () => {
    const { service, store } = await serviceWithImports()
    await service.figureIndex.update()
    const articles = store.listArticles()
    const rows = articles.map((a) => service.figureIndex.entry(a.id))
    expect(rows.every((r) => r !== undefined)).toBe(true)
    const all = rows.flatMap((r) => r ?? [])
    expect(all.some((r) => r[2] === 'count' && r[3] === 1401 && r[4] === null && r[5] === 'deaths')).toBe(true)
    expect(all.some((r) => r[3] === 200 && r[4] === 999 && r[5] === 'casualties')).toBe(true)
    const saved = JSON.parse(await readFile(join(store.dir, service.figureIndex.file), 'utf8'))
    expect(saved.entries).toHaveLength(articles.length)
  })

  it('resumes from the file, and rebuilds a file of another version', async () => {
    const { store } = await serviceWithImports()
    const first = createFigureIndex(store, { workers: 0 })
    await first.update()
    const again = createFigureIndex(store, { workers: 0 })
    await again.update()
    expect(again.status()).toMatchObject({ total: 0 })
    const saved = JSON.parse(await readFile(join(store.dir, first.file), 'utf8'))
    await writeFile(join(store.dir, first.file), JSON.stringify({ ...saved, version: FIGURE_INDEX_VERSION + 1 }))
    const rebuilt = createFigureIndex(store, { workers: 0 })
    await rebuilt.update()
    expect(rebuilt.status().total).toBe(store.listArticles().length)
  })

  it('reads in a worker thread the figures it reads on this thread, and leaves no worker behind', async () => {
    const { service, store } = await serviceWithImports()
    // The import job's own derived indexes run in the background (entities in a worker, always): done
    // first, so only this test's workers are counted; the file the service's index saved is removed,
    // so this test's indexes analyse the texts rather than read it.
    await service.derivedIndexes.whenIdle()
    await rm(join(store.dir, service.figureIndex.file))
    const here = createFigureIndex(store, { workers: 0 })
    const inWorker = createFigureIndex(store, { workers: 1 })
    await Promise.all([here.update(), inWorker.update()])
    expect(runningDerivedWorkers()).toBe(0)
    for (const article of store.listArticles()) {
      expect(inWorker.currentEntry(article)).toEqual(figuresOfText(await store.readBody(article)))
      expect(inWorker.currentEntry(article)).toEqual(here.currentEntry(article))
    }
    await store.close()
  })

  it('skips page furniture, and only its ranges', () => {
    const text =
      'Clashes left 1,400 dead, officials said on Sunday.\nRelated: 300 dead in a bus crash elsewhere …\nThe 1,400 deaths were confirmed by the observatory.\nRead more: 12 killed in storm …\nWhat is your opinion on this topic?'
    const furniture = detectBoilerplate(text)
    const rows = figuresOfText(text)
    for (const r of rows) expect(furniture.some((b) => r[0] < b.end && b.start < r[1])).toBe(false)
    expect(rows.map((r) => r[3])).toContain(1400)
  })
})
