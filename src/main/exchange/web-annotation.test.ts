// The W3C annotations export against the W3C Web Annotation test suite's own MUST assertions
// (JSON Schema draft-04, vendored in ./w3c-web-annotation-tests with a note on where they came
// from), checked as the suite's harness checks them: every assertion expects `valid`. The export is
// also read by Python's strict json module (no lone surrogate anywhere).

import { readdirSync, readFileSync, statSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import Ajv from 'ajv-draft-04'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { readJsonWithPython } from '../test-support/python-readers'
import { serviceWithImports } from '../test-support/seeded-service'
import { tempDir } from '../test-support/temp-dir'

const SUITE = join(__dirname, 'w3c-web-annotation-tests')

type Assertion = { id: string; errorMessage: string }

/** Every schema of the vendored suite, registered under its own id (as its $refs name them). */
function suiteValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false })
  addFormats(ajv)
  const files: string[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (name.endsWith('.json')) files.push(path)
    }
  }
  walk(SUITE)
  for (const file of files) ajv.addSchema(JSON.parse(readFileSync(file, 'utf8')))
  /** The assertions one MUST test lists, each as [file, validate]. */
  const mustTest = (testFile: string) => {
    const test = JSON.parse(readFileSync(join(SUITE, testFile), 'utf8')) as { assertions: string[] }
    return test.assertions.map((path) => {
      const schema = JSON.parse(readFileSync(join(SUITE, path), 'utf8')) as Assertion
      return { path, message: schema.errorMessage, validate: ajv.getSchema(schema.id)! }
    })
  }
  return { ajv, mustTest, schemaCount: files.length }
}

function failures(assertions: ReturnType<ReturnType<typeof suiteValidator>['mustTest']>, value: unknown): string[] {
  return assertions.filter((a) => !a.validate(value)).map((a) => `${a.path}: ${a.message} ${JSON.stringify(a.validate.errors?.slice(0, 2))}`)
}

describe('W3C annotations export and the W3C test suite', () => {
  it('passes every MUST assertion for the collection, its page and each annotation', async () => {
    const { store, service, highlight } = await serviceWithImports()
    const claim = await service.createClaim({ text: 'Over 1,400 people died', tags: ['toll'] })
    const other = await service.createClaim({ text: 'Talks were held in Baku' })
    const h1 = await highlight('more than 1,400 deaths')
    const h2 = await highlight('killed over 1400 people')
    await service.linkEvidence({ claimId: claim.id, highlightId: h1.id, stance: 'supports' })
    await service.linkEvidence({ claimId: other.id, highlightId: h1.id, stance: 'context' })
    await service.linkEvidence({ claimId: claim.id, highlightId: h2.id, stance: 'contradicts' })
    await highlight('hundreds of casualties') // a highlight without a claim: motivation highlighting
    const { content } = await service.exportWebAnnotations({})
    await store.close()

    const dir = await tempDir()
    const file = join(dir, 'annotations.jsonld')
    await writeFile(file, content)
    const doc = (await readJsonWithPython(file)) as { id: string; first: { id: string; items: { motivation: string; body?: unknown }[] }; total: number }

    const { mustTest, schemaCount } = suiteValidator()
    expect(schemaCount).toBeGreaterThan(80)
    const collectionMusts = mustTest('collections/collectionMusts.test')
    const pageMusts = mustTest('collections/pages/pageMusts.test')
    const annotationMusts = mustTest('annotations/annotationMusts.test')
    expect([collectionMusts.length, pageMusts.length, annotationMusts.length]).toEqual([10, 15, 54])

    expect(failures(collectionMusts, doc)).toEqual([])
    expect(failures(pageMusts, doc)).toEqual([])
    expect(doc.first.id).toMatch(/^urn:triangulate:export:.+:page:1$/)
    expect(doc.first.items).toHaveLength(doc.total)
    expect(doc.first.items.map((i) => i.motivation).sort()).toEqual(['highlighting', 'linking', 'linking', 'linking', 'tagging', 'tagging'])
    for (const annotation of doc.first.items) expect(failures(annotationMusts, { '@context': 'http://www.w3.org/ns/anno.jsonld', ...annotation })).toEqual([])
  })

  it('would catch what the suite refuses: a page without an id, a tagging body with one', () => {
    const { mustTest } = suiteValidator()
    const item = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'urn:triangulate:highlight:h1',
      type: 'Annotation',
      motivation: 'tagging',
      body: [{ type: 'TextualBody', purpose: 'tagging', value: 'A claim', id: 'urn:triangulate:claim:c1' }],
      target: 'urn:triangulate:article:a1',
    }
    expect(failures(mustTest('annotations/annotationMusts.test'), item).length).toBeGreaterThan(0)
    const collection = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'urn:x:c',
      type: 'AnnotationCollection',
      total: 1,
      first: { type: 'AnnotationPage', startIndex: 0, items: [] },
    }
    expect(failures(mustTest('collections/pages/pageMusts.test'), collection).length).toBeGreaterThan(0)
    expect(relative(__dirname, SUITE)).toBe('w3c-web-annotation-tests')
  })
})
