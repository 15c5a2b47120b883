import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SEEDS_DIR } from '../test-support/temp-dir'
import { InvertedIndex } from './inverted-index'

async function seedTexts(): Promise<{ id: string; text: string }[]> {
  const names = (await readdir(SEEDS_DIR)).filter((n) => n.endsWith('.txt')).sort()
  return Promise.all(names.map(async (name) => ({ id: name, text: await readFile(join(SEEDS_DIR, name), 'utf8') })))
}

function ids(index: InvertedIndex, query: string, combine: 'and' | 'or' = 'and'): string[] {
  return index.query(query, { combine, prefixLast: true, limit: 50 }).map((hit) => hit.id)
}

/** `count` documents of 40 distinct made-up words each ("w123x"), drawn from `vocabulary` words, `step` apart from one document to the next. */
function wordDocuments(count: number, { step, vocabulary }: { step: number; vocabulary: number }): { id: string; text: string }[] {
  return Array.from({ length: count }, (_, d) => ({
    id: `d${d}`,
    text: Array.from({ length: 40 }, (_, w) => `w${(d * step + w * 13) % vocabulary}x`).join(' '),
  }))
}

/** The answers an index gives to `queries` (OR), for comparing two indexes. */
function asker(queries: string[], { prefixLast, limit }: { prefixLast: boolean; limit: number }) {
  return (index: InvertedIndex) => queries.map((q) => index.query(q, { combine: 'or', prefixLast, limit }))
}

