import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { CLAIM_CSV_COLUMNS } from '../export/claims-csv'
import { CorpusStore } from '../store/corpus-store'
import { SAMPLE_CORPUS_DIR, SEEDS_DIR, tempDir } from '../test-support/temp-dir'
import { dispatch } from './dispatch'
import { hasSparePreparationWorker } from '../import/preparation-pool'
import { createTriangulateService, LARGE_IMPORT_ARTICLES } from './triangulate-service'

async function seededService() {
  const store = await CorpusStore.open(await tempDir())
  const service = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
  const { jobId } = await service.startImport({ path: SEEDS_DIR })
  await service.importJobs.idle()
  expect(await service.getImportJob({ jobId })).toMatchObject({ state: 'done', report: { imported: 5 } })
  return { store, service }
}

async function highlightPhrase(service: Awaited<ReturnType<typeof seededService>>['service'], articleId: string, phrase: string) {
  const { text } = await service.getArticle({ id: articleId })
  const start = text.indexOf(phrase)
  expect(start).toBeGreaterThanOrEqual(0)
  return service.createHighlight({ articleId, start, end: start + phrase.length })
}

describe('the service over the seeds', () => {
  it('links highlights from two sources to a claim and counts two sources', async () => {
    const { service } = await seededService()
    const articles = (await service.listArticles({})).articles
    const [a, b] = articles.filter((x) => x.title.includes('Baku'))
    const h1 = await highlightPhrase(service, a!.id, 'Baku')
    const h2 = await highlightPhrase(service, b!.id, 'Baku')
    expect(h1.exact).toBe('Baku')
    const claim = await service.createClaim({ text: 'Officials met in Baku' })
    await service.linkEvidence({ claimId: claim.id, highlightId: h1.id, stance: 'supports' })
    await service.linkEvidence({ claimId: claim.id, highlightId: h2.id, stance: 'supports' })
    const board = await service.getClaimBoard({})
    expect(board.claims[0]).toMatchObject({ status: 'corroborated', sourceCount: 2, articleCount: 2 })
    // The board's article table names each article once, and each points at its own source.
    expect(board.articles.map((x) => x.id).sort()).toEqual([a!.id, b!.id].sort())
    expect(new Set(board.articles.map((x) => x.source)).size).toBe(2)
    // The highlight behind a piece of evidence comes on request, not with the board.
    const linkId = board.claims[0]!.groups[0]!.evidence[0]!.linkId
    expect(await service.getEvidence({ linkId })).toMatchObject({ link: { id: linkId, claimId: claim.id }, highlight: { id: h1.id, articleId: a!.id, exact: 'Baku' } })
    await expect(service.getEvidence({ linkId: 'l_gone' })).rejects.toThrow(/No evidence link/)
    await expect(service.linkEvidence({ claimId: claim.id, highlightId: h1.id, stance: 'supports' })).rejects.toThrow(/already evidence/)
  })

  it('exports CSV that a CSV parser reads back, formulas neutralised, with a BOM', async () => {
    const { service } = await seededService()
    const seed = (await service.listArticles({})).articles.find((a) => a.outlet === 'MNTV')!
    const h = await highlightPhrase(service, seed.id, 'more than 1,400 deaths')
    const claim = await service.createClaim({ text: '=HYPERLINK("http://x","y") over 1,400 killed, "per SOHR"' })
    await service.linkEvidence({ claimId: claim.id, highlightId: h.id, stance: 'supports' })
    await service.createClaim({ text: 'A claim with no evidence yet\nsecond line' })

    const { content, fileName } = await service.exportClaimsCsv({})
    expect(fileName).toMatch(/\.csv$/)
    expect(content.startsWith('\uFEFF')).toBe(true)
    const rows = parse(content, { bom: true, columns: true }) as Record<string, string>[]
    expect(Object.keys(rows[0]!)).toEqual([...CLAIM_CSV_COLUMNS])
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatchObject({
      claim: `'=HYPERLINK("http://x","y") over 1,400 killed, "per SOHR"`,
      claim_status: 'single-source',
      stance: 'supports',
      // Traced to the monitor its sentence credits (DECISIONS section 9), not to 001's outlet.
      source: 'SOHR',
      origins: 'SOHR',
      outlet_source: 'dateline',
      quote: 'more than 1,400 deaths',
      start: String(h.start),
      end: String(h.end),
      article_id: seed.id,
    })
    expect(rows[1]).toMatchObject({ claim: 'A claim with no evidence yet\nsecond line', quote: '' })
    expect((await service.exportClaimsCsv({ bom: false })).content.startsWith('claim_id,')).toBe(true)
  })

  it('exports only the claims asked for (a selection, or what the board filter shows)', async () => {
    const { service } = await seededService()
    const seed = (await service.listArticles({})).articles.find((a) => a.outlet === 'MNTV')!
    const h = await highlightPhrase(service, seed.id, 'more than 1,400 deaths')
    const wanted = await service.createClaim({ text: 'Wanted' })
    const other = await service.createClaim({ text: 'Not wanted' })
    for (const claim of [wanted, other]) await service.linkEvidence({ claimId: claim.id, highlightId: h.id, stance: 'supports' })

    const rows = parse((await service.exportClaimsCsv({ claimIds: [wanted.id] })).content, { bom: true, columns: true }) as Record<string, string>[]
    expect(rows.map((r) => r.claim)).toEqual(['Wanted'])
    const summary = parse((await service.exportClaimsCsv({ claimIds: [other.id], claimsOnly: true })).content, { bom: true, columns: true }) as Record<string, string>[]
    expect(summary.map((r) => r.claim)).toEqual(['Not wanted'])

    // The desktop app's path: the same selection streamed to a file, the same bytes as the download.
    const file = join(await tempDir(), 'selected.csv')
    expect(await service.writeClaimsCsvFile(file, { claimIds: [wanted.id] })).toEqual({ rows: 1, claims: 1 })
    expect(await readFile(file, 'utf8')).toBe((await service.exportClaimsCsv({ claimIds: [wanted.id] })).content)
    expect(await dispatch(service, 'exportClaimsCsv', { claimIds: ['../x'] })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
  })

  it('refuses a highlight past the end of the article', async () => {
    const { service } = await seededService()
    const [a] = (await service.listArticles({})).articles
    await expect(service.createHighlight({ articleId: a!.id, start: 0, end: 10_000_000 })).rejects.toThrow(/past the end/)
  })
})

describe('dispatch', () => {
  it('validates arguments against the contract before any handler runs', async () => {
    const { service } = await seededService()
    expect(await dispatch(service, 'createHighlight', { articleId: '../../etc', start: 0, end: 3 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    })
    expect(await dispatch(service, 'createHighlight', { articleId: 'abc', start: 5, end: 5 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringMatching(/at least one character/) },
    })
    expect(await dispatch(service, 'listArticles', { extra: 1 })).toMatchObject({ ok: false })
    expect(await dispatch(service, 'deleteEverything', {})).toMatchObject({ ok: false, error: { message: 'Unknown operation "deleteEverything".' } })
    expect(await dispatch(service, 'getArticle', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(await dispatch(service, 'stats', {})).toMatchObject({ ok: true, value: { articles: 5 } })
  })
})

describe('re-importing a revised article', () => {
  it('moves highlights to their quotes in the new text and keeps the lost one as an orphan', async () => {
    const { writeFile } = await import('node:fs/promises')
    const { join } = await import('node:path')
    const folder = await tempDir()
    const original = 'Bridge collapse in Vessen\nTwelve people were taken to hospital on Saturday.\nThe mayor promised an inquiry into the collapse.\n'
    await writeFile(join(folder, 'story.txt'), original)
    const store = await CorpusStore.open(await tempDir())
    const service = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
    await service.startImport({ path: folder })
    await service.importJobs.idle()
    const [article] = (await service.listArticles({})).articles
    const kept = await highlightPhrase(service, article!.id, 'Twelve people were taken to hospital')
    const lost = await highlightPhrase(service, article!.id, 'promised an inquiry into the collapse')
    const claim = await service.createClaim({ text: 'An inquiry was promised' })
    await service.linkEvidence({ claimId: claim.id, highlightId: lost.id, stance: 'supports' })

    const revised =
      'Bridge collapse in Vessen\nUPDATED: rescuers worked through the night.\nTwelve people were taken to hospital on Saturday.\nThe mayor declined to comment.\n'
    await writeFile(join(folder, 'story.txt'), revised)
    const { jobId } = await service.startImport({ path: folder })
    await service.importJobs.idle()
    const job = await service.getImportJob({ jobId })
    expect(job).toMatchObject({ state: 'done', report: { updated: 1, reanchored: 1, orphaned: 1 } })
    if (job.state !== 'done') return
    expect(job.report.warnings[0]?.message).toMatch(/“promised an inquiry into the collapse” is no longer in the revised text/)

    const view = await service.getArticle({ id: article!.id })
    const moved = view.highlights.find((h) => h.id === kept.id)!
    expect(view.text.slice(moved.start, moved.end)).toBe('Twelve people were taken to hospital')
    expect(moved.start).toBe(kept.start + 'UPDATED: rescuers worked through the night.\n'.length)
    const orphan = view.highlights.find((h) => h.id === lost.id)!
    expect(orphan).toMatchObject({ orphaned: true, exact: 'promised an inquiry into the collapse' })
    expect(orphan.claims.map((c) => c.claimText)).toEqual(['An inquiry was promised'])
    const [card] = service.claimCards()
    expect(card!.sources[0]!.evidence[0]!.highlight.orphaned).toBe(true)
    const board = await service.getClaimBoard({})
    expect(board.claims[0]!.groups[0]!.evidence[0]).toMatchObject({ orphaned: true, quote: 'promised an inquiry into the collapse' })
  })
})

describe('editing article details', () => {
  it('keeps the analyst’s corrections across a re-import and counts sources by the corrected outlet', async () => {
    const { writeFile } = await import('node:fs/promises')
    const { join } = await import('node:path')
    const folder = await tempDir()
    await writeFile(join(folder, 'a.txt'), 'First headline\nOfficials met in Baku on Saturday.')
    await writeFile(join(folder, 'b.txt'), 'Second headline\nThe officials met in Baku, sources said.')
    const store = await CorpusStore.open(await tempDir())
    const service = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
    await service.startImport({ path: folder })
    await service.importJobs.idle()
    const [a, b] = (await service.listArticles({})).articles
    const claim = await service.createClaim({ text: 'They met in Baku' })
    for (const article of [a!, b!]) {
      const h = await highlightPhrase(service, article.id, 'met in Baku')
      await service.linkEvidence({ claimId: claim.id, highlightId: h.id, stance: 'supports' })
    }
    expect(service.claimCards()[0]).toMatchObject({ sourceCount: 2, status: 'corroborated' })

    // Both turn out to be the same outlet's: one voice, not two.
    await service.updateArticle({ id: a!.id, outlet: 'AFP', title: 'Corrected title' })
    await service.updateArticle({ id: b!.id, outlet: 'afp' })
    expect(service.claimCards()[0]).toMatchObject({ sourceCount: 1, status: 'single-source' })
    const board = await service.getClaimBoard({})
    expect(board.claims[0]).toMatchObject({ sourceCount: 1, articleCount: 2, status: 'single-source' })
    expect(board.sources.map((s) => s.label)).toEqual(['AFP'])

    const revised = (await service.getArticle({ id: a!.id })).article.paths[0]!
    await writeFile(revised, 'First headline\nOfficials met in Baku on Saturday evening.')
    await service.startImport({ path: folder })
    await service.importJobs.idle()
    const after = (await service.getArticle({ id: a!.id })).article
    expect(after).toMatchObject({ outlet: 'AFP', title: 'Corrected title' })
    expect([...after.edited].sort()).toEqual(['outlet', 'title'])
    expect((await service.getArticle({ id: a!.id })).text).toContain('Saturday evening')
    expect((await service.search({ query: 'Corrected' })).map((h) => h.articleId)).toEqual([a!.id])
  })
})

describe('the library list, page by page', () => {
  it('gives every article once across pages, sorted and filtered in the service', async () => {
    const { service } = await seededService()
    const all = await service.listArticles({})
    expect(all).toMatchObject({ offset: 0, total: 5, corpusSize: 5 })
    const paged: string[] = []
    for (let offset = 0; offset < all.total; offset += 2) {
      const page = await dispatch(service, 'listArticles', { offset, limit: 2 })
      if (!page.ok) throw new Error(page.error.message)
      paged.push(...(page.value as typeof all).articles.map((a) => a.id))
    }
    expect(paged).toEqual(all.articles.map((a) => a.id))
    const dates = all.articles.map((a) => a.date ?? '')
    expect(dates).toEqual([...dates].sort().reverse())

    // Titles are whole sentences now, and every seed's names Baku: "secret" is in one.
    const baku = await service.listArticles({ filter: 'secret', sort: 'title' })
    expect(baku.total).toBeGreaterThan(0)
    expect(baku.total).toBeLessThan(5)
    expect(baku.articles.every((a) => /secret/i.test(`${a.title} ${a.outlet}`))).toBe(true)
    expect(baku.corpusSize).toBe(5)
  })

  it('refuses a page it cannot serve', async () => {
    const { service } = await seededService()
    for (const args of [{ limit: 0 }, { limit: 1_001 }, { offset: -1 }, { sort: 'random' }, { filter: 'x'.repeat(201) }]) {
      expect(await dispatch(service, 'listArticles', args)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    }
  })
})

describe('opening an article', () => {
  it('lists each highlight’s claims', async () => {
    const { service } = await seededService()
    const seed = (await service.listArticles({})).articles.find((a) => a.outlet === 'MNTV')!
    const tagged = await highlightPhrase(service, seed.id, 'Baku')
    const plain = await highlightPhrase(service, seed.id, 'Sweida')
    const first = await service.createClaim({ text: 'Officials met in Baku' })
    const second = await service.createClaim({ text: 'The talks were secret' })
    await service.linkEvidence({ claimId: first.id, highlightId: tagged.id, stance: 'supports' })
    await service.linkEvidence({ claimId: second.id, highlightId: tagged.id, stance: 'context' })

    const opened = await service.getArticle({ id: seed.id })
    const claimsOf = (id: string) => opened.highlights.find((h) => h.id === id)?.claims.map((c) => [c.claimText, c.stance])
    expect(claimsOf(tagged.id)).toEqual([
      ['Officials met in Baku', 'supports'],
      ['The talks were secret', 'context'],
    ])
    expect(claimsOf(plain.id)).toEqual([])
  })

  it('finds the same page furniture on every open (computed once per text)', async () => {
    const { service } = await seededService()
    const scraped = (await service.listArticles({ filter: 'high-level ministerial meeting' })).articles[0]!
    const first = await service.getArticle({ id: scraped.id })
    expect(first.boilerplate.map((b) => b.kind)).toContain('comment-prompt')
    first.boilerplate.length = 0 // what a caller does with its copy never reaches the next open
    const again = await service.getArticle({ id: scraped.id })
    expect(again.boilerplate.map((b) => b.kind)).toContain('comment-prompt')
    expect(again.boilerplate.some((b) => first.text.slice(b.start, b.end).includes('Leave the first comment'))).toBe(true)
  })
})

describe('the worker an import keeps for the next', () => {
  it('is kept after a small import, and ended after a large one, whose analysis follows it', async () => {
    const { writeFile } = await import('node:fs/promises')
    const store = await CorpusStore.open(await tempDir())
    const service = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
    const small = await tempDir()
    await writeFile(join(small, 'story.txt'), 'Ferry strike ends\nThe crews went back to work on Monday.\n')
    await service.startImport({ path: small })
    await service.importJobs.idle()
    expect(hasSparePreparationWorker()).toBe(true)

    const large = await tempDir()
    for (let i = 0; i < LARGE_IMPORT_ARTICLES; i++) await writeFile(join(large, `s${i}.txt`), `Story ${i}\nThe council met for the ${i}th time.\n`)
    const { jobId } = await service.startImport({ path: large })
    await service.importJobs.idle()
    expect(await service.getImportJob({ jobId })).toMatchObject({ state: 'done', report: { imported: LARGE_IMPORT_ARTICLES } })
    expect(hasSparePreparationWorker()).toBe(false)
  }, 60_000)
})
