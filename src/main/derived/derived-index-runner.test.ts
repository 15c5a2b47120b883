import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { importFolder } from '../import/import-folder'
import { workerScriptBeside } from '../import/preparation-pool'
import { CorpusStore } from '../store/corpus-store'
import { SEEDS_DIR, tempDir } from '../test-support/temp-dir'
import { DerivedIndexRunner, runningDerivedWorkers, workersFor, type DerivedIndexSpec } from './derived-index-runner'
import { countWordsForTest } from './test-analysis'

const spec = (overrides: Partial<DerivedIndexSpec<{ words: number; thread: string }>> = {}): DerivedIndexSpec<{ words: number; thread: string }> => ({
  name: 'word-test',
  label: 'word counts',
  version: 1,
  analyse: countWordsForTest,
  workerScript: () => workerScriptBeside(__dirname, 'test-derived-worker'),
  ...overrides,
})

async function storeWith(files: Record<string, string>) {
  const dir = await tempDir()
  const corpus = join(dir, 'corpus')
  await mkdir(corpus)
  for (const [name, text] of Object.entries(files)) await writeFile(join(corpus, name), text)
  const store = await CorpusStore.open(join(dir, 'store'))
  await importFolder(store, corpus)
  return { store, corpus, dir: join(dir, 'store') }
}

const wordsOf = (runner: DerivedIndexRunner<{ words: number }>, store: CorpusStore) =>
  Object.fromEntries(store.listArticles().map((a) => [a.title, runner.entry(a.id)?.words]))

