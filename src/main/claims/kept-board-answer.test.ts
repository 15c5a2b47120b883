// The board answer kept beside the store for the next session: read when nothing it is built from
// changed, and only then. Through the service on the seeds, across sessions (store closed and
// opened again): the next session's first answer is the kept one, byte for byte the answer built
// afresh; after a claim, a piece of evidence, a linked highlight, a grade, an entity decision, a
// separator learnt or new articles analysed it is not used (a planted answer with the old digest
// would show); a damaged, truncated, foreign or unreadable file is ignored and the board built. And
// a property: the digest moves with any edit to any of its inputs, and only then.

import { createHash } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Article, Highlight } from '../../shared/model'
import { CorpusStore } from '../store/corpus-store'
import { createTriangulateService, type TriangulateService } from '../service/triangulate-service'
import { SAMPLE_CORPUS_DIR, SEEDS_DIR, tempDir } from '../test-support/temp-dir'
import { boardAnswerInputs, KEPT_BOARD_ANSWER_FILE, KEPT_BOARD_ANSWER_FORMAT, type BoardAnswerParts } from './kept-board-answer'
import { sentenceSpans } from '../test-support/sentence-spans'

/** Opens the store and a service over it as the app starts (derived indexes brought up), runs `work`, closes. */
async function session<T>(dir: string, work: (service: TriangulateService, store: CorpusStore) => Promise<T>): Promise<T> {
  const store = await CorpusStore.open(dir)
  try {
    const service = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
    await service.derivedIndexes.updateAll()
    return await work(service, store)
  } finally {
    await store.close()
  }
}

const board = async (service: TriangulateService) => JSON.stringify(await service.getClaimBoard({}))

/** The board built afresh over the same store: a second service, the kept file out of its way. */
async function freshBoard(dir: string, store: CorpusStore): Promise<string> {
  const kept = await readFile(join(dir, KEPT_BOARD_ANSWER_FILE)).catch(() => null)
  await rm(join(dir, KEPT_BOARD_ANSWER_FILE), { force: true })
  const fresh = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
  await fresh.derivedIndexes.updateAll()
  const answer = await board(fresh)
  if (kept) await writeFile(join(dir, KEPT_BOARD_ANSWER_FILE), kept)
  return answer
}

const MARKER = JSON.stringify({ claims: [], articles: [], sources: [], planted: true })

/** Replaces the kept answer with a marker under the same digest and a valid checksum: shown only if the file is used. */
async function plantMarker(dir: string): Promise<void> {
  const bytes = await readFile(join(dir, KEPT_BOARD_ANSWER_FILE))
  const header = JSON.parse(bytes.subarray(0, bytes.indexOf(0x0a)).toString('utf8')) as { inputs: string }
  const sha256 = createHash('sha256').update(MARKER).digest('hex')
  await writeFile(join(dir, KEPT_BOARD_ANSWER_FILE), `${JSON.stringify({ format: KEPT_BOARD_ANSWER_FORMAT, inputs: header.inputs, sha256 })}\n${MARKER}`)
}

/** An article written with a decimal comma: "1,5 Millionen" is one and a half million only when its separator is known. */
const GERMAN = {
  path: 'Hafenblatt/bericht.txt',
  text: 'date 2025-03-04\nHafen geschlossen\nDie Behörden sagten am Montag, dass 1,5 Millionen Menschen von der Schließung des Hafens betroffen sind und die Kosten mit 2,3 Milliarden Euro nicht gedeckt sind. Der Hafen ist seit der Woche geschlossen und die Lage ist mit den Gewerkschaften nicht geklärt, sagte der Sprecher der Stadt.\n',
  figures: 'Die Behörden sagten am Montag, dass 1,5 Millionen Menschen von der Schließung des Hafens betroffen sind',
}

