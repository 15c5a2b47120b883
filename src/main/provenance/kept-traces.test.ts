// Each piece of evidence's traced origins kept beside the store: a next session over an unchanged
// store reads them instead of tracing the board's evidence, and gives the same board; whatever
// tracing reads changing (an article's title or outlet, its text and so its credits, new articles),
// or a damaged file, makes them traced again, and the board is then that of a session that never
// had the file. Through the real service and store on disk, over the seeds and three outlets sharing
// a sentence (one crediting another).

import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { Article } from '../../shared/model'
import type { BoardView } from '../../shared/claims/board-view'
import { CorpusStore } from '../store/corpus-store'
import { createTriangulateService } from '../service/triangulate-service'
import { SAMPLE_CORPUS_DIR, SEEDS_DIR, tempDir } from '../test-support/temp-dir'
import { KEPT_TRACES_FILE, traceInputs } from './kept-traces'
import { KEPT_BOARD_ANSWER_FILE } from '../claims/kept-board-answer'

const COPIED_SENTENCE = 'The harbour authority said on Monday that forty-two cranes had been idle since the strike began three weeks ago.'
const CREDITED = 'Metro Daily/credited.txt'
const COPIED: Record<string, string> = {
  'Northern Post/original.txt': `date 2025-03-02\nCranes idle\n${COPIED_SENTENCE} Dockers gathered at the north gate before dawn.\n`,
  [CREDITED]: `date 2025-03-03\nPort news\nOfficials spoke to the press on Monday, according to the Northern Post. ${COPIED_SENTENCE} Traffic was light.\n`,
  'Harbour Times/uncredited.txt': `Harbour latest\n${COPIED_SENTENCE} Ferry services ran to the islands as usual.\n`,
}

async function open(dir: string) {
  const store = await CorpusStore.open(dir)
  const service = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
  return { store, service }
}

/** The seeds and the copied sentence, every article's first sentences linked as evidence; the board asked once. */
async function analysedStore() {
  const dir = await tempDir()
  const copiedDir = await tempDir()
  for (const [path, text] of Object.entries(COPIED)) {
    await mkdir(join(copiedDir, path, '..'), { recursive: true })
    await writeFile(join(copiedDir, path), text)
  }
  const session = await open(dir)
  const { service } = session
  for (const path of [SEEDS_DIR, copiedDir]) {
    await service.startImport({ path })
    await service.importJobs.idle()
  }
  await service.derivedIndexes.updateAll()
  const claim = await service.createClaim({ text: 'What the outlets say' })
  for (const article of session.store.listArticles()) {
    const { text } = await service.getArticle({ id: article.id })
    const copied = text.indexOf(COPIED_SENTENCE)
    const spans = copied >= 0 ? [{ start: copied, end: copied + COPIED_SENTENCE.length }] : []
    // The first two lines of text after the title: ledes, where credits and datelines stand.
    const lines = text.split('\n')
    let at = lines[0]!.length + 1
    for (const line of lines.slice(1, 3)) {
      if (line.trim().length > 20) spans.push({ start: at, end: at + line.length })
      at += line.length + 1
    }
    for (const span of spans) {
      const highlight = await service.createHighlight({ articleId: article.id, ...span })
      await service.linkEvidence({ claimId: claim.id, highlightId: highlight.id, stance: 'supports' })
    }
  }
  const board = (await service.getClaimBoard({})) as BoardView
  await service.originTraces.whenSaved()
  return { dir, copiedDir, session, board }
}

/** A next session's board, and how often it asked an article's credits and copies while building it: tracing does, nothing else. */
async function nextSession(dir: string) {
  // The board answer the last session kept (kept-board-answer.ts) is out of the way: what is tested here is what a board built anew reads.
  await rm(join(dir, KEPT_BOARD_ANSWER_FILE), { force: true })
  const { store, service } = await open(dir)
  await service.derivedIndexes.updateAll()
  const context = service.provenance.context()
  const asked = vi.spyOn(context, 'provenance')
  const board = JSON.stringify(await service.getClaimBoard({}))
  expect(service.provenance.context()).toBe(context)
  const traced = asked.mock.calls.length
  await service.originTraces.whenSaved()
  await store.close()
  return { board, traced }
}

/** The board of a session that never had the file: what the kept traces must give. */
async function sessionWithoutTheFile(dir: string) {
  await rm(join(dir, KEPT_TRACES_FILE), { force: true })
  return nextSession(dir)
}

