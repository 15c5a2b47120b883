import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { serviceWithImports } from '../test-support/seeded-service'

/** A claim supported by the first appearance of each phrase, through the service as the app does it. */
async function claimFrom(phrases: readonly string[]) {
  const seeded = await serviceWithImports()
  await seeded.service.derivedIndexes.updateAll()
  const claim = await seeded.service.createClaim({ text: 'Syrian and Israeli officials met in Baku on 12 July' })
  const links = []
  for (const phrase of phrases) {
    const highlight = await seeded.highlight(phrase)
    links.push(await seeded.service.linkEvidence({ claimId: claim.id, highlightId: highlight.id, stance: 'supports' }))
  }
  return { ...seeded, claim, links, card: () => seeded.service.claimCards().find((c) => c.claim.id === claim.id)! }
}

const TWELFTH_JULY = [
  'Syrian and Israeli envoys had previously met in Baku on July 12',
  'Shaibani and Dermer previously met in Baku on 12 July',
  'Syrian and Israeli officials had met in Baku on July 12',
]

describe('independence by origin, through the service', () => {
  it('does not call the 12 July sentences of 001, 002 and 003 corroborated: three outlets of one AFP report', async () => {
    const { card, service, store } = await claimFrom(TWELFTH_JULY)
    expect(card()).toMatchObject({ status: 'single-source', sourceCount: 1, supportingSources: 1, articleCount: 3 })
    expect(card().origins).toEqual([{ label: 'AFP', kind: 'wire', articles: expect.any(Array) }])
    expect(card().sources[0]!.evidence.every((e) => e.origins?.includes('AFP'))).toBe(true)
    // The board the renderer draws says the same.
    const board = await service.getClaimBoard({})
    const boardClaim = board.claims.find((c) => c.claim.id === card().claim.id)!
    expect(boardClaim).toMatchObject({ status: 'single-source', sourceCount: 1, articleCount: 3 })
    expect(board.sources[boardClaim.groups[0]!.source]!.label).toBe('AFP')
    // CSV columns of DECISIONS section 8, read back with a real parser.
    const summary = parse((await service.exportClaimsCsv({ claimsOnly: true })).content, { bom: true, columns: true }) as Record<string, string>[]
    expect(summary[0]).toMatchObject({ sources: '1', origins: 'AFP (3 articles)' })
    const rows = parse((await service.exportClaimsCsv({})).content, { bom: true, columns: true }) as Record<string, string>[]
    // 002 credits The Times of Israel beside AFP in its lede: both are its origins; AFP joins the three.
    expect(rows.every((r) => r.origins!.split('; ').includes('AFP'))).toBe(true)
    expect(rows.map((r) => r.outlet_source).sort()).toEqual(['', '', 'dateline'])
    await store.close()
  })

  it('counts the SOHR toll of 001 and 003 as one origin, and an analyst split as two, undone by undo', async () => {
    const { card, service, store, links, claim } = await claimFrom(['has resulted in more than 1,400 deaths', 'which killed over 1400 people'])
    expect(card()).toMatchObject({ sourceCount: 1, status: 'single-source' })
    expect(card().origins?.map((o) => o.label)).toEqual(['SOHR'])
    expect(card().sources[0]!.evidence.map((e) => e.chain)).toEqual(['SOHR via AFP', 'SOHR via AFP'])
    await service.overrideOrigins({ claimId: claim.id, action: 'split', linkIds: [links[1]!.id], reason: 'different counts on different days' })
    expect(card()).toMatchObject({ sourceCount: 2, status: 'corroborated' })
    expect(card().sources.some((g) => g.overridden)).toBe(true)
    expect(store.claims.find((c) => c.id === claim.id)?.originOverrides?.[0]?.reason).toBe('different counts on different days')
    await service.undo({})
    expect(card()).toMatchObject({ sourceCount: 1, status: 'single-source' })
    await store.close()
  })

  it('sets the outlet of many articles in one undoable step, kept across a re-import', async () => {
    const { service, store } = await serviceWithImports()
    const ids = store
      .listArticles()
      .slice(0, 3)
      .map((a) => a.id)
    const before = ids.map((id) => store.getArticle(id)!.outlet)
    await service.updateArticles({ changes: ids.map((id) => ({ id, outlet: 'Harbour Wire' })) })
    const rows = await service.listArticleMetadata({})
    expect(rows.filter((r) => ids.includes(r.id)).map((r) => [r.outlet, r.outletSource])).toEqual(ids.map(() => ['Harbour Wire', 'analyst']))
    expect((await service.getHistory({})).undoLabel).toBe('Set outlet of 3 articles')
    await service.undo({})
    expect(ids.map((id) => store.getArticle(id)!.outlet)).toEqual(before)
    await service.redo({})
    const [seedsFolder] = store.getArticle(ids[0]!)!.paths[0]!.split(/\/[^/]+$/)
    await service.startImport({ path: seedsFolder! })
    await service.importJobs.idle()
    expect(ids.map((id) => store.getArticle(id)!.outlet)).toEqual(['Harbour Wire', 'Harbour Wire', 'Harbour Wire'])
    await store.close()
  })
})
