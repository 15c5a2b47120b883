// The work the service keeps between board answers — passage reuse, each quote's figures, each
// highlight's entity names and each evidence's traced origins saved beside the store, the traces
// kept with the provenance context, each expression's resolved date kept with its index entry —
// must never show in an answer: after every kind of change, the board, the claim cards (claims
// --json) and the evidence CSV of the service that kept its work are compared whole with those of a
// service started afresh over the same store, whose saved work is worked out from nothing (its files
// removed first), and with those of a third that reads what the fresh one saved.

import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CorpusStore } from '../store/corpus-store'
import { createTriangulateService, type TriangulateService } from '../service/triangulate-service'
import { SAVED_REUSE_FILE } from '../provenance/saved-passage-reuse'
import { KEPT_FIGURES_FILE } from '../figures/kept-evidence-figures'
import { KEPT_ENTITY_NAMES_FILE } from '../entities/kept-entity-names'
import { KEPT_TRACES_FILE } from '../provenance/kept-traces'
import { SAMPLE_CORPUS_DIR, SEEDS_DIR, tempDir } from '../test-support/temp-dir'
import { sentenceSpans } from '../test-support/sentence-spans'

const COPIED_SENTENCE = 'The harbour authority said on Monday that forty-two cranes had been idle since the strike began three weeks ago.'
const COPIED: Record<string, string> = {
  'Northern Post/original.txt': `date 2025-03-02\nCranes idle\n${COPIED_SENTENCE} Dockers gathered at the north gate before dawn on 3 March.\n`,
  'Metro Daily/credited.txt': `date 2025-03-03\nPort news\nOfficials spoke to the press on Monday, according to the Northern Post. ${COPIED_SENTENCE} Traffic was light.\n`,
  'Harbour Times/uncredited.txt': `Harbour latest\n${COPIED_SENTENCE} Ferry services ran to the islands as usual, carrying 1,200 passengers.\n`,
}

/** What the analyst sees and exports, as JSON and bytes. */
async function answers(service: TriangulateService, csvPath: string) {
  const board = JSON.stringify(await service.getClaimBoard({}))
  const cards = JSON.stringify(service.claimCards())
  await service.writeClaimsCsvFile(csvPath, {})
  return { board, cards, csv: await readFile(csvPath, 'utf8') }
}

