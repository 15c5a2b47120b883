// The undo mechanism through the real service and store on the seeds: every command kind applied,
// undone (the store exactly as before) and redone (exactly as after); the history survives closing
// and reopening the store; an undo refuses when a record it touched changed since.

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createTriangulateService, type TriangulateService } from '../service/triangulate-service'
import { dispatch } from '../service/dispatch'
import { CorpusStore } from '../store/corpus-store'
import { SAMPLE_CORPUS_DIR, SEEDS_DIR, tempDir } from '../test-support/temp-dir'
import { COMMAND_HISTORY_FILE } from './command-history'
import { registeredCommandKinds } from './command-kind'
import { sourceKeyOf } from '../../shared/claims/claim-status'

async function seeded(dir?: string) {
  const storeDir = dir ?? (await tempDir())
  const store = await CorpusStore.open(storeDir)
  const service = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
  if (!dir) {
    await service.startImport({ path: SEEDS_DIR })
    await service.importJobs.idle()
  }
  return { storeDir, store, service }
}

/** Everything an analyst's change can touch, as plain data. */
function stateOf(store: CorpusStore) {
  const byId = <T extends { id: string }>(xs: readonly T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id))
  return structuredClone({
    highlights: byId(store.highlights),
    claims: byId(store.claims),
    links: byId(store.links),
    sources: [...store.sourceGrades].sort((a, b) => a.sourceKey.localeCompare(b.sourceKey)),
    articles: byId(store.listArticles()),
  })
}

async function passage(service: TriangulateService, phrase: string, nth = 0) {
  for (const a of (await service.listArticles({})).articles) {
    const { text } = await service.getArticle({ id: a.id })
    const start = text.indexOf(phrase)
    if (start >= 0 && nth-- === 0) return { articleId: a.id, start, end: start + phrase.length }
  }
  throw new Error(`no article says ${phrase}`)
}

