// One tag model (DECISIONS.md section 5): tags belong to claims. An older store's highlight tags are
// moved onto their claims by the store migration, an older project file's when it is read, and a
// selection tagged to a claim puts the typed tags on the claim.

import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseProject, PROJECT_FORMAT } from '../exchange/project-file'
import { CorpusStore } from '../store/corpus-store'
import { STORE_SCHEMA_VERSION } from '../store/store-schema'
import { tempDir } from '../test-support/temp-dir'

const AT = '2025-07-20T10:00:00.000Z'
const highlight = (id: string, tags: string[], note = '') => ({
  id,
  articleId: 'a1',
  start: 0,
  end: 4,
  exact: 'Baku',
  prefix: '',
  suffix: '',
  orphaned: false,
  tags,
  note,
  createdAt: AT,
})
const claim = (id: string, tags: string[]) => ({ id, text: `claim ${id}`, tags, note: '', statusOverride: null, createdAt: AT, updatedAt: AT })
const link = (id: string, claimId: string, highlightId: string) => ({ id, claimId, highlightId, stance: 'supports', credibility: null, note: '', createdAt: AT })

/** Records as version 8 stored them: tags on highlights. */
const OLD_RECORDS = {
  highlights: [highlight('h1', ['venue', 'baku']), highlight('h2', ['loose'], 'check this'), highlight('h3', [])],
  claims: [claim('c1', ['meeting']), claim('c2', ['venue']), claim('c3', [])],
  links: [link('l1', 'c1', 'h1'), link('l2', 'c2', 'h1'), link('l3', 'c3', 'h3')],
}

describe('tags belong to claims', () => {
  it('the store migration moves highlight tags onto their claims, and keeps a claimless highlight’s in its note', async () => {
    const dir = await tempDir()
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, 'library.json'), JSON.stringify({ schemaVersion: 8, articles: [] }))
    await writeFile(join(dir, 'annotations.json'), JSON.stringify({ schemaVersion: 8, ...OLD_RECORDS, sources: [] }))
    const store = await CorpusStore.open(dir)
    expect(STORE_SCHEMA_VERSION).toBeGreaterThan(8)
    expect(store.notices.join('\n')).toMatch(`Upgraded annotations.json from store version 8 to ${STORE_SCHEMA_VERSION}`)
    expect(Object.fromEntries(store.claims.map((c) => [c.id, c.tags]))).toEqual({ c1: ['meeting', 'venue', 'baku'], c2: ['venue', 'baku'], c3: [] })
    expect(store.highlights.map((h) => Object.keys(h).includes('tags'))).toEqual([false, false, false])
    expect(Object.fromEntries(store.highlights.map((h) => [h.id, h.note]))).toEqual({ h1: '', h2: 'check this\nTags: loose', h3: '' })
    await store.close()
    // Written back in the new shape: a second open migrates nothing.
    const again = await CorpusStore.open(dir)
    expect(again.notices).toEqual([])
    expect(again.claims.find((c) => c.id === 'c1')?.tags).toEqual(['meeting', 'venue', 'baku'])
    await again.close()
  })

  it('changes left in an older store’s journal by a crash are folded in before the migration, so their highlight tags reach the claims', async () => {
    const dir = await tempDir()
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, 'library.json'), JSON.stringify({ schemaVersion: 8, articles: [] }))
    await writeFile(join(dir, 'annotations.json'), JSON.stringify({ schemaVersion: 8, ...OLD_RECORDS, sources: [] }))
    const line = (change: object): string => `${JSON.stringify({ v: 8, del: {}, ...change })}\n`
    await writeFile(
      join(dir, 'annotations.journal'),
      line({ put: { highlights: [highlight('h4', ['journal-tag'])], claims: [claim('c4', [])] } }) +
        line({ put: { links: [link('l4', 'c4', 'h4')] } }) +
        line({ put: {}, del: { claims: ['c3'], links: ['l3'] } }),
    )
    const store = await CorpusStore.open(dir)
    expect(store.claims.find((c) => c.id === 'c4')?.tags).toEqual(['journal-tag'])
    expect(store.claims.some((c) => c.id === 'c3')).toBe(false)
    expect(store.highlights.find((h) => h.id === 'h4')).toBeDefined()
    expect(store.notices.join('\n')).not.toMatch(/damaged/)
    await store.close()
    const again = await CorpusStore.open(dir)
    expect(again.notices).toEqual([])
    expect(again.claims.find((c) => c.id === 'c4')?.tags).toEqual(['journal-tag'])
    await again.close()
  })

  it('reads a version 4 project file with its highlight tags on the claims', () => {
    const project = parseProject(JSON.stringify({ format: PROJECT_FORMAT, version: 4, exportedAt: AT, articles: [], ...OLD_RECORDS, sources: [] }))
    expect(project.claims.map((c) => c.tags)).toEqual([['meeting', 'venue', 'baku'], ['venue', 'baku'], []])
    expect(project.highlights.find((h) => h.id === 'h2')?.note).toBe('check this\nTags: loose')
  })
})
