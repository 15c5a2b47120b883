import { describe, expect, it } from 'vitest'
import { buildClaimBoard } from '../../shared/claims/claim-board'
import type { Article } from '../../shared/model'
import { createTriangulateService } from '../service/triangulate-service'
import { CorpusStore } from '../store/corpus-store'
import { SAMPLE_CORPUS_DIR, SEEDS_DIR, tempDir } from '../test-support/temp-dir'

async function seeded() {
  const store = await CorpusStore.open(await tempDir())
  const service = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
  await service.startImport({ path: SEEDS_DIR })
  await service.importJobs.idle()
  const articles = (await service.listArticles({})).articles
  /** Highlights `phrase` in the nth article (in library order) whose text contains it. */
  const highlight = async (nth: number, phrase: string) => {
    const containing = []
    for (const a of articles) {
      const { text } = await service.getArticle({ id: a.id })
      if (text.includes(phrase)) containing.push({ id: a.id, start: text.indexOf(phrase) })
    }
    const found = containing[nth]
    expect(found, phrase).toBeDefined()
    return service.createHighlight({ articleId: found!.id, start: found!.start, end: found!.start + phrase.length })
  }
  return { store, service, highlight }
}

describe('claim commands', () => {
  it('moves evidence between claims and back (undo), refusing a duplicate', async () => {
    const { service, highlight } = await seeded()
    const h = await highlight(0, 'Baku')
    const a = await service.createClaim({ text: 'A' })
    const b = await service.createClaim({ text: 'B' })
    const link = await service.linkEvidence({ claimId: a.id, highlightId: h.id, stance: 'supports' })
    const moved = await service.moveEvidence({ linkId: link.id, claimId: b.id })
    expect(moved.fromClaimId).toBe(a.id)
    let board = service.claimCards()
    expect(board.find((c) => c.claim.id === b.id)?.sourceCount).toBe(1)
    expect(board.find((c) => c.claim.id === a.id)?.sourceCount).toBe(0)
    await service.moveEvidence({ linkId: link.id, claimId: moved.fromClaimId })
    board = service.claimCards()
    expect(board.find((c) => c.claim.id === a.id)?.sourceCount).toBe(1)
    await service.linkEvidence({ claimId: b.id, highlightId: h.id, stance: 'context' })
    await expect(service.moveEvidence({ linkId: link.id, claimId: b.id })).rejects.toThrow(/already evidence/)
  })

  it('merges claims keeping each passage once, and undo restores deleted claims and highlights', async () => {
    const { service, highlight } = await seeded()
    const h1 = await highlight(0, 'Baku')
    const h2 = await highlight(1, 'Baku')
    const a = await service.createClaim({ text: 'Talks in Baku', tags: ['venue'] })
    const b = await service.createClaim({ text: 'Meeting held in Baku', tags: ['meeting'] })
    await service.linkEvidence({ claimId: a.id, highlightId: h1.id, stance: 'supports' })
    await service.linkEvidence({ claimId: b.id, highlightId: h1.id, stance: 'supports' })
    await service.linkEvidence({ claimId: b.id, highlightId: h2.id, stance: 'supports' })
    const merged = await service.mergeClaims({ intoId: a.id, fromId: b.id })
    expect(merged.tags).toEqual(['venue', 'meeting'])
    const [card] = service.claimCards()
    expect(card).toMatchObject({ status: 'corroborated', sourceCount: 2 })
    expect(card!.sources.flatMap((s) => s.evidence)).toHaveLength(2)

    const deleted = await service.deleteClaim({ id: a.id })
    expect(service.claimCards()).toEqual([])
    expect(deleted.links).toHaveLength(2)
    await service.undo({})
    expect(service.claimCards()[0]?.sourceCount).toBe(2)

    await service.deleteHighlight({ id: h2.id })
    expect(service.claimCards()[0]?.sourceCount).toBe(1)
    await service.undo({})
    expect(service.claimCards()[0]?.sourceCount).toBe(2)
  })

  it('shows an override as the status while keeping the derived one, and carries grades into the CSV', async () => {
    const { service, highlight } = await seeded()
    const h = await highlight(0, 'more than 1,400 deaths')
    const claim = await service.createClaim({ text: 'Over 1,400 died' })
    const link = await service.linkEvidence({ claimId: claim.id, highlightId: h.id, stance: 'supports' })
    await service.updateClaim({ id: claim.id, statusOverride: { status: 'contested', reason: 'Local officials dispute the SOHR count' } })
    await service.updateEvidence({ linkId: link.id, credibility: 2, note: 'SOHR figure' })
    // The grade is kept on the evidence's origin (SOHR, credited in MNTV's sentence), the source the card shows.
    const source = service.claimCards()[0]!.sources[0]!
    expect(source).toMatchObject({ sourceLabel: 'SOHR', sourceKey: expect.stringMatching(/^origin:/) })
    await service.gradeSource({ sourceKey: source.sourceKey, reliability: 'C' })
    const [card] = service.claimCards()
    expect(card).toMatchObject({ status: 'contested', derivedStatus: 'single-source' })
    expect(card!.sources[0]).toMatchObject({ reliability: 'C' })
    const { content } = await service.exportClaimsCsv({ bom: false })
    expect(content).toContain(',contested,')
    expect(content).toMatch(/,supports,2,SOHR,C,/)
  })
})

describe('independence', () => {
  it('counts a near-duplicate as its original source: "3 articles, 2 sources"', () => {
    const article = (id: string, outlet: string | null, nearDuplicateOf: string | null = null) =>
      ({ id, title: `Title ${id}`, outlet, nearDuplicateOf }) as Pick<Article, 'id' | 'title' | 'outlet' | 'nearDuplicateOf'>
    const articles = new Map([
      ['wire', article('wire', 'Harbour Wire')],
      ['copy', article('copy', 'Valley Herald', 'wire')],
      ['own', article('own', 'Vessen Courier')],
    ])
    const highlight = (id: string, articleId: string) => ({
      id,
      articleId,
      start: 0,
      end: 1,
      exact: 'x',
      prefix: '',
      suffix: '',
      orphaned: false,
      note: '',
      createdAt: '',
    })
    const link = (id: string, highlightId: string) => ({ id, claimId: 'c', highlightId, stance: 'supports' as const, credibility: null, note: '', createdAt: '' })
    const [card] = buildClaimBoard({
      claims: [{ id: 'c', text: 'x', tags: [], note: '', statusOverride: null, createdAt: '', updatedAt: '' }],
      highlights: [highlight('h1', 'wire'), highlight('h2', 'copy'), highlight('h3', 'own')],
      links: [link('l1', 'h1'), link('l2', 'h2'), link('l3', 'h3')],
      sourceGrades: [],
      articleById: (id) => articles.get(id),
    })
    expect(card).toMatchObject({ articleCount: 3, sourceCount: 2, status: 'corroborated' })
    expect(card!.sources.find((s) => s.sourceLabel === 'Harbour Wire')?.articleCount).toBe(2)
  })
})
