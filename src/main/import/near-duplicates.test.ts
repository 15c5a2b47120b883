import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SEEDS_DIR } from '../test-support/temp-dir'
import {
  areNearDuplicates,
  createNearDuplicateIndex,
  DEFAULT_NEAR_DUPLICATE_THRESHOLD,
  nearDuplicateEntry,
  nearDuplicateSimilarity,
  restoreNearDuplicateIndex,
} from './near-duplicates'

const seeds = readdirSync(SEEDS_DIR)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => readFileSync(join(SEEDS_DIR, name), 'utf8'))

const seed = (i: number) => seeds[i] as string

/** Lines a syndicating site adds, of no kind detectBoilerplate knows: they must be outweighed, not removed. */
const JUNK_LINES = [
  'This article was republished from our partner agency under a content-sharing agreement.',
  'Our reporters in the region contributed to this story from several cities across the area.',
  'Copyright remains with the original publisher and all reproduction rights are reserved here.',
  'Follow our live coverage page for continuing updates throughout the day and into the evening.',
  'Corrections policy: readers can contact the standards editor about any error they notice.',
]

/** The text with every n-th word replaced: an editor's light touch when n is large. */
function editEvery(text: string, n: number): string {
  let count = 0
  return text.replace(/\p{L}+/gu, (word) => (++count % n === 0 ? `edited${count}` : word))
}

describe('nearDuplicateSimilarity', () => {
  it('finds a copy with five junk lines added similar', () => {
    for (const text of seeds) {
      const copy = `${text}\n${JUNK_LINES.join('\n')}`
      expect(nearDuplicateSimilarity(text, copy)).toBeGreaterThanOrEqual(0.8)
      expect(areNearDuplicates(copy, text)).toBe(true)
    }
  })

  it('finds a lightly edited version similar: a word in forty changed', () => {
    for (const text of seeds) expect(nearDuplicateSimilarity(text, editEvery(text, 40))).toBeGreaterThanOrEqual(0.8)
  })

  it('finds syndicated copies similar whatever teasers each site appends (those lines are set aside)', () => {
    const tail002 = seed(2).split('\n').slice(9).join('\n') // seed 002's teasers and comment prompt
    const syndicated = `${seed(3)}\n${tail002}`
    expect(nearDuplicateSimilarity(seed(3), syndicated)).toBe(1)
  })

  it('keeps different reports of the same story apart, though they share many words', () => {
    for (let i = 0; i < seeds.length; i++) {
      for (let j = i + 1; j < seeds.length; j++) {
        const similarity = nearDuplicateSimilarity(seed(i), seed(j))
        expect({ i, j, similarity: similarity < 0.3 }).toEqual({ i, j, similarity: true })
        expect(areNearDuplicates(seed(i), seed(j))).toBe(false)
      }
    }
  })

  it('scores 1 for the same text, 0 for nothing in common, and is symmetric', () => {
    fc.assert(
      fc.property(fc.nat(seeds.length - 1), fc.nat(seeds.length - 1), fc.integer({ min: 2, max: 60 }), (a, b, n) => {
        const x = seed(a)
        const y = editEvery(seed(b), n)
        expect(nearDuplicateSimilarity(x, x)).toBe(1)
        expect(nearDuplicateSimilarity(x, y)).toBe(nearDuplicateSimilarity(y, x))
        const s = nearDuplicateSimilarity(x, y)
        expect(s).toBeGreaterThanOrEqual(0)
        expect(s).toBeLessThanOrEqual(1)
      }),
      { numRuns: 50 },
    )
    expect(nearDuplicateSimilarity('alpha beta gamma delta', 'one two three four')).toBe(0)
  })

  it('falls as more of the text is edited', () => {
    for (const text of seeds) {
      const scores = [40, 20, 10, 5, 3, 2].map((n) => nearDuplicateSimilarity(text, editEvery(text, n)))
      for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeLessThanOrEqual(scores[i - 1] as number)
      expect(scores[scores.length - 1]).toBeLessThan(0.1)
    }
  })

  it('does not call a one-line text a copy of a long article that contains the line', () => {
    const line = seed(0).split('\n')[1] as string
    expect(areNearDuplicates(line, seed(0))).toBe(false)
  })
})

