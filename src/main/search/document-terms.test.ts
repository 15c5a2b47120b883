import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { articleContent, withoutFurniture } from '../../shared/boilerplate/article-content'
import { detectBoilerplate } from '../../shared/boilerplate/detect-boilerplate'
import { SEEDS_DIR } from '../test-support/temp-dir'
import { trickyTexts as texts } from '../test-support/tricky-texts'
import { DocumentTermsScanner, ENTRY_FIELDS, TermVocabulary, WorkerTermNumbers, type NumberedTerms } from './document-terms'
import { InvertedIndex } from './inverted-index'
import { blankRanges } from './text-scan'
import { foldsByLowerCasing, foldText, textTerms } from './search-terms'

/** What a scanner counted, as term → count in the order first seen. */
function counted(scanner: DocumentTermsScanner, text: string): { terms: [string, number][]; length: number } {
  const { text: folded, entries, length } = scanner.count(foldText(text))
  const terms: [string, number][] = []
  for (let at = 0; at < entries.length; at += ENTRY_FIELDS) terms.push([folded.slice(entries[at], entries[at + 1]), entries[at + 3]!])
  return { terms, length }
}

/** The same, from splitting the text (textTerms). */
function split(text: string): { terms: [string, number][]; length: number } {
  const all = textTerms(text)
  const counts = new Map<string, number>()
  for (const term of all) counts.set(term, (counts.get(term) ?? 0) + 1)
  return { terms: [...counts], length: all.length }
}

describe('DocumentTermsScanner', () => {
  it('counts each distinct term of any text as splitting it does, in the order first seen, reused from text to text', () => {
    const scanner = new DocumentTermsScanner()
    fc.assert(
      fc.property(fc.array(texts, { minLength: 1, maxLength: 5 }), (batch) => {
        for (const text of batch) expect(counted(scanner, text)).toEqual(split(text))
      }),
      { numRuns: 500, seed: 160622 },
    )
  })

  it('grows past its first table for a text of many distinct terms, and starts clean on the next text', () => {
    const scanner = new DocumentTermsScanner()
    const many = Array.from({ length: 5_000 }, (_, i) => `w${i.toString(36)}`)
    const text = [...many, ...many.slice(0, 10)].join(' ')
    expect(counted(scanner, text)).toEqual(split(text))
    expect(counted(scanner, 'w0 w1 w0')).toEqual({
      terms: [
        ['w0', 2],
        ['w1', 1],
      ],
      length: 3,
    })
  })
})

