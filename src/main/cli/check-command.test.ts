// `npm run cli -- check --store DIR [--repair] --json` on real stores damaged on disk, run as the
// analyst runs it (a child process): what it reports, what --repair changes, and its exit codes
// (0 only when all is well, 3 when problems are found or remain).

import { execFile } from 'node:child_process'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it, vi } from 'vitest'
import { importFolder } from '../import/import-folder'
import { CorpusStore } from '../store/corpus-store'
import type { CheckReport } from '../store/store-check'
import { SAMPLE_CORPUS_DIR, tempDir } from '../test-support/temp-dir'

const run = promisify(execFile)
// Each run starts tsx, which takes 5–15 s on a loaded two-core machine.
vi.setConfig({ testTimeout: 240_000 })
const ROOT = resolve(__dirname, '../../..')

/** Runs the CLI; resolves with its exit code and output whatever the code. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/main/cli/cli.ts'), ...args], { cwd: ROOT })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

const check = async (dir: string, ...flags: string[]) => {
  const result = await cli('check', '--store', dir, ...flags, '--json')
  return { code: result.code, report: JSON.parse(result.stdout) as CheckReport }
}

/** The sample corpus imported, closed, and opened once more (which backs up the state just saved). */
async function sampleStore(): Promise<{ dir: string; texts: Map<string, string> }> {
  const dir = await tempDir('triangulate-check-')
  let store = await CorpusStore.open(dir)
  await importFolder(store, SAMPLE_CORPUS_DIR, { preparation: { workers: 0 } })
  await store.close()
  store = await CorpusStore.open(dir)
  const texts = new Map<string, string>()
  for (const article of store.listArticles()) texts.set(article.id, await store.readBody(article))
  await store.close()
  return { dir, texts }
}

async function flipByte(path: string, at: (bytes: Buffer) => number): Promise<void> {
  const bytes = await readFile(path)
  const i = at(bytes)
  bytes[i] = (bytes[i] as number) ^ 0x20
  await writeFile(path, bytes)
}

describe('npm run cli -- check', () => {
  it('exits 0 on a sound store, and 3 listing each problem until --repair has mended what it can', async () => {
    const { dir, texts } = await sampleStore()
    const sound = await check(dir)
    expect(sound).toMatchObject({ code: 0, report: { ok: true, problems: [], counts: { articles: texts.size } } })

    // A flipped bit in library.json, and the pack index deleted: both mendable without losing anything.
    await flipByte(join(dir, 'library.json'), (bytes) => bytes.indexOf('"title"') + 12)
    await rm(join(dir, 'bodies/packs/index'))
    const damaged = await check(dir)
    expect(damaged.code).toBe(3)
    expect(damaged.report.ok).toBe(false)
    expect(damaged.report.problems).toEqual(
      expect.arrayContaining([
        {
          where: 'library.json',
          problem: expect.stringMatching(/^the file is damaged: /),
          repair: expect.stringMatching(/^restore library\.json from the newest good backup/),
        },
        { where: 'bodies/packs/index', problem: expect.any(String), repair: expect.stringMatching(/index/) },
      ]),
    )
    // check alone changes nothing.
    expect((await check(dir)).report.problems).toEqual(damaged.report.problems)

    const repaired = await check(dir, '--repair')
    expect(repaired).toMatchObject({ code: 0, report: { ok: true, problems: [] } })
    expect(repaired.report.repaired!.length).toBeGreaterThan(0)
    const store = await CorpusStore.open(dir, { readOnly: true })
    for (const [id, text] of texts) expect(await store.readBody(store.requireArticle(id))).toBe(text)
    await store.close()
  })

  it('reports a text changed inside a pack, keeps exiting 3 after --repair (it marks the article), and 0 once the file is imported again', async () => {
    const { dir, texts } = await sampleStore()
    const [id, text] = [...texts][0]!
    await flipByte(join(dir, 'bodies/packs/000001.pack'), (bytes) => bytes.indexOf(Buffer.from(text)) + 20)

    const damaged = await check(dir)
    expect(damaged.code).toBe(3)
    const lostText = {
      where: `article ${id}`,
      problem: expect.stringMatching(/is missing or damaged/),
      repair: expect.stringMatching(/^mark the article damaged; import /),
    }
    // The index entry that leads to the changed text is reported too.
    expect(damaged.report.problems).toEqual(expect.arrayContaining([lostText, expect.objectContaining({ where: 'bodies/packs/index' })]))

    const repaired = await check(dir, '--repair')
    expect(repaired.code).toBe(3)
    expect(repaired.report.repaired).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^Marked “.*” \\(${id}\\) as damaged: its text is lost`))]))
    expect(repaired.report.problems).toEqual(expect.arrayContaining([lostText]))
    const marked = await CorpusStore.open(dir, { readOnly: true })
    expect(marked.requireArticle(id).damaged).toMatch(/changed/)
    await marked.close()

    const imported = await cli('import', SAMPLE_CORPUS_DIR, '--store', dir, '--json')
    expect(imported.code).toBe(0)
    expect(JSON.parse(imported.stdout)).toMatchObject({ updated: 1 })
    expect(await check(dir)).toMatchObject({ code: 0, report: { ok: true, problems: [] } })
  })

  it('prints the problems and what --repair would do without --json', async () => {
    const { dir } = await sampleStore()
    await rm(join(dir, 'bodies/packs/index'))
    const plain = await cli('check', '--store', dir)
    expect(plain.code).toBe(3)
    expect(plain.stdout).toMatch(/^Checked .*: \d+ articles/)
    expect(plain.stdout).toMatch(/bodies\/packs\/index: .*\n {2}--repair would: /)
    expect(plain.stdout).toMatch(/Run again with --repair/)
  })
})