describe('inverted index', () => {
  it('requires every word with AND, any with OR, and reports the matched terms', async () => {
    const index = new InvertedIndex()
    for (const { id, text } of await seedTexts()) index.add(id, '', text)
    const texts = new Map((await seedTexts()).map(({ id, text }) => [id, text]))
    const both = ids(index, 'Moscow Hmeimim')
    expect(both.length).toBeGreaterThan(0)
    for (const id of both) expect(texts.get(id)).toMatch(/Moscow/)
    for (const id of both) expect(texts.get(id)).toMatch(/Hmeimim/)
    const either = ids(index, 'Moscow Hmeimim', 'or')
    expect(either.length).toBeGreaterThanOrEqual(both.length)
    expect(ids(index, 'xylophone')).toEqual([])
    const [hit] = index.query('Hmeimim', { combine: 'and', prefixLast: false, limit: 1 })
    expect(hit?.terms).toEqual(['hmeimim'])
  })

  it('matches spelling variants and the word being typed, ranking the exact spelling first', () => {
    const index = new InvertedIndex()
    index.add('a', '', 'Clashes in Sweida left many dead.')
    index.add('b', '', 'Clashes in Suweida left many dead.')
    index.add('c', '', 'Nothing to see here.')
    expect(ids(index, 'Suweida')).toEqual(['b', 'a'])
    expect(ids(index, 'Suwe').sort()).toEqual(['b'])
    expect(index.query('Suweida', { combine: 'and', prefixLast: false, limit: 5 })[1]?.terms).toEqual(['sweida'])
  })

  it('weighs the title above the body', () => {
    const index = new InvertedIndex()
    index.add('body', 'Weather report', 'The ceasefire held. Rain is expected.')
    index.add('title', 'Ceasefire holds', 'Rain is expected. The ceasefire held.')
    expect(ids(index, 'ceasefire')[0]).toBe('title')
  })

  it('forgets a replaced or removed document, before and after saving', () => {
    const index = new InvertedIndex()
    index.add('a', '', 'old words about Baku')
    index.add('b', '', 'more about Baku')
    index.add('a', '', 'new words about Damascus')
    expect(ids(index, 'Baku')).toEqual(['b'])
    expect(ids(index, 'Damascus')).toEqual(['a'])
    index.remove('b')
    expect(ids(index, 'Baku')).toEqual([])
    const loaded = InvertedIndex.deserialize(index.serialize())
    expect(loaded.documentCount).toBe(1)
    expect(ids(loaded, 'Damascus')).toEqual(['a'])
    expect(ids(loaded, 'Baku')).toEqual([])
  })

  it('answers the same after a save and load, and keeps indexing after the load', async () => {
    const index = new InvertedIndex()
    const seeds = await seedTexts()
    for (const { id, text } of seeds.slice(0, 3)) index.add(id, id, text)
    const queries = ['Baku', 'Israeli officials', 'Suweida', 'Sharaa', 'talks Azerbaijan', 'Syr']
    const before = queries.map((q) => index.query(q, { combine: 'and', prefixLast: true, limit: 10 }))
    const loaded = InvertedIndex.deserialize(index.serialize())
    expect(queries.map((q) => loaded.query(q, { combine: 'and', prefixLast: true, limit: 10 }))).toEqual(before)
    for (const { id, text } of seeds.slice(3)) loaded.add(id, id, text)
    const fresh = new InvertedIndex()
    for (const { id, text } of seeds) fresh.add(id, id, text)
    for (const q of queries) {
      expect(
        loaded
          .query(q, { combine: 'and', prefixLast: true, limit: 10 })
          .map((h) => h.id)
          .sort(),
      ).toEqual(ids(fresh, q).sort())
    }
  })

  it('answers the same when queried between additions as when built in one go', async () => {
    const seeds = await seedTexts()
    const queries = ['Baku', 'Israeli officials', 'Suweida', 'Sharaa', 'talks Azerbaijan', 'Syr', 'the']
    const ask = (index: InvertedIndex) => queries.map((q) => index.query(q, { combine: 'or', prefixLast: true, limit: 10 }))
    const stepwise = new InvertedIndex()
    for (const { id, text } of seeds) {
      stepwise.add(id, id, text)
      ask(stepwise)
    }
    const inOneGo = new InvertedIndex()
    for (const { id, text } of seeds) inOneGo.add(id, id, text)
    expect(ask(stepwise)).toEqual(ask(inOneGo))
  })

  it('answers and saves the same when its log of added postings outgrows its first size, is folded between additions and grows again', () => {
    // 300 documents of 40 distinct words each: 12,000 postings, several times the log's first size.
    const documents = wordDocuments(300, { step: 7, vocabulary: 997 })
    const ask = asker(['w13x', 'w20x w33x', 'w99', 'w500x', 'w996x w0x'], { prefixLast: true, limit: 20 })
    const stepwise = new InvertedIndex()
    documents.forEach(({ id, text }, d) => {
      stepwise.add(id, id, text)
      // Folded after 150 documents (6,000 postings in the log) and again after 250.
      if (d === 149 || d === 249) ask(stepwise)
    })
    const inOneGo = new InvertedIndex()
    for (const { id, text } of documents) inOneGo.add(id, id, text)
    expect(ask(stepwise)).toEqual(ask(inOneGo))
    expect(stepwise.serialize().equals(inOneGo.serialize())).toBe(true)
  })

  it('answers and saves the same across many chunks of its log, folded, saved and reloaded between additions', () => {
    // 2,400 documents of 40 distinct words each: 96,000 postings, more than one chunk of the log.
    const documents = wordDocuments(2400, { step: 7, vocabulary: 4999 })
    const ask = asker(['w13x', 'w20x w33x', 'w99', 'w4998x', 'w996x w0x'], { prefixLast: true, limit: 20 })
    let stepwise = new InvertedIndex()
    documents.forEach(({ id, text }, d) => {
      stepwise.add(id, `title ${d % 10}`, text)
      if (d === 1000) ask(stepwise)
      if (d === 1700) stepwise = InvertedIndex.deserialize(stepwise.serialize())
    })
    const inOneGo = new InvertedIndex()
    documents.forEach(({ id, text }, d) => inOneGo.add(id, `title ${d % 10}`, text))
    expect(ask(stepwise)).toEqual(ask(inOneGo))
    expect(stepwise.serialize().equals(inOneGo.serialize())).toBe(true)
  })

  it('finds each word in exactly the documents that hold it when documents without words come between them, before and after a save', () => {
    // Every third document is empty: it logs no postings, so the log's next document begins where it would have.
    const documents = wordDocuments(900, { step: 5, vocabulary: 211 }).map((doc, d) => (d % 3 === 1 ? { ...doc, text: '' } : doc))
    const index = new InvertedIndex()
    documents.forEach(({ id, text }, d) => {
      index.add(id, '', text)
      if (d === 400) index.query('w1x', { combine: 'or', prefixLast: false, limit: 1 })
    })
    const holders = (word: string) =>
      documents
        .filter((doc) => doc.text.split(' ').includes(word))
        .map((doc) => doc.id)
        .sort()
    const found = (from: InvertedIndex, word: string) =>
      from
        .query(word, { combine: 'or', prefixLast: false, limit: documents.length })
        .map((hit) => hit.id)
        .sort()
    const reloaded = InvertedIndex.deserialize(index.serialize())
    // Words of four letters or fewer: a longer one also finds its near spellings.
    for (const word of ['w0x', 'w13x', 'w99x', 'w7x']) {
      expect(holders(word).length).toBeGreaterThan(0)
      expect(found(index, word)).toEqual(holders(word))
      expect(found(reloaded, word)).toEqual(holders(word))
    }
  })

  it('saves only what is left after removals, however its postings were logged', () => {
    const documents = wordDocuments(2000, { step: 11, vocabulary: 3001 })
    const removed = new Set(documents.filter((_, d) => d % 3 === 0).map((doc) => doc.id))
    const ask = asker(['w17x', 'w20x w33x', 'w30', 'w3000x'], { prefixLast: false, limit: 30 })
    const withRemovals = new InvertedIndex()
    for (const { id, text } of documents) withRemovals.add(id, '', text)
    for (const id of removed) withRemovals.remove(id)
    const survivors = new InvertedIndex()
    for (const { id, text } of documents) if (!removed.has(id)) survivors.add(id, '', text)
    const reloaded = InvertedIndex.deserialize(withRemovals.serialize())
    expect(reloaded.documentCount).toBe(documents.length - removed.size)
    expect(ask(reloaded)).toEqual(ask(survivors))
  })

  it('refuses a file that is not a whole index', () => {
    const index = new InvertedIndex()
    index.add('a', '', 'some text')
    const saved = index.serialize()
    expect(() => InvertedIndex.deserialize(saved.subarray(0, saved.length - 4))).toThrow()
    expect(() => InvertedIndex.deserialize(Buffer.from('{"format":1}'))).toThrow()
  })
})
