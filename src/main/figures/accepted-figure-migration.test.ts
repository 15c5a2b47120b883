// The store migration of issue 20: claims of an older store gain an empty accepted figure, and the
// file is written back at the current version.

import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ANNOTATIONS_FILE, CorpusStore, LIBRARY_FILE } from '../store/corpus-store'
import { STORE_SCHEMA_VERSION } from '../store/store-schema'
import { tempDir } from '../test-support/temp-dir'

describe('store migration: accepted figures', () => {
  it('gives every claim of a version-5 store no accepted figure', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, LIBRARY_FILE), JSON.stringify({ schemaVersion: 5, articles: [] }))
    const claim = { id: 'c1', text: 'A claim', tags: [], note: '', statusOverride: null, createdAt: '', updatedAt: '' }
    await writeFile(join(dir, ANNOTATIONS_FILE), JSON.stringify({ schemaVersion: 5, highlights: [], claims: [claim], links: [], sources: [] }))
    const store = await CorpusStore.open(dir)
    expect(store.claims[0]).toMatchObject({ id: 'c1', acceptedFigure: null })
    await store.close()
    const saved = JSON.parse(await readFile(join(dir, ANNOTATIONS_FILE), 'utf8'))
    expect(saved.schemaVersion).toBe(STORE_SCHEMA_VERSION)
    expect(saved.claims[0].acceptedFigure).toBeNull()
  })
})
