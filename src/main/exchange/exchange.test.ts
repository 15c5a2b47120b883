import { readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import Ajv2020 from 'ajv/dist/2020'
import { describe, expect, it } from 'vitest'
import type { MergeReport } from '../../shared/model'
import { createTriangulateService } from '../service/triangulate-service'
import { projectJsonSchema } from './project-file'
import { CorpusStore } from '../store/corpus-store'
import { serviceWithImports } from '../test-support/seeded-service'
import { SAMPLE_CORPUS_DIR, tempDir } from '../test-support/temp-dir'

/** An analyst's store: the seeds imported, one claim with evidence from two articles. */
async function analyst(claimText: string) {
  const { store, service, highlight } = await serviceWithImports()
  const claim = await service.createClaim({ text: claimText })
  return { store, service, highlight, claim }
}

describe('project files', () => {
  it('validate against the published JSON Schema, which matches the reader’s own schema', async () => {
    const published = JSON.parse(await readFile(resolve(__dirname, '../../../docs/project-file.schema.json'), 'utf8'))
    expect(published, 'docs/project-file.schema.json is out of date: run npm run schema').toEqual(projectJsonSchema())

    const a = await analyst('Talks took place in Baku')
    const h = await a.highlight('Azerbaijani capital')
    await a.service.linkEvidence({ claimId: a.claim.id, highlightId: h.id, stance: 'supports' })
    await a.service.gradeSource({ sourceKey: 'outlet:mntv', reliability: 'B' })
    const validate = new Ajv2020({ strict: false }).compile(published)
    for (const includeTexts of [true, false]) {
      const project = JSON.parse((await a.service.exportProject({ includeTexts })).content)
      expect(validate(project), JSON.stringify(validate.errors)).toBe(true)
      expect(project.highlights[0].exact).toBe('Azerbaijani capital')
    }
    const broken = JSON.parse((await a.service.exportProject({ includeTexts: false })).content)
    broken.links[0].stance = 'maybe'
    expect(validate(broken)).toBe(false)
  })

  it('round-trip: merging another analyst’s export adds their work, twice changes nothing, differences are conflicts', async () => {
    const a = await analyst('The toll exceeds 1,400')
    const hA = await a.highlight('more than 1,400 deaths')
    await a.service.linkEvidence({ claimId: a.claim.id, highlightId: hA.id, stance: 'supports' })
    await a.service.updateClaim({ id: a.claim.id, note: 'Sweida – تقرير\nsecond line' })

    const b = await analyst('Ministers met in Baku')
    const hB = await b.highlight('killed over 1400 people')
    await b.service.linkEvidence({ claimId: b.claim.id, highlightId: hB.id, stance: 'supports' })

    const exported = await a.service.exportProject({ includeTexts: false })
    const file = join(await tempDir(), exported.fileName)
    await writeFile(file, exported.content)

    const first: MergeReport = await b.service.importProject({ path: file })
    expect(first.added).toMatchObject({ article: 0, highlight: 1, claim: 1, link: 1 })
    expect(first.conflicts).toEqual([])
    expect(first.unchanged).toBe(5) // the five seed articles, the same on both sides
    const board = b.service.claimCards()
    expect(board.map((c) => c.claim.text).sort()).toEqual(['Ministers met in Baku', 'The toll exceeds 1,400'])
    expect(board.find((c) => c.claim.id === a.claim.id)?.claim.note).toBe('Sweida – تقرير\nsecond line')

    const again = await b.service.importProject({ path: file })
    expect(again.added).toMatchObject({ article: 0, highlight: 0, claim: 0, link: 0 })
    expect(again.conflicts).toEqual([])

    // Analyst A rewords the claim; B's copy differs now: a conflict with both versions, nothing overwritten.
    await a.service.updateClaim({ id: a.claim.id, text: 'The toll exceeds 1,400 (SOHR)' })
    await writeFile(file, (await a.service.exportProject({ includeTexts: false })).content)
    const third = await b.service.importProject({ path: file })
    expect(third.conflicts).toHaveLength(1)
    expect(third.conflicts[0]).toMatchObject({
      kind: 'claim',
      id: a.claim.id,
      local: { text: 'The toll exceeds 1,400' },
      incoming: { text: 'The toll exceeds 1,400 (SOHR)' },
    })
    expect(b.service.claimCards().find((c) => c.claim.id === a.claim.id)?.claim.text).toBe('The toll exceeds 1,400')
    await b.service.takeIncoming({ kind: 'claim', id: a.claim.id, incoming: third.conflicts[0]!.incoming })
    expect(b.service.claimCards().find((c) => c.claim.id === a.claim.id)?.claim.text).toBe('The toll exceeds 1,400 (SOHR)')
  })

  it('brings article texts along when included, and refuses files that are not projects', async () => {
    const a = await analyst('x')
    const exported = await a.service.exportProject({ includeTexts: true })
    const file = join(await tempDir(), 'p.json')
    await writeFile(file, exported.content)
    const empty = await CorpusStore.open(await tempDir())
    const service = createTriangulateService({ store: empty, sampleCorpusDir: SAMPLE_CORPUS_DIR })
    const report = await service.importProject({ path: file })
    expect(report.added.article).toBe(5)
    expect((await service.search({ query: 'Dermer' })).length).toBeGreaterThan(0)

    await writeFile(file, '{"hello": 1}')
    await expect(service.importProject({ path: file })).rejects.toThrow(/not a Triangulate project file/)
    await expect(service.importProject({ path: join(file, 'missing') })).rejects.toThrow(/Cannot read the project file/)
  })
})

describe('W3C Web Annotations', () => {
  it('exports highlights with quote and position selectors, claims as bodies, links as linking annotations', async () => {
    const a = await analyst('The toll exceeds 1,400')
    const h = await a.highlight('more than 1,400 deaths')
    await a.service.linkEvidence({ claimId: a.claim.id, highlightId: h.id, stance: 'contradicts' })
    const { content } = await a.service.exportWebAnnotations({})
    const doc = JSON.parse(content)
    expect(doc['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld')
    expect(doc.type).toBe('AnnotationCollection')
    const [annotation, link] = doc.first.items
    expect(annotation).toMatchObject({
      type: 'Annotation',
      motivation: 'tagging',
      body: [{ type: 'TextualBody', purpose: 'tagging', value: 'The toll exceeds 1,400' }],
      target: {
        source: `urn:triangulate:article:${h.articleId}`,
        selector: [
          { type: 'TextQuoteSelector', exact: 'more than 1,400 deaths', prefix: h.prefix, suffix: h.suffix },
          { type: 'TextPositionSelector', start: h.start, end: h.end },
        ],
      },
    })
    expect(link).toMatchObject({
      motivation: 'linking',
      body: `urn:triangulate:claim:${a.claim.id}`,
      target: `urn:triangulate:highlight:${h.id}`,
      'triangulate:stance': 'contradicts',
    })
  })
})

describe('W3C Web Annotation positions', () => {
  it('count Unicode code points, as the model specifies, so an astral character counts once', async () => {
    const folder = await tempDir()
    await writeFile(join(folder, 'astral.txt'), 'Emoji wire\nThe 😀 crowd cheered 𝄞 loudly.\n')
    const store = await CorpusStore.open(await tempDir())
    const service = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
    await service.startImport({ path: folder })
    await service.importJobs.idle()
    const [article] = (await service.listArticles({})).articles
    const { text } = await service.getArticle({ id: article!.id })
    const start = text.indexOf('cheered 𝄞 loudly')
    const h = await service.createHighlight({ articleId: article!.id, start, end: start + 'cheered 𝄞 loudly'.length })

    const doc = JSON.parse((await service.exportWebAnnotations({})).content)
    expect(doc['triangulate:positionUnit']).toBe('unicode-code-points')
    const position = doc.first.items[0].target.selector.find((s: { type: string }) => s.type === 'TextPositionSelector')
    expect(position.start).toBe(h.start - 1) // the emoji before it is two code units, one code point
    expect([...text].slice(position.start, position.end).join('')).toBe('cheered 𝄞 loudly')
  })
})
