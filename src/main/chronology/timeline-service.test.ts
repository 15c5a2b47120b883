import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { serviceWithImports } from '../test-support/seeded-service'
import { DATE_INDEX_FILE, DATE_INDEX_VERSION } from './date-index'

async function seeded() {
  const seeded = await serviceWithImports()
  await seeded.service.dateIndex.update()
  const articles = (await seeded.service.listArticles({})).articles
  const seed = async (marker: string) => {
    for (const a of articles) if ((await seeded.service.getArticle({ id: a.id })).text.includes(marker)) return a
    throw new Error(`no seed holds ${marker}`)
  }
  return { ...seeded, seed }
}

describe('the time line of the seeds', () => {
  it("resolves each article's expressions against its own date, and leaves undated articles' relative ones unresolved", async () => {
    const { service, seed } = await seeded()
    const s003 = await seed('set to take place Thursday')
    const s004 = await seed('later on Saturday')
    const s000 = await seed('told The National')
    expect(s003.date).toBe('2025-07-30')
    expect(s004.date).toBe('2025-07-12')
    const view = await service.getTimeline({})
    expect(view.indexed).toMatchObject({ done: 5, total: 5 })
    const thursday003 = view.events.find((e) => e.articleId === s003.id && e.sentence.includes('set to take place Thursday'))!
    expect(thursday003).toMatchObject({ expression: 'Thursday', date: '2025-07-31', precision: 'day', basis: 'article-date' })
    const saturday = view.events.find((e) => e.articleId === s004.id && e.expression === 'Saturday')!
    expect(saturday.date).toBe('2025-07-12')
    const thursday000 = view.unresolved.find((e) => e.articleId === s000.id && e.expression === 'Thursday')!
    expect(thursday000).toMatchObject({ date: null, basis: 'unresolved' })
    expect(thursday000.reason).toMatch(/no date/)
    // Events come in time order, unresolved ones apart.
    const dates = view.events.map((e) => e.date!)
    expect([...dates].sort()).toEqual(dates)
    // Positions are UTF-16 offsets into the article text.
    const { text } = await service.getArticle({ id: s003.id })
    expect(text.slice(thursday003.start, thursday003.end)).toBe('Thursday')
  })

  it("resolves an undated article's expressions as soon as the analyst gives it a date, with no rebuild", async () => {
    const { service, seed } = await seeded()
    const s001 = await seed('set for July 31')
    expect((await service.getTimeline({ articleId: s001.id })).unresolved.some((e) => e.expression === 'July 31')).toBe(true)
    await service.updateArticle({ id: s001.id, date: '2025-07-29' })
    const view = await service.getTimeline({})
    const july31 = view.events.filter((e) => e.date === '2025-07-31')
    expect(july31.some((e) => e.articleId === s001.id && e.expression === 'July 31')).toBe(true)
    expect(july31.some((e) => e.articleId !== s001.id && e.expression === 'Thursday')).toBe(true)
  })

  it('keeps the index in the store, versioned, and rebuilds it from the texts when it is damaged or outdated', async () => {
    const { store, service } = await seeded()
    const file = join(store.dir, DATE_INDEX_FILE)
    const saved = JSON.parse(await readFile(file, 'utf8'))
    expect(saved).toMatchObject({ name: 'dates', version: DATE_INDEX_VERSION })
    expect(saved.entries).toHaveLength(5)
    const before = await service.getTimeline({})

    await writeFile(file, JSON.stringify({ ...saved, version: DATE_INDEX_VERSION - 1, entries: [] }))
    const { createTriangulateService } = await import('../service/triangulate-service')
    const reopened = createTriangulateService({ store, sampleCorpusDir: '' })
    await reopened.dateIndex.update()
    expect(await reopened.getTimeline({})).toEqual(before)
    expect(JSON.parse(await readFile(file, 'utf8')).version).toBe(DATE_INDEX_VERSION)
  })

  it('filters by outlet and by claim, and says which claims hold an expression in their evidence', async () => {
    const { service, seed, highlight } = await seeded()
    const s003 = await seed('set to take place Thursday')
    const h = await highlight('A Syrian-Israeli ministerial meeting is set to take place Thursday in Baku')
    const claim = await service.createClaim({ text: 'Ministers meet in Baku on 31 July' })
    await service.linkEvidence({ claimId: claim.id, highlightId: h.id, stance: 'supports' })
    const view = await service.getTimeline({ claimId: claim.id })
    expect(new Set([...view.events, ...view.unresolved].map((e) => e.articleId))).toEqual(new Set([s003.id]))
    expect(view.events.find((e) => e.expression === 'Thursday' && e.claimIds.includes(claim.id))?.date).toBe('2025-07-31')
    await service.updateArticle({ id: s003.id, outlet: 'The New Arab' })
    expect((await service.getTimeline({ outlet: 'the new  arab' })).events.every((e) => e.articleId === s003.id)).toBe(true)
  })
})

