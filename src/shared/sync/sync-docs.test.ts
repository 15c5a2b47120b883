import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Article, Highlight } from '../model'
import { articleBody, articleWithEdits, docIdOf, highlightBody, highlightFromBody, parseDocId, sameBody, stableJson, winningLeaf } from './sync-docs'

const revArb = fc.tuple(fc.integer({ min: 1, max: 20 }), fc.stringMatching(/^[0-9a-f]{8}$/)).map(([pos, hash]) => `${pos}-${hash}`)
const leafArb = fc.record({ rev: revArb, deleted: fc.boolean() })

describe('the winning revision', () => {
  it('is the same whatever order the leaves come in, so every copy shows the same version', () => {
    fc.assert(
      fc.property(fc.uniqueArray(leafArb, { selector: (l) => l.rev, minLength: 1, maxLength: 8 }), fc.integer(), (leaves, seed) => {
        const shuffled = [...leaves].sort((a, b) => ((a.rev.charCodeAt(2) * seed) % 7) - ((b.rev.charCodeAt(2) * seed) % 7))
        expect(winningLeaf(shuffled)).toEqual(winningLeaf(leaves))
      }),
    )
  })

  it('prefers a live leaf to a tombstone, then the longer history, then the greater hash (as CouchDB does)', () => {
    expect(
      winningLeaf([
        { rev: '9-ff', deleted: true },
        { rev: '1-00', deleted: false },
      ])?.rev,
    ).toBe('1-00')
    expect(
      winningLeaf([
        { rev: '2-00', deleted: false },
        { rev: '10-00', deleted: false },
      ])?.rev,
    ).toBe('10-00')
    expect(
      winningLeaf([
        { rev: '3-abc', deleted: false },
        { rev: '3-abd', deleted: false },
      ])?.rev,
    ).toBe('3-abd')
    expect(winningLeaf([])).toBeNull()
  })
})

describe('records as documents', () => {
  it('names each kind in the id, and reads ids back; ids that are not ours are ignored', () => {
    expect(parseDocId(docIdOf('source', 'outlet:Reuters: world'))).toEqual({ kind: 'source', key: 'outlet:Reuters: world' })
    expect(parseDocId('_design/x')).toBeNull()
    expect(parseDocId('claim:')).toBeNull()
    expect(parseDocId('other:1')).toBeNull()
  })

  it('carries a highlight by its article’s text, not the local article id, and places it on the local copy', () => {
    const highlight: Highlight = {
      id: 'h_1',
      articleId: 'local-a',
      start: 4,
      end: 9,
      exact: 'quote',
      prefix: 'the ',
      suffix: ' here',
      orphaned: false,
      note: '',
      createdAt: 't',
    }
    const body = highlightBody(highlight, 'f'.repeat(64))
    expect(body.record).not.toHaveProperty('articleId')
    expect(body.contentHash).toBe('f'.repeat(64))
    expect(highlightFromBody(body, 'their-id')).toEqual({ ...highlight, articleId: 'their-id' })
  })

  it('shares only the article fields corrected by hand, and marks them corrected on the other side', () => {
    const article = { id: 'a', title: 'Fixed', outlet: 'X', date: null, author: null, url: null, edited: ['title'], contentHash: 'c' } as unknown as Article
    expect(articleBody({ ...article, edited: [] })).toBeNull()
    const body = articleBody(article)!
    expect(body.record).toEqual({ fields: { title: 'Fixed' }, edited: ['title'] })
    const theirs = { ...article, title: 'Old', outlet: 'Y', edited: ['outlet'] } as unknown as Article
    expect(articleWithEdits(theirs, body)).toMatchObject({ title: 'Fixed', outlet: 'Y', edited: ['outlet', 'title'] })
  })

  it('compares bodies whatever the order of their fields', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse())
        expect(stableJson({ kind: 'claim', record })).toBe(stableJson({ record: reversed, kind: 'claim' }))
        expect(sameBody({ kind: 'claim', record }, { kind: 'claim', record: reversed })).toBe(true)
      }),
    )
    expect(sameBody({ kind: 'claim', record: { text: 'a' } }, { kind: 'claim', record: { text: 'b' } })).toBe(false)
    expect(sameBody(null, { kind: 'claim', record: {} })).toBe(false)
  })
})