describe('DerivedIndexRunner', () => {
  it('analyses every article of the seeds on this thread, reports progress, and saves a versioned sidecar', async () => {
    const store = await CorpusStore.open(await tempDir())
    await importFolder(store, SEEDS_DIR)
    const runner = new DerivedIndexRunner(store, spec(), { workers: 0 })
    expect(runner.status()).toMatchObject({ state: 'idle', done: 0, total: 0 })
    const run = runner.update()
    expect(runner.status().state).toBe('running')
    await run
    expect(runner.status()).toEqual({ name: 'word-test', label: 'word counts', state: 'idle', done: 5, total: 5, error: null })
    for (const article of store.listArticles()) {
      const text = await store.readBody(article)
      expect(runner.entry(article.id)).toEqual({ words: text.split(/\s+/).filter(Boolean).length, thread: 'main' })
    }
    expect(runner.isCurrent()).toBe(true)
    const saved = JSON.parse(await readFile(join(store.dir, 'derived-word-test.json'), 'utf8'))
    expect(saved).toMatchObject({ format: 1, name: 'word-test', version: 1 })
    expect(saved.entries).toHaveLength(5)
    await store.close()
  })

  it('resumes from the sidecar: a new runner analyses only what is missing or changed, and a new version rebuilds all', async () => {
    const { store, corpus } = await storeWith({ 'a.txt': 'Alpha one two\nThree four five.', 'b.txt': 'Beta one\nTwo words.' })
    const first = new DerivedIndexRunner(store, spec(), { workers: 0 })
    await first.update()
    let analysed = 0
    const counting = spec({ analyse: (a) => (analysed++, countWordsForTest(a)) })
    const second = new DerivedIndexRunner(store, counting, { workers: 0 })
    await second.update()
    expect(analysed).toBe(0)
    expect(Object.values(wordsOf(second, store))).toEqual([6, 4])

    await writeFile(join(corpus, 'c.txt'), 'Gamma\nThree more words.')
    await writeFile(join(corpus, 'a.txt'), 'Alpha one two\nThree four five six.')
    await importFolder(store, corpus)
    await second.update()
    expect(analysed).toBe(2)
    expect(wordsOf(second, store)).toEqual({ 'Alpha one two': 7, 'Beta one': 4, Gamma: 4 })

    analysed = 0
    await new DerivedIndexRunner(store, { ...counting, version: 2 }, { workers: 0 }).update()
    expect(analysed).toBe(3)
    await store.close()
  })

  it('rebuilds a lost or damaged sidecar from the texts', async () => {
    const { store } = await storeWith({ 'a.txt': 'Alpha\nOne two.' })
    await new DerivedIndexRunner(store, spec(), { workers: 0 }).update()
    await writeFile(join(store.dir, 'derived-word-test.json'), '{"format":1,"name":"word-test","version":1,"entries":[[')
    const runner = new DerivedIndexRunner(store, spec(), { workers: 0 })
    await runner.update()
    expect(wordsOf(runner, store)).toEqual({ Alpha: 3 })
    expect(JSON.parse(await readFile(join(store.dir, 'derived-word-test.json'), 'utf8')).entries).toHaveLength(1)
    await store.close()
  })

  it('keeps an article whose analysis throws out of the entries, says so, and goes on with the others', async () => {
    const { store } = await storeWith({ 'a.txt': 'Alpha\nThis should FAIL-ANALYSIS.', 'b.txt': 'Beta\nFine text.' })
    const runner = new DerivedIndexRunner(store, spec(), { workers: 0 })
    await runner.update()
    expect(wordsOf(runner, store)).toEqual({ Alpha: undefined, Beta: 3 })
    expect(runner.status().state).toBe('idle')
    await store.close()
  })

  it('analyses in a worker thread what it analyses here, and leaves no worker behind', async () => {
    const files = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`f${i}.txt`, `Title ${i}\n${'word '.repeat(i + 1)}`]))
    const { store } = await storeWith(files)
    const runner = new DerivedIndexRunner(store, spec(), { workers: 1 })
    await runner.update()
    expect(runningDerivedWorkers()).toBe(0)
    const entries = store.listArticles().map((a) => runner.entry(a.id))
    expect(entries.every((e) => e?.thread === 'worker')).toBe(true)
    expect(entries.map((e) => e?.words).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: 70 }, (_, i) => i + 3))
    await store.close()
  })

  it('sends even two articles of a heavy analysis to a worker, so the service thread is never held by it; a light one runs here', async () => {
    const { store } = await storeWith({ 'a.txt': 'Alpha\none two three', 'b.txt': 'Beta\nfour five' })
    const heavy = new DerivedIndexRunner(store, spec({ name: 'heavy', everyCore: true }))
    const light = new DerivedIndexRunner(store, spec({ name: 'light' }))
    await Promise.all([heavy.update(), light.update()])
    expect(store.listArticles().map((a) => heavy.entry(a.id)?.thread)).toEqual(['worker', 'worker'])
    expect(store.listArticles().map((a) => light.entry(a.id)?.thread)).toEqual(['main', 'main'])
    expect(runningDerivedWorkers()).toBe(0)
    await store.close()
  })

  it('starts workers for a light analysis only for a large run, and for a heavy one as many as its batches need, up to one per core', () => {
    const script = () => ({ file: 'worker.js', execArgv: [] })
    expect(workersFor(2, { workerScript: script }, 8)).toBe(0)
    expect(workersFor(500, { workerScript: script }, 8)).toBe(7)
    expect(workersFor(500, { workerScript: script }, 1)).toBe(1)
    expect(workersFor(2, { workerScript: script, everyCore: true }, 8)).toBe(1)
    expect(workersFor(100, { workerScript: script, everyCore: true }, 8)).toBe(4)
    expect(workersFor(5000, { workerScript: script, everyCore: true }, 2)).toBe(2)
    expect(workersFor(2, { everyCore: true }, 8)).toBe(0)
    expect(workersFor(0, { workerScript: script, everyCore: true }, 8)).toBe(0)
  })

  it('analyses on this thread the batches of a worker that dies, and those of a worker that cannot start', async () => {
    const { store } = await storeWith({ 'a.txt': 'crash\nThe worker dies here.', 'b.txt': 'Beta\nFine text.' })
    const runner = new DerivedIndexRunner(store, spec(), { workers: 1 })
    await runner.update()
    expect(store.listArticles().map((a) => runner.entry(a.id)?.thread)).toEqual(['main', 'main'])
    const broken = new DerivedIndexRunner(store, spec({ name: 'broken', workerScript: () => ({ file: '/nonexistent/worker.js', execArgv: [] }) }), { workers: 1 })
    await broken.update()
    expect(Object.values(wordsOf(broken, store))).toEqual([5, 3])
    expect(runningDerivedWorkers()).toBe(0)
    await store.close()
  })

  it('runs once more for what an import added during a run, and stops when closed', async () => {
    const { store, corpus } = await storeWith({ 'a.txt': 'Alpha\nOne.' })
    const runner = new DerivedIndexRunner(store, spec(), { workers: 0 })
    const first = runner.update()
    await writeFile(join(corpus, 'b.txt'), 'Beta\nTwo words.')
    await importFolder(store, corpus)
    await runner.update()
    await first
    expect(wordsOf(runner, store)).toEqual({ Alpha: 2, Beta: 3 })
    await runner.close()
    await writeFile(join(corpus, 'c.txt'), 'Gamma\nThree.')
    await importFolder(store, corpus)
    await runner.update()
    expect(runner.entry(store.listArticles()[2]!.id)).toBeUndefined()
    await store.close()
  })

  it('stops when its store closes: the batches analysed are saved, nothing reads the closed store, and a reopened store resumes', async () => {
    const files = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`f${i}.txt`, `Title ${i}\n${'word '.repeat(i + 1)}`]))
    const { store, dir } = await storeWith(files)
    const errors = vi.spyOn(console, 'error')
    let closing: Promise<void> | null = null
    // The store is closed while the first article is analysed: the run stops after the batch it is in.
    const runner = new DerivedIndexRunner(store, spec({ analyse: (a) => ((closing ??= store.close()), countWordsForTest(a)) }), { workers: 0 })
    const run = runner.update()
    await run
    await closing
    expect(errors).not.toHaveBeenCalled()
    errors.mockRestore()
    expect(runner.status().state).toBe('idle')
    const saved = JSON.parse(await readFile(join(dir, 'derived-word-test.json'), 'utf8'))
    expect(saved.entries.length).toBeGreaterThan(0)
    expect(saved.entries.length).toBeLessThan(70)

    const reopened = await CorpusStore.open(dir)
    let analysed = 0
    const resumed = new DerivedIndexRunner(reopened, spec({ analyse: (a) => (analysed++, countWordsForTest(a)) }), { workers: 0 })
    await resumed.update()
    expect(analysed).toBe(70 - saved.entries.length)
    expect(resumed.isCurrent()).toBe(true)
    await reopened.close()
  })

  it('lets go of its entries once its store has closed (saved first), loads nothing from the closed store, and a reopened store has them all', async () => {
    const { store, dir } = await storeWith({ 'a.txt': 'Alpha one two\nThree four five.', 'b.txt': 'Beta one\nTwo words.' })
    const runner = new DerivedIndexRunner(store, spec(), { workers: 0 })
    await runner.update()
    expect(runner.entries().size).toBe(2)
    const generation = runner.generation
    // A second runner of the same store that has not loaded yet: after the close it loads nothing.
    const unloaded = new DerivedIndexRunner(store, spec(), { workers: 0 })
    await store.close()
    expect(runner.entries().size).toBe(0)
    expect(runner.generation).toBeGreaterThan(generation)
    await unloaded.load()
    expect(unloaded.entries().size).toBe(0)

    const reopened = await CorpusStore.open(dir)
    let analysed = 0
    const again = new DerivedIndexRunner(reopened, spec({ analyse: (a) => (analysed++, countWordsForTest(a)) }), { workers: 0 })
    await again.update()
    expect(analysed).toBe(0)
    expect(wordsOf(again, reopened)).toEqual({ 'Alpha one two': 6, 'Beta one': 4 })
    await reopened.close()
  })

  it('computes without saving on a read-only store (the CLI beside a running app)', async () => {
    const { store, dir } = await storeWith({ 'a.txt': 'Alpha\nOne.' })
    await store.close()
    const readOnly = await CorpusStore.open(dir, { readOnly: true })
    const runner = new DerivedIndexRunner(readOnly, spec(), { workers: 0 })
    await runner.update()
    expect(wordsOf(runner, readOnly)).toEqual({ Alpha: 2 })
    await expect(readFile(join(dir, 'derived-word-test.json'))).rejects.toThrow()
    await readOnly.close()
  })

  it('keeps an entry in memory in its own form and saves it in its saved form (spec.saved); a saved entry it cannot read is analysed again', async () => {
    const { store, dir } = await storeWith({ 'a.txt': 'Alpha\nOne two.', 'b.txt': 'Beta\nThree four five.' })
    // In memory a class instance (as provenance holds typed arrays); saved as a plain tuple.
    class Words {
      constructor(readonly words: number) {}
    }
    let analysed = 0
    const compact: DerivedIndexSpec<Words> = {
      name: 'word-test',
      label: 'word counts',
      version: 1,
      analyse: (a) => (analysed++, new Words(countWordsForTest(a).words)),
      saved: {
        toSaved: (entry) => ['words', entry.words],
        fromSaved: (saved) => {
          if (!Array.isArray(saved) || saved[0] !== 'words' || typeof saved[1] !== 'number') throw new Error('not a saved word count')
          return new Words(saved[1])
        },
      },
    }
    await new DerivedIndexRunner(store, compact, { workers: 0 }).update()
    expect(analysed).toBe(2)
    const file = join(dir, 'derived-word-test.json')
    const saved = JSON.parse(await readFile(file, 'utf8'))
    expect(saved.entries.map((e: unknown[]) => e[2])).toEqual([
      ['words', 3],
      ['words', 4],
    ])

    const reopened = new DerivedIndexRunner(store, compact, { workers: 0 })
    await reopened.update()
    expect(analysed).toBe(2)
    for (const article of store.listArticles()) expect(reopened.entry(article.id)).toBeInstanceOf(Words)
    expect(wordsOf(reopened, store)).toEqual({ Alpha: 3, Beta: 4 })

    // One saved entry damaged: that article alone is analysed again, and the sidecar holds it saved again.
    saved.entries[0][2] = ['words', 'three']
    await writeFile(file, JSON.stringify(saved))
    const repaired = new DerivedIndexRunner(store, compact, { workers: 0 })
    await repaired.update()
    expect(analysed).toBe(3)
    expect(wordsOf(repaired, store)).toEqual({ Alpha: 3, Beta: 4 })
    expect(JSON.parse(await readFile(file, 'utf8')).entries.map((e: unknown[]) => e[2])).toEqual([
      ['words', 4],
      ['words', 3],
    ])
    await store.close()
  })

  it('saves one JSON object with an entry per line, reads it back an entry at a time, reads a sidecar written whole as before, and rebuilds one cut short', async () => {
    const { store, dir } = await storeWith({ 'a.txt': 'Alpha\nOne two.', 'b.txt': 'Beta\nThree four five.' })
    await new DerivedIndexRunner(store, spec(), { workers: 0 }).update()
    const file = join(dir, 'derived-word-test.json')
    const text = await readFile(file, 'utf8')
    const saved = JSON.parse(text)
    expect(saved).toMatchObject({ format: 1, name: 'word-test', version: 1 })
    expect(text.split('\n')).toEqual([
      '{"format":1,"name":"word-test","version":1,"entries":[',
      `${JSON.stringify(saved.entries[0])},`,
      JSON.stringify(saved.entries[1]),
      ']}',
    ])
    let analysed = 0
    const counting = spec({ analyse: (a) => (analysed++, countWordsForTest(a)) })
    const lines = new DerivedIndexRunner(store, counting, { workers: 0 })
    await lines.update()
    expect(analysed).toBe(0)
    expect(wordsOf(lines, store)).toEqual({ Alpha: 3, Beta: 4 })

    // Written whole, as JSON.stringify does (versions before this one): read the same.
    await writeFile(file, JSON.stringify(saved))
    const whole = new DerivedIndexRunner(store, counting, { workers: 0 })
    await whole.update()
    expect(analysed).toBe(0)
    expect(wordsOf(whole, store)).toEqual({ Alpha: 3, Beta: 4 })

    // Cut short after its first entry: damaged, so rebuilt from the texts.
    await writeFile(file, text.split('\n').slice(0, 2).join('\n'))
    const cut = new DerivedIndexRunner(store, counting, { workers: 0 })
    await cut.update()
    expect(analysed).toBe(2)
    expect(wordsOf(cut, store)).toEqual({ Alpha: 3, Beta: 4 })
    await store.close()
  })
})
