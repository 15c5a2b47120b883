import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { withoutFurniture } from '../../shared/boilerplate/article-content'
import { detectBoilerplate } from '../../shared/boilerplate/detect-boilerplate'
import { DocumentTermsScanner, ENTRY_FIELDS, type DocumentTerms, type NumberedTerms } from '../search/document-terms'
import { foldText } from '../search/search-terms'
import { foldedTerm } from '../search/text-scan'
import { SEEDS_DIR } from '../test-support/temp-dir'
import { trickyTexts } from '../test-support/tricky-texts'
import { countWords } from './article-metadata'
import { nearDuplicateEntry } from './near-duplicate-signature'
import { deriveFromText, prepareArticleFile } from './prepare-article-file'

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex')
/** Lines of an article and of the furniture around it (teasers, a comment prompt, a date line), in any order and case. */
const articleLikeTexts = fc
  .array(
    fc.constantFrom(
      'Israeli and Syrian officials MET in Baku on July 12.',
      ' date 2025-07-30',
      'Read more: Officials meet in Baku',
      'Leave a comment',
      'What do you think? Share your views below.',
      'Sweida’s Druze leaders — and Al-Sharaa — said “no”.',
      '',
    ),
    { maxLength: 12 },
  )
  .map((lines) => lines.join('\n'))

const file = { path: '/corpus/Harbour Wire/bridge.txt', relativePath: 'Harbour Wire/bridge.txt' }

describe('prepareArticleFile', () => {
  it("keeps the file's own hash apart from the text's whenever decoding changed the bytes", async () => {
    const cases = [
      { bytes: Buffer.from('Bridge closes\nThe council closed the bridge.\n'), changed: false },
      { bytes: Buffer.from('Bridge closes\r\nThe council closed the bridge.\r\n'), changed: true },
      { bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Bridge closes\nCafé.\n')]), changed: true },
      // Combining marks (on a letter with no precomposed form): NFC puts them in canonical order, keeping the length.
      { bytes: Buffer.from('Bridge closes\nx\u0316\u0300 mark.\n'), changed: false },
      { bytes: Buffer.from('Bridge closes\nx\u0300\u0316 mark.\n'), changed: true },
      { bytes: Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x70, 0x65, 0x6e, 0x73, 0x0a]), changed: true },
    ]
    for (const { bytes, changed } of cases) {
      const prepared = await prepareArticleFile(file, bytes)
      if (prepared.kind !== 'prepared') throw new Error(`not prepared: ${prepared.reason}`)
      expect(prepared.fileHash).toBe(sha256(bytes))
      expect(prepared.contentHash).toBe(sha256(prepared.text))
      expect(prepared.fileHash !== prepared.contentHash).toBe(changed)
    }
  })
})

describe('deriveFromText', () => {
  /** Each figure by its own definition, in a pass of its own. */
  function separately(text: string) {
    const furniture = detectBoilerplate(text).map(({ start, end }) => ({ start, end }))
    const content = withoutFurniture(text, furniture)
    return {
      wordCount: countWords(content),
      nearDuplicate: nearDuplicateEntry(text, furniture),
      searchTerms: termsOf(new DocumentTermsScanner().count(foldText(content))),
    }
  }

  /** What the index takes of counted terms: each distinct term, folded, with its hash and count, in order. */
  function termsOf(terms: DocumentTerms | NumberedTerms) {
    if ('numbers' in terms) throw new Error('counted on this thread, the terms are not numbered')
    const { text, entries, length } = terms
    const distinct: [string, number, number][] = []
    for (let at = 0; at < entries.length; at += ENTRY_FIELDS) distinct.push([foldedTerm(text, entries[at]!, entries[at + 1]!), entries[at + 2]!, entries[at + 3]!])
    return { distinct, length }
  }

  it("gives in one pass the word count, near-duplicate entry and search terms each definition gives: the seeds' furniture and any text", async () => {
    const seeds = await Promise.all((await readdir(SEEDS_DIR)).map((name) => readFile(join(SEEDS_DIR, name), 'utf8')))
    const withFurniture = seeds.filter((text) => detectBoilerplate(text).length > 0)
    expect(withFurniture.length).toBeGreaterThan(0)
    const check = (text: string) => {
      const { wordCount, nearDuplicate, searchTerms } = deriveFromText(file, text)
      expect({ wordCount, nearDuplicate, searchTerms: termsOf(searchTerms) }).toEqual(separately(text))
    }
    for (const text of seeds) check(text)
    // Texts folding takes by lower-casing (the one pass) and texts it decomposes, mixed.
    fc.assert(fc.property(fc.oneof(trickyTexts, fc.string({ unit: fc.constantFrom(...'Ab c,.\n—’'.split('')) }), articleLikeTexts), check), { numRuns: 400 })
  })
})