describe('command history', () => {
  it('applies, undoes and redoes every command kind, each to the exact records before and after', async () => {
    const { store, service } = await seeded()
    const covered = new Set<string>()
    const kindOfLast = async () => JSON.parse(await readFile(join(store.dir, COMMAND_HISTORY_FILE), 'utf8')).undo.at(-1).kind as string

    /** Runs one change, then checks undo → before, redo → after, and the labels the bar shows. */
    const roundTrip = async <T>(change: () => Promise<T>, label: RegExp): Promise<T> => {
      const before = stateOf(store)
      const value = await change()
      const after = stateOf(store)
      expect(after).not.toEqual(before)
      expect((await service.getHistory({})).undoLabel).toMatch(label)
      covered.add(await kindOfLast())

      const undone = await service.undo({})
      expect(undone.label).toMatch(label)
      expect(stateOf(store)).toEqual(before)
      expect(undone.history.redoLabel).toMatch(label)

      const redone = await service.redo({})
      expect(redone.label).toMatch(label)
      expect(stateOf(store)).toEqual(after)
      expect(redone.history).toMatchObject({ undoLabel: redone.label, redoLabel: null })
      return value
    }

    const baku = await passage(service, 'Baku', 0)
    const baku2 = await passage(service, 'Baku', 1)
    const toll = await passage(service, '1,400')
    const h1 = await roundTrip(() => service.createHighlight({ ...baku, note: 'venue' }), /^Highlighted a passage/)
    const tagged = await roundTrip(
      () => service.tagPassage({ ...baku2, claim: { text: 'Officials met in Baku' }, stance: 'supports', tags: ['meeting'] }),
      /^Created claim “Officials met in Baku”/,
    )
    expect(tagged.claim.tags).toEqual(['meeting'])
    const other = await roundTrip(() => service.createClaim({ text: 'Talks took place in Baku', tags: ['venue'] }), /^Created claim “Talks took place in Baku”/)
    const link = await roundTrip(() => service.linkEvidence({ claimId: other.id, highlightId: h1.id, stance: 'supports' }), /^Added evidence to “Talks took place/)
    await roundTrip(() => service.tagPassage({ ...toll, claim: { id: other.id }, stance: 'context', tags: ['toll'] }), /^Added evidence to “Talks took place/)
    await roundTrip(() => service.updateEvidence({ linkId: link.id, stance: 'contradicts' }), /^Changed stance of “Baku” to contradicts/)
    await roundTrip(() => service.updateEvidence({ linkId: link.id, credibility: 2 }), /^Set credibility of “Baku” to 2/)
    await roundTrip(() => service.updateEvidence({ linkId: link.id, note: 'check the date' }), /^Edited note on “Baku”/)
    await roundTrip(() => service.updateClaim({ id: other.id, text: 'Talks were held in Baku' }), /^Edited claim “Talks took place in Baku”/)
    await roundTrip(() => service.updateClaim({ id: other.id, note: 'ask the desk' }), /^Edited note of/)
    await roundTrip(() => service.updateClaim({ id: other.id, statusOverride: { status: 'contested', reason: 'dates differ' } }), /^Set status of .* to contested/)
    const article = store.getArticle(baku.articleId)!
    await roundTrip(() => service.gradeSource({ sourceKey: sourceKeyOf(article), reliability: 'B' }), /^Graded .+ B$/)
    await roundTrip(() => service.updateArticle({ id: article.id, title: 'Retitled by hand', date: '2025-07-13' }), /^Edited details of/)
    await roundTrip(() => service.moveEvidence({ linkId: link.id, claimId: tagged.claim.id }), /^Moved “Baku” to “Officials met in Baku”/)
    await roundTrip(() => service.splitEvidence({ linkId: link.id }), /^Split “Baku” off into a new claim/)
    await roundTrip(() => service.mergeClaims({ intoId: tagged.claim.id, fromId: other.id }), /^Merged “Talks were held in Baku” into “Officials met in Baku”/)
    await roundTrip(() => service.unlinkEvidence({ linkId: tagged.link.id }), /^Removed evidence “Baku”/)
    await roundTrip(() => service.deleteClaim({ id: tagged.claim.id }), /^Deleted claim “Officials met in Baku”/)
    await roundTrip(() => service.deleteHighlight({ id: h1.id }), /^Deleted highlight “Baku”/)

    expect([...covered].sort()).toEqual(
      [
        'highlight.create',
        'passage.tag',
        'claim.create',
        'evidence.link',
        'evidence.update',
        'claim.update',
        'source.grade',
        'article.update',
        'evidence.move',
        'evidence.split',
        'claim.merge',
        'evidence.unlink',
        'claim.delete',
        'highlight.delete',
      ].sort(),
    )
    for (const kind of covered) expect(registeredCommandKinds()).toContain(kind)
    // The title edit's undo and redo reached the search index too.
    expect((await service.search({ query: 'Retitled' })).map((h) => h.articleId)).toEqual([article.id])
  })

  it('undoes a whole history back to the start, then redoes all of it, and keeps it across a reopen', async () => {
    const { storeDir, store, service } = await seeded()
    const empty = stateOf(store)
    const a = await service.tagPassage({ ...(await passage(service, 'Baku', 0)), claim: { text: 'Met in Baku' }, stance: 'supports' })
    const b = await service.tagPassage({ ...(await passage(service, 'Baku', 1)), claim: { text: 'Meeting in Baku' }, stance: 'supports' })
    await service.mergeClaims({ intoId: a.claim.id, fromId: b.claim.id })
    const merged = stateOf(store)
    expect(await service.getHistory({})).toMatchObject({ undoLabel: 'Merged “Meeting in Baku” into “Met in Baku”', undoCount: 3, redoCount: 0 })

    await service.undo({})
    expect(store.claims.map((c) => c.text).sort()).toEqual(['Meeting in Baku', 'Met in Baku'])
    await store.close()

    const reopened = await seeded(storeDir)
    expect(await reopened.service.getHistory({})).toMatchObject({
      undoLabel: 'Created claim “Meeting in Baku”',
      redoLabel: 'Merged “Meeting in Baku” into “Met in Baku”',
    })
    await reopened.service.undo({})
    await reopened.service.undo({})
    expect(stateOf(reopened.store)).toEqual(empty)
    await expect(reopened.service.undo({})).rejects.toThrow('Nothing to undo.')
    for (let i = 0; i < 3; i++) await reopened.service.redo({})
    expect(stateOf(reopened.store)).toEqual(merged)
    await expect(reopened.service.redo({})).rejects.toThrow('Nothing to redo.')
    // A new change after undo drops what could have been redone.
    await reopened.service.undo({})
    await reopened.service.createClaim({ text: 'Something else' })
    expect(await reopened.service.getHistory({})).toMatchObject({ redoLabel: null, redoCount: 0 })
    await reopened.store.close()
  })

  it('refuses to undo over a record changed since (a synced edit), changes nothing and drops that step', async () => {
    const { store, service } = await seeded()
    const created = await service.createClaim({ text: 'Officials met in Baku' })
    await service.updateClaim({ id: created.id, text: 'Officials met in Baku on 12 July' })
    // A teammate's edit arrives by sync: it goes round the command history, as merges do.
    await store.changeAnnotations((data) => {
      data.claims = data.claims.map((c) => (c.id === created.id ? { ...c, text: 'Officials met in Baku on 11 July' } : c))
    })
    const before = stateOf(store)
    await expect(service.undo({})).rejects.toThrow(
      /^Cannot undo “Edited claim “Officials met in Baku””: the claim “Officials met in Baku on 11 July” changed since \(a synced or re-imported change\)\. Undoing it would overwrite that/,
    )
    expect(stateOf(store)).toEqual(before)
    // The step is gone; the one before it refuses too, as it would also overwrite the teammate's text.
    expect((await service.getHistory({})).undoLabel).toBe('Created claim “Officials met in Baku”')
    await expect(service.undo({})).rejects.toThrow(/changed since/)
    expect(stateOf(store)).toEqual(before)
  })

  it('refuses an undo that would leave evidence pointing at nothing', async () => {
    const { store, service } = await seeded()
    const claim = await service.createClaim({ text: 'Officials met in Baku' })
    const highlight = await service.createHighlight(await passage(service, 'Baku'))
    // Evidence added by a sync to the claim the undo would remove.
    await store.changeAnnotations((data) => {
      data.links = [...data.links, { id: 'l_synced', claimId: claim.id, highlightId: highlight.id, stance: 'supports', credibility: null, note: '', createdAt: '' }]
    })
    // Undoing the highlight would orphan the synced link; then the claim's undo, for the same reason.
    await expect(service.undo({})).rejects.toThrow(/evidence added since still points at the highlight\. Nothing was changed, and this step was dropped/)
    await expect(service.undo({})).rejects.toThrow(/evidence added since still points at the claim/)
    expect(store.claims).toHaveLength(1)
    expect(store.links).toHaveLength(1)
  })

  it('answers undo, redo and history through the validated contract', async () => {
    const { service } = await seeded()
    expect(await dispatch(service, 'getHistory', {})).toEqual({ ok: true, value: { undoLabel: null, redoLabel: null, undoCount: 0, redoCount: 0 } })
    expect(await dispatch(service, 'undo', { steps: 2 })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(await dispatch(service, 'undo', {})).toEqual({ ok: false, error: { code: 'conflict', message: 'Nothing to undo.' } })
    await service.createClaim({ text: 'x' })
    expect(await dispatch(service, 'undo', {})).toMatchObject({
      ok: true,
      value: { label: 'Created claim “x”', history: { undoLabel: null, redoLabel: 'Created claim “x”' } },
    })
  })
})
