import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it, vi } from 'vitest'
import { parseProject } from '../exchange/project-file'
import { CLAIM_CSV_COLUMNS } from '../export/claims-csv'
import { createTriangulateService } from '../service/triangulate-service'
import { CorpusStore } from '../store/corpus-store'
import { readCsvWithPython } from '../test-support/python-readers'
import { serviceWithImports } from '../test-support/seeded-service'
import { SAMPLE_CORPUS_DIR, SEEDS_DIR, tempDir } from '../test-support/temp-dir'

const run = promisify(execFile)
/** Tests that run the CLI a dozen times: each run starts tsx, which takes 5–15 s on a loaded two-core machine. */
const CLI_SUITE_TIMEOUT = 480_000
// Every test here runs the CLI in child processes: the default 30 s is too short on a busy machine.
vi.setConfig({ testTimeout: 120_000 })
const ROOT = resolve(__dirname, '../../..')
const cli = (...args: string[]) => run(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/main/cli/cli.ts'), ...args], { cwd: ROOT })

describe('the CLI', () => {
  it('imports the seeds, lists them, counts them and exports CSV', async () => {
    const store = await tempDir()
    const imported = JSON.parse((await cli('import', SEEDS_DIR, '--store', store, '--json')).stdout)
    expect(imported).toEqual({ imported: 5, duplicates: 0, nearDuplicates: [], updated: 0, reanchored: 0, orphaned: 0, skipped: [], warnings: [] })

    const { articles } = JSON.parse((await cli('list', '--store', store, '--json')).stdout)
    expect(articles).toHaveLength(5)
    expect(Object.keys(articles[0]).sort()).toEqual(['credits', 'date', 'id', 'outlet', 'outletSource', 'paths', 'title'])
    // DECISIONS section 10: each article's credits, with the sentence making each and where the name stands.
    const mntv = articles.find((a: { outlet: string | null }) => a.outlet === 'MNTV')
    expect(mntv.outletSource).toBe('dateline')
    const afp = mntv.credits.find((c: { label: string }) => c.label === 'AFP')
    expect(afp).toMatchObject({ kind: 'wire' })
    expect(afp.sentence).toContain('diplomatic sources told AFP')
    expect(articles.find((a: { outlet: string | null }) => a.outlet === 'The National')?.outletSource).toBe('text')

    const stats = JSON.parse((await cli('stats', '--store', store, '--json')).stdout)
    expect(stats).toMatchObject({ articles: 5, claims: 0 })

    const out = join(store, 'claims.csv')
    await cli('export', 'csv', '--store', store, '--out', out)
    expect(await readCsvWithPython(out)).toEqual([[...CLAIM_CSV_COLUMNS]])
  })

  it('prints help, and errors on stderr with a non-zero exit', async () => {
    expect((await cli('--help')).stdout).toMatch(/Usage: npm run cli/)
    const store = await tempDir()
    const failure = await cli('import', join(store, 'missing'), '--store', store).catch((e: { code: number; stderr: string }) => e)
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringMatching(/Folder not found/) })
  })
})

