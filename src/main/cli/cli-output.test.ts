// The CLI as scripts meet it: JSON output read whole through a real pipe, exit code 2 with a plain
// sentence when the disk is full or the folder cannot be written, and exports that leave no partial
// file behind (on a real full disk: a small tmpfs, where this machine allows mounting one).

import { execFile, spawn } from 'node:child_process'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFolder } from '../import/import-folder'
import { CorpusStore } from '../store/corpus-store'
import { serviceWithImports } from '../test-support/seeded-service'
import { fillDisk, mountSmallDisk } from '../test-support/small-disk'
import { SEEDS_DIR, tempDir } from '../test-support/temp-dir'

const ROOT = resolve(__dirname, '../../..')
const CLI_ARGS = [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/main/cli/cli.ts')]
/** These tests start the CLI several times; each start compiles through tsx, seconds on a loaded two-core machine. */
const TIMEOUT = 240_000

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [...CLI_ARGS, ...args], { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) =>
      done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

/** How many articles the pipe test lists: their JSON is several hundred KB, far past a pipe's 64 KB buffer. */
const ARTICLES = 3_000

describe('CLI output through a pipe', () => {
  it(
    `prints list --json of ${ARTICLES} articles whole to a reader that is slow to start, and exits 0`,
    async () => {
      const corpus = await tempDir()
      for (let n = 0; n < ARTICLES; n++) {
        const folder = join(corpus, `outlet-${n % 7}`)
        if (n < 7) await mkdir(folder)
        await writeFile(join(folder, `report-${n}.txt`), `Report number ${n} from the harbour\n\nThe council met on day ${n} and said ${n * 7} boats were counted.\n`)
      }
      const storeDir = await tempDir()
      const store = await CorpusStore.open(storeDir)
      const report = await importFolder(store, corpus)
      await store.close()
      expect(report.imported).toBe(ARTICLES)

      const child = spawn(process.execPath, [...CLI_ARGS, 'list', '--store', storeDir, '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
      // Nothing is read until the child has exited or 5 s have passed: a CLI that exits before its
      // output drains has exited by then with the pipe's 64 KB taken and the rest dropped; one that
      // waits for the drain is still there, blocked on the full pipe.
      child.stdout.pause()
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
      await Promise.race([exited, new Promise((wait) => setTimeout(wait, 5_000))])
      const chunks: Buffer[] = []
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      child.stdout.resume()
      const closed = new Promise((done) => child.stdout.once('close', done))
      const code = await exited
      await closed
      const output = Buffer.concat(chunks).toString('utf8')
      expect(stderr).toBe('')
      expect(code).toBe(0)
      expect(output.length).toBeGreaterThan(128 * 1024)
      const { articles } = JSON.parse(output) as { articles: { id: string; title: string }[] }
      expect(articles).toHaveLength(ARTICLES)
      expect(new Set(articles.map((a) => a.title))).toEqual(new Set(Array.from({ length: ARTICLES }, (_, n) => `Report number ${n} from the harbour`)))
    },
    TIMEOUT,
  )
})

describe('CLI exports on a disk that refuses them', () => {
  async function seededStore() {
    const dir = await tempDir()
    const { store, service, highlight } = await serviceWithImports([SEEDS_DIR], dir)
    const claim = await service.createClaim({ text: 'Over 1,400 people died' })
    await service.linkEvidence({ claimId: claim.id, highlightId: (await highlight('more than 1,400 deaths')).id, stance: 'supports' })
    await store.close()
    return dir
  }
  const FORMATS = [
    ['csv', 'claims.csv'],
    ['claims-csv', 'summary.csv'],
    ['project', 'project.json'],
    ['annotations', 'annotations.jsonld'],
    ['qdpx', 'project.qdpx'],
    ['brief', 'brief.html'],
  ] as const

  it(
    'fails every export on a full disk with exit 2 and a plain sentence, leaving no file, not even a temporary one',
    async (context) => {
      const disk = await mountSmallDisk(2 * 1024 * 1024)
      if (!disk) {
        // write-export.test.ts injects ENOSPC into the same writer on every machine.
        context.skip('this machine does not allow mounting a tmpfs (needs root on Linux); the injected ENOSPC test covers the writer')
        return
      }
      const store = await seededStore()
      // An existing export at --out stays as it was: the failed one never replaced it.
      await writeFile(join(disk.dir, 'project.json'), 'the previous export')
      await fillDisk(disk.dir)
      for (const [format, name] of FORMATS) {
        const out = join(disk.dir, name)
        const result = await cli('export', format, '--store', store, '--out', out, '--json')
        expect(result.code, `${format}: ${result.stderr}`).toBe(2)
        expect(result.stdout).toBe('')
        expect(result.stderr).toBe(
          `triangulate: The disk holding ${disk.dir} is full, so ${name} could not be written. Nothing was written to ${out}. Free some space or choose another place, then export again.\n`,
        )
      }
      expect((await readdir(disk.dir)).sort()).toEqual(['filler', 'project.json'])
      expect(await readFile(join(disk.dir, 'project.json'), 'utf8')).toBe('the previous export')
    },
    TIMEOUT,
  )

  it(
    'refuses a folder it may not write with exit 2 and a plain sentence',
    async () => {
      const store = await seededStore()
      const disk = await mountSmallDisk(1024 * 1024, { readOnly: true })
      const folder = disk?.dir ?? (await tempDir())
      if (!disk) await import('node:fs/promises').then((fs) => fs.chmod(folder, 0o555))
      const out = join(folder, 'project.json')
      const result = await cli('export', 'project', '--store', store, '--out', out)
      expect(result.code).toBe(2)
      expect(result.stderr).toBe(
        disk
          ? `triangulate: ${folder} is on a read-only file system. Nothing was written to ${out}. Choose a folder you can write to.\n`
          : `triangulate: Permission denied: you may not write files in ${folder}. Nothing was written to ${out}. Choose a folder you can write to.\n`,
      )
      expect(await readdir(folder)).toEqual([])

      const missing = await cli('export', 'csv', '--store', store, '--out', join(folder, 'no-such-folder', 'claims.csv'))
      expect(missing).toMatchObject({
        code: 2,
        stderr: `triangulate: The folder ${join(folder, 'no-such-folder')} does not exist. Create it or choose another place for the export.\n`,
      })
    },
    TIMEOUT,
  )
})
