// Each highlight's entity names kept beside the store: a next session over an unchanged store reads
// them instead of clustering every article's names, and gives the same cards; whatever they are read
// from changing (new articles, an article's text, an entity decision, a highlight's span), or a
// damaged file, makes them worked out again, and the cards are then those of a session that never
// had the file. Through the real service and store on disk, over the seeds.

import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { clusterEntities } from '../../shared/entities/cluster-entities'
import type { Article } from '../../shared/model'
import { CorpusStore } from '../store/corpus-store'
import { createTriangulateService, type TriangulateService } from '../service/triangulate-service'
import { SAMPLE_CORPUS_DIR, SEEDS_DIR, tempDir } from '../test-support/temp-dir'
import { entityNamesInputs, KEPT_ENTITY_NAMES_FILE } from './kept-entity-names'
import { KEPT_BOARD_ANSWER_FILE } from '../claims/kept-board-answer'

// Counts the clusterings of every article's names: a session whose entities have not changed must read them.
vi.mock('../../shared/entities/cluster-entities', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../shared/entities/cluster-entities')>()
  return { ...actual, clusterEntities: vi.fn(actual.clusterEntities) }
})
const clusterings = () => vi.mocked(clusterEntities).mock.calls.length

const STORY = 'story.txt'
const ORIGINAL = [
  'Talks in Damascus',
  'Diplomats from Turkey and Jordan met in Damascus on Monday to discuss the border crossings.',
  'The meeting in Damascus ended without a statement, officials in Amman said.',
  '',
].join('\n')
/** The first quote gone (orphaned where it stood, over words naming other countries); the second moved. */
const REVISED = [
  'Talks in Damascus',
  'Ministers from Egypt and Qatar travelled to Beirut on Monday for talks on the crossings.',
  'An update. The meeting in Damascus ended without a statement, officials in Amman said.',
  '',
].join('\n')
const FIRST_QUOTE = 'Diplomats from Turkey and Jordan met in Damascus'
const SECOND_QUOTE = 'The meeting in Damascus ended without a statement, officials in Amman said.'

/** A store holding the seeds and one story of our own, with claims on quotes of both; the board asked once. */
async function analysedStore() {
  const dir = await tempDir()
  const storyDir = await tempDir()
  await mkdir(storyDir, { recursive: true })
  await writeFile(join(storyDir, STORY), ORIGINAL)
  const session = await open(dir)
  for (const path of [SEEDS_DIR, storyDir]) {
    await session.service.startImport({ path })
    await session.service.importJobs.idle()
  }
  await session.service.derivedIndexes.updateAll()
  const { service } = session
  const claim = await service.createClaim({ text: 'Talks were held' })
  const other = await service.createClaim({ text: 'The fighting in the south' })
  const link = async (claimId: string, phrase: string) => {
    for (const a of (await service.listArticles({})).articles) {
      const { text } = await service.getArticle({ id: a.id })
      const start = text.indexOf(phrase)
      if (start < 0) continue
      const highlight = await service.createHighlight({ articleId: a.id, start, end: start + phrase.length })
      await service.linkEvidence({ claimId, highlightId: highlight.id, stance: 'supports' })
      return
    }
    throw new Error(`not in the store: ${phrase}`)
  }
  await link(claim.id, FIRST_QUOTE)
  await link(claim.id, SECOND_QUOTE)
  await link(other.id, 'deadly sectarian clashes in southern Syria’s Druze-majority Suweida province')
  const names = await entitiesOfCards(service)
  await service.entityNames.whenSaved()
  return { dir, storyDir, session, claim, names }
}

async function open(dir: string) {
  const store = await CorpusStore.open(dir)
  const service = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
  return { store, service }
}

/** Each card's entity names, by claim text. */
async function entitiesOfCards(service: TriangulateService): Promise<Record<string, string[]>> {
  const view = await service.getClaimBoard({})
  return Object.fromEntries(view.claims.map((c) => [c.claim.text, c.entities ?? []]))
}

/** A next session's cards: counting the clusterings it made, and its board whole. */
async function nextSession(dir: string) {
  // The board answer the last session kept (kept-board-answer.ts) is out of the way: what is tested here is what a board built anew reads.
  await rm(join(dir, KEPT_BOARD_ANSWER_FILE), { force: true })
  const { store, service } = await open(dir)
  await service.derivedIndexes.updateAll()
  const before = clusterings()
  const board = JSON.stringify(await service.getClaimBoard({}))
  const clustered = clusterings() - before
  await service.entityNames.whenSaved()
  await store.close()
  return { board, clustered }
}

/** The board of a session that never had the file: what the kept names must give. */
async function sessionWithoutTheFile(dir: string) {
  await rm(join(dir, KEPT_ENTITY_NAMES_FILE), { force: true })
  return nextSession(dir)
}

