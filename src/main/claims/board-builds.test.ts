// The board answer updated after an edit (board-builds.ts) is the answer a fresh service builds:
// through the service on the seeds in a real store on disk, after every kind of edit an analyst makes
// (claims, evidence, stances, accepted figures, event dates, links added, moved and removed,
// highlights deleted, claims merged and deleted, undo and redo) and a teammate's records arriving
// as sync writes them; and across sessions, from the answer the last session kept, after edits made
// by another session in between, undo and redo of the last session's edit, and the same edits again.
// That the update ran, and did not build whole, shows in the cards an edit left alone: the previous
// answer's own objects.

import { describe, expect, it } from 'vitest'
import type { BoardView } from '../../shared/claims/board-view'
import { CorpusStore } from '../store/corpus-store'
import { createTriangulateService, type TriangulateService } from '../service/triangulate-service'
import { SAMPLE_CORPUS_DIR, SEEDS_DIR, tempDir } from '../test-support/temp-dir'
import { sentenceSpans } from '../test-support/sentence-spans'

const TOLL = 'more than 1,400'

/** A service over an open store as the app starts one (its derived indexes brought up). */
async function serviceOver(store: CorpusStore): Promise<TriangulateService> {
  const service = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
  await service.derivedIndexes.updateAll()
  return service
}

/** The board a service that has seen nothing of this session builds over the same store. */
async function freshBoard(store: CorpusStore): Promise<string> {
  return JSON.stringify(await (await serviceOver(store)).getClaimBoard({}))
}

/** Which cards of `after` are the very objects of `before` (by claim id): the ones the update did not make again. */
function keptCards(before: BoardView, after: BoardView): string[] {
  const was = new Map(before.claims.map((card) => [card.claim.id, card]))
  return after.claims.filter((card) => was.get(card.claim.id) === card).map((card) => card.claim.text)
}

/** The seeds imported and analysed, four claims with evidence from every article (one quote stating the toll). */
async function seeded(store: CorpusStore, service: TriangulateService) {
  await service.startImport({ path: SEEDS_DIR })
  await service.importJobs.idle()
  await service.derivedIndexes.updateAll()
  const claims = []
  for (const text of ['Officials met in Baku', 'The toll passed 1,400', 'Fighting in Sweida', 'Ports reopened']) claims.push(await service.createClaim({ text }))
  let n = 0
  for (const article of store.listArticles()) {
    const { text } = await service.getArticle({ id: article.id })
    const toll = text.indexOf(TOLL)
    const spans = [...sentenceSpans(text, 4, 2), ...(toll >= 0 ? [{ start: toll, end: toll + TOLL.length + 7 }] : [])]
    for (const span of spans) {
      const highlight = await service.createHighlight({ articleId: article.id, ...span })
      const claim = toll >= 0 && span.start === toll ? claims[1]! : claims[n++ % 4]!
      await service.linkEvidence({ claimId: claim.id, highlightId: highlight.id, stance: n % 3 === 2 ? 'contradicts' : 'supports' })
    }
  }
  return claims
}

