// The claims CSVs as spreadsheets and data tools read them: every export is read back by Python's
// csv module (see test-support/python-readers), which ends a record at a bare LF or CR as Excel,
// LibreOffice and pandas do. A cell holding a line break must come back whole, in its own column.

import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildClaimBoard } from '../../shared/claims/claim-board'
import type { Article, Claim, ClaimCard, EvidenceLink, Highlight, Stance } from '../../shared/model'
import { readCsvsWithPython, readCsvWithPython } from '../test-support/python-readers'
import { tempDir } from '../test-support/temp-dir'
import { CLAIM_CSV_COLUMNS, CLAIM_SUMMARY_CSV_COLUMNS, claimSummaryToCsv, claimsToCsv, neutraliseFormula, writeClaimsCsv } from './claims-csv'

const AT = '2031-05-17T00:00:00.000Z'

function articleOf(id: string, title: string): Article {
  return {
    id,
    title,
    outlet: `Outlet ${id}`,
    date: '2025-07-30',
    author: null,
    url: null,
    nearDuplicateOf: null,
    edited: [],
    outletSource: null,
    paths: [`/corpus/${id}.txt`],
    wordCount: 9,
    contentHash: 'a'.repeat(64),
    fileHash: 'b'.repeat(64),
    importedAt: AT,
  }
}

interface EvidenceSpec {
  exact: string
  prefix: string
  suffix: string
  note: string
  stance: Stance
}
interface ClaimSpec {
  text: string
  tags: string[]
  note: string
  evidence: EvidenceSpec[]
}

/** Cards built by the real board code from records holding the given texts. */
function cardsOf(specs: readonly ClaimSpec[], articleTitle = 'A report') {
  const article = articleOf('art1', articleTitle)
  const claims: Claim[] = []
  const highlights: Highlight[] = []
  const links: EvidenceLink[] = []
  specs.forEach((spec, c) => {
    claims.push({ id: `c${c}`, text: spec.text, tags: spec.tags, note: spec.note, statusOverride: null, createdAt: AT, updatedAt: AT })
    spec.evidence.forEach((e, n) => {
      const id = `h${c}_${n}`
      highlights.push({ id, articleId: article.id, start: n, end: n + 1, exact: e.exact, prefix: e.prefix, suffix: e.suffix, orphaned: false, note: '', createdAt: AT })
      links.push({ id: `l${c}_${n}`, claimId: `c${c}`, highlightId: id, stance: e.stance, credibility: null, note: e.note, createdAt: AT })
    })
  })
  const articleById = (id: string) => (id === article.id ? article : undefined)
  return { cards: buildClaimBoard({ claims, links, highlights, sourceGrades: [], articleById }), articleById }
}

/** What the evidence CSV must hold for these specs, cell for cell, in the board's row order. */
function expectedEvidenceCells(cards: readonly ClaimCard[]): Record<string, string>[] {
  return cards.flatMap((card) => {
    const evidence = card.sources.flatMap((g) => g.evidence)
    const claimCells = { claim: neutraliseFormula(card.claim.text), claim_tags: neutraliseFormula(card.claim.tags.join('; ')) }
    if (evidence.length === 0) return [{ ...claimCells, quote: '', prefix: '', suffix: '', note: neutraliseFormula(card.claim.note) }]
    return evidence.map((e) => ({
      ...claimCells,
      quote: neutraliseFormula(e.highlight.exact),
      prefix: neutraliseFormula(e.highlight.prefix),
      suffix: neutraliseFormula(e.highlight.suffix),
      note: neutraliseFormula(e.note),
    }))
  })
}

function byHeader(rows: string[][]): Record<string, string>[] {
  const [header, ...records] = rows
  return records.map((r) => Object.fromEntries(header!.map((name, i) => [name, r[i]!])))
}

const EDGES: ClaimSpec[] = [
  {
    text: '\n',
    tags: ['two\nlines'],
    note: '',
    evidence: [
      { exact: 'killed over 1400 people', prefix: '\n', suffix: ' in the clashes.\n\nThe', note: '', stance: 'supports' },
      { exact: 'a CR\ralone', prefix: 'before\r', suffix: '\r', note: 'CR\rnote', stance: 'contradicts' },
      { exact: '"', prefix: '"', suffix: 'x"', note: '"', stance: 'context' },
      { exact: 'total\n=HYPERLINK("http://example.invalid","click")', prefix: 'line\r\n@SUM(A1)', suffix: '\n+1', note: 'ok\n-2', stance: 'supports' },
    ],
  },
  { text: 'Talks were held\nin Baku', tags: [], note: 'ask the desk\r\nfirst', evidence: [] },
]