describe('each highlight’s entity names kept beside the store', () => {
  it('are read by a next session over the same store instead of clustering every article’s names', async () => {
    const { dir, session, names } = await analysedStore()
    expect(names['Talks were held']).toEqual(expect.arrayContaining(['Damascus', 'Turkey', 'Jordan', 'Amman']))
    expect(names['The fighting in the south']).toEqual(expect.arrayContaining(['Sweida', 'Syria']))
    await session.store.close()

    const next = await nextSession(dir)
    expect(next.clustered).toBe(0)
    const anew = await sessionWithoutTheFile(dir)
    expect(anew.clustered).toBe(1)
    expect(next.board).toBe(anew.board)
    // And the one it saved is read in turn.
    expect(await nextSession(dir)).toEqual({ board: anew.board, clustered: 0 })
  })

  it('are worked out again after an entity decision made since they were saved', async () => {
    const { dir, session } = await analysedStore()
    const damascus = (await session.service.listEntities({ filter: 'Damascus' })).entities.find((e) => e.name === 'Damascus')!
    await session.service.editEntity({ edit: { kind: 'rename', id: damascus.id, name: 'Dimashq' } })
    await session.store.close()

    const next = await nextSession(dir)
    expect(next.clustered).toBe(1)
    expect(JSON.parse(next.board).claims.find((c: { claim: { text: string } }) => c.claim.text === 'Talks were held').entities).toContain('Dimashq')
    expect(next.board).toBe((await sessionWithoutTheFile(dir)).board)
  })

  it('are worked out again after an article’s text changed, where a quote stays put over new words or moves', async () => {
    const { dir, storyDir, session } = await analysedStore()
    await writeFile(join(storyDir, STORY), REVISED)
    await session.service.startImport({ path: storyDir })
    await session.service.importJobs.idle()
    const story = session.store.listArticles().find((a) => a.title === 'Talks in Damascus')!
    const spans = session.store.highlights.filter((h) => h.articleId === story.id)
    expect(spans.map((h) => h.orphaned ?? false).sort()).toEqual([false, true])
    await session.store.close()

    const next = await nextSession(dir)
    expect(next.clustered).toBe(1)
    // The orphaned quote's place now names other countries.
    expect(JSON.parse(next.board).claims.find((c: { claim: { text: string } }) => c.claim.text === 'Talks were held').entities).toEqual(
      expect.arrayContaining(['Egypt', 'Qatar', 'Amman']),
    )
    expect(next.board).toBe((await sessionWithoutTheFile(dir)).board)
  })

  it('are worked out again after new articles are imported', async () => {
    const { dir, session } = await analysedStore()
    await session.service.startImport({ path: SAMPLE_CORPUS_DIR })
    await session.service.importJobs.idle()
    await session.store.close()

    const next = await nextSession(dir)
    expect(next.clustered).toBe(1)
    expect(next.board).toBe((await sessionWithoutTheFile(dir)).board)
  })

  it('are worked out again, and saved whole, when the file is damaged or of another format', async () => {
    const { dir, session } = await analysedStore()
    await session.store.close()
    const good = await readFile(join(dir, KEPT_ENTITY_NAMES_FILE), 'utf8')
    const saved = JSON.parse(good) as { format: number; names: string[]; spans: unknown[][] }
    const damaged = [
      good.slice(0, good.length / 2),
      JSON.stringify({ ...saved, format: saved.format + 1 }),
      JSON.stringify({ ...saved, spans: saved.spans.map((s) => [s[0], s[1], s[2], [saved.names.length]]) }),
      JSON.stringify({ ...saved, spans: [['x', -1, 2, []], ...saved.spans] }),
    ]
    const expected = (await nextSession(dir)).board
    for (const text of damaged) {
      await writeFile(join(dir, KEPT_ENTITY_NAMES_FILE), text)
      const next = await nextSession(dir)
      expect(next.clustered).toBe(1)
      expect(next.board).toBe(expected)
      expect(JSON.parse(await readFile(join(dir, KEPT_ENTITY_NAMES_FILE), 'utf8'))).toEqual(saved)
    }
  })

  it('are keyed by a digest that moves with every input clustering reads', () => {
    const article = (id: string, contentHash: string) => ({ id, contentHash }) as Article
    const articles = [article('a', 'h1'), article('b', 'h2')]
    const decision = { id: 'd1', kind: 'rename', variants: ['Damascus'], name: 'Dimashq', updatedAt: 't' } as never
    const all = () => true
    const base = entityNamesInputs(articles, all, [], 2)
    expect(entityNamesInputs(articles, all, [], 2)).toBe(base)
    expect(entityNamesInputs(articles, all, [], 3)).not.toBe(base)
    expect(entityNamesInputs([article('a', 'h1'), article('b', 'h3')], all, [], 2)).not.toBe(base)
    expect(entityNamesInputs([article('a', 'h1'), article('c', 'h2')], all, [], 2)).not.toBe(base)
    expect(entityNamesInputs([...articles].reverse(), all, [], 2)).not.toBe(base)
    expect(entityNamesInputs([...articles, article('c', 'h3')], all, [], 2)).not.toBe(base)
    expect(entityNamesInputs(articles, (a) => a.id === 'a', [], 2)).not.toBe(base)
    expect(entityNamesInputs(articles, all, [decision], 2)).not.toBe(base)
  })
})
