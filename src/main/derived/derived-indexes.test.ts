import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFolder } from '../import/import-folder'
import { workerScriptBeside } from '../import/preparation-pool'
import { CorpusStore } from '../store/corpus-store'
import { tempDir } from '../test-support/temp-dir'
import { DerivedIndexRunner, runningDerivedWorkers, type DerivedIndexSpec, type RunnerOptions } from './derived-index-runner'
import { DerivedIndexes } from './derived-indexes'
import { countWordsForTest } from './test-analysis'

type Entry = { words: number; thread: string }

/** Articles enough for several batches of 32 each: two runs at once would take turns batch by batch. */
const ARTICLES = 40

async function storeOf(count: number) {
  const dir = await tempDir()
  const corpus = join(dir, 'corpus')
  await mkdir(corpus)
  for (let i = 0; i < count; i++) await writeFile(join(corpus, `f${i}.txt`), `Title ${i}\n${'word '.repeat(i + 1)}`)
  const store = await CorpusStore.open(join(dir, 'store'))
  await importFolder(store, corpus)
  return { store, corpus }
}

/** A runner whose analysis notes, in `log`, which index analysed an article, in the order analysed. */
function loggingRunner(store: CorpusStore, name: string, log: string[], options: RunnerOptions = { workers: 0 }, overrides: Partial<DerivedIndexSpec<Entry>> = {}) {
  const spec: DerivedIndexSpec<Entry> = {
    name,
    label: name,
    version: 1,
    analyse: (article) => (log.push(name), countWordsForTest(article)),
    ...overrides,
  }
  return new DerivedIndexRunner(store, spec, options)
}

const complete = (runner: DerivedIndexRunner<Entry>, store: CorpusStore) => store.listArticles().every((a) => runner.entry(a.id) !== undefined) && runner.isCurrent()

describe('DerivedIndexes', () => {
  it('brings the indexes up one after another, in the order they were added, each of them complete', async () => {
    const { store } = await storeOf(ARTICLES)
    const log: string[] = []
    const indexes = new DerivedIndexes()
    const first = indexes.add(loggingRunner(store, 'first', log))
    const second = indexes.add(loggingRunner(store, 'second', log))
    await indexes.updateAll()
    // Run at once, the two would alternate batch by batch (each batch yields to the event loop).
    expect(log).toEqual([...Array(ARTICLES).fill('first'), ...Array(ARTICLES).fill('second')])
    expect(complete(first, store) && complete(second, store)).toBe(true)
    expect(indexes.statuses().map((s) => [s.name, s.state, s.done, s.total])).toEqual([
      ['first', 'idle', ARTICLES, ARTICLES],
      ['second', 'idle', ARTICLES, ARTICLES],
    ])
    await store.close()
  })

  it('waits, in whenIdle, for the indexes still waiting their turn', async () => {
    const { store } = await storeOf(ARTICLES)
    const indexes = new DerivedIndexes()
    const first = indexes.add(loggingRunner(store, 'first', []))
    const second = indexes.add(loggingRunner(store, 'second', []))
    void indexes.updateAll()
    expect(first.status().state).toBe('running')
    expect(second.status().state).toBe('idle')
    await indexes.whenIdle()
    expect(complete(first, store) && complete(second, store)).toBe(true)
    await store.close()
  })

  it('brings up what changed during a pass when asked meanwhile: every index analyses the articles imported since', async () => {
    const { store, corpus } = await storeOf(ARTICLES)
    const indexes = new DerivedIndexes()
    const first = indexes.add(loggingRunner(store, 'first', []))
    const second = indexes.add(loggingRunner(store, 'second', []))
    const pass = indexes.updateAll()
    await writeFile(join(corpus, 'late.txt'), 'Late arrival\nThree more words here.')
    await importFolder(store, corpus)
    const again = indexes.updateAll()
    await Promise.all([pass, again])
    const late = store.listArticles().find((a) => a.title === 'Late arrival')
    expect(late).toBeDefined()
    expect(first.entry(late!.id)?.words).toBe(6)
    expect(second.entry(late!.id)?.words).toBe(6)
    expect(complete(first, store) && complete(second, store)).toBe(true)
    await store.close()
  })

  it('goes on to the next index when one fails, and reports the failure in its status', async () => {
    const { store } = await storeOf(3)
    const indexes = new DerivedIndexes()
    const failing = indexes.add(
      loggingRunner(store, 'failing', [], {
        workers: 0,
        afterUpdate: async () => {
          throw new Error('joining the entries failed')
        },
      }),
    )
    const next = indexes.add(loggingRunner(store, 'next', []))
    await indexes.updateAll()
    expect(failing.status()).toMatchObject({ state: 'failed', error: 'joining the entries failed' })
    expect(complete(next, store)).toBe(true)
    await store.close()
  })

  it('runs each index in its worker threads in turn and leaves none behind; a worker that crashes costs time, not entries', async () => {
    const { store } = await storeOf(ARTICLES)
    await writeFile(join(store.dir, '..', 'corpus', 'crash.txt'), 'crash\nThe worker dies here.')
    await importFolder(store, join(store.dir, '..', 'corpus'))
    const log: string[] = []
    const workerScript = () => workerScriptBeside(__dirname, 'test-derived-worker')
    const indexes = new DerivedIndexes()
    const first = indexes.add(loggingRunner(store, 'first', log, { workers: 1 }, { workerScript }))
    const second = indexes.add(loggingRunner(store, 'second', log, { workers: 1 }, { workerScript }))
    await indexes.updateAll()
    expect(runningDerivedWorkers()).toBe(0)
    for (const runner of [first, second]) {
      expect(complete(runner, store)).toBe(true)
      const threads = store.listArticles().map((a) => runner.entry(a.id)?.thread)
      // The batch of the crashing text was analysed here; the others in the worker.
      expect(threads).toContain('worker')
      expect(runner.entry(store.listArticles().find((a) => a.title === 'crash')!.id)?.thread).toBe('main')
    }
    await store.close()
  })

  it('stops at close: the index waiting its turn is not started, and the pass resolves', async () => {
    const { store } = await storeOf(ARTICLES)
    const log: string[] = []
    const indexes = new DerivedIndexes()
    indexes.add(loggingRunner(store, 'first', log))
    indexes.add(loggingRunner(store, 'second', log))
    const pass = indexes.updateAll()
    await indexes.close()
    await pass
    expect(log).not.toContain('second')
    await indexes.updateAll()
    expect(log).not.toContain('second')
    await store.close()
  })
})