describe('createNearDuplicateIndex', () => {
  function seededIndex() {
    const index = createNearDuplicateIndex()
    seeds.forEach((text, i) => index.add(`seed-${i}`, text))
    return index
  }

  it('finds the copies of a new article and only them, best first', () => {
    const index = seededIndex()
    index.add('copy-of-1', `${seed(1)}\n${JUNK_LINES.join('\n')}`)
    const found = index.findSimilar(editEvery(seed(1), 40))
    expect(found.map((f) => f.id).sort()).toEqual(['copy-of-1', 'seed-1'])
    expect(found[0]!.similarity).toBeGreaterThanOrEqual(found[1]!.similarity)
    for (const f of found) expect(f.similarity).toBeGreaterThanOrEqual(DEFAULT_NEAR_DUPLICATE_THRESHOLD)
  })

  it('finds nothing for a different report of the same story', () => {
    const index = seededIndex()
    for (let i = 0; i < seeds.length; i++) {
      index.remove(`seed-${i}`)
      expect(index.findSimilar(seed(i))).toEqual([])
      index.add(`seed-${i}`, seed(i))
    }
  })

  it('estimates the exact similarity closely', () => {
    const index = seededIndex()
    for (let i = 0; i < seeds.length; i++) {
      for (const n of [40, 15, 8]) {
        const edited = editEvery(seed(i), n)
        const exact = nearDuplicateSimilarity(seed(i), edited)
        const estimate = index.findSimilar(edited).find((f) => f.id === `seed-${i}`)
        if (exact >= 0.9) expect(estimate).toBeDefined()
        if (estimate) expect(Math.abs(estimate.similarity - exact)).toBeLessThan(0.12)
      }
    }
  })

  it('replaces an article added again under its id, and forgets a removed one', () => {
    const index = seededIndex()
    index.add('seed-0', seed(1))
    expect(index.size).toBe(seeds.length)
    expect(index.findSimilar(seed(0))).toEqual([])
    expect(
      index
        .findSimilar(seed(1))
        .map((f) => f.id)
        .sort(),
    ).toEqual(['seed-0', 'seed-1'])
    index.remove('seed-1')
    index.remove('never-added')
    expect(index.findSimilar(seed(1)).map((f) => f.id)).toEqual(['seed-0'])
  })

  it('indexes texts without words, which match nothing', () => {
    const index = createNearDuplicateIndex()
    index.add('empty', ' \n — \n')
    expect(index.size).toBe(1)
    expect(index.findSimilar(' \n — \n')).toEqual([])
  })

  it('honours its threshold and refuses one outside (0, 1]', () => {
    const strict = createNearDuplicateIndex({ threshold: 0.99 })
    strict.add('a', seed(0))
    expect(strict.findSimilar(editEvery(seed(0), 10))).toEqual([])
    expect(strict.findSimilar(seed(0))).toEqual([{ id: 'a', similarity: 1 }])
    expect(() => createNearDuplicateIndex({ threshold: 0 })).toThrow(RangeError)
    expect(() => createNearDuplicateIndex({ threshold: 1.5 })).toThrow(RangeError)
  })
})

describe('entries computed apart from the index (as a worker thread does)', () => {
  it('answer and save exactly as the texts they were computed from', () => {
    const byText = createNearDuplicateIndex()
    const byEntry = createNearDuplicateIndex()
    const texts = [...seeds, `${seed(1)}\n${JUNK_LINES.join('\n')}`, editEvery(seed(3), 30), ' \n — \n']
    texts.forEach((text, i) => {
      // Through a structured clone, as the entry comes back from a worker.
      const entry = structuredClone(nearDuplicateEntry(text))
      expect(byEntry.addEntryAndFindSimilar(`t-${i}`, entry)).toEqual(byText.addAndFindSimilar(`t-${i}`, text))
    })
    byText.add('t-0', seed(2))
    byEntry.addEntry('t-0', nearDuplicateEntry(seed(2)))
    expect(JSON.stringify(byEntry)).toBe(JSON.stringify(byText))
    const restored = restoreNearDuplicateIndex(JSON.parse(JSON.stringify(byEntry)))
    expect(restored.ok && restored.index.toJSON()).toEqual(byText.toJSON())
  })

  it('refuses an entry whose signature is of another length', () => {
    const index = createNearDuplicateIndex()
    expect(() => index.addEntry('a', { shingles: 3, signature: new Uint32Array(5) })).toThrow(RangeError)
    expect(index.size).toBe(0)
  })
})