describe('the CLI on claims', () => {
  /** A store with one claim: supported by two seed articles' toll figures, contradicted by a third's. */
  async function storeWithClaim() {
    const dir = await tempDir()
    const store = await CorpusStore.open(dir)
    const service = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
    await service.startImport({ path: SEEDS_DIR })
    await service.importJobs.idle()
    const claim = await service.createClaim({ text: 'Over 1,400 people died in the Sweida clashes' })
    const tagged: { articleId: string; quote: string; stance: 'supports' | 'contradicts' }[] = []
    for (const [phrase, stance] of [
      ['more than 1,400 deaths', 'supports'],
      ['killed over 1400 people', 'supports'],
      ['hundreds of casualties', 'contradicts'],
    ] as const) {
      for (const article of (await service.listArticles({})).articles) {
        const { text } = await service.getArticle({ id: article.id })
        const start = text.indexOf(phrase)
        if (start === -1) continue
        const highlight = await service.createHighlight({ articleId: article.id, start, end: start + phrase.length })
        await service.linkEvidence({ claimId: claim.id, highlightId: highlight.id, stance })
        tagged.push({ articleId: article.id, quote: phrase, stance })
        break
      }
    }
    await store.close()
    return { dir, claimId: claim.id, tagged }
  }

  it('lists every claim with its status, independent sources and evidence', async () => {
    const { dir, claimId, tagged } = await storeWithClaim()
    expect(tagged).toHaveLength(3)
    const { claims } = JSON.parse((await cli('claims', '--store', dir, '--json')).stdout)
    expect(claims).toHaveLength(1)
    // 001's and 003's tolls both credit SOHR: one origin told twice (DECISIONS section 9), against 002's own.
    expect(claims[0]).toMatchObject({ id: claimId, status: 'contested', independentSources: 2, supportingSources: 1, contradictingSources: 1, outlets: 3 })
    expect(
      claims[0].evidence
        .map((e: { articleId: string; quote: string; stance: string }) => ({ articleId: e.articleId, quote: e.quote, stance: e.stance }))
        .sort((a: { quote: string }, b: { quote: string }) => a.quote.localeCompare(b.quote)),
    ).toEqual([...tagged].sort((a, b) => a.quote.localeCompare(b.quote)))
  })

  it('suggests passages from other articles for a quote or a span, with checkable offsets', async () => {
    const { dir, tagged } = await storeWithClaim()
    const source = tagged[0]!
    const byQuote = JSON.parse((await cli('suggest', '--store', dir, '--article', source.articleId, '--quote', source.quote, '--limit', '5', '--json')).stdout)
    expect(byQuote.suggestions.length).toBeGreaterThan(0)
    expect(byQuote.suggestions.length).toBeLessThanOrEqual(5)
    expect(byQuote.suggestions.every((s: { articleId: string }) => s.articleId !== source.articleId)).toBe(true)
    // Each says why: the words it shares with the quote, each with how it was found.
    for (const s of byQuote.suggestions) {
      expect(s.why.terms.length).toBeGreaterThan(0)
      for (const term of s.why.terms) expect(['word', 'spelling', 'number', 'figure', 'concept']).toContain(term.kind)
    }

    const { passage } = byQuote
    const bySpan = JSON.parse(
      (await cli('suggest', '--store', dir, '--article', source.articleId, '--start', String(passage.start), '--end', String(passage.end), '--json')).stdout,
    )
    expect(bySpan.suggestions.slice(0, 5)).toEqual(byQuote.suggestions)

    const missing = await cli('suggest', '--store', dir, '--article', source.articleId, '--quote', 'no such words here').catch((e: { code: number; stderr: string }) => e)
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/does not occur/) })
  })
})

describe('the CLI beside a running browser shell', () => {
  it('refuses to import into a store the shell holds, naming it, but still reads it', async () => {
    const store = await tempDir()
    const { spawn } = await import('node:child_process')
    const shell = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/main/http-shell/serve.ts'), '--store', store], { cwd: ROOT })
    try {
      await new Promise<void>((ready, failed) => {
        let out = ''
        shell.stdout.on('data', (c: Buffer) => {
          out += c.toString()
          if (out.includes('Open: ')) ready()
        })
        shell.on('exit', (code) => failed(new Error(`shell exited ${code}`)))
      })
      const refused = await cli('import', SEEDS_DIR, '--store', store).catch((e: { code: number; stderr: string }) => e)
      expect(refused).toMatchObject({ code: 2, stderr: expect.stringMatching(new RegExp(`open in the Triangulate browser shell \\(process \\d+ on `)) })
      expect(JSON.parse((await cli('stats', '--store', store, '--json')).stdout)).toMatchObject({ articles: 0 })
    } finally {
      shell.kill('SIGTERM')
      await new Promise((r) => shell.once('exit', r))
    }
    // The shell released the store on its way out.
    expect(JSON.parse((await cli('import', SEEDS_DIR, '--store', store, '--json')).stdout)).toMatchObject({ imported: 5 })
  })
})

