import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { groupClaimEvidence } from '../../shared/provenance/claim-origins'
import { traceOrigins } from '../../shared/provenance/origins'
import { importFolder } from '../import/import-folder'
import { CorpusStore } from '../store/corpus-store'
import { SEEDS_DIR, tempDir } from '../test-support/temp-dir'
import { decodeSketch, PASSAGE_SLOTS, passageCount, passageSlot, type StoredPassage } from './provenance-analysis'
import { ProvenanceIndex } from './provenance-index'
import { findPassageReuse } from './passage-reuse'
import { findPassageReuseInWorker } from './passage-reuse-in-worker'
import { workerScriptBeside } from '../import/preparation-pool'

async function indexedStore(folder: string) {
  const store = await CorpusStore.open(await tempDir())
  await importFolder(store, folder)
  const provenance = new ProvenanceIndex(store, { workers: 0 })
  await provenance.runner.update()
  return { store, provenance }
}

/** Traces the first appearance of `phrase` in the seed numbered `seed`, as evidence linked `linkId`. */
async function evidenceAt(store: CorpusStore, provenance: ProvenanceIndex, seed: string, phrase: string, stance: 'supports' | 'contradicts' = 'supports') {
  const article = store.listArticles().find((a) => a.paths[0]?.includes(`/${seed}_`))
  if (!article) throw new Error(`no seed ${seed}`)
  const text = await store.readBody(article)
  const start = text.indexOf(phrase)
  if (start < 0) throw new Error(`"${phrase}" is not in seed ${seed}`)
  const traced = traceOrigins(provenance.context(), article.id, { start, end: start + phrase.length })
  return { linkId: `${seed}:${start}`, stance, articleId: article.id, ...traced }
}

describe('origins on the seeds (DECISIONS section 9)', () => {
  it('makes the 12 July Baku sentences of 001, 002 and 003 one group, AFP', async () => {
    const { store, provenance } = await indexedStore(SEEDS_DIR)
    const evidence = [
      await evidenceAt(store, provenance, '001', 'Syrian and Israeli envoys had previously met in Baku on July 12'),
      await evidenceAt(store, provenance, '002', 'Shaibani and Dermer previously met in Baku on 12 July'),
      await evidenceAt(store, provenance, '003', 'Syrian and Israeli officials had met in Baku on July 12'),
    ]
    for (const e of evidence) expect(e.origins.map((o) => o.label)).toContain('AFP')
    const groups = groupClaimEvidence(evidence, [])
    expect(groups).toHaveLength(1)
    expect(groups[0]).toMatchObject({ label: 'AFP', kind: 'wire' })
    expect(groups[0]!.articles).toHaveLength(3)
    await store.close()
  })

  it('makes the 1,400 toll of 001 and 003 one group, SOHR: a sentence credit overrides its article AFP credit', async () => {
    const { store, provenance } = await indexedStore(SEEDS_DIR)
    const evidence = [
      await evidenceAt(store, provenance, '001', 'has resulted in more than 1,400 deaths'),
      await evidenceAt(store, provenance, '003', 'which killed over 1400 people'),
    ]
    expect(evidence.map((e) => e.origins.map((o) => o.label))).toEqual([['SOHR'], ['SOHR']])
    expect(evidence[0]!.chain).toBe('SOHR via AFP')
    const groups = groupClaimEvidence(evidence, [])
    expect(groups.map((g) => [g.label, g.kind, g.articles.length])).toEqual([['SOHR', 'primary-source', 2]])
    await store.close()
  })

  it('traces 002\'s hundreds of casualties to AFP alone: "reportedly" replaces nothing', async () => {
    const { store, provenance } = await indexedStore(SEEDS_DIR)
    const casualties = await evidenceAt(store, provenance, '002', 'The fighting reportedly resulted in hundreds of casualties')
    expect(casualties.origins.map((o) => o.label)).toContain('AFP')
    expect(casualties.origins.some((o) => o.label === 'anonymous')).toBe(false)
    const toll = await evidenceAt(store, provenance, '001', 'has resulted in more than 1,400 deaths', 'contradicts')
    expect(groupClaimEvidence([casualties, toll], [])).toHaveLength(2)
    await store.close()
  })

  it('keeps evidence of different origins apart, and lets the analyst join and split them', async () => {
    const { store, provenance } = await indexedStore(SEEDS_DIR)
    const national = await evidenceAt(store, provenance, '000', 'Israeli and Syrian officials will meet in the Azerbaijani capital of Baku on Thursday')
    const afp = await evidenceAt(store, provenance, '003', 'A Syrian-Israeli ministerial meeting is set to take place Thursday in Baku')
    const untraced = await evidenceAt(store, provenance, '004', 'A Syrian and an Israeli official are expected to meet in Baku')
    expect(national.origins.map((o) => o.label)).toEqual(['The National'])
    const evidence = [national, afp, untraced]
    expect(groupClaimEvidence(evidence, [])).toHaveLength(3)
    const joined = groupClaimEvidence(evidence, [{ id: 'o1', action: 'join', linkIds: [national.linkId, afp.linkId], reason: 'same briefing', createdAt: '' }])
    expect(joined.map((g) => [g.articles.length, g.overridden])).toEqual([
      [2, true],
      [1, false],
    ])
    const twelfth = [
      await evidenceAt(store, provenance, '001', 'Syrian and Israeli envoys had previously met in Baku on July 12'),
      await evidenceAt(store, provenance, '002', 'Shaibani and Dermer previously met in Baku on 12 July'),
    ]
    const split = groupClaimEvidence(twelfth, [{ id: 'o2', action: 'split', linkIds: [twelfth[1]!.linkId], reason: 'separate AFP desks', createdAt: '' }])
    expect(split).toHaveLength(2)
    await store.close()
  })
})