describe('near-duplicate index persistence', () => {
  it('comes back from JSON answering exactly as before', () => {
    const index = createNearDuplicateIndex({ threshold: 0.7 })
    seeds.forEach((text, i) => index.add(`seed-${i}`, text))
    const restored = restoreNearDuplicateIndex(JSON.parse(JSON.stringify(index)))
    expect(restored.ok).toBe(true)
    if (!restored.ok) return
    expect(restored.index.size).toBe(seeds.length)
    for (const text of seeds) {
      const probe = editEvery(text, 25)
      expect(restored.index.findSimilar(probe)).toEqual(index.findSimilar(probe))
    }
    expect(restored.index.toJSON()).toEqual(index.toJSON())
  })

  it('is saved in pieces as exactly its JSON, of the index as it was when asked, and comes back from them', () => {
    const index = createNearDuplicateIndex({ threshold: 0.75 })
    seeds.forEach((text, i) => index.add(`seed "${i}"`, text))
    const pieces = index.jsonPieces()
    const json = JSON.stringify(index)
    index.add('added after', seed(0))
    expect([...pieces].join('')).toBe(json)
    const restored = restoreNearDuplicateIndex(JSON.parse([...index.jsonPieces()].join('')))
    expect(restored.ok && restored.index.toJSON()).toEqual(index.toJSON())
  })

  it('is deterministic: the same articles give the same saved index', () => {
    const build = () => {
      const index = createNearDuplicateIndex()
      seeds.forEach((text, i) => index.add(`seed-${i}`, text))
      return JSON.stringify(index)
    }
    expect(build()).toBe(build())
  })

  it('signs texts exactly as the saved indexes of its format were signed', () => {
    // Digests of the signatures this format's earlier code gave these texts: a change of
    // hashing, binning or densifying must come with a new format number, or saved indexes go wrong.
    const digest = (text: string) => {
      const { shingles, signature } = nearDuplicateEntry(text)
      return `${shingles} ${createHash('sha256')
        .update(new Uint8Array(signature.buffer, signature.byteOffset, signature.byteLength))
        .digest('hex')
        .slice(0, 16)}`
    }
    expect(seeds.map(digest)).toEqual(['429 2d0e966461343b1c', '543 53b34edcff7c25b0', '371 0cc220653590c4eb', '514 8928719ba0dee5b1', '394 df98c4f2b297a798'])
    // Shorter than a shingle: one shingle of its words; no words: nothing, every bin empty.
    expect(digest(seed(0).split(/\s+/).slice(0, 2).join(' '))).toBe('1 14f006f8f954c349')
    expect(digest('')).toBe('0 c00173cde437c86c')
  })

  it('refuses data of another format or damaged data, saying to rebuild', () => {
    const index = createNearDuplicateIndex()
    index.add('a', seed(0))
    const data = index.toJSON()
    expect(restoreNearDuplicateIndex({ ...data, format: 99 })).toEqual({
      ok: false,
      reason: 'near-duplicate index was built by another version (format 99); rebuild it from the article texts',
    })
    expect(restoreNearDuplicateIndex({ nonsense: true })).toMatchObject({ ok: false, reason: expect.stringMatching(/rebuild/) })
    expect(restoreNearDuplicateIndex(null)).toMatchObject({ ok: false })
    const damaged = { ...data, articles: [{ ...data.articles[0]!, signature: 'AAAA' }] }
    expect(restoreNearDuplicateIndex(damaged)).toEqual({ ok: false, reason: 'near-duplicate index entry a is damaged; rebuild it from the article texts' })
    // Base64 decoding skips what is not base64; such a signature would be saved again unquoted.
    const quoted = { ...data, articles: [{ ...data.articles[0]!, signature: `${data.articles[0]!.signature}"` }] }
    expect(restoreNearDuplicateIndex(quoted)).toMatchObject({ ok: false, reason: expect.stringMatching(/rebuild/) })
  })
})