describe('each evidence’s traced origins kept beside the store', () => {
  it('are read by a next session over the same store instead of traced again', async () => {
    const { dir, session, board } = await analysedStore()
    // The evidence reaches credits, copied passages and bare outlets.
    const chains = board.claims.flatMap((c) => c.groups.flatMap((g) => g.evidence.map((e) => e.chain ?? '')))
    expect(chains.some((c) => c.includes('copied'))).toBe(true)
    expect(chains.some((c) => c.includes('AFP'))).toBe(true)
    await session.store.close()

    const next = await nextSession(dir)
    expect(next.traced).toBe(0)
    const anew = await sessionWithoutTheFile(dir)
    expect(anew.traced).toBeGreaterThan(10)
    expect(next.board).toBe(anew.board)
    // And the one it saved is read in turn.
    expect(await nextSession(dir)).toEqual({ board: anew.board, traced: 0 })
  })

  it('are traced again after a title or an outlet changed since they were saved', async () => {
    const { dir, session } = await analysedStore()
    // An article with no outlet is named by its title.
    const untitled = session.store.listArticles().find((a) => a.outlet === null)!
    await session.service.updateArticles({ changes: [{ id: untitled.id, title: 'A title of our own' }] })
    await session.store.close()
    const afterTitle = await nextSession(dir)
    expect(afterTitle.traced).toBeGreaterThan(0)
    expect((JSON.parse(afterTitle.board) as BoardView).sources.map((s) => s.label)).toContain('A title of our own')
    expect(afterTitle.board).toBe((await sessionWithoutTheFile(dir)).board)

    const reopened = await open(dir)
    const harbour = reopened.store.listArticles().find((a) => a.outlet === 'Harbour Times')!
    await reopened.service.updateArticles({ changes: [{ id: harbour.id, outlet: 'Harbour Wire' }] })
    await reopened.store.close()
    const afterOutlet = await nextSession(dir)
    expect(afterOutlet.traced).toBeGreaterThan(0)
    expect(afterOutlet.board).toContain('Harbour Wire')
    expect(afterOutlet.board).toBe((await sessionWithoutTheFile(dir)).board)
  })

  it('are traced again after an article’s text (and so its credits) changed, or new articles came', async () => {
    const { dir, copiedDir, session } = await analysedStore()
    // The credit to the Northern Post is gone from the revised text.
    await writeFile(join(copiedDir, CREDITED), COPIED[CREDITED]!.replace(', according to the Northern Post', ''))
    await session.service.startImport({ path: copiedDir })
    await session.service.importJobs.idle()
    await session.store.close()
    const afterText = await nextSession(dir)
    expect(afterText.traced).toBeGreaterThan(0)
    expect(afterText.board).toBe((await sessionWithoutTheFile(dir)).board)

    const reopened = await open(dir)
    await reopened.service.startImport({ path: SAMPLE_CORPUS_DIR })
    await reopened.service.importJobs.idle()
    await reopened.store.close()
    const afterImport = await nextSession(dir)
    expect(afterImport.traced).toBeGreaterThan(0)
    expect(afterImport.board).toBe((await sessionWithoutTheFile(dir)).board)
  })

  it('are traced again, and saved whole, when the file is damaged or of another format', async () => {
    const { dir, session } = await analysedStore()
    await session.store.close()
    const good = await readFile(join(dir, KEPT_TRACES_FILE), 'utf8')
    const saved = JSON.parse(good) as { format: number; origins: unknown[][]; chains: string[]; traces: unknown[][] }
    const damaged = [
      good.slice(0, good.length / 2),
      JSON.stringify({ ...saved, format: saved.format + 1 }),
      JSON.stringify({ ...saved, traces: saved.traces.map((t) => [...t.slice(0, 4), saved.origins.length]) }),
      JSON.stringify({ ...saved, traces: saved.traces.map((t) => [t[0], t[1], t[2], saved.chains.length, ...t.slice(4)]) }),
      JSON.stringify({ ...saved, origins: saved.origins.map((o) => [o[0], o[1], 'rumour']) }),
    ]
    const expected = (await nextSession(dir)).board
    for (const text of damaged) {
      await writeFile(join(dir, KEPT_TRACES_FILE), text)
      const next = await nextSession(dir)
      expect(next.traced).toBeGreaterThan(0)
      expect(next.board).toBe(expected)
      expect(JSON.parse(await readFile(join(dir, KEPT_TRACES_FILE), 'utf8'))).toEqual(saved)
    }
  })

  it('are keyed by a digest that moves with reuse’s inputs and every title', () => {
    const article = (id: string, title: string) => ({ id, title }) as Article
    const articles = [article('a', 'One'), article('b', 'Two')]
    const base = traceInputs('reuse', articles)
    expect(traceInputs('reuse', articles)).toBe(base)
    expect(traceInputs('reuse, other', articles)).not.toBe(base)
    expect(traceInputs('reuse', [article('a', 'One'), article('b', 'Two!')])).not.toBe(base)
    expect(traceInputs('reuse', [...articles].reverse())).not.toBe(base)
    expect(traceInputs('reuse', [...articles, article('c', 'Three')])).not.toBe(base)
    // A title cannot pass for the next article.
    expect(traceInputs('reuse', [article('a', 'One\u0001b\u0000"Two"')])).not.toBe(base)
  })
})
