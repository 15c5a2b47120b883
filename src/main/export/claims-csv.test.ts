import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import type { Article, Claim, EvidenceLink, Highlight } from '../../shared/model'
import { buildClaimBoard } from '../../shared/claims/claim-board'
import { tempDir } from '../test-support/temp-dir'
import { claimsToCsv, writeClaimsCsv } from './claims-csv'

const AT = '2031-05-17T00:00:00.000Z'
const article: Article = {
  id: 'art1',
  title: '=cmd|"/c calc"!A1 — Suweida report',
  outlet: 'Courier',
  date: '2025-07-30',
  author: null,
  url: null,
  nearDuplicateOf: null,
  edited: [],
  outletSource: null,
  paths: ['/corpus/courier/a.txt'],
  wordCount: 9,
  contentHash: 'a'.repeat(64),
  fileHash: 'b'.repeat(64),
  importedAt: AT,
}
const highlights: Highlight[] = Array.from({ length: 300 }, (_, n) => ({
  id: `h${n}`,
  articleId: 'art1',
  start: n,
  end: n + 5,
  exact: n % 3 === 0 ? '@SUM(1+1)' : `تقرير, "quoted"\nline ${n}`,
  prefix: '',
  suffix: ' next',
  orphaned: false,
  tags: ['toll'],
  note: n % 7 === 0 ? '-2 is a note' : '',
  createdAt: AT,
}))
const claims: Claim[] = [
  { id: 'c1', text: '+1,400 killed', tags: ['casualties'], note: '', statusOverride: null, createdAt: AT, updatedAt: AT },
  { id: 'c2', text: 'No evidence yet', tags: [], note: 'ask the desk', statusOverride: null, createdAt: AT, updatedAt: AT },
]
const links: EvidenceLink[] = highlights.map((h, n) => ({
  id: `l${n}`,
  claimId: 'c1',
  highlightId: h.id,
  stance: n % 2 ? 'supports' : 'contradicts',
  credibility: null,
  note: '',
  createdAt: AT,
}))
const cards = buildClaimBoard({ claims, links, highlights, sourceGrades: [], articleById: (id) => (id === article.id ? article : undefined) })
const articleById = (id: string) => (id === article.id ? article : undefined)

describe('the streamed claims CSV', () => {
  it('writes exactly the bytes of the in-memory export, with and without a BOM', async () => {
    const dir = await tempDir()
    for (const bom of [true, false]) {
      const path = join(dir, `claims-${bom}.csv`)
      expect(await writeClaimsCsv(path, cards, articleById, { bom })).toEqual({ rows: 301 })
      const written = await readFile(path, 'utf8')
      expect(written).toBe(claimsToCsv(cards, articleById, { bom }))
      const rows = parse(written, { bom: true, columns: true }) as Record<string, string>[]
      expect(rows).toHaveLength(301)
      expect(rows[0]).toMatchObject({ claim: "'+1,400 killed", article_title: `'${article.title}` })
      expect(rows.map((r) => r.quote)).toContain("'@SUM(1+1)")
      expect(rows.map((r) => r.quote)).toContain('تقرير, "quoted"\nline 1')
    }
  })

  it('leaves no file, not even half of one, when the export cannot be written', async () => {
    const dir = await tempDir()
    const target = join(dir, 'occupied')
    await mkdir(target)
    await writeFile(join(target, 'keep.txt'), 'x')
    await expect(writeClaimsCsv(target, cards, articleById)).rejects.toThrow()
    expect((await readdir(dir)).sort()).toEqual(['occupied'])
    expect(await readdir(target)).toEqual(['keep.txt'])
  })
})
