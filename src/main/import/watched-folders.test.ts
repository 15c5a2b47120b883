import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createTriangulateService, type TriangulateService } from '../service/triangulate-service'
import { CorpusStore } from '../store/corpus-store'
import { SAMPLE_CORPUS_DIR, tempDir } from '../test-support/temp-dir'
import { WatchedFolders } from './watched-folders'

const SETTLE_MS = 100
const open: { store: CorpusStore; service: TriangulateService; watched: WatchedFolders }[] = []

afterEach(async () => {
  // As the app shuts down: no new imports, running ones finished, then the store released.
  for (const { store, service, watched } of open.splice(0)) {
    watched.close()
    await service.importJobs.shutdown()
    await store.close()
  }
})

async function openWatching(storeDir: string): Promise<{ store: CorpusStore; service: TriangulateService; watched: WatchedFolders }> {
  const store = await CorpusStore.open(storeDir)
  const service = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
  const watched = new WatchedFolders(store, service.importJobs, SETTLE_MS)
  open.push({ store, service, watched })
  return { store, service, watched }
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

const article = (title: string) => `${title}\n\nOfficials met on Tuesday to discuss the ${title.toLowerCase()} and agreed to meet again.\n`

describe('watched folders', () => {
  it('imports what is there, then each new file as it lands, in subfolders too', async () => {
    const folder = await tempDir()
    await writeFile(join(folder, 'first.txt'), article('First report'))
    const { store, service, watched } = await openWatching(await tempDir())
    const [entry] = await watched.add(folder)
    expect(entry).toMatchObject({ path: folder, error: null })
    await service.importJobs.whenFinished(entry!.lastJobId!)
    expect(store.listArticles().map((a) => a.title)).toEqual(['First report'])

    await mkdir(join(folder, 'later'))
    await writeFile(join(folder, 'later', 'second.txt'), article('Second report'))
    await until(() => store.listArticles().length === 2, 'the new file to be imported')
    expect(
      store
        .listArticles()
        .map((a) => a.title)
        .sort(),
    ).toEqual(['First report', 'Second report'])
  })

  it('ignores hidden and temporary files', async () => {
    const folder = await tempDir()
    const { service, watched } = await openWatching(await tempDir())
    const [entry] = await watched.add(folder)
    await service.importJobs.whenFinished(entry!.lastJobId!)
    await writeFile(join(folder, '.DS_Store'), 'binary junk')
    await writeFile(join(folder, 'draft.txt.crdownload'), 'half a file')
    await new Promise((r) => setTimeout(r, SETTLE_MS * 5))
    expect(watched.list()[0]!.lastJobId).toBe(entry!.lastJobId)
  })

  it('remembers its folders and catches up on what arrived while it was closed', async () => {
    const folder = await tempDir()
    const storeDir = await tempDir()
    const first = await openWatching(storeDir)
    const [entry] = await first.watched.add(folder)
    await first.service.importJobs.whenFinished(entry!.lastJobId!)
    first.watched.close()
    await first.service.importJobs.shutdown()
    await first.store.close()
    open.splice(0)

    await writeFile(join(folder, 'while-closed.txt'), article('Arrived overnight'))
    const again = await openWatching(storeDir)
    await again.watched.resume()
    expect(again.watched.list().map((w) => w.path)).toEqual([folder])
    await again.service.importJobs.whenFinished(again.watched.list()[0]!.lastJobId!)
    expect(again.store.listArticles().map((a) => a.title)).toEqual(['Arrived overnight'])
  })

  it('stops importing a folder once it is removed', async () => {
    const folder = await tempDir()
    const { store, service, watched } = await openWatching(await tempDir())
    const [entry] = await watched.add(folder)
    await service.importJobs.whenFinished(entry!.lastJobId!)
    expect(await watched.remove(folder)).toEqual([])
    await writeFile(join(folder, 'ignored.txt'), article('Not wanted'))
    await new Promise((r) => setTimeout(r, SETTLE_MS * 5))
    await service.importJobs.idle()
    expect(store.listArticles()).toEqual([])
  })

  it('refuses a folder that does not exist or is a file, saying which', async () => {
    const folder = await tempDir()
    await writeFile(join(folder, 'a.txt'), 'text')
    const { service } = await openWatching(await tempDir())
    await expect(service.watchFolder({ path: join(folder, 'missing') })).rejects.toThrow(/no folder .*missing/)
    await expect(service.watchFolder({ path: join(folder, 'a.txt') })).rejects.toThrow(/is a file/)
    expect(await service.listWatchedFolders({})).toEqual([])
  })
})
