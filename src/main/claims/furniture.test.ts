// Page furniture stays out (DECISIONS.md section 2): the ranges boilerplate detection marks are
// skipped by suggestions, search and word counts, and only those ranges: seed 004's " date
// 2025-07-12" prefix goes, the lede on the same line stays.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { withoutFurniture } from '../../shared/boilerplate/article-content'
import { detectBoilerplate } from '../../shared/boilerplate/detect-boilerplate'
import { countWords } from '../import/article-metadata'
import { createTriangulateService } from '../service/triangulate-service'
import { CorpusStore } from '../store/corpus-store'
import { SAMPLE_CORPUS_DIR, SEEDS_DIR, tempDir } from '../test-support/temp-dir'

async function seeded() {
  const store = await CorpusStore.open(await tempDir())
  const service = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
  await service.startImport({ path: SEEDS_DIR })
  await service.importJobs.idle()
  const bySeed = (n: string) => store.listArticles().find((a) => a.paths.some((p) => p.includes(`/${n}_`)))!
  return { store, service, bySeed }
}

describe('page furniture', () => {
  it('is blanked range by range: same length, everything outside the ranges unchanged', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.array(fc.nat(200), { maxLength: 8 }), (text, cuts) => {
        const points = [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((a, b) => a - b)
        const ranges = []
        for (let i = 0; i + 1 < points.length; i += 2) ranges.push({ start: points[i]!, end: points[i + 1]! })
        const out = withoutFurniture(text, ranges)
        expect(out).toHaveLength(text.length)
        for (let i = 0; i < text.length; i++) {
          const inside = ranges.some((r) => i >= r.start && i < r.end)
          expect(out[i]).toBe(inside && text[i] !== '\n' ? ' ' : text[i])
        }
      }),
    )
  })

  it('is left out of word counts, search and suggested matches, and only the marked ranges are', async () => {
    const { store, service, bySeed } = await seeded()
    // 002 carries a long block of teasers and prompts: its count is its own report's (~420 words).
    const junky = bySeed('002')
    const text002 = await store.readBody(junky)
    expect(countWords(text002)).toBeGreaterThan(800)
    expect(junky.wordCount).toBeGreaterThan(350)
    expect(junky.wordCount).toBeLessThan(500)
    // "Pentagon" appears in 002 only inside a collapsed teaser.
    expect(text002).toContain('Pentagon')
    expect(await service.search({ query: 'Pentagon' })).toEqual([])

    // A Baku-meeting highlight: 004's lede is offered without its date prefix, and nothing offered
    // overlaps furniture.
    const from003 = bySeed('003')
    const text003 = await store.readBody(from003)
    const phrase = 'Syrian and Israeli officials had met in Baku on July 12'
    const start = text003.indexOf(phrase)
    const highlight = await service.createHighlight({ articleId: from003.id, start, end: start + phrase.length })
    const suggestions = await service.suggestMatches({ highlightId: highlight.id, limit: 20 })
    expect(suggestions.length).toBeGreaterThan(3)
    for (const s of suggestions) {
      const text = await store.readBody(store.getArticle(s.articleId)!)
      expect(text.slice(s.start, s.end)).toBe(s.text)
      for (const r of detectBoilerplate(text)) expect(s.end <= r.start || s.start >= r.end, `${s.text} overlaps ${r.kind}`).toBe(true)
    }
    const lede004 = suggestions.find((s) => s.articleId === bySeed('004').id && s.start < 40)
    expect(lede004?.text).toMatch(/^A Syrian and an Israeli official are expected to meet in Baku/)
    expect(suggestions.map((s) => s.text)).toContainEqual(expect.stringMatching(/^Syrian and Israeli officials conducted a face-to-face meeting in Baku/))
    await store.close()
  })
})