describe('the board answer with kept work is the answer worked out afresh', () => {
  it('after links, deletions, edits, an outlet and a date changed, undo, and a provenance update with new articles', async () => {
    const dir = await tempDir()
    const scratch = await tempDir()
    const store = await CorpusStore.open(dir)
    const service = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
    await service.startImport({ path: SEEDS_DIR })
    await service.importJobs.idle()
    // And a sentence copied across three outlets, one crediting another: passage reuse with a root.
    const copiedDir = await tempDir()
    for (const [path, text] of Object.entries(COPIED)) {
      await mkdir(join(copiedDir, path, '..'), { recursive: true })
      await writeFile(join(copiedDir, path), text)
    }
    await service.startImport({ path: copiedDir })
    await service.importJobs.idle()
    await service.derivedIndexes.updateAll()
    expect(store.listArticles().some((a) => service.provenance.copiesOf(a.id).length > 0)).toBe(true)

    const claims = await Promise.all(['Officials met in Baku', 'The toll passed 1,400', 'Fighting in Sweida'].map((text) => service.createClaim({ text })))
    const linkSpans = async (articleIds: readonly string[]) => {
      let n = 0
      for (const id of articleIds) {
        const { text } = await service.getArticle({ id })
        const copied = text.indexOf(COPIED_SENTENCE)
        const spans = [...sentenceSpans(text, 6, 3), ...(copied >= 0 ? [{ start: copied, end: copied + COPIED_SENTENCE.length }] : [])]
        for (const span of spans) {
          const highlight = await service.createHighlight({ articleId: id, ...span })
          const claim = claims[n % claims.length]!
          await service.linkEvidence({ claimId: claim.id, highlightId: highlight.id, stance: n % 4 === 3 ? 'contradicts' : 'supports' })
          n++
        }
      }
    }
    await linkSpans(store.listArticles().map((a) => a.id))

    let checks = 0
    const expectSameAsFresh = async (after: string) => {
      const kept = await answers(service, join(scratch, `kept-${checks}.csv`))
      // A fresh service over the same store: nothing kept in memory, passage reuse worked out anew,
      // every quote's figures parsed anew, every article's entities clustered anew, every evidence traced anew.
      await service.evidenceFigures.whenSaved()
      await service.entityNames.whenSaved()
      await service.originTraces.whenSaved()
      await rm(join(dir, SAVED_REUSE_FILE), { force: true })
      await rm(join(dir, KEPT_FIGURES_FILE), { force: true })
      await rm(join(dir, KEPT_ENTITY_NAMES_FILE), { force: true })
      await rm(join(dir, KEPT_TRACES_FILE), { force: true })
      const fresh = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
      await fresh.derivedIndexes.updateAll()
      const anew = await answers(fresh, join(scratch, `fresh-${checks}.csv`))
      await fresh.evidenceFigures.whenSaved()
      await fresh.entityNames.whenSaved()
      await fresh.originTraces.whenSaved()
      // And one that reads the reuse, the figures, the entity names and the traces the fresh one saved.
      const reading = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
      await reading.derivedIndexes.updateAll()
      const read = await answers(reading, join(scratch, `read-${checks}.csv`))
      checks++
      expect(kept.board, after).toBe(anew.board)
      expect(kept.cards, after).toBe(anew.cards)
      expect(kept.csv, after).toBe(anew.csv)
      expect(read, after).toEqual(anew)
      return JSON.parse(kept.board) as Awaited<ReturnType<TriangulateService['getClaimBoard']>>
    }

    const first = await expectSameAsFresh('the first answer')
    expect(first.claims.flatMap((c) => c.groups).length).toBeGreaterThan(3)
    expect(first.claims.some((c) => c.groups.some((g) => g.evidence.some((e) => e.figures)))).toBe(true)
    expect(first.claims.some((c) => c.dates)).toBe(true)
    expect(first.claims.some((c) => c.groups.some((g) => g.evidence.some((e) => e.chain?.includes('copied'))))).toBe(true)

    const [article] = store.listArticles()
    const { text } = await service.getArticle({ id: article!.id })
    const extra = await service.createHighlight({ articleId: article!.id, start: 0, end: Math.min(80, text.length) })
    const link = await service.linkEvidence({ claimId: claims[0]!.id, highlightId: extra.id, stance: 'supports' })
    await expectSameAsFresh('a link added')

    const doomed = store.links.find((l) => l.claimId === claims[1]!.id)!
    await service.deleteHighlight({ id: doomed.highlightId })
    await expectSameAsFresh('a highlight deleted')

    await service.updateClaim({ id: claims[2]!.id, text: 'Fighting in Sweida, edited' })
    await service.updateEvidence({ linkId: link.id, stance: 'contradicts' })
    const edited = await expectSameAsFresh('a claim and an evidence edited')

    // An outlet and a date: traced origins, passage reuse and resolved dates all read them.
    await service.updateArticles({ changes: [{ id: article!.id, outlet: 'Harbour Wire', date: '2025-07-01' }] })
    const moved = await expectSameAsFresh('an outlet and a date changed')
    expect(moved.sources.map((s) => s.label)).toContain('Harbour Wire')
    await service.undo({})
    const undone = await expectSameAsFresh('the change undone')
    expect(undone).toEqual(edited)

    // A source graded, and two pieces of evidence joined into one origin by the analyst: the tables
    // and one claim's groups change, the other cards are kept.
    await service.gradeSource({ sourceKey: edited.sources[0]!.key, reliability: 'B' })
    await expectSameAsFresh('a source graded')
    const joined = edited.claims.find((c) => c.groups.length > 1)!
    await service.overrideOrigins({
      claimId: joined.claim.id,
      action: 'join',
      linkIds: joined.groups.slice(0, 2).map((g) => g.evidence[0]!.linkId),
      reason: 'one wire story',
    })
    const overridden = await expectSameAsFresh('an origin override')
    expect(overridden.claims.find((c) => c.claim.id === joined.claim.id)!.groups.length).toBe(joined.groups.length - 1)

    // An entity renamed: the cards list its new name.
    const named = first.claims.flatMap((c) => c.entities ?? [])[0]!
    const entity = (await service.listEntities({})).entities.find((e) => e.name === named)!
    await service.editEntity({ edit: { kind: 'rename', id: entity.id, name: `${named} (renamed)` } })
    const renamed = await expectSameAsFresh('an entity renamed')
    expect(renamed.claims.some((c) => c.entities?.includes(`${named} (renamed)`))).toBe(true)

    // New articles: the provenance index (and the others) brought up to date, passage reuse with them.
    const before = store.listArticles().length
    await service.startImport({ path: SAMPLE_CORPUS_DIR })
    await service.importJobs.idle()
    await service.derivedIndexes.updateAll()
    expect(store.listArticles().length).toBeGreaterThan(before)
    await linkSpans(
      store
        .listArticles()
        .slice(before)
        .map((a) => a.id),
    )
    await expectSameAsFresh('articles imported and linked')
    await store.close()
  }, 120_000)
})
