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
  export csv --out FILE          claims with their evidence as CSV (UTF-8 with BOM)
  export summary --out FILE      one CSV row per claim with its status and counts
  export project --out FILE      everything, as a project file (with article texts)
  export annotations --out FILE  highlights as W3C Web Annotations (JSON-LD)
  export brief --out FILE        a printable HTML brief of every claim and its evidence
  merge <project.json>           merge a colleague's project file; conflicts are listed, not applied

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

  // Only import and merge write; the other commands read, and may run beside the app that holds the store.
  const store = await CorpusStore.open(resolveStoreDir(values.store), { app: 'the Triangulate CLI', readOnly: command !== 'import' && command !== 'merge' })
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
      const format = rest[0] ?? ''
      const exporters: Record<string, () => Promise<{ content: string }>> = {
        csv: () => service.exportClaimsCsv({ bom: !values['no-bom'] }),
        summary: () => service.exportClaimsCsv({ bom: !values['no-bom'], claimsOnly: true }),
        project: () => service.exportProject({ includeTexts: true }),
        annotations: () => service.exportWebAnnotations({}),
        brief: () => service.exportBrief({}),
      }
      const exporter = exporters[format]
      if (!exporter) throw new UserError('invalid-argument', `Unknown export format "${format}". Available: ${Object.keys(exporters).join(', ')}.`)
      if (!values.out) throw new UserError('invalid-argument', `export ${format} needs --out FILE.`)
      const { content } = await exporter()
      const out = resolve(values.out)
      await writeFile(out, content, 'utf8')
      const claims = store.claims.length
      print({ out, claims }, `Wrote ${format} export of ${claims} claim(s) to ${out}.`)
      return 0
    }
    case 'merge': {
      const file = rest[0]
      if (!file) throw new UserError('invalid-argument', 'merge needs a project file: npm run cli -- merge <project.json>')
      const report = await service.importProject({ path: resolve(file) })
      print(
        report,
        [
          `Added ${report.added.claim} claim(s), ${report.added.highlight} highlight(s), ${report.added.link} link(s), ${report.added.article} article(s); ${report.unchanged} unchanged.`,
          ...report.conflicts.map((c) => `  conflict ${c.kind} ${c.id}: yours and theirs differ (resolve in the app)`),
          ...report.skipped.map((s) => `  skipped ${s.kind} ${s.id}: ${s.reason}`),
        ].join('\n'),
      )
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
