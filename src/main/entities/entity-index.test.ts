import { cp, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportProject, mergeProject, PROJECT_VERSION } from '../exchange/project-file'
import { CorpusStore } from '../store/corpus-store'
import { createTriangulateService } from '../service/triangulate-service'
import { SAMPLE_CORPUS_DIR, SEEDS_DIR, tempDir } from '../test-support/temp-dir'
import { serviceWithImports } from '../test-support/seeded-service'
import { nameKey, variantKey } from '../../shared/entities/name-folding'
import { ENTITY_INDEX_FILE, ENTITY_INDEX_VERSION } from './entity-index'

const byVariant = async (service: Awaited<ReturnType<typeof serviceWithImports>>['service'], variant: string) => {
  const { entities } = await service.listEntities({})
  const found = entities.filter((e) => e.variants.includes(variant))
  expect(found, variant).toHaveLength(1)
  return found[0]!
}

describe('the entity index over a real store', () => {
  it('is built after the import, saved, and rebuilt when lost or outdated', async () => {
    const { store, service } = await serviceWithImports([SEEDS_DIR])
    await service.entityIndex.update()
    const sharaa = await byVariant(service, 'Sharaa')
    expect(sharaa.variants).toEqual(expect.arrayContaining(['Ahmed al-Sharaa', 'Ahmad al-Sharaa', 'Al Shara']))
    // On the shared derived-index runner: its sidecar, versioned, one entry per article.
    const saved = JSON.parse(await readFile(join(store.dir, ENTITY_INDEX_FILE), 'utf8'))
    expect(saved).toMatchObject({ name: 'entities', version: ENTITY_INDEX_VERSION })
    expect(saved.entries).toHaveLength(5)
    expect(service.derivedIndexes.names()).toContain('entities')
    const dir = store.dir
    await store.close()

    // Lost: rebuilt from the texts on the next open.
    await rm(join(dir, ENTITY_INDEX_FILE))
    const again = await CorpusStore.open(dir)
    const service2 = createTriangulateService({ store: again, sampleCorpusDir: SAMPLE_CORPUS_DIR })
    await service2.entityIndex.update()
    expect((await byVariant(service2, 'Sharaa')).id).toBe(sharaa.id)
    // Outdated (another extractor version): rebuilt too, not read.
    await writeFile(join(dir, ENTITY_INDEX_FILE), JSON.stringify({ ...saved, version: ENTITY_INDEX_VERSION - 1, entries: [] }))
    await again.close()
    const third = await CorpusStore.open(dir)
    const service3 = createTriangulateService({ store: third, sampleCorpusDir: SAMPLE_CORPUS_DIR })
    await service3.entityIndex.update()
    expect((await service3.listEntities({})).entities.length).toBeGreaterThan(10)
    expect(JSON.parse(await readFile(join(dir, ENTITY_INDEX_FILE), 'utf8')).version).toBe(ENTITY_INDEX_VERSION)
    await third.close()
  })

  it('getEntityMentions gives each article’s mentions at the right places; Sweida marks Suweida in another article', async () => {
    const { service } = await serviceWithImports([SEEDS_DIR])
    await service.entityIndex.update()
    const sweida = await byVariant(service, 'Sweida')
    expect(sweida.variants).toContain('Suweida')
    const { articles } = await service.getEntityMentions({ id: sweida.id })
    expect(articles).toHaveLength(4)
    let suweida = 0
    for (const { articleId, mentions } of articles) {
      const { text } = await service.getArticle({ id: articleId })
      for (const m of mentions) expect(text.slice(m.start, m.end)).toBe(m.surface)
      suweida += mentions.filter((m) => m.surface === 'Suweida').length
    }
    expect(suweida).toBe(2)
  })

  it('search: a query naming one variant finds the articles using the others', async () => {
    const { service } = await serviceWithImports([SEEDS_DIR])
    await service.entityIndex.update()
    const sweidaArticles = (await service.getEntityMentions({ id: (await byVariant(service, 'Sweida')).id })).articles.map((a) => a.articleId).sort()
    const hits = (await service.search({ query: 'Suweida' })).map((h) => h.articleId).sort()
    expect(hits).toEqual(sweidaArticles)
    // "Shara" (000's spelling) finds every article about al-Sharaa, which the search index alone does not.
    const sharaaArticles = (await service.getEntityMentions({ id: (await byVariant(service, 'Sharaa')).id })).articles.map((a) => a.articleId).sort()
    expect((await service.search({ query: 'Al Shara' })).map((h) => h.articleId).sort()).toEqual(sharaaArticles)
  })

  it('search expansion: every spelling of every entity expands as comparing it with each variant would, and follows a merge and its undo', async () => {
    const { service } = await serviceWithImports([SEEDS_DIR])
    await service.entityIndex.update()
    // The rule written plainly, each query compared with every entity's variants (what the keyed lookup stands in for).
    const compared = async (query: string) => {
      const key = variantKey(query)
      const folded = nameKey(query)
      if (folded === '') return []
      const matches = (await service.entities.current()).filter(
        (e) => e.entity.variants.some((v) => variantKey(v) === key || nameKey(v) === folded) || variantKey(e.entity.name) === key,
      )
      return [...new Set(matches.flatMap((e) => [e.entity.name, ...e.entity.variants]))].filter((v) => variantKey(v) !== key)
    }
    const { entities } = await service.listEntities({})
    const queries = [...new Set(entities.flatMap((e) => [e.name, ...e.variants, e.name.toUpperCase(), e.name.split(' ').at(-1)!]))]
    expect(queries.length).toBeGreaterThan(50)
    for (const query of [...queries, 'Suweida', 'al shara', 'growth', '', '  '])
      expect(await service.entities.variantsOfQuery(query), query).toEqual(await compared(query))
    expect(await service.entities.variantsOfQuery('Sweida')).toContain('Suweida')

    // A merge changes the entity list: the expansion follows it, and its undo.
    const sharaa = await byVariant(service, 'Sharaa')
    const dermer = await byVariant(service, 'Dermer')
    expect(await service.entities.variantsOfQuery('Dermer')).not.toContain('Sharaa')
    await service.editEntity({ edit: { kind: 'merge', intoId: sharaa.id, fromId: dermer.id } })
    expect(await service.entities.variantsOfQuery('Dermer')).toContain('Sharaa')
    expect((await service.search({ query: 'Dermer' })).length).toBeGreaterThanOrEqual((await service.search({ query: 'Sharaa' })).length)
    await service.undo({})
    expect(await service.entities.variantsOfQuery('Dermer')).not.toContain('Sharaa')
  })

  it('analyst decisions persist, survive re-import and new imports, are undoable, and travel in the project file', async () => {
    const dir = await tempDir()
    const seeds = join(dir, 'seeds')
    await cp(SEEDS_DIR, seeds, { recursive: true })
    for (const f of ['003_294d29dc38c97652.txt']) await rm(join(seeds, f))
    const storeDir = join(dir, 'store')
    const { store, service } = await serviceWithImports([seeds], storeDir)
    await service.entityIndex.update()
    const sharaa = await byVariant(service, 'Sharaa')
    const dermer = await byVariant(service, 'Dermer')
    // Merge (a deliberate odd one, so the test sees it), rename, and delete a false positive.
    const merged = await service.editEntity({ edit: { kind: 'merge', intoId: sharaa.id, fromId: dermer.id } })
    expect(merged.label).toMatch(/Merge Ron Dermer into/)
    await service.editEntity({ edit: { kind: 'rename', id: sharaa.id, name: 'Ahmed al-Sharaa (president)' } })
    const jordan = await byVariant(service, 'Jordan')
    await service.editEntity({ edit: { kind: 'delete', id: jordan.id } })
    const check = async (svc: typeof service) => {
      const e = (await svc.listEntities({})).entities.find((x) => x.id === sharaa.id)!
      expect(e.name).toBe('Ahmed al-Sharaa (president)')
      expect(e.variants).toEqual(expect.arrayContaining(['Ron Dermer', 'Sharaa']))
      expect((await svc.listEntities({})).entities.some((x) => x.variants.includes('Jordan'))).toBe(false)
      return e
    }
    await check(service)
    await store.close()

    // Reopen; re-import the same folder (nothing new), then a new article (003 spells "Ahmed al-Sharaa", "Shaibani", "Dermer").
    const reopened = await CorpusStore.open(storeDir)
    const service2 = createTriangulateService({ store: reopened, sampleCorpusDir: SAMPLE_CORPUS_DIR })
    await service2.startImport({ path: seeds })
    await service2.importJobs.idle()
    await service2.entityIndex.update()
    await check(service2)
    // A changed file (a correction put at its top): its article's text and offsets change, its
    // entities are extracted again, and the decisions still hold, with every mention in place.
    const changed = join(seeds, '001_7ad6860da79ed895.txt')
    await writeFile(changed, `Correction: an earlier version of this report misspelled a name.\n\n${await readFile(changed, 'utf8')}`)
    await service2.startImport({ path: seeds })
    await service2.importJobs.idle()
    await service2.entityIndex.update()
    const before = await check(service2)
    for (const { articleId, mentions } of (await service2.getEntityMentions({ id: sharaa.id })).articles) {
      const { text } = await service2.getArticle({ id: articleId })
      // The span is the text as written; the surface leaves out an editor's bracket ("[… Ahmad] Al Shara").
      for (const m of mentions) expect(text.slice(m.start, m.end).replace('] ', ' ')).toBe(m.surface)
    }
    await cp(join(SEEDS_DIR, '003_294d29dc38c97652.txt'), join(seeds, '003_294d29dc38c97652.txt'))
    await service2.startImport({ path: seeds })
    await service2.importJobs.idle()
    await service2.entityIndex.update()
    const after = await check(service2)
    expect(after.articles).toBe(before.articles + 1)

    // A decision is a command of the service's history: undone and redone through it.
    await service2.editEntity({ edit: { kind: 'retype', id: sharaa.id, type: 'organisation' } })
    expect((await service2.getHistory({})).undoLabel).toMatch(/^Make .* an organisation$/)
    await service2.undo({})
    expect((await service2.listEntities({})).entities.find((x) => x.id === sharaa.id)!.type).toBe('person')
    await service2.redo({})
    expect((await service2.listEntities({})).entities.find((x) => x.id === sharaa.id)!.type).toBe('organisation')
    await service2.undo({})

    // The project file carries the decisions into another store.
    const project = JSON.parse(JSON.stringify(await exportProject(reopened, { includeTexts: true })))
    expect(project.version).toBe(PROJECT_VERSION)
    const other = await CorpusStore.open(await tempDir())
    const report = await mergeProject(other, project)
    expect(report.added.entity).toBe(reopened.entityDecisions.length)
    const service3 = createTriangulateService({ store: other, sampleCorpusDir: SAMPLE_CORPUS_DIR })
    await service3.entityIndex.update()
    await check(service3)
    await other.close()
    await reopened.close()
  })
})