/** A store with the seeds, two claims and three pieces of evidence, made in-process and closed for the CLI. */
async function storeWithClaims() {
  const dir = await tempDir()
  const { store, service, highlight } = await serviceWithImports([SEEDS_DIR], dir)
  const toll = await service.createClaim({ text: '=The toll exceeds 1,400' })
  const baku = await service.createClaim({ text: 'Talks were held in Baku' })
  const h1 = await highlight('more than 1,400 deaths')
  const h2 = await highlight('killed over 1400 people')
  await service.linkEvidence({ claimId: toll.id, highlightId: h1.id, stance: 'supports' })
  await service.linkEvidence({ claimId: toll.id, highlightId: h2.id, stance: 'contradicts' })
  await service.linkEvidence({ claimId: baku.id, highlightId: h1.id, stance: 'context' })
  await service.createClaim({ text: 'No evidence yet:\nask the desk' })
  const snapshot = { highlights: [...store.highlights], claims: [...store.claims], links: [...store.links] }
  await store.close()
  return { dir, ...snapshot }
}

describe('CLI exports and import-project', () => {
  it(
    'writes every export format, each read back with a real parser and compared with the store',
    async () => {
      const { dir, highlights, claims, links } = await storeWithClaims()
      const out = (name: string) => join(dir, name)
      const exportAs = async (...args: string[]) => JSON.parse((await cli('export', ...args, '--store', dir, '--json')).stdout)

      // Evidence CSV (streamed): one row per link plus one for the claim without evidence.
      expect(await exportAs('csv', '--out', out('claims.csv'))).toEqual({ out: out('claims.csv'), claims: 3 })
      const csv = await readFile(out('claims.csv'), 'utf8')
      expect(csv.startsWith('\uFEFFclaim_id,')).toBe(true)
      // Read as spreadsheets read it (a bare LF ends a record unless quoted): Python's csv module.
      const rows = recordsOf(await readCsvWithPython(out('claims.csv')))
      expect(rows).toHaveLength(links.length + 1)
      expect(rows.find((r) => r.claim_id === claims[2]!.id)!.claim).toBe('No evidence yet:\nask the desk')
      for (const link of links) {
        const h = highlights.find((x) => x.id === link.highlightId)!
        expect(rows).toContainEqual(expect.objectContaining({ claim_id: link.claimId, stance: link.stance, quote: h.exact, start: String(h.start), end: String(h.end) }))
      }
      expect(rows.find((r) => r.claim_id === claims[0]!.id)!.claim).toBe("'=The toll exceeds 1,400")
      await cli('export', 'csv', '--no-bom', '--store', dir, '--out', out('nobom.csv'))
      expect((await readFile(out('nobom.csv'), 'utf8')).startsWith('claim_id,')).toBe(true)

      // Claims-only CSV, and summary as its alias.
      await exportAs('claims-csv', '--out', out('claims-only.csv'))
      await exportAs('summary', '--out', out('summary.csv'))
      const perClaim = recordsOf(await readCsvWithPython(out('claims-only.csv')))
      expect(perClaim.map((r) => [r.claim_id, r.articles])).toEqual([
        [claims[0]!.id, '2'],
        [claims[1]!.id, '1'],
        [claims[2]!.id, '0'],
      ])
      expect(await readFile(out('summary.csv'), 'utf8')).toBe(await readFile(out('claims-only.csv'), 'utf8'))

      // Project file: checked by the project file's own schema (parseProject), then against the store.
      await exportAs('project', '--out', out('project.json'))
      const project = parseProject(await readFile(out('project.json'), 'utf8'))
      expect(project.positionUnit).toBe('utf-16-code-units')
      expect(project.claims).toEqual(claims)
      expect(project.links).toEqual(links)
      expect(project.highlights).toEqual(highlights)
      expect(project.articles.every((a) => typeof a.text === 'string')).toBe(true)

      // W3C annotations: each highlight's selectors carry its quote and its positions (code points; the seeds have no astral characters).
      await exportAs('annotations', '--out', out('annotations.jsonld'))
      const annotations = JSON.parse(await readFile(out('annotations.jsonld'), 'utf8'))
      expect(annotations['triangulate:positionUnit']).toBe('unicode-code-points')
      const targets = annotations.first.items.filter((i: { motivation: string }) => i.motivation !== 'linking')
      expect(targets).toHaveLength(highlights.length)
      for (const h of highlights) {
        const item = targets.find((i: { id: string }) => i.id === `urn:triangulate:highlight:${h.id}`)
        expect(item.target.selector).toEqual([
          { type: 'TextQuoteSelector', exact: h.exact, prefix: h.prefix, suffix: h.suffix },
          { type: 'TextPositionSelector', start: h.start, end: h.end },
        ])
      }

      // REFI-QDA: a zip with project.qde and the sources (its schema check is in exchange/qdpx.test.ts).
      await exportAs('qdpx', '--out', out('project.qdpx'))
      const zip = unzipSync(new Uint8Array(await readFile(out('project.qdpx'))))
      expect(Object.keys(zip).filter((name) => name.startsWith('sources/') && name.endsWith('.txt'))).toHaveLength(5)
      expect(strFromU8(zip['project.qde']!)).toContain('xmlns="urn:QDA-XML:project:1.0"')

      // Brief: HTML by default, Markdown for an .md file or with --format md.
      await exportAs('brief', '--out', out('brief.html'))
      await exportAs('brief', '--out', out('brief.md'))
      await exportAs('brief', '--format', 'md', '--out', out('brief.txt'))
      expect(await readFile(out('brief.html'), 'utf8')).toMatch(/^<!doctype html>/)
      const markdown = await readFile(out('brief.md'), 'utf8')
      expect(markdown).toMatch(/^# Claims brief\n/)
      expect(markdown).toContain('### Talks were held in Baku')
      expect(await readFile(out('brief.txt'), 'utf8')).toBe(markdown)

      const bad = await cli('export', 'pdf', '--store', dir, '--out', out('x')).catch((e: { code: number; stderr: string }) => e)
      expect(bad).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/Unknown export format "pdf". Available: csv, claims-csv, summary, project, annotations, qdpx, (.+, )?brief\./),
      })
      const badBrief = await cli('export', 'brief', '--format', 'pdf', '--store', dir, '--out', out('x')).catch((e: { code: number; stderr: string }) => e)
      expect(badBrief).toMatchObject({ code: 2, stderr: expect.stringMatching(/Use --format html or --format md/) })
    },
    CLI_SUITE_TIMEOUT,
  )

  it(
    'import-project merges a project file into another store, idempotently, and merge still works',
    async () => {
      const { dir, claims } = await storeWithClaims()
      const other = await tempDir()
      const project = join(dir, 'project.json')
      await cli('export', 'project', '--store', dir, '--out', project)

      const merged = JSON.parse((await cli('import-project', project, '--store', other, '--json')).stdout)
      expect(merged.added).toEqual({ article: 5, highlight: 2, claim: 3, link: 3, source: 0, entity: 0 })
      const again = JSON.parse((await cli('import-project', project, '--store', other, '--json')).stdout)
      expect(again.added).toEqual({ article: 0, highlight: 0, claim: 0, link: 0, source: 0, entity: 0 })
      expect(again.conflicts).toEqual([])
      const viaAlias = JSON.parse((await cli('merge', project, '--store', other, '--json')).stdout)
      expect(viaAlias).toEqual(again)
      expect(JSON.parse((await cli('stats', '--store', other, '--json')).stdout)).toMatchObject({ articles: 5, claims: claims.length, evidenceLinks: 3 })
      const missing = await cli('import-project', '--store', other).catch((e: { code: number; stderr: string }) => e)
      expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/import-project needs a project file/) })
    },
    CLI_SUITE_TIMEOUT,
  )
})

/** CSV records as objects keyed by the header row, every row checked to have the header's width. */
function recordsOf(rows: string[][]): Record<string, string>[] {
  const [header, ...records] = rows
  expect(records.every((r) => r.length === header!.length)).toBe(true)
  return records.map((r) => Object.fromEntries(header!.map((name, i) => [name, r[i]!])))
}