describe('InvertedIndex.addTerms', () => {
  it('gives the index exactly what add gives for the same texts: the same saved bytes and the same answers', async () => {
    const names = (await readdir(SEEDS_DIR)).filter((n) => n.endsWith('.txt')).sort()
    const seeds = await Promise.all(
      names.map(async (name) => ({ id: name, title: name.replace(/_/g, ' '), text: articleContent(await readFile(join(SEEDS_DIR, name), 'utf8')) })),
    )
    const byText = new InvertedIndex()
    const byTerms = new InvertedIndex()
    const scanner = new DocumentTermsScanner()
    for (const { id, title, text } of seeds) {
      byText.add(id, title, text)
      byTerms.addTerms(id, title, scanner.count(foldText(text)))
    }
    // A replaced document, as a revised article is indexed again.
    byText.add(seeds[0]!.id, 'Revised', 'A revised text about Sweida and Suweida')
    byTerms.addTerms(seeds[0]!.id, 'Revised', scanner.count(foldText('A revised text about Sweida and Suweida')))
    for (const query of ['Suweida', 'Baku ceasefire', 'Sharaa', 'revis']) {
      const options = { combine: 'and', prefixLast: true, limit: 20 } as const
      expect(byTerms.query(query, options)).toEqual(byText.query(query, options))
    }
    expect(byTerms.serialize().equals(byText.serialize())).toBe(true)
  })

  it('gives the same saved bytes as add for any texts and titles', () => {
    const documents = fc.array(fc.record({ title: texts, text: texts }), { minLength: 1, maxLength: 6 })
    fc.assert(
      fc.property(documents, (docs) => {
        const byText = new InvertedIndex()
        const byTerms = new InvertedIndex()
        const scanner = new DocumentTermsScanner()
        docs.forEach(({ title, text }, i) => {
          byText.add(`d${i % 4}`, title, text)
          byTerms.addTerms(`d${i % 4}`, title, scanner.count(foldText(text)))
        })
        expect(byTerms.serialize().equals(byText.serialize())).toBe(true)
      }),
      { numRuns: 300, seed: 160623 },
    )
  })
  it('gives the same saved bytes as add for texts numbered by workers, in any interleaving, with texts the import left out', () => {
    // Each text goes to one of two workers; the importer learns every reply of a worker in order, and
    // stores (indexes) only some of them: a duplicate or a failed write still taught the worker's terms.
    const documents = fc.array(fc.record({ title: texts, text: texts, worker: fc.integer({ min: 0, max: 1 }), stored: fc.boolean() }), { minLength: 1, maxLength: 8 })
    fc.assert(
      fc.property(documents, (docs) => {
        const byText = new InvertedIndex()
        const byWorkers = new InvertedIndex()
        const scanner = new DocumentTermsScanner()
        const workers = [new WorkerTermNumbers(), new WorkerTermNumbers()]
        const vocabularies = [new TermVocabulary(), new TermVocabulary()]
        docs.forEach(({ title, text, worker, stored }, i) => {
          const numbered = workers[worker]!.number(scanner.count(foldText(text)))
          // As a structured clone sends it: no vocabulary, no shared buffers.
          const sent: NumberedTerms = { numbers: numbered.numbers.slice(), newTerms: [...numbered.newTerms], firstNew: numbered.firstNew, length: numbered.length }
          vocabularies[worker]!.learn(sent)
          if (!stored) return
          byText.add(`d${i % 4}`, title, text)
          byWorkers.addTerms(`d${i % 4}`, title, sent)
        })
        expect(byWorkers.serialize().equals(byText.serialize())).toBe(true)
      }),
      { numRuns: 300, seed: 20261206 },
    )
  })

  it('numbers a text in one pass exactly as counting it then numbering its distinct terms does, from text to text', () => {
    fc.assert(
      fc.property(fc.array(texts, { minLength: 1, maxLength: 12 }), (batch) => {
        const scanner = new DocumentTermsScanner()
        const inTwoSteps = new WorkerTermNumbers()
        const inOnePass = new WorkerTermNumbers()
        for (const text of batch) {
          const folded = foldText(text)
          expect(inOnePass.numberText(folded)).toEqual(inTwoSteps.number(scanner.count(folded)))
        }
        expect(inOnePass.size).toBe(inTwoSteps.size)
      }),
      { numRuns: 300, seed: 20261207 },
    )
  })

  it('numbers the seeds read as they are, furniture blanked by the scan, exactly as their folded content', async () => {
    // How the import's workers number a text that folds by lower-casing: no folded copy is made.
    const seeds = await Promise.all((await readdir(SEEDS_DIR)).sort().map((name) => readFile(join(SEEDS_DIR, name), 'utf8')))
    const fromText = new WorkerTermNumbers()
    const fromContent = new WorkerTermNumbers()
    const scanner = new DocumentTermsScanner()
    let withFurniture = 0
    for (const text of seeds) {
      const furniture = detectBoilerplate(text)
      if (!foldsByLowerCasing(text)) continue
      if (furniture.length > 0) withFurniture++
      const content = foldText(withoutFurniture(text, furniture))
      expect(fromText.numberText(text, undefined, blankRanges(furniture))).toEqual(fromContent.numberText(content))
      // The counted terms, looked up by the index from the raw text's ranges, are the folded content's.
      expect(fromText.number(scanner.count(text, undefined, blankRanges(furniture)))).toEqual(fromContent.number(scanner.count(content)))
    }
    expect(withFurniture).toBeGreaterThan(0)
    expect(fromText.termsFrom(0)).toEqual(fromContent.termsFrom(0))
  })

  it('refuses terms learned out of order, and numbered terms whose vocabulary was never learned', () => {
    const scanner = new DocumentTermsScanner()
    const worker = new WorkerTermNumbers()
    const first = worker.number(scanner.count(foldText('Sweida talks in Baku')))
    const second = worker.number(scanner.count(foldText('Suweida ceasefire holds')))
    const vocabulary = new TermVocabulary()
    expect(() => vocabulary.learn(second)).toThrow(/out of order/)
    expect(() => new InvertedIndex().addTerms('a', '', first)).toThrow(/vocabulary/)
  })
})
