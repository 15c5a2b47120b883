import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { SEEDS_DIR, tempDir } from '../test-support/temp-dir'

const run = promisify(execFile)
const ROOT = resolve(__dirname, '../../..')
const cli = (...args: string[]) => run(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/main/cli/cli.ts'), ...args], { cwd: ROOT })

describe('the CLI', () => {
  it('imports the seeds, lists them, counts them and exports CSV', async () => {
    const store = await tempDir()
    const imported = JSON.parse((await cli('import', SEEDS_DIR, '--store', store, '--json')).stdout)
    expect(imported).toEqual({ imported: 5, duplicates: 0, nearDuplicates: [], updated: 0, reanchored: 0, orphaned: 0, skipped: [], warnings: [] })

    const { articles } = JSON.parse((await cli('list', '--store', store, '--json')).stdout)
    expect(articles).toHaveLength(5)
    expect(Object.keys(articles[0]).sort()).toEqual(['date', 'id', 'outlet', 'paths', 'title'])

    const stats = JSON.parse((await cli('stats', '--store', store, '--json')).stdout)
    expect(stats).toMatchObject({ articles: 5, claims: 0 })

    const out = join(store, 'claims.csv')
    await cli('export', 'csv', '--store', store, '--out', out)
    const rows = parse(await readFile(out, 'utf8'), { bom: true, columns: true })
    expect(rows).toEqual([])
  })

  it('prints help, and errors on stderr with a non-zero exit', async () => {
    expect((await cli('--help')).stdout).toMatch(/Usage: npm run cli/)
    const store = await tempDir()
    const failure = await cli('import', join(store, 'missing'), '--store', store).catch((e: { code: number; stderr: string }) => e)
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringMatching(/Folder not found/) })
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

describe('CLI exports and merge', () => {
  it('exports every format and merges a project file into another store, idempotently', async () => {
    const a = await tempDir()
    const b = await tempDir()
    await cli('import', SEEDS_DIR, '--store', a, '--json')
    const project = join(a, 'project.json')
    await cli('export', 'project', '--store', a, '--out', project)
    for (const format of ['summary', 'annotations']) await cli('export', format, '--store', a, '--out', join(a, `out-${format}`))
    expect(JSON.parse(await readFile(join(a, 'out-annotations'), 'utf8')).type).toBe('AnnotationCollection')

    const merged = JSON.parse((await cli('merge', project, '--store', b, '--json')).stdout)
    expect(merged.added.article).toBe(5)
    const again = JSON.parse((await cli('merge', project, '--store', b, '--json')).stdout)
    expect(again.added.article).toBe(0)
    expect(again.conflicts).toEqual([])
    expect(JSON.parse((await cli('stats', '--store', b, '--json')).stdout)).toMatchObject({ articles: 5 })
    const bad = await cli('export', 'pdf', '--store', a, '--out', join(a, 'x')).catch((e: { code: number; stderr: string }) => e)
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringMatching(/Unknown export format "pdf". Available: csv, summary, project, annotations, brief/) })
  })
})