describe('the time line of one entity', () => {
  it('keeps the events said in a sentence that mentions the entity, in every outlet, whatever its spelling', async () => {
    const { service } = await seeded()
    await service.entityIndex.update()
    const key = (e: { articleId: string; start: number }) => `${e.articleId}:${e.start}`
    const whole = await service.getTimeline({})
    const everything = [...whole.events, ...whole.unresolved]

    const baku = (await service.listEntities({ filter: 'Baku' })).entities.find((e) => e.variants.includes('Baku'))!
    const view = await service.getTimeline({ entityId: baku.id })
    const kept = [...view.events, ...view.unresolved]
    // Exactly the events whose sentence names Baku: 003's Thursday (2025-07-31) and 004's Saturday among them.
    expect(kept.map(key).sort()).toEqual(
      everything
        .filter((e) => /\bBaku\b/.test(e.sentence))
        .map(key)
        .sort(),
    )
    expect(view.events.some((e) => e.expression === 'Thursday' && e.date === '2025-07-31')).toBe(true)
    expect(view.events.some((e) => e.expression === 'Saturday' && e.date === '2025-07-12')).toBe(true)
    expect(new Set(kept.map((e) => e.articleId)).size).toBeGreaterThan(1)
    expect(kept.length).toBeLessThan(everything.length)

    // Sweida and Suweida are one entity: its events come from both spellings' sentences.
    const sweida = (await service.listEntities({ filter: 'Sweida' })).entities.find((e) => e.variants.includes('Suweida'))!
    const ofSweida = await service.getTimeline({ entityId: sweida.id })
    expect(ofSweida.events.length + ofSweida.unresolved.length).toBeGreaterThan(0)
    for (const e of [...ofSweida.events, ...ofSweida.unresolved]) expect(e.sentence).toMatch(/\bSu?weida\b/)
    // With the other filters, all must hold.
    const s003 = kept.find((e) => e.expression === 'Thursday' && e.date === '2025-07-31')!
    const both = await service.getTimeline({ entityId: baku.id, articleId: s003.articleId })
    expect([...both.events, ...both.unresolved].every((e) => e.articleId === s003.articleId && /Baku/.test(e.sentence))).toBe(true)
    await expect(service.getTimeline({ entityId: 'e_0000000000000000' })).rejects.toThrow(/No entity with id/)
  })
})

describe('dates on claims', () => {
  it('flags a claim whose evidence quotes name two different days', async () => {
    const { service, seed, highlight } = await seeded()
    const s000 = await seed('told The National')
    const claim = await service.createClaim({ text: 'The Baku meeting is on Thursday' })
    const h003 = await highlight('A Syrian-Israeli ministerial meeting is set to take place Thursday in Baku')
    const h000 = await highlight('Israeli and Syrian officials will meet in the Azerbaijani capital of Baku on Thursday')
    await service.linkEvidence({ claimId: claim.id, highlightId: h003.id, stance: 'supports' })
    await service.linkEvidence({ claimId: claim.id, highlightId: h000.id, stance: 'supports' })
    // 000 has no date: its Thursday says nothing yet, so nothing disagrees.
    expect((await service.chronology.claimDates()).get(claim.id)).toMatchObject({ conflict: false, days: [{ date: '2025-07-31' }] })
    // Dated a week earlier, its Thursday is another day: a conflict, both sides named.
    await service.updateArticle({ id: s000.id, date: '2025-07-22' })
    const dates = (await service.chronology.claimDates()).get(claim.id)!
    expect(dates.conflict).toBe(true)
    expect(dates.days.map((d) => d.date)).toEqual(['2025-07-24', '2025-07-31'])
    expect(dates.days[0]!.articleIds).toEqual([s000.id])
  })
})

