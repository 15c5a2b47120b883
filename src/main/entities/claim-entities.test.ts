// Entities on claims, through the real service over the seeds: a card lists the entities its
// evidence mentions (by the entity's name, however the quote spells it), the board's filter finds
// the claim by that name, and the brief's per-claim section names them.

import { describe, expect, it } from 'vitest'
import { claimSearchText, filterWords, matchesFilter } from '../../shared/claims/board-filter'
import { serviceWithImports } from '../test-support/seeded-service'

describe('entities on claims', () => {
  it('a card lists the entities its evidence mentions, the board filter takes one, and the brief names them', async () => {
    const { service, highlight } = await serviceWithImports()
    await service.entityIndex.update()
    // 003 spells it "Suweida"; the entity is named "Sweida", the spelling most outlets use.
    const sweida = (await service.listEntities({ filter: 'Suweida' })).entities.find((e) => e.variants.includes('Suweida'))!
    expect(sweida.name).toBe('Sweida')
    const quote = 'deadly sectarian clashes in southern Syria’s Druze-majority Suweida province which killed over 1400 people'
    const claim = await service.createClaim({ text: 'Clashes in the south killed over 1,400' })
    await service.linkEvidence({ claimId: claim.id, highlightId: (await highlight(quote)).id, stance: 'supports' })
    const other = await service.createClaim({ text: 'A ministerial meeting was planned' })
    await service.linkEvidence({ claimId: other.id, highlightId: (await highlight('A Syrian-Israeli ministerial meeting is set to take place')).id, stance: 'supports' })

    const view = await service.getClaimBoard({})
    const card = view.claims.find((c) => c.claim.id === claim.id)!
    expect(card.entities).toEqual(expect.arrayContaining(['Sweida', 'Syria']))
    expect(view.claims.find((c) => c.claim.id === other.id)!.entities ?? []).not.toContain('Sweida')

    // The board's filter: "sweida" is in no quote or claim text, only in the entity's name.
    const matching = view.claims.filter((c) => matchesFilter(claimSearchText(c, view), filterWords('sweida'))).map((c) => c.claim.id)
    expect(matching).toEqual([claim.id])

    // The brief's per-claim section, in both formats.
    const markdown = (await service.exportBrief({ format: 'markdown' })).content
    const sectionOf = (heading: string) => markdown.slice(markdown.indexOf(`### ${heading}`)).split(/\n### /)[0]!
    expect(sectionOf('Clashes in the south killed over 1,400')).toMatch(/\nEntities: Syria, Sweida/)
    expect(sectionOf('A ministerial meeting was planned')).not.toMatch(/Entities:/)
    expect((await service.exportBrief({ format: 'html' })).content).toMatch(/Entities: (<bdi>[^<]*<\/bdi>, )*<bdi>Sweida<\/bdi>/)
  })
})