/** The seeds and a German article imported, three claims with evidence from every article, the board shown once: the kept file written at close. */
async function seededStore(): Promise<{ dir: string; sourceKeys: string[] }> {
  const dir = await tempDir()
  const german = await tempDir()
  await mkdir(join(german, 'Hafenblatt'))
  await writeFile(join(german, GERMAN.path), GERMAN.text)
  const shown = await session(dir, async (service, store) => {
    await service.startImport({ path: SEEDS_DIR })
    await service.importJobs.idle()
    await service.startImport({ path: german })
    await service.importJobs.idle()
    await service.derivedIndexes.updateAll()
    const claims = await Promise.all(['Officials met in Baku', 'The toll passed 1,400', 'Fighting in Sweida'].map((text) => service.createClaim({ text })))
    let n = 0
    for (const article of store.listArticles()) {
      const { text } = await service.getArticle({ id: article.id })
      const figures = text.indexOf(GERMAN.figures)
      const spans = figures >= 0 ? [{ start: figures, end: figures + GERMAN.figures.length }] : sentenceSpans(text, 4, 2)
      for (const span of spans) {
        const highlight = await service.createHighlight({ articleId: article.id, ...span })
        await service.linkEvidence({ claimId: claims[n % 3]!.id, highlightId: highlight.id, stance: n % 4 === 3 ? 'contradicts' : 'supports' })
        n++
      }
    }
    return service.getClaimBoard({})
  })
  return { dir, sourceKeys: shown.sources.map((s) => s.key) }
}