describe('the brief’s chronology', () => {
  it('lists the dated events inside the evidence, and the claims whose dates disagree, in HTML and Markdown', async () => {
    const { service, seed, highlight } = await seeded()
    const s000 = await seed('told The National')
    await service.updateArticle({ id: s000.id, date: '2025-07-22', outlet: 'The National' })
    const claim = await service.createClaim({ text: 'The Baku meeting is on Thursday' })
    for (const phrase of [
      'A Syrian-Israeli ministerial meeting is set to take place Thursday in Baku',
      'Israeli and Syrian officials will meet in the Azerbaijani capital of Baku on Thursday',
    ]) {
      await service.linkEvidence({ claimId: claim.id, highlightId: (await highlight(phrase)).id, stance: 'supports' })
    }
    const html = (await service.exportBrief({ format: 'html' })).content
    const section = html.slice(html.indexOf('<section class="chronology">'))
    expect(section).toContain('<h2>Chronology</h2>')
    expect(section).toContain('2025-07-24 in <bdi>The National</bdi>')
    expect(section).toMatch(/<td>2025-07-31<\/td><td><bdi>[^<]*<\/bdi><\/td><td dir="auto">A Syrian-Israeli ministerial meeting is set to take place Thursday/)
    // Only events inside evidence: 003's 1948 is not in the brief.
    expect(section).not.toContain('since 1948')
    const markdown = (await service.exportBrief({ format: 'markdown' })).content
    expect(markdown).toContain('## Chronology')
    expect(markdown).toMatch(/- The Baku meeting is on Thursday: 2025-07-24 in The National · 2025-07-31 in /)
  })
})

describe('the analyst’s date decisions', () => {
  async function conflicted() {
    const s = await seeded()
    const s000 = await s.seed('told The National')
    await s.service.updateArticle({ id: s000.id, date: '2025-07-22' })
    const claim = await s.service.createClaim({ text: 'The Baku meeting is on Thursday' })
    for (const phrase of [
      'A Syrian-Israeli ministerial meeting is set to take place Thursday in Baku',
      'Israeli and Syrian officials will meet in the Azerbaijani capital of Baku on Thursday',
    ]) {
      await s.service.linkEvidence({ claimId: claim.id, highlightId: (await s.highlight(phrase)).id, stance: 'supports' })
    }
    return { ...s, claim }
  }
  const cardOf = (service: Awaited<ReturnType<typeof seeded>>['service'], id: string) => service.claimCards().find((c) => c.claim.id === id)!

  it('sets a claim’s event date as an undoable command, shown in the card, the CSV columns and the brief', async () => {
    const { service, claim } = await conflicted()
    await service.setClaimEventDate({ claimId: claim.id, eventDate: '2025-07-31' })
    expect(cardOf(service, claim.id).eventDate).toBe('2025-07-31')
    expect((await service.getHistory({})).undoLabel).toMatch(/Set event date of “The Baku meeting is on Thursday” to 2025-07-31/)
    expect((await service.exportBrief({ format: 'markdown' })).content).toContain('- The Baku meeting is on Thursday: 2025-07-31')
    await service.undo({})
    expect(cardOf(service, claim.id).eventDate).toBeNull()
    await service.redo({})
    expect(cardOf(service, claim.id).eventDate).toBe('2025-07-31')
  })

  it('dismisses a date conflict until the evidence names a new day, and undoes the dismissal', async () => {
    const { service, claim, seed, highlight } = await conflicted()
    expect(cardOf(service, claim.id).dateConflict).toBe(true)
    await service.dismissDateConflict({ claimId: claim.id, dismiss: true })
    expect(cardOf(service, claim.id).dateConflict).toBe(false)
    await service.undo({})
    expect(cardOf(service, claim.id).dateConflict).toBe(true)
    await service.redo({})
    expect(cardOf(service, claim.id).dateConflict).toBe(false)
    // New evidence naming another day brings the flag back.
    const s004 = await seed('later on Saturday')
    expect(s004.date).toBe('2025-07-12')
    await service.linkEvidence({ claimId: claim.id, highlightId: (await highlight('are expected to meet in Baku later on Saturday')).id, stance: 'supports' })
    expect(cardOf(service, claim.id).dateConflict).toBe(true)
  })

  it('refuses an event date that is not a date, and a dismissal where nothing disagrees', async () => {
    const { service } = await seeded()
    const claim = await service.createClaim({ text: 'Nothing dated' })
    const { dispatch } = await import('../service/dispatch')
    const bad = await dispatch(service, 'setClaimEventDate', { claimId: claim.id, eventDate: '31 July' })
    expect(bad).toMatchObject({ ok: false })
    await expect(service.dismissDateConflict({ claimId: claim.id, dismiss: true })).rejects.toThrow(/no date conflict/)
  })
})