describe('the claims CSVs read by Python csv (as spreadsheets read them)', () => {
  it('keeps every cell whole: a newline-only prefix, a claim that is only a line break, CR alone, a lone ", a formula after a line break', async () => {
    const dir = await tempDir()
    const { cards, articleById } = cardsOf(EDGES, 'Report\non two lines')
    const inMemory = join(dir, 'memory.csv')
    await writeFile(inMemory, claimsToCsv(cards, articleById))
    const streamed = join(dir, 'streamed.csv')
    await writeClaimsCsv(streamed, cards, articleById)
    for (const file of [inMemory, streamed]) {
      const rows = await readCsvWithPython(file)
      expect(rows[0]).toEqual([...CLAIM_CSV_COLUMNS])
      expect(rows.every((r) => r.length === CLAIM_CSV_COLUMNS.length)).toBe(true)
      const records = byHeader(rows)
      expect(records).toHaveLength(5)
      expect(records.map(({ claim, claim_tags, quote, prefix, suffix, note }) => ({ claim, claim_tags, quote, prefix, suffix, note }))).toEqual(
        expectedEvidenceCells(cards),
      )
      // Spelled out, not only compared with the function under test:
      expect(records[0]!.claim).toBe("'\n")
      expect(records[0]!.prefix).toBe("'\n")
      expect(records.map((r) => r.quote)).toContain('"')
      expect(records.map((r) => r.quote)).toContain('a CR\ralone')
      expect(records.map((r) => r.quote)).toContain('total\n=HYPERLINK("http://example.invalid","click")')
      expect(records.every((r) => r.article_title === 'Report\non two lines' || r.article_title === '')).toBe(true)
      expect(records[4]).toMatchObject({ claim: 'Talks were held\nin Baku', note: 'ask the desk\r\nfirst', quote: '' })
    }
  })

  it('writes the summary CSV with line breaks kept inside their cells', async () => {
    const dir = await tempDir()
    const { cards } = cardsOf(EDGES)
    const file = join(dir, 'summary.csv')
    await writeFile(file, claimSummaryToCsv(cards))
    const rows = await readCsvWithPython(file)
    expect(rows[0]).toEqual([...CLAIM_SUMMARY_CSV_COLUMNS])
    expect(rows).toHaveLength(3)
    expect(rows.every((r) => r.length === CLAIM_SUMMARY_CSV_COLUMNS.length)).toBe(true)
    const [first, second] = byHeader(rows)
    expect(first).toMatchObject({
      claim: "'\n",
      claim_tags: 'two\nlines',
      outlets: '1',
      origins: expect.stringMatching(/ \(1 article\)$/),
      event_date: '',
      date_conflict: 'false',
      figure_conflict: 'false',
      claim_figure: '',
    })
    expect(second).toMatchObject({ claim: 'Talks were held\nin Baku', note: 'ask the desk\r\nfirst', outlets: '0' })
  })

  it('gives back random records exactly as written, in memory and streamed (property)', async () => {
    const dir = await tempDir()
    // Text rich in what breaks CSV: CR, LF, CRLF, quotes, commas, formula starts, astral characters.
    const tricky = fc.string({
      unit: fc.oneof(fc.constantFrom('\r', '\n', '\r\n', '"', ',', '=', '-', '@', '+', '\t', ' ', 'ا', '😀'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
      maxLength: 12,
    })
    const evidence = fc.record({ exact: tricky, prefix: tricky, suffix: tricky, note: tricky, stance: fc.constantFrom<Stance>('supports', 'contradicts', 'context') })
    const claim = fc.record({ text: tricky, tags: fc.array(tricky, { maxLength: 2 }), note: tricky, evidence: fc.array(evidence, { maxLength: 3 }) })
    const runs = fc.sample(fc.array(claim, { minLength: 1, maxLength: 4 }), { numRuns: 60, seed: 1313 })
    const files: string[] = []
    const expected: Record<string, string>[][] = []
    for (const [n, specs] of runs.entries()) {
      const { cards, articleById } = cardsOf(specs)
      const memory = join(dir, `m${n}.csv`)
      await writeFile(memory, claimsToCsv(cards, articleById, { bom: n % 2 === 0 }))
      const streamed = join(dir, `s${n}.csv`)
      await writeClaimsCsv(streamed, cards, articleById, { bom: n % 2 === 1 })
      files.push(memory, streamed)
      expected.push(expectedEvidenceCells(cards), expectedEvidenceCells(cards))
    }
    const read = await readCsvsWithPython(files)
    read.forEach((rows, i) => {
      expect(rows.every((r) => r.length === CLAIM_CSV_COLUMNS.length)).toBe(true)
      expect(byHeader(rows).map(({ claim, claim_tags, quote, prefix, suffix, note }) => ({ claim, claim_tags, quote, prefix, suffix, note }))).toEqual(expected[i])
    })
  }, 120_000)
})