describe('passage reuse', () => {
  async function corpus(files: Record<string, string>) {
    const dir = await tempDir()
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(dir, path, '..'), { recursive: true })
      await writeFile(join(dir, path), text)
    }
    return indexedStore(dir)
  }
  const copied = 'The harbour authority said on Monday that forty-two cranes had been idle since the strike began three weeks ago.'
  const fillers: Record<string, string> = {
    Northern: 'Dockers gathered at the north gate before dawn.\nThe union will ballot its members again next month.',
    Metro: 'Traffic on the ring road was light for a weekday.\nA council spokeswoman declined to comment on the budget.',
    A: 'Ferry services ran to the islands as usual.',
    B: 'Two container ships anchored off the breakwater overnight.',
  }
  const filler = (topic: string) => fillers[topic] as string

  it('traces a sentence copied across outlets to the appearance another copy credits', async () => {
    const { store, provenance } = await corpus({
      'Northern Post/original.txt': `date 2025-03-02\nCranes idle\n${copied}\n${filler('Northern')}`,
      'Metro Daily/credited.txt': `date 2025-03-01\nPort news\nOfficials spoke to the press on Monday, according to the Northern Post. ${copied}\n${filler('Metro')}`,
      'Harbour Times/uncredited.txt': `Harbour latest\n${copied}\n${filler('A')}`,
    })
    const byOutlet = (outlet: string) => store.listArticles().find((a) => a.outlet === outlet)!
    const original = byOutlet('Northern Post')
    const uncredited = byOutlet('Harbour Times')
    expect(provenance.copiesOf(uncredited.id)).toHaveLength(1)
    expect(provenance.copiesOf(uncredited.id)[0]).toMatchObject({ root: { articleId: original.id }, isRoot: false, articles: 3 })
    expect(provenance.copiesOf(original.id)[0]).toMatchObject({ isRoot: true, root: null })
    const text = await store.readBody(uncredited)
    const start = text.indexOf('forty-two cranes')
    const traced = traceOrigins(provenance.context(), uncredited.id, { start, end: start + 16 })
    expect(traced.origins.map((o) => o.label)).toEqual(['Northern Post'])
    expect(traced.chain).toBe('Northern Post (copied without credit)')
    await store.close()
  })

  it('traces to the earliest dated appearance when none is credited, and to no root when dates do not decide', async () => {
    const dated = await corpus({
      'Northern Post/a.txt': `date 2025-03-02\nCranes idle\n${copied}\n${filler('Northern')}`,
      'Metro Daily/b.txt': `date 2025-03-01\nPort news\n${copied}\n${filler('Metro')}`,
    })
    const later = dated.store.listArticles().find((a) => a.outlet === 'Northern Post')!
    const earlier = dated.store.listArticles().find((a) => a.outlet === 'Metro Daily')!
    expect(dated.provenance.copiesOf(later.id)[0]?.root?.articleId).toBe(earlier.id)
    expect(dated.provenance.copiesOf(earlier.id)[0]?.isRoot).toBe(true)
    await dated.store.close()

    const undated = await corpus({
      'Northern Post/a.txt': `Cranes idle\n${copied}\n${filler('Northern')}`,
      'Metro Daily/b.txt': `Port news\n${copied}\n${filler('Metro')}`,
    })
    const [a, b] = undated.store.listArticles()
    const traceCopy = async (id: string) => {
      const text = await undated.store.readBody(undated.store.getArticle(id)!)
      const start = text.indexOf('forty-two')
      return { linkId: id, stance: 'supports' as const, articleId: id, ...traceOrigins(undated.provenance.context(), id, { start, end: start + 9 }) }
    }
    const evidence = [await traceCopy(a!.id), await traceCopy(b!.id)]
    expect(evidence.every((e) => e.origins[0]?.kind === 'copied-passage')).toBe(true)
    expect(groupClaimEvidence(evidence, [])).toHaveLength(1)
    await undated.store.close()
  })

  it('finds no reuse between one outlet articles, nor between rewrites of one story', async () => {
    const sameOutlet = await corpus({ 'Northern Post/a.txt': `One\n${copied}\n${filler('A')}`, 'Northern Post/b.txt': `Two\n${copied}\n${filler('B')}` })
    expect(sameOutlet.store.listArticles().every((a) => sameOutlet.provenance.copiesOf(a.id).length === 0)).toBe(true)
    await sameOutlet.store.close()
    const seeds = await indexedStore(SEEDS_DIR)
    // 002 and 003 are two rewrites of one AFP report: the sentences they share are found, and change
    // nothing, since both articles credit AFP, which comes first.
    const copies = seeds.store.listArticles().flatMap((a) => seeds.provenance.copiesOf(a.id).map((c) => ({ seed: a.paths[0]!.slice(-24, -21), ...c })))
    expect(new Set(copies.map((c) => c.seed))).toEqual(new Set(['002', '003']))
    expect(copies.every((c) => c.root === null && c.articles === 2)).toBe(true)
    await seeds.store.close()
  })
})

