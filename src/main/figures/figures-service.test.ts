// Figures through the real service and store, on the seeds: read when evidence is linked, compared on
// the claim, accepted with a reason (kept across a reopen), suggested as a stance, and written to the
// CSVs (read back with Python's csv module) and the brief.

import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CorpusStore } from '../store/corpus-store'
import { createTriangulateService } from '../service/triangulate-service'
import { serviceWithImports } from '../test-support/seeded-service'
import { readCsvWithPython } from '../test-support/python-readers'
import { SAMPLE_CORPUS_DIR, tempDir } from '../test-support/temp-dir'

const TOLL_001 = 'more than 1,400 deaths'
const TOLL_003 = 'killed over 1400 people'
const CASUALTIES_002 = 'The fighting reportedly resulted in hundreds of casualties.'

async function tollClaim() {
  const seeded = await serviceWithImports()
  const { service, highlight } = seeded
  const claim = await service.createClaim({ text: 'The Sweida clashes killed more than 1,400 people' })
  const h1 = await highlight(TOLL_001)
  const h3 = await highlight(TOLL_003)
  const l1 = await service.linkEvidence({ claimId: claim.id, highlightId: h1.id, stance: 'supports' })
  const l3 = await service.linkEvidence({ claimId: claim.id, highlightId: h3.id, stance: 'supports' })
  return { ...seeded, claim, h1, h3, l1, l3 }
}

describe('figures on a claim, through the service', () => {
  it('merges 001 and 003 into one figure, and flags 002 against it', async () => {
    const { service, highlight, claim, l1, l3, h1 } = await tollClaim()
    let [card] = service.claimCards()
    expect(card!.figures).toEqual([
      expect.objectContaining({ text: TOLL_001, low: 1401, high: null, kind: 'count', counted: 'deaths', currency: null, linkId: l1.id }),
      expect.objectContaining({ text: 'over 1400 people', low: 1401, high: null, kind: 'count', counted: 'deaths', linkId: l3.id }),
    ])
    expect(card!.figureConflict).toBe(false)

    const h2 = await highlight(CASUALTIES_002)
    const suggestion = await service.suggestStance({ claimId: claim.id, articleId: h2.articleId, start: h2.start, end: h2.end })
    expect(suggestion).toMatchObject({ stance: 'contradicts' })
    expect(suggestion!.reason).toMatch(/hundreds of casualties cannot be true if over 1,400 were killed: casualties include the dead/)
    // A passage that agrees suggests nothing.
    expect(await service.suggestStance({ claimId: claim.id, articleId: h1.articleId, start: h1.start, end: h1.end })).toBeNull()

    await service.linkEvidence({ claimId: claim.id, highlightId: h2.id, stance: 'contradicts' })
    ;[card] = service.claimCards()
    expect(card!.figureConflict).toBe(true)
    expect(card!.figures!.map((f) => f.counted)).toEqual(['deaths', 'deaths', 'casualties'])

    // The board carries each evidence's figures, for the card to compare.
    const board = await service.getClaimBoard({})
    const evidence = board.claims[0]!.groups.flatMap((g) => g.evidence)
    expect(evidence.map((e) => (e.figures ?? []).map((f) => f.counted))).toEqual([['deaths'], ['deaths'], ['casualties']])
  })

  it('accepts a figure with a reason, kept across a reopen, shown in the exports and the brief, and cleared', async () => {
    const { service, store, claim, l1, h1 } = await tollClaim()
    await expect(service.setClaimFigure({ claimId: claim.id, figure: { linkId: l1.id, index: 3 }, reason: 'x' })).rejects.toThrow(/no figure number 4/)
    const updated = await service.setClaimFigure({ claimId: claim.id, figure: { linkId: l1.id, index: 0 }, reason: 'Two outlets citing SOHR' })
    expect(updated.acceptedFigure).toMatchObject({ label: 'over 1,400 deaths', reason: 'Two outlets citing SOHR', linkId: l1.id, articleId: h1.articleId })
    expect(service.claimCards()[0]!.claimFigure).toMatchObject({ low: 1401, high: null, counted: 'deaths', kind: 'count' })

    const dir = store.dir
    await store.close()
    const reopened = await CorpusStore.open(dir)
    const again = createTriangulateService({ store: reopened, sampleCorpusDir: SAMPLE_CORPUS_DIR })
    expect(again.claimCards()[0]!.claim.acceptedFigure).toMatchObject({ label: 'over 1,400 deaths', reason: 'Two outlets citing SOHR' })

    const out = await tempDir()
    const evidenceCsv = join(out, 'evidence.csv')
    await writeFile(evidenceCsv, (await again.exportClaimsCsv({ bom: false })).content)
    const rows = await readCsvWithPython(evidenceCsv)
    const header = rows[0]!
    const col = (name: string) => header.indexOf(name)
    expect(rows.slice(1).map((r) => r[col('figures')])).toEqual(['1401.. deaths', '1401.. deaths'])
    expect(rows.slice(1).map((r) => r[col('claim_figure')])).toEqual(['1401.. deaths', '1401.. deaths'])

    const summaryCsv = join(out, 'summary.csv')
    await writeFile(summaryCsv, (await again.exportClaimsCsv({ bom: false, claimsOnly: true })).content)
    const summary = await readCsvWithPython(summaryCsv)
    expect(summary[1]![summary[0]!.indexOf('figure_conflict')]).toBe('false')
    expect(summary[1]![summary[0]!.indexOf('claim_figure')]).toBe('1401.. deaths')

    const brief = (await again.exportBrief({ format: 'markdown' })).content
    expect(brief).toMatch(/Figures — deaths: over 1,400 \((?:SOHR|MNTV)[^)]*\)/)
    expect(brief).toContain('Accepted figure: over 1,400 deaths — Two outlets citing SOHR')

    const cleared = await again.setClaimFigure({ claimId: claim.id, figure: null, reason: '' })
    expect(cleared.acceptedFigure).toBeNull()
    await reopened.close()
  })

  it('accepting a figure is a command: undone and redone through the history, labelled', async () => {
    const { service, store, claim, l3 } = await tollClaim()
    const before = structuredClone(store.claims)
    await service.setClaimFigure({ claimId: claim.id, figure: { linkId: l3.id, index: 0 }, reason: 'SOHR' })
    const after = structuredClone(store.claims)
    expect((await service.getHistory({})).undoLabel).toMatch(/^Accepted over 1,400 deaths for “The Sweida clashes/)
    await service.undo({})
    expect(store.claims).toEqual(before)
    await service.redo({})
    expect(store.claims).toEqual(after)
    expect(store.claims[0]!.acceptedFigure).toMatchObject({ label: 'over 1,400 deaths', reason: 'SOHR', linkId: l3.id })
  })

  it('the brief names both sides of a conflict', async () => {
    const { service, highlight, claim } = await tollClaim()
    const h2 = await highlight(CASUALTIES_002)
    await service.linkEvidence({ claimId: claim.id, highlightId: h2.id, stance: 'contradicts' })
    const html = (await service.exportBrief({ format: 'html' })).content
    expect(html).toMatch(/Figures conflict: over 1,400 deaths \((?:SOHR|MNTV)[^)]*\) against hundreds of casualties \([^)]+\): hundreds of casualties cannot be true/)
  })
})
