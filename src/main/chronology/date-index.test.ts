// The dates index on the shared runner, over the seeds through the real import: the same expressions
// in a worker thread as on this thread, no worker left behind, an entry of an old text never shown for
// a new one, and the index stopped (not failing) when the store closes under it.

import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { runningDerivedWorkers } from '../derived/derived-index-runner'
import { serviceWithImports } from '../test-support/seeded-service'
import { DATE_INDEX_FILE, DateIndex, datesOfText } from './date-index'

describe('the dates index', () => {
  it('finds in a worker thread the expressions it finds on this thread, and leaves no worker behind', async () => {
    const { service, store } = await serviceWithImports()
    // The import job's own derived indexes run in the background (entities in a worker, always): done
    // first, so only this test's workers are counted; the file the service's index saved is removed,
    // so this test's indexes analyse the texts rather than read it.
    await service.derivedIndexes.whenIdle()
    await rm(join(store.dir, service.dateIndex.runner.file))
    const here = new DateIndex(store, { workers: 0 })
    const inWorker = new DateIndex(store, { workers: 1 })
    await Promise.all([here.update(), inWorker.update()])
    expect(runningDerivedWorkers()).toBe(0)
    for (const article of store.listArticles()) {
      const expressions = inWorker.peek(article)
      expect(expressions).toEqual(datesOfText(await store.readBody(article)))
      expect(expressions).toEqual(here.peek(article))
    }
    expect(store.listArticles().some((a) => (inWorker.peek(a)?.length ?? 0) > 0)).toBe(true)
    await store.close()
  })

  it('is a derived index of the service: brought up to date after the import, saved, with its progress', async () => {
    const { service, store } = await serviceWithImports()
    await service.derivedIndexes.whenIdle()
    expect(service.derivedIndexes.statuses().find((s) => s.name === 'dates')).toMatchObject({ state: 'idle', done: 5, total: 5, error: null })
    const saved = JSON.parse(await readFile(join(store.dir, DATE_INDEX_FILE), 'utf8'))
    expect(saved.entries).toHaveLength(5)
    await store.close()
  })

  it('shows no expressions of an old text for a changed one until it is analysed again', async () => {
    const { service, store } = await serviceWithImports()
    await service.dateIndex.update()
    const article = store.listArticles()[0]!
    expect(service.dateIndex.peek(article)).not.toBeNull()
    expect(service.dateIndex.peek({ ...article, contentHash: 'another text' })).toBeNull()
    await store.close()
  })

  it('stops without an error when the store closes during its run', async () => {
    const errors = vi.spyOn(console, 'error')
    const { service, store } = await serviceWithImports()
    // The import job has started the derived indexes in the background: closing must stop them, not break them.
    await store.close()
    await service.derivedIndexes.whenIdle()
    expect(errors).not.toHaveBeenCalled()
    expect(service.derivedIndexes.statuses().every((s) => s.state !== 'failed')).toBe(true)
    errors.mockRestore()
  })
})