describe('passage reuse clustered in a worker thread', () => {
  it('finds the same copies as on this thread, and finds them on this thread when the worker fails', async () => {
    const { store, provenance } = await indexedStore(SEEDS_DIR)
    const articles = store.listArticles()
    const entryOf = (id: string) => provenance.runner.entry(id)
    const onThisThread = [...findPassageReuse(articles, entryOf)]
    expect(onThisThread.length).toBeGreaterThan(1)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    try {
      // minPassages 0: the seeds' few passages go to the worker all the same.
      const inWorker = await findPassageReuseInWorker(articles, entryOf, workerScriptBeside(__dirname, 'passage-reuse-worker'), 0)
      expect([...inWorker]).toEqual(onThisThread)
      expect(warn).not.toHaveBeenCalled()

      // Its sketches were handed to the worker: when it cannot start, they are gathered again here.
      const broken = await findPassageReuseInWorker(articles, entryOf, { file: join(await tempDir(), 'no-such-worker.js'), execArgv: [] }, 0)
      expect([...broken]).toEqual(onThisThread)
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("passage reuse's worker failed"))
    } finally {
      warn.mockRestore()
      await store.close()
    }
  })
})

describe('the index as the service holds it and as it is saved', () => {
  it("holds each article's passages in one typed array, saves them as index version 1 did, and traces the same after a reopen or in a worker", async () => {
    const { store, provenance } = await indexedStore(SEEDS_DIR)
    const saved = JSON.parse(await readFile(join(store.dir, 'derived-provenance.json'), 'utf8')) as {
      version: number
      entries: [string, string, { passages: StoredPassage[] }][]
    }
    expect(saved.version).toBe(1)
    const savedById = new Map(saved.entries.map(([id, , entry]) => [id, entry]))
    let passages = 0
    for (const article of store.listArticles()) {
      const entry = provenance.runner.entry(article.id)!
      expect(entry.passages).toBeInstanceOf(Uint32Array)
      const text = await store.readBody(article)
      // The sidecar keeps [start, end, shingles, sketch as base64 of little-endian uint32s], as before.
      const stored = savedById.get(article.id)!.passages
      expect(stored).toHaveLength(passageCount(entry))
      stored.forEach(([start, end, shingles, sketch], p) => {
        const at = p * PASSAGE_SLOTS
        expect([start, end, shingles]).toEqual([entry.passages[at + passageSlot.start], entry.passages[at + passageSlot.end], entry.passages[at + passageSlot.shingles]])
        const length = entry.passages[at + passageSlot.sketchLength]!
        expect([...decodeSketch(sketch)]).toEqual([...entry.passages.subarray(at + passageSlot.sketch, at + passageSlot.sketch + length)])
        expect(end).toBeLessThanOrEqual(text.length)
        expect(start).toBeLessThan(end)
      })
      passages += stored.length
    }
    expect(passages).toBeGreaterThan(20)
    const ids = store.listArticles().map((a) => a.id)
    const held = (index: ProvenanceIndex) =>
      ids.map((id) => ({ passages: [...index.runner.entry(id)!.passages], credits: index.creditsOf(id), copies: index.copiesOf(id) }))
    const before = held(provenance)
    expect(before.some((a) => a.copies.length > 0)).toBe(true)
    await store.close()

    // Reopened: read from the sidecar, nothing analysed again, the same entries, credits and copies.
    const reopened = await CorpusStore.open(store.dir)
    const again = new ProvenanceIndex(reopened, { workers: 0 })
    await again.runner.update()
    expect(again.runner.status()).toMatchObject({ state: 'idle', total: 0 })
    expect(held(again)).toEqual(before)
    await reopened.close()

    // Analysed in a worker thread (the typed arrays cross the thread), from nothing: the same.
    const fresh = await CorpusStore.open(await tempDir())
    await importFolder(fresh, SEEDS_DIR)
    const inWorker = new ProvenanceIndex(fresh, { workers: 1 })
    await inWorker.runner.update()
    expect(fresh.listArticles().map((a) => [...inWorker.runner.entry(a.id)!.passages])).toEqual(before.map((a) => a.passages))
    await fresh.close()
  })
})
