import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CorpusStore } from '../store/corpus-store'
import { createTriangulateService } from '../service/triangulate-service'
import { SAMPLE_CORPUS_DIR, SEEDS_DIR, tempDir } from '../test-support/temp-dir'
import { BoardAnswerCache } from './board-answer-cache'

describe('BoardAnswerCache', () => {
  const counting = () => {
    let builds = 0
    return { build: async () => ({ build: ++builds }), builds: () => builds }
  }

  it('keeps the answer while the same records sit in the same places and no version moved', async () => {
    const cache = new BoardAnswerCache<{ build: number }>()
    const claims = [{ id: 'c1' }, { id: 'c2' }]
    const links = [{ id: 'l1' }]
    const { build, builds } = counting()
    const first = await cache.get({ collections: [claims, links], versions: [3, 0] }, build)
    // The store's arrays are changed in place; a copy of the same records is the same input too.
    expect(await cache.get({ collections: [claims, links], versions: [3, 0] }, build)).toBe(first)
    expect(await cache.get({ collections: [[...claims], links], versions: [3, 0] }, build)).toBe(first)
    expect(builds()).toBe(1)
  })

  it('builds again when a record is replaced, added or removed, or a derived index moves', async () => {
    const cache = new BoardAnswerCache<{ build: number }>()
    const claims: object[] = [{ id: 'c1' }, { id: 'c2' }]
    const versions = [0, 0]
    const { build, builds } = counting()
    const ask = () => cache.get({ collections: [claims], versions }, build)
    await ask()
    claims[1] = { id: 'c2', text: 'edited' } // replaced, same place
    expect(await ask()).toEqual({ build: 2 })
    claims.push({ id: 'c3' })
    expect(await ask()).toEqual({ build: 3 })
    claims.splice(0, 1)
    expect(await ask()).toEqual({ build: 4 })
    versions[1] = 1
    expect(await ask()).toEqual({ build: 5 })
    expect(await ask()).toEqual({ build: 5 })
    expect(builds()).toBe(5)
  })

  it('never keeps an answer for inputs that changed while it was being built', async () => {
    const cache = new BoardAnswerCache<{ build: number }>()
    const claims: object[] = [{ id: 'c1' }]
    let builds = 0
    const slow = async () => {
      const n = ++builds
      claims.push({ id: `during ${n}` }) // a change lands while the build waits (an index loading)
      await Promise.resolve()
      return { build: n }
    }
    await cache.get({ collections: [claims], versions: [] }, slow)
    await cache.get({ collections: [claims], versions: [] }, slow)
    expect(builds).toBe(2)
  })
})

describe('the service keeps the board answer between requests', () => {
  it('answers again from what it kept, and anew after a change, its undo and the provenance index coming up to date', async () => {
    // The seeds imported, then their derived indexes removed: the board is first answered before
    // credits are known (evidence traced to its outlet), then after they are (to AFP).
    const dir = await tempDir()
    const importing = await CorpusStore.open(dir)
    const importer = createTriangulateService({ store: importing, sampleCorpusDir: SAMPLE_CORPUS_DIR })
    await importer.startImport({ path: SEEDS_DIR })
    await importer.importJobs.idle()
    await importer.derivedIndexes.updateAll()
    await importing.close()
    for (const file of await readdir(dir)) if (file.startsWith('derived-')) await rm(join(dir, file), { force: true })

    const store = await CorpusStore.open(dir)
    const service = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
    const afp = (await service.listArticles({})).articles.find((a) => a.title.includes('Baku'))!
    const { text } = await service.getArticle({ id: afp.id })
    const start = text.indexOf('Baku')
    const highlight = await service.createHighlight({ articleId: afp.id, start, end: start + 'Baku'.length })
    const claim = await service.createClaim({ text: 'First statement' })
    await service.linkEvidence({ claimId: claim.id, highlightId: highlight.id, stance: 'supports' })

    const first = await service.getClaimBoard({})
    expect(await service.getClaimBoard({})).toBe(first)
    expect(first.sources.map((s) => s.label)).not.toContain('AFP')

    await service.updateClaim({ id: claim.id, text: 'Second statement' })
    const edited = await service.getClaimBoard({})
    expect(edited).not.toBe(first)
    expect(edited.claims.map((c) => c.claim.text)).toEqual(['Second statement'])
    await service.undo({})
    expect((await service.getClaimBoard({})).claims.map((c) => c.claim.text)).toEqual(['First statement'])
    await service.updateEvidence({ linkId: edited.claims[0]!.groups[0]!.evidence[0]!.linkId, stance: 'contradicts' })
    const regraded = await service.getClaimBoard({})
    expect(regraded.claims[0]!.groups[0]!.evidence[0]!.stance).toBe('contradicts')

    // Nothing the board's records hold changed, but the provenance index did: AFP is now known.
    await service.derivedIndexes.updateAll()
    const traced = await service.getClaimBoard({})
    expect(traced).not.toBe(regraded)
    expect(traced.sources.map((s) => s.label)).toContain('AFP')
    await store.close()
  })
})
