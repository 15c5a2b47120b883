import { access, cp, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { CorpusStore } from '../store/corpus-store'
import { SAMPLE_CORPUS_DIR, SEEDS_DIR, tempDir } from '../test-support/temp-dir'
import { buildDocx, buildPdf } from './formats/test-documents'
import { importFolder, type ImportOptions } from './import-folder'
import { prepareArticleFile } from './prepare-article-file'
import { hasSparePreparationWorker, runningPreparationWorkers, workerScriptBeside } from './preparation-pool'
import { readArticleFile } from './read-ahead'

// Counts the files prepared on the test's own thread: with workers running there must be none. The
// workers load the real module themselves, outside this mock.
vi.mock('./prepare-article-file', async (importOriginal) => {
  const real = await importOriginal<typeof import('./prepare-article-file')>()
  return { ...real, prepareArticleFile: vi.fn(real.prepareArticleFile) }
})
const preparedHere = vi.mocked(prepareArticleFile)
// Counts the files read on the test's own thread: with workers running, they read the files themselves.
vi.mock('./read-ahead', async (importOriginal) => {
  const real = await importOriginal<typeof import('./read-ahead')>()
  return { ...real, readArticleFile: vi.fn(real.readArticleFile) }
})
const readHere = vi.mocked(readArticleFile)

/** A file with this in its name crashes the test worker that prepares it (test-crashing-prepare-worker.ts). */
const CRASHING_FILE_MARK = 'crash-the-worker'
const crashingWorker = workerScriptBeside(__dirname, 'test-crashing-prepare-worker')
/** A file with this in its name stalls the test worker that prepares it for good (test-stalling-prepare-worker.ts). */
const STALLING_FILE_MARK = 'stall-the-worker'
const stallingWorker = workerScriptBeside(__dirname, 'test-stalling-prepare-worker')

async function freshStore() {
  return CorpusStore.open(await tempDir('triangulate-store-'))
}

/** Every format, subfolders named after outlets, copies, a near-duplicate and files that cannot be read. */
async function mixedFolder(): Promise<string> {
  const root = await tempDir('triangulate-mixed-')
  await cp(SAMPLE_CORPUS_DIR, root, { recursive: true })
  await cp(SEEDS_DIR, join(root, 'seeds'), { recursive: true })
  await cp(SEEDS_DIR, join(root, 'seeds again'), { recursive: true })
  await writeFile(join(root, 'front.md'), '---\ntitle: From front matter\ndate: 2031-05-20\nsource: The Ledger\n---\nThe inquiry opened on Tuesday.\n')
  await writeFile(
    join(root, 'page.html'),
    '<html><head><title>Page title</title><meta property="og:site_name" content="Northline Radio"></head><body><article><h1>Bridge inquiry</h1><p>The council appointed a retired judge to lead the inquiry into the collapse of the bridge on Tuesday.</p></article></body></html>',
  )
  await writeFile(join(root, 'report.docx'), buildDocx({ paragraphs: ['Docx headline', 'A paragraph from a Word document.'], title: 'Docx title', creator: 'A. Writer' }))
  await writeFile(join(root, 'scan.pdf'), buildPdf({ pages: [['PDF headline', 'Text on the first page.']], title: 'PDF title', author: 'B. Author' }))
  await writeFile(join(root, 'broken.pdf'), 'not a pdf at all')
  await writeFile(join(root, 'empty.txt'), '')
  await writeFile(join(root, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]))
  await writeFile(join(root, 'latin1.txt'), Buffer.from('caf\xe9 au lait', 'latin1'))
  await writeFile(join(root, 'huge.txt'), 'x'.repeat(300_000))
  await writeFile(join(root, 'photo.jpg'), 'not an article')
  for (let i = 0; i < 40; i++)
    await writeFile(join(root, `story-${String(i).padStart(2, '0')}.txt`), `Headline ${i}\nThe body of story number ${i}, with a few words of its own.\n`)
  return root
}

/** What an import leaves in the store, without the one field that differs from run to run. */
async function storedArticles(store: CorpusStore) {
  const articles = store.listArticles().map(({ importedAt: _, ...article }) => article)
  return Promise.all(articles.map(async (article) => ({ ...article, body: await store.readBody(store.requireArticle(article.id)) })))
}