describe('the board answer kept for the next session', () => {
  it('is the next session’s first answer, the answer built afresh, byte for byte', async () => {
    const { dir } = await seededStore()
    const first = await session(dir, async (service, store) => {
      const kept = await board(service)
      expect(kept).toBe(await freshBoard(dir, store))
      return kept
    })
    const parsed = JSON.parse(first) as Awaited<ReturnType<TriangulateService['getClaimBoard']>>
    expect(parsed.claims.length).toBe(3)
    expect(parsed.claims.some((c) => c.groups.some((g) => g.evidence.some((e) => e.figures)))).toBe(true)
    expect(parsed.claims.some((c) => c.dates)).toBe(true)
    // And it is read from the file: a marker planted under the same digest is what the next session shows.
    await plantMarker(dir)
    await session(dir, async (service) => expect(await board(service)).toBe(MARKER))
    // Nothing changed and nothing built: the file is not rewritten (the marker stays).
    await session(dir, async (service) => expect(await board(service)).toBe(MARKER))
  }, 120_000)

  it('is not used after any change to what the answer is built from', async () => {
    const { dir, sourceKeys } = await seededStore()
    const changes: [string, (service: TriangulateService, store: CorpusStore) => Promise<unknown>][] = [
      ['a claim edited', (s, store) => s.updateClaim({ id: store.claims[0]!.id, note: 'checked twice' })],
      ['a stance changed', (s, store) => s.updateEvidence({ linkId: store.links[2]!.id, stance: 'contradicts' })],
      ['a linked highlight deleted', (s, store) => s.deleteHighlight({ id: store.links[1]!.highlightId })],
      ['a source graded', (s) => s.gradeSource({ sourceKey: sourceKeys.at(-1)!, reliability: 'C' })],
      [
        'an entity renamed',
        async (s) => {
          const entity = (await s.listEntities({})).entities[0]!
          return s.editEntity({ edit: { kind: 'rename', id: entity.id, name: `${entity.name} (renamed)` } })
        },
      ],
      ['an outlet changed', (s, store) => s.updateArticles({ changes: [{ id: store.highlights[0]!.articleId, outlet: 'Harbour Wire' }] })],
      [
        'new articles imported and analysed',
        async (s) => {
          await s.startImport({ path: SAMPLE_CORPUS_DIR })
          await s.importJobs.idle()
          await s.derivedIndexes.updateAll()
        },
      ],
    ]
    // A session that has not read the German article first (see the separator's test): its answer is the one kept.
    await session(dir, (service) => board(service))
    for (const [change, apply] of changes) {
      await plantMarker(dir)
      // The marker is shown while nothing changed; the change is made after it, and the session closes
      // without a board built from the changed records: the file keeps the marker and the old digest.
      await session(dir, async (service, store) => {
        expect((await board(service)) === MARKER, `the kept answer is read before ${change}`).toBe(true)
        await apply(service, store)
      })
      await session(dir, async (service, store) => {
        const answer = await board(service)
        expect(answer === MARKER, `the kept answer is not read after ${change}`).toBe(false)
        expect(answer === (await freshBoard(dir, store)), `the answer after ${change} is the one built afresh`).toBe(true)
      })
    }
  }, 240_000)

  it('is not used once an article’s decimal separator is known before the first answer', async () => {
    const { dir } = await seededStore()
    // The session that linked the German evidence knew its separator; a session that has not read the
    // article reads its figures with the default, so the first answer after it is built, not read.
    const unknown = await session(dir, async (service, store) => {
      const answer = await board(service)
      expect(answer).toBe(await freshBoard(dir, store))
      return answer
    })
    await plantMarker(dir)
    await session(dir, async (service, store) => {
      // The stance picker reads the article's text, which says how it writes decimals: its quotes' figures read otherwise.
      const highlight = store.highlights.find((h) => h.exact === GERMAN.figures)!
      await service.suggestStance({ claimId: store.claims[0]!.id, articleId: highlight.articleId, start: highlight.start, end: highlight.end })
      const answer = await board(service)
      expect(answer).not.toBe(MARKER)
      expect(answer).not.toBe(unknown)
      expect(answer).toBe(await freshBoardWithSeparator(dir, store, highlight))
    })
  }, 120_000)

  it('is ignored when damaged, truncated, foreign or unreadable, and the board built', async () => {
    const { dir } = await seededStore()
    const path = join(dir, KEPT_BOARD_ANSWER_FILE)
    // A session that has not read the German article: its answer kept, under the digest the next sessions have.
    const expected = await session(dir, async (service) => board(service))
    const good = await readFile(path)
    await plantMarker(dir)
    await session(dir, async (service) => expect((await board(service)) === MARKER, 'a whole file with the same digest is read').toBe(true))
    await writeFile(path, good)
    const flipped = Buffer.from(good)
    // In the answer, after the header: "claims" becomes "cmaims", still JSON.
    const at = flipped.indexOf('"claims"', flipped.indexOf(0x0a)) + 2
    flipped[at] = flipped[at]! ^ 0x01
    const damaged: [string, () => Promise<void>][] = [
      ['a byte flipped in the answer', () => writeFile(path, flipped)],
      ['truncated', () => writeFile(path, good.subarray(0, good.length - 100))],
      ['the header only', () => writeFile(path, good.subarray(0, good.indexOf(0x0a)))],
      ['another format', () => writeFile(path, good.toString('utf8').replace(`"format":${KEPT_BOARD_ANSWER_FORMAT}`, '"format":999'))],
      ['not JSON', () => writeFile(path, 'not a kept answer\n{')],
      ['empty', () => writeFile(path, '')],
      [
        'a folder in its place',
        async () => {
          await rm(path, { force: true })
          await mkdir(path)
        },
      ],
    ]
    for (const [what, damage] of damaged) {
      await damage()
      await session(dir, async (service) => expect((await board(service)) === expected, `the board built when the file is ${what}`).toBe(true))
      await rm(path, { recursive: true, force: true })
      await writeFile(path, good)
    }
  }, 240_000)
})

/** The board built afresh by a service that learnt the same article's separator first. */
async function freshBoardWithSeparator(dir: string, store: CorpusStore, highlight: Highlight): Promise<string> {
  await rm(join(dir, KEPT_BOARD_ANSWER_FILE), { force: true })
  const fresh = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
  await fresh.derivedIndexes.updateAll()
  await fresh.suggestStance({ claimId: store.claims[0]!.id, articleId: highlight.articleId, start: highlight.start, end: highlight.end })
  return board(fresh)
}

