// The damage matrix: each of the store's files × each kind of outside damage (one flipped bit,
// sixteen flipped bits, cut in half, zeroed, deleted). For every case: `check` reports it before
// anything is touched; opening the store tells the analyst (a notice); nothing acknowledged is lost
// where a pack or a backup still holds it; a text that nothing holds any more is reported, never
// shown, and importing its file again restores it.

import { cp, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importFolder } from '../import/import-folder'
import { CorpusSearch } from '../search/corpus-search'
import { SEEDS_DIR, tempDir } from '../test-support/temp-dir'
import { inspectPacks } from './body-packs'
import { CorpusStore } from './corpus-store'
import { checkStore } from './store-check'

const FILES = ['library.json', 'annotations.json', 'bodies/packs/index', 'bodies/packs/000001.pack'] as const
const DAMAGES = ['one flipped bit', '16 flipped bits', 'cut in half', 'zeroed', 'deleted'] as const

interface Acknowledged {
  articles: { id: string; title: string; text: string }[]
  highlights: string[]
  claims: string[]
  links: string[]
}

let template = ''
let acknowledged: Acknowledged

beforeAll(async () => {
  // Not tempDir(): its folders are removed after each test, and this one serves them all.
  template = await mkdtemp(join(tmpdir(), 'triangulate-damage-template-'))
  let store = await CorpusStore.open(template)
  await importFolder(store, SEEDS_DIR, { preparation: { workers: 0 } })
  const at = new Date().toISOString()
  for (const [n, article] of store.listArticles().slice(0, 3).entries()) {
    await store.addHighlight({
      id: `h${n}`,
      articleId: article.id,
      start: 0,
      end: 5,
      exact: (await store.readBody(article)).slice(0, 5),
      prefix: '',
      suffix: '',
      orphaned: false,
      note: '',
      createdAt: at,
    })
    await store.addClaim({ id: `c${n}`, text: `claim ${n}`, tags: [], note: '', statusOverride: null, createdAt: at, updatedAt: at })
    await store.addLink({ id: `l${n}`, claimId: `c${n}`, highlightId: `h${n}`, stance: 'supports', credibility: null, note: '', createdAt: at })
  }
  await store.close()
  // Opening makes a backup of the state just saved: what a backup can give back is all of it.
  store = await CorpusStore.open(template)
  acknowledged = await snapshot(store)
  await store.close()
  expect(acknowledged.articles).toHaveLength(5)
  expect((await checkStore(template)).problems).toEqual([])
}, 120_000)

afterAll(() => rm(template, { recursive: true, force: true }))

async function snapshot(store: CorpusStore): Promise<Acknowledged> {
  const articles = []
  for (const article of store.listArticles()) articles.push({ id: article.id, title: article.title, text: await store.readBody(article) })
  return { articles, highlights: store.highlights.map((h) => h.id), claims: store.claims.map((c) => c.id), links: store.links.map((l) => l.id) }
}

/** A small deterministic generator: the same bits flip on every run. */
function positions(seed: number, count: number, below: number): number[] {
  let state = seed
  return Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state % below
  })
}

async function damage(path: string, kind: (typeof DAMAGES)[number], seed: number): Promise<void> {
  if (kind === 'deleted') return rm(path)
  const bytes = await readFile(path)
  if (kind === 'cut in half') return truncate(path, Math.floor(bytes.length / 2))
  if (kind === 'zeroed') return writeFile(path, Buffer.alloc(bytes.length))
  for (const bit of positions(seed, kind === 'one flipped bit' ? 1 : 16, bytes.length * 8)) bytes[bit >> 3] = (bytes[bit >> 3] as number) ^ (1 << (bit & 7))
  await writeFile(path, bytes)
}

describe('the damage matrix', () => {
  for (const [f, file] of FILES.entries()) {
    for (const [d, kind] of DAMAGES.entries()) {
      it(`${file}, ${kind}: check reports it, the analyst is told, nothing held by a pack or backup is lost`, async () => {
        const dir = await tempDir('triangulate-damage-')
        await cp(template, dir, { recursive: true })
        await damage(join(dir, file), kind, 1000 * f + d + 1)

        const report = await checkStore(dir)
        expect(report.ok, JSON.stringify(report.problems)).toBe(false)
        expect(report.problems.length).toBeGreaterThan(0)
        // What the packs still hold, whole, before anything is opened.
        const intact = (await inspectPacks(join(dir, 'bodies'))).intact

        const store = await CorpusStore.open(dir)
        try {
          expect(
            store
              .listArticles()
              .map((a) => a.id)
              .sort(),
          ).toEqual(acknowledged.articles.map((a) => a.id).sort())
          expect(store.highlights.map((h) => h.id)).toEqual(acknowledged.highlights)
          expect(store.claims.map((c) => c.id)).toEqual(acknowledged.claims)
          expect(store.links.map((l) => l.id)).toEqual(acknowledged.links)
          const lost: string[] = []
          for (const expected of acknowledged.articles) {
            const article = store.requireArticle(expected.id)
            const held = intact.has(article.contentHash)
            try {
              expect(await store.readBody(article)).toBe(expected.text)
              expect(held, `${expected.id} was read though no pack held it`).toBe(true)
            } catch (error) {
              expect(held, `${expected.id} is held by the pack yet could not be read: ${(error as Error).message}`).toBe(false)
              expect((error as Error).message).toMatch(/cannot be shown: .* import its file .* again to restore the text/)
              lost.push(expected.id)
            }
          }
          expect(store.notices.length, 'the analyst is told').toBeGreaterThan(0)
          // Search skips a lost text rather than failing.
          await new CorpusSearch(store).search('the', 10)
          if (lost.length > 0) {
            expect(file).toBe('bodies/packs/000001.pack')
            for (const id of lost) expect(store.getArticle(id)?.damaged).toMatch(/missing|changed/)
            // Importing the files again writes the lost texts back and clears the marks.
            const repaired = await importFolder(store, SEEDS_DIR, { preparation: { workers: 0 } })
            expect(repaired.updated).toBe(lost.length)
          }
          for (const expected of acknowledged.articles) {
            const article = store.requireArticle(expected.id)
            expect(article.damaged).toBeUndefined()
            expect(await store.readBody(article)).toBe(expected.text)
          }
        } finally {
          await store.close()
        }
        const after = await checkStore(dir)
        expect(after.problems).toEqual([])
      }, 60_000)
    }
  }
})