async function importWith(folder: string, options: ImportOptions) {
  const store = await freshStore()
  preparedHere.mockClear()
  readHere.mockClear()
  let mostWorkers = 0
  const report = await importFolder(store, folder, {
    maxFileBytes: 200_000,
    ...options,
    onProgress: () => (mostWorkers = Math.max(mostWorkers, runningPreparationWorkers())),
  })
  return { store, report, mostWorkers, preparedHere: preparedHere.mock.calls.length, readHere: readHere.mock.calls.length }
}

describe('importFolder with worker threads', () => {
  it('gives the same articles, bodies and report as preparing every file on its own thread', async () => {
    const folder = await mixedFolder()
    const here = await importWith(folder, { preparation: { workers: 0 } })
    const inWorkers = await importWith(folder, { preparation: { workers: 2 } })
    expect(here.mostWorkers).toBe(0)
    expect(inWorkers.mostWorkers).toBe(2)
    expect(inWorkers.preparedHere).toBe(0)
    // The workers read the files too: no file's bytes pass through this thread.
    expect(here.readHere).toBeGreaterThan(50)
    expect(inWorkers.readHere).toBe(0)
    expect(inWorkers.report).toEqual(here.report)
    expect(await storedArticles(inWorkers.store)).toEqual(await storedArticles(here.store))
    // As an import of a few files runs by default: one worker, and nothing prepared here, even while it loads.
    const byDefault = await importWith(folder, {})
    expect(byDefault.mostWorkers).toBe(1)
    expect(byDefault.preparedHere).toBe(0)
    expect(byDefault.report).toEqual(here.report)
    expect(await storedArticles(byDefault.store)).toEqual(await storedArticles(here.store))
    // The folder has something of everything, or the comparison would prove little.
    expect(here.report).toMatchObject({ imported: 55, duplicates: 5 })
    expect(here.report.nearDuplicates).toHaveLength(1)
    expect(here.report.skipped.map((s) => s.path.slice(folder.length + 1)).sort()).toEqual(['binary.txt', 'broken.pdf', 'empty.txt', 'huge.txt', 'photo.jpg'])
    expect(runningPreparationWorkers()).toBe(0)
  })

  it('re-imports unchanged files as duplicates, and imports whole a text the store was thought to have', async () => {
    const folder = await mixedFolder()
    const first = await importWith(folder, { preparation: { workers: 2 } })
    const again = await importFolder(first.store, folder, { maxFileBytes: 200_000, preparation: { workers: 2 } })
    expect(again).toMatchObject({ imported: 0, updated: 0, duplicates: 60 })
    // Known at the start (so not derived in the worker), gone by the time the importer looks: as
    // when its article is removed during the import. The importer derives what it needs itself.
    const everyHash = new Set(first.store.listArticles().map((a) => a.contentHash))
    const thoughtKnown = await importWith(folder, { preparation: { workers: 2, knownContentHashes: everyHash } })
    expect(thoughtKnown.report).toEqual(first.report)
    expect(await storedArticles(thoughtKnown.store)).toEqual(await storedArticles(first.store))
  })

  it('skips a file that crashes its worker, with the reason, and imports the rest', async () => {
    const folder = await tempDir()
    const names = Array.from({ length: 12 }, (_, i) => `s${String(i).padStart(2, '0')}${i === 4 ? `-${CRASHING_FILE_MARK}` : ''}.txt`)
    for (const [i, name] of names.entries()) await writeFile(join(folder, name), `Headline ${i}\nBody of story ${i}.`)
    const { store, report, preparedHere } = await importWith(folder, { preparation: { workers: 1, script: crashingWorker } })
    expect(report.skipped).toEqual([
      {
        path: join(folder, names[4]!),
        reason: expect.stringMatching(/^reading this file crashed the import's worker thread \(simulated crash on s04-crash-the-worker\.txt\); it may be damaged/),
      },
    ])
    expect(report.imported).toBe(11)
    expect(
      store
        .listArticles()
        .map((a) => a.title)
        .sort(),
    ).toEqual(
      names
        .map((_, i) => `Headline ${i}`)
        .filter((t) => t !== 'Headline 4')
        .sort(),
    )
    // A new worker took over: nothing fell back to this thread.
    expect(preparedHere).toBe(0)
    expect(runningPreparationWorkers()).toBe(0)
  })

  it('prepares files on its own thread once workers have crashed too often, and still imports them', async () => {
    const folder = await tempDir()
    for (let i = 0; i < 30; i++)
      await writeFile(join(folder, `s${String(i).padStart(2, '0')}-${i % 3 === 0 ? CRASHING_FILE_MARK : 'fine'}.txt`), `Headline ${i}\nBody of story ${i}.`)
    const { report, preparedHere } = await importWith(folder, { preparation: { workers: 2, script: crashingWorker } })
    // Two workers and three restarts: five crashes, five files lost; the other crashing files were
    // prepared here, where they do not crash.
    expect(report.skipped).toHaveLength(5)
    for (const skip of report.skipped) expect(skip.path).toContain(CRASHING_FILE_MARK)
    expect(report.imported).toBe(25)
    expect(preparedHere).toBeGreaterThan(0)
    expect(runningPreparationWorkers()).toBe(0)
  })

  it('imports everything on its own thread when no worker can start', async () => {
    const folder = await tempDir()
    for (let i = 0; i < 10; i++) await writeFile(join(folder, `s${i}.txt`), `Headline ${i}\nBody of story ${i}.`)
    const missing = { file: join(folder, 'no-such-worker.js'), execArgv: [] }
    // The files wait for the workers, which never come: they must not wait for ever.
    const { report, preparedHere } = await importWith(folder, { preparation: { workers: 2, script: missing } })
    expect(report).toMatchObject({ imported: 10, skipped: [] })
    expect(preparedHere).toBe(10)
    expect(runningPreparationWorkers()).toBe(0)
  })

  it('leaves no worker running after a cancelled import', async () => {
    const folder = await tempDir()
    for (let i = 0; i < 200; i++) await writeFile(join(folder, `f${String(i).padStart(3, '0')}.txt`), `Headline ${i}\nBody ${i}.`)
    const controller = new AbortController()
    const store = await freshStore()
    let workersWhenCancelled = 0
    const report = await importFolder(store, folder, {
      signal: controller.signal,
      preparation: { workers: 2 },
      onProgress: (p) => {
        if (p.processed !== 20) return
        workersWhenCancelled = runningPreparationWorkers()
        controller.abort()
      },
    })
    expect(workersWhenCancelled).toBe(2)
    expect(report.imported).toBe(20)
    expect(runningPreparationWorkers()).toBe(0)
    // Cancelled, it keeps no worker for the next import: one may have been stopped mid-file.
    expect(hasSparePreparationWorker()).toBe(false)
  })

  it('leaves no worker running after an import that fails', async () => {
    const folder = await tempDir()
    for (let i = 0; i < 12; i++) await writeFile(join(folder, `s${String(i).padStart(2, '0')}.txt`), `Headline ${i}\nBody of story ${i}.`)
    const store = await freshStore()
    vi.spyOn(store, 'writeBody').mockRejectedValueOnce(new Error('disk full'))
    await expect(importFolder(store, folder, { preparation: { workers: 2 } })).rejects.toThrow('disk full')
    expect(runningPreparationWorkers()).toBe(0)
  })

  it('starts its first worker while the folder is still being listed, and ends it when the folder cannot be read or has no file', async () => {
    const folder = await tempDir()
    for (let i = 0; i < 30; i++) await writeFile(join(folder, `s${String(i).padStart(2, '0')}.txt`), `Headline ${i}\nBody of story ${i}.`)
    const store = await freshStore()
    let workersWhileListing = -1
    const report = await importFolder(store, folder, {
      onProgress: (p) => {
        // Reported as the listing counts its folders, before any file is processed.
        if (p.processed === 0 && workersWhileListing < 0) workersWhileListing = runningPreparationWorkers()
      },
    })
    expect(workersWhileListing).toBe(1)
    expect(report.imported).toBe(30)
    expect(runningPreparationWorkers()).toBe(0)
    // Gone through to its end, it keeps its worker, idle, for the next import.
    expect(hasSparePreparationWorker()).toBe(true)

    await expect(importFolder(store, join(folder, 'no such folder'))).rejects.toThrow('Folder not found')
    expect(runningPreparationWorkers()).toBe(0)
    const empty = await tempDir()
    expect(await importFolder(store, empty)).toMatchObject({ imported: 0, skipped: [] })
    expect(runningPreparationWorkers()).toBe(0)
  })

  it('skips a page nested 100,000 deep with its reason, in the worker, and imports the rest', async () => {
    const folder = await tempDir()
    await writeFile(join(folder, 'deep.html'), `<html><body>${'<div>'.repeat(100_000)}<p>Buried.</p></body></html>`)
    for (let i = 0; i < 5; i++) await writeFile(join(folder, `s${i}.txt`), `Headline ${i}\nBody of story ${i}.`)
    const { report, preparedHere } = await importWith(folder, { maxFileBytes: 10 * 1024 * 1024 })
    expect(report.skipped).toEqual([{ path: join(folder, 'deep.html'), reason: expect.stringMatching(/^the page nests its elements more than 256 deep/) }])
    expect(report.imported).toBe(5)
    expect(preparedHere).toBe(0)
  })

  it('stops a file that stalls its parser when the import is cancelled, keeps what it finished, and never blocks this thread', async () => {
    const folder = await tempDir()
    const names = Array.from({ length: 8 }, (_, i) => `s${i}${i === 5 ? `-${STALLING_FILE_MARK}` : ''}.txt`)
    for (const [i, name] of names.entries()) await writeFile(join(folder, name), `Headline ${i}\nBody of story ${i}.`)
    const store = await freshStore()
    const controller = new AbortController()
    // This thread's event loop runs on while the worker is stuck: the ticks prove it.
    let ticks = 0
    const ticker = setInterval(() => ticks++, 20)
    const imported = importFolder(store, folder, { signal: controller.signal, preparation: { script: stallingWorker } })
    // The worker says when it has begun to stall (files are read ahead, so it may be before or after the others).
    const stalled = join(folder, `${names[5]}.stalled`)
    while (
      !(await access(stalled).then(
        () => true,
        () => false,
      ))
    )
      await new Promise((resolve) => setTimeout(resolve, 20))
    const ticksAtStall = ticks
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(ticks).toBeGreaterThan(ticksAtStall)
    controller.abort()
    // A generous bound, far below the 30 s per-file limit: cancelling must be what ended the file.
    const outcome = await Promise.race([imported, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 10_000))])
    clearInterval(ticker)
    expect(outcome).not.toBe('still running')
    const report = outcome as Awaited<typeof imported>
    // What was finished before the stalling file is kept; nothing after it was taken; nothing is reported skipped.
    const titles = store.listArticles().map((a) => a.title)
    expect(titles).toHaveLength(report.imported)
    expect(report.imported).toBeLessThanOrEqual(5)
    expect(titles.sort()).toEqual(['Headline 0', 'Headline 1', 'Headline 2', 'Headline 3', 'Headline 4'].slice(0, report.imported))
    expect(report.skipped).toEqual([])
    expect(runningPreparationWorkers()).toBe(0)
  })

  it('skips a file that stalls its parser past the time limit, with the reason, and imports the rest', async () => {
    const folder = await tempDir()
    const names = Array.from({ length: 6 }, (_, i) => `s${i}${i === 2 ? `-${STALLING_FILE_MARK}` : ''}.txt`)
    for (const [i, name] of names.entries()) await writeFile(join(folder, name), `Headline ${i}\nBody of story ${i}.`)
    const { report } = await importWith(folder, { preparation: { script: stallingWorker, fileTimeLimitMs: 500 } })
    expect(report.skipped).toEqual([{ path: join(folder, names[2]!), reason: expect.stringMatching(/^reading this file took longer than 500 ms, so it was stopped/) }])
    expect(report.imported).toBe(5)
    expect(runningPreparationWorkers()).toBe(0)
  })
})