describe('the digest of a board answer’s inputs', () => {
  const record = fc.record({ id: fc.string({ maxLength: 4 }), text: fc.string({ maxLength: 6 }), n: fc.integer({ min: 0, max: 3 }) })
  const inputs = fc.record({
    collections: fc.array(fc.array(record, { maxLength: 4 }), { minLength: 1, maxLength: 4 }),
    traceInputs: fc.string({ maxLength: 6 }),
    entityNamesInputs: fc.string({ maxLength: 6 }),
    highlights: fc.array(fc.record({ id: fc.string({ maxLength: 3 }), articleId: fc.constantFrom('a', 'b', 'c') }), { minLength: 1, maxLength: 5 }),
    dateKeys: fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.option(fc.string({ maxLength: 4 }), { nil: undefined })),
    dates: fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.option(fc.string({ maxLength: 4 }), { nil: null })),
    separators: fc.array(fc.option(fc.constantFrom('.', ','), { nil: undefined }), { minLength: 5, maxLength: 5 }),
    versions: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 2 }),
  })
  type Inputs = typeof inputs extends fc.Arbitrary<infer T> ? T : never

  const partsOf = (i: Inputs): BoardAnswerParts => ({
    collections: i.collections,
    traceInputs: i.traceInputs,
    entityNamesInputs: i.entityNamesInputs,
    highlights: i.highlights as unknown as Highlight[],
    articleById: (id) => ({ id, date: i.dates[id] ?? null }) as unknown as Article,
    dateEntryKey: (article) => i.dateKeys[article.id],
    separatorOf: (h) => i.separators[i.highlights.indexOf(h as unknown as Inputs['highlights'][number])],
    versions: i.versions,
  })

  /** One edit to one input, on a copy; null when the pick changes nothing (the same value drawn again). */
  const edit = (i: Inputs, kind: number, pick: number, value: string): Inputs | null => {
    const next = structuredClone(i)
    const h = next.highlights[pick % next.highlights.length]!
    switch (kind) {
      case 0: {
        const collection = next.collections[pick % next.collections.length]!
        const r = collection[pick % Math.max(1, collection.length)]
        if (!r) collection.push({ id: value, text: '', n: 0 })
        else if (r.text === value) return null
        else r.text = value
        break
      }
      case 1: {
        const collection = next.collections[pick % next.collections.length]!
        if (collection.length === 0) return null
        collection.splice(pick % collection.length, 1)
        break
      }
      case 2:
        if (next.traceInputs === value) return null
        next.traceInputs = value
        break
      case 3:
        if (next.entityNamesInputs === value) return null
        next.entityNamesInputs = value
        break
      case 4: {
        // A separator learnt or different for one highlight.
        const at = pick % next.highlights.length
        const to = next.separators[at] === ',' ? '.' : ','
        next.separators[at] = to
        break
      }
      case 5:
        if (next.dateKeys[h.articleId] === value) return null
        next.dateKeys[h.articleId] = value
        break
      case 6:
        if (next.dates[h.articleId] === value) return null
        next.dates[h.articleId] = value
        break
      case 7:
        next.versions[pick % 2] = (next.versions[pick % 2] ?? 0) + 1
        break
      default: {
        // A highlight's id changed (another record in its place).
        if (h.id === value) return null
        h.id = value
      }
    }
    return next
  }

  it('is the same for the same inputs, and moves with any edit to any of them', () => {
    fc.assert(
      fc.property(inputs, fc.integer({ min: 0, max: 8 }), fc.nat(), fc.string({ minLength: 1, maxLength: 4 }), (i, kind, pick, value) => {
        const before = boardAnswerInputs(partsOf(i))
        expect(boardAnswerInputs(partsOf(structuredClone(i)))).toBe(before)
        const after = edit(i, kind, pick, value)
        fc.pre(after !== null)
        expect(boardAnswerInputs(partsOf(after!))).not.toBe(before)
      }),
      { numRuns: 500 },
    )
  })
})