describe('the board answer updated after an edit', () => {
  it('is the answer a fresh service builds, after every kind of edit, and keeps the cards the edit did not touch', async () => {
    const dir = await tempDir()
    const store = await CorpusStore.open(dir)
    const service = await serviceOver(store)
    const [baku, toll, sweida, ports] = await seeded(store, service)
    let previous = await service.getClaimBoard({})
    expect(JSON.stringify(previous)).toBe(await freshBoard(store))
    expect(previous.claims.some((c) => c.groups.some((g) => g.evidence.some((e) => e.figures)))).toBe(true)
    expect(previous.claims.some((c) => c.dates)).toBe(true)
    expect(previous.claims.some((c) => c.entities)).toBe(true)

    /** After an edit: the answer is a fresh build's, and the cards named were not made again. */
    const expectFresh = async (after: string, untouched: readonly string[]) => {
      const answer = await service.getClaimBoard({})
      expect(JSON.stringify(answer), after).toBe(await freshBoard(store))
      expect(keptCards(previous, answer), after).toEqual(expect.arrayContaining([...untouched]))
      previous = answer
      return answer
    }
    const linkOf = (claimId: string, nth = 0) => store.links.filter((l) => l.claimId === claimId)[nth]!

    await service.updateClaim({ id: baku!.id, note: 'checked against the wires' })
    await expectFresh('a claim note edited', [toll!.text, sweida!.text, ports!.text])
    await service.updateClaim({ id: sweida!.id, text: 'Fighting in Sweida, edited', statusOverride: { status: 'contested', reason: 'two accounts' } })
    await expectFresh('a claim text and status edited', [baku!.text, toll!.text, ports!.text])
    await service.updateEvidence({ linkId: linkOf(ports!.id).id, stance: 'contradicts', credibility: 2, note: 'doubtful' })
    await expectFresh('a stance, credibility and note', [baku!.text, toll!.text])

    const tollLink = store.links.find((l) => l.claimId === toll!.id && store.highlights.find((h) => h.id === l.highlightId)?.exact.includes(TOLL))!
    await service.setClaimFigure({ claimId: toll!.id, figure: { linkId: tollLink.id, index: 0 }, reason: 'the observatory’s count' })
    const accepted = await expectFresh('a figure accepted', [baku!.text, ports!.text])
    expect(accepted.claims.find((c) => c.claim.id === toll!.id)!.claim.acceptedFigure).toBeTruthy()
    await service.setClaimEventDate({ claimId: baku!.id, eventDate: '2025-07-12' })
    await expectFresh('an event date set', [toll!.text, ports!.text])

    // New evidence: a new highlight linked (its dates and entity names read), from an article in the table.
    const [article] = store.listArticles()
    const { text } = await service.getArticle({ id: article!.id })
    const [span] = sentenceSpans(text, 1, 7)
    const added = await service.tagPassage({ articleId: article!.id, start: span!.start, end: span!.end, claim: { id: ports!.id }, stance: 'supports' })
    expect(added).toBeTruthy()
    await expectFresh('a passage tagged to a claim', [baku!.text, toll!.text])
    await service.moveEvidence({ linkId: linkOf(ports!.id, 1).id, claimId: baku!.id })
    await expectFresh('evidence moved to another claim', [toll!.text])
    await service.unlinkEvidence({ linkId: linkOf(sweida!.id).id })
    await expectFresh('evidence unlinked', [])
    await service.deleteHighlight({ id: linkOf(baku!.id).highlightId })
    await expectFresh('a linked highlight deleted', [])
    await service.undo({})
    await expectFresh('the deletion undone', [])
    await service.redo({})
    await expectFresh('and redone', [])
    await service.mergeClaims({ intoId: baku!.id, fromId: ports!.id })
    await expectFresh('two claims merged', [])
    await service.undo({})
    await expectFresh('the merge undone', [])
    await service.deleteClaim({ id: sweida!.id })
    await expectFresh('a claim deleted', [])

    // What cards read besides claims, links and highlights: a grade, an outlet (origins, groups), a date (dates).
    await service.gradeSource({ sourceKey: previous.sources[0]!.key, reliability: 'B' })
    await expectFresh('a source graded', [])
    await service.updateArticles({ changes: [{ id: article!.id, outlet: 'Harbour Wire', date: '2025-07-01' }] })
    const moved = await expectFresh('an outlet and a date changed', [])
    expect(moved.sources.map((s) => s.label)).toContain('Harbour Wire')
    await service.updateClaim({ id: baku!.id, note: 'after the outlet changed' })
    await expectFresh('a claim note edited after it', [toll!.text])

    // A teammate's records arriving, written into the store as sync writes them: a claim and a link replaced.
    await store.changeAnnotations((data) => {
      data.claims = data.claims.map((c) => (c.id === toll!.id ? { ...c, text: 'The toll passed 1,400 (teammate)', updatedAt: new Date().toISOString() } : c))
      data.links = data.links.map((l) => (l.id === tollLink.id ? { ...l, stance: 'context' as const } : l))
    })
    await expectFresh('a teammate’s claim and link arriving', [])
    await store.close()
  }, 120_000)

  it('starts from the answer the last session kept, and never shows it once another session, undo or redo changed what it was built from', async () => {
    const dir = await tempDir()
    /** One session of the app: the store opened, the service started, `work` done, the store closed (the kept answer written). */
    const session = async <T>(work: (service: TriangulateService, store: CorpusStore) => Promise<T>): Promise<T> => {
      const store = await CorpusStore.open(dir)
      try {
        return await work(await serviceOver(store), store)
      } finally {
        await store.close()
      }
    }
    const claims = await session(async (service, store) => {
      const claims = await seeded(store, service)
      await service.getClaimBoard({})
      return claims
    })
    const [baku, toll, sweida] = claims

    // The next session starts from the kept answer; its edits update it.
    await session(async (service, store) => {
      const first = await service.getClaimBoard({})
      expect(JSON.stringify(first)).toBe(await freshBoard(store))
      await service.updateClaim({ id: baku!.id, note: 'first edit of the session' })
      const edited = await service.getClaimBoard({})
      expect(JSON.stringify(edited)).toBe(await freshBoard(store))
      // The kept answer's own cards, read from the file, were taken for the others.
      expect(keptCards(first, edited)).toEqual(expect.arrayContaining([toll!.text, sweida!.text]))
      await service.updateEvidence({ linkId: store.links.find((l) => l.claimId === toll!.id)!.id, stance: 'context' })
      expect(JSON.stringify(await service.getClaimBoard({}))).toBe(await freshBoard(store))
    })

    // Another session (another process) edits without showing the board: the kept answer is now stale.
    await session(async (service, store) => {
      await service.updateClaim({ id: sweida!.id, note: 'edited elsewhere' })
      await service.unlinkEvidence({ linkId: store.links.find((l) => l.claimId === baku!.id)!.id })
    })
    const afterOther = await session(async (service, store) => {
      const answer = JSON.stringify(await service.getClaimBoard({}))
      expect(answer).toBe(await freshBoard(store))
      expect(answer).toContain('edited elsewhere')
      return answer
    })

    // Undo and redo of the last session's edit, in a session that starts with them: never the kept answer.
    await session(async (service, store) => {
      await service.undo({})
      const undone = JSON.stringify(await service.getClaimBoard({}))
      expect(undone).toBe(await freshBoard(store))
      expect(undone).not.toBe(afterOther)
      await service.redo({})
      const redone = JSON.stringify(await service.getClaimBoard({}))
      expect(redone).toBe(await freshBoard(store))
      expect(redone).toBe(afterOther)
    })

    // A teammate's record arriving before the first board of a session: written as sync writes it.
    await session(async (_service, store) => {
      await store.changeAnnotations((data) => {
        data.claims = data.claims.map((c) => (c.id === toll!.id ? { ...c, note: 'synced note', updatedAt: new Date().toISOString() } : c))
      })
    })
    await session(async (service, store) => {
      const answer = JSON.stringify(await service.getClaimBoard({}))
      expect(answer).toBe(await freshBoard(store))
      expect(answer).toContain('synced note')
    })
  }, 120_000)
})
