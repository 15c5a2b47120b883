// `npm run cli -- <command>`: the analyst's corpus from a terminal or a script, through the same
// service the app uses. With --json a command prints exactly one JSON object on stdout.

import { writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { ImportProgress } from '../../shared/model'
import { UserError } from '../../shared/result'
import { importFolder } from '../import/import-folder'
import { createTriangulateService } from '../service/triangulate-service'
import { CorpusStore } from '../store/corpus-store'
import { resolveStoreDir, STORE_ENV_VAR } from '../store/store-location'

const PROJECT_ROOT = resolve(__dirname, '../../..')

const HELP = `Triangulate CLI

Usage: npm run cli -- <command> [options]

Commands:
  import <folder>        import every article file below <folder> (recursive)
  list                   list the articles in the store
  stats                  count articles, highlights, claims and evidence links
  export csv --out FILE  write claims with their evidence as CSV (UTF-8 with BOM)

Options:
  --store DIR   the store folder (default: $${STORE_ENV_VAR}, else the desktop app's store)
  --json        print one JSON object instead of text
  --no-bom      with export csv: write the CSV without a byte-order mark
  -h, --help    show this help
`

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      store: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      'no-bom': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  const [command, ...rest] = positionals
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(HELP)
    return 0
  }

  // Only import writes; the other commands read, and may run beside the app that holds the store.
  const store = await CorpusStore.open(resolveStoreDir(values.store), { app: 'the Triangulate CLI', readOnly: command !== 'import' })
  for (const notice of store.notices) console.error(`triangulate: ${notice}`)
  try {
    return await runCommand(command, rest, store, values)
  } finally {
    await store.close()
  }
}

type CliValues = { store?: string; out?: string; json: boolean; 'no-bom': boolean }

async function runCommand(command: string, rest: string[], store: CorpusStore, values: CliValues): Promise<number> {
  const service = createTriangulateService({ store, sampleCorpusDir: join(PROJECT_ROOT, 'resources', 'sample-corpus') })
  const print = (json: unknown, text: string) => console.log(values.json ? JSON.stringify(json) : text)

  switch (command) {
    case 'import': {
      const folder = rest[0]
      if (!folder) throw new UserError('invalid-argument', 'import needs a folder: npm run cli -- import <folder>')
      const showProgress = !values.json && process.stderr.isTTY
      const report = await importFolder(store, folder, { onProgress: showProgress ? drawProgress : undefined })
      if (showProgress) process.stderr.write('\n')
      const { imported, duplicates, updated, nearDuplicates, reanchored, orphaned, skipped, warnings } = report
      print(
        { imported, duplicates, nearDuplicates, updated, reanchored, orphaned, skipped, warnings },
        [
          `Imported ${imported} article(s) from ${report.folder}; ${duplicates} duplicate(s), ${nearDuplicates.length} near-duplicate(s), ${updated} updated, ${skipped.length} skipped.`,
          ...nearDuplicates.map((n) => `  near-duplicate ${n.path}: of “${n.ofTitle}” (${Math.round(n.similarity * 100)}% shared)`),
          ...skipped.map((s) => `  skipped ${s.path}: ${s.reason}`),
          ...warnings.map((w) => `  warning ${w.path}: ${w.message}`),
        ].join('\n'),
      )
      return 0
    }
    case 'list': {
      const articles = store.listArticles().map(({ id, title, outlet, date, paths }) => ({ id, title, outlet, date, paths }))
      print({ articles }, articles.map((a) => `${a.id}  ${a.date ?? '          '}  ${a.outlet ?? '-'}  ${a.title}`).join('\n'))
      return 0
    }
    case 'stats': {
      const stats = await service.stats({})
      print(stats, Object.entries(stats).map(([k, v]) => `${k}: ${v}`).join('\n'))
      return 0
    }
    case 'export': {
      if (rest[0] !== 'csv') throw new UserError('invalid-argument', `Unknown export format "${rest[0] ?? ''}". Available: csv.`)
      if (!values.out) throw new UserError('invalid-argument', 'export csv needs --out FILE.')
      const { content } = await service.exportClaimsCsv({ bom: !values['no-bom'] })
      const out = resolve(values.out)
      await writeFile(out, content, 'utf8')
      const claims = store.claims.length
      print({ out, claims }, `Wrote ${claims} claim(s) to ${out}.`)
      return 0
    }
    default:
      throw new UserError('invalid-argument', `Unknown command "${command}". Run npm run cli -- --help.`)
  }
}

function drawProgress(p: ImportProgress): void {
  const width = 30
  const done = p.total === 0 ? 0 : Math.round((p.processed / p.total) * width)
  process.stderr.write(`\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${p.processed}/${p.total} files, ${p.imported} new, ${p.duplicates} duplicate, ${p.skipped} skipped`)
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`triangulate: ${(error as Error).message}`)
    process.exit(error instanceof UserError ? 2 : 1)
  },
)
