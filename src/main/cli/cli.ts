// `npm run cli -- <command>`: the analyst's corpus from a terminal or a script, through the same
// service the app uses. With --json a command prints exactly one JSON object on stdout.

import { extname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { ClaimCard, ImportProgress } from '../../shared/model'
import { wellFormed } from '../../shared/anchoring/code-points'
import { UserError } from '../../shared/result'
import { creditViews } from '../provenance/provenance-commands'
import { suggestMatchesFor, type Passage } from '../claims/suggest-matches'
import { suggestionReasonText } from '../../shared/claims/suggestion-reasons'
import { exportWriteError, writeExportFile } from '../export/write-export'
import { importFolder } from '../import/import-folder'
import { createTriangulateService } from '../service/triangulate-service'
import { describeFailure, exitQuietlyOnClosedPipe, exitWhenFlushed } from './cli-exit'
import { isTaggingWrite, runTaggingCommand, TAGGING_HELP, TAGGING_OPTIONS, type TaggingValues } from './tagging-commands'
import { CorpusStore } from '../store/corpus-store'
import { timelineCommand } from './timeline-command'
import { ENTITY_HELP, ENTITY_OPTIONS, isEntityWrite, runEntityCommand } from './entity-commands'
import { runCheckCommand } from './check-command'
import { resolveStoreDir, STORE_ENV_VAR } from '../store/store-location'
import { conflictsCommand, SYNC_HELP, SYNC_OPTIONS, syncCommand } from './sync-command'

const PROJECT_ROOT = resolve(__dirname, '../../..')

const HELP = `Triangulate CLI

Usage: npm run cli -- <command> [options]

Commands:
  import <folder>        import every article file below <folder> (recursive)
  list                   list the articles in the store
  stats                  count articles, highlights, claims and evidence links
  export csv --out FILE          claims with their evidence as CSV, one row per piece of evidence
                                 (UTF-8 with BOM; start/end count UTF-16 code units)
  export claims-csv --out FILE   one CSV row per claim with its status and counts (alias: summary)
  export project --out FILE      everything, as a project file (with article texts)
  export annotations --out FILE  highlights as W3C Web Annotations (JSON-LD)
  export qdpx --out FILE         a REFI-QDA project (.qdpx) for ATLAS.ti, MAXQDA, NVivo, QualCoder
  export timeline --out FILE     every date expression as CSV: resolved date, precision, sentence
  export entities --out FILE     every entity's spellings per article as CSV: entity, type, variant,
                                 article, mentions
  export brief --out FILE        a printable brief of every claim and its evidence: HTML, or
                                 Markdown when FILE ends in .md or with --format md
  import-project <file>          merge a colleague's project file; conflicts are listed, not applied
                                 (alias: merge)
  claims                         every claim with its status, independent sources and evidence
  suggest --article ID (--quote TEXT | --start N --end N) [--limit K]
                                 passages in other articles that likely state the same fact
  timeline [--article ID] [--outlet NAME] [--claim ID] [--entity ID]
                                 every date expression, resolved against its article's date
                                 (relative dates, tense); unresolved ones say why; --entity keeps
                                 those said in a sentence that mentions the entity
${TAGGING_HELP}${ENTITY_HELP}${SYNC_HELP}  check [--repair]               verify the store: every stored text against its checksum, the JSON
                                 files, the index, the references; exit 0 only when all is well
Options:
  --store DIR   the store folder (default: $${STORE_ENV_VAR}, else the desktop app's store)
  --json        print one JSON object instead of text
  --no-bom      with export csv or claims-csv: write the CSV without a byte-order mark
  --format F    with export brief: html or md (default: by --out's extension, else html)
  -h, --help    show this help
`

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      // First, so that an option another command also declares (--claim) is declared once.
      ...TAGGING_OPTIONS,
      ...ENTITY_OPTIONS,
      ...SYNC_OPTIONS,
      store: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      'no-bom': { type: 'boolean', default: false },
      article: { type: 'string' },
      quote: { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
      limit: { type: 'string' },
      format: { type: 'string' },
      outlet: { type: 'string' },
      claim: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      repair: { type: 'boolean', default: false },
    },
  })
  const [command, ...rest] = positionals
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(HELP)
    return 0
  }

  if (command === 'check') return runCheckCommand(resolveStoreDir(values.store), { repair: values.repair ?? false, json: values.json })
  // Only import, import-project, sync and the tagging commands write; the other commands read, and may run beside the app that holds the store.
  const writes = command === 'import' || command === 'import-project' || command === 'merge' || command === 'sync' || isTaggingWrite(command) || isEntityWrite(command)
  const store = await CorpusStore.open(resolveStoreDir(values.store), { app: 'the Triangulate CLI', readOnly: !writes })
  for (const notice of store.notices) console.error(`triangulate: ${notice}`)
  try {
    return await runCommand(command, rest, store, values)
  } finally {
    await store.close()
  }
}

type CliValues = TaggingValues & {
  store?: string
  out?: string
  json: boolean
  'no-bom': boolean
  format?: string
  article?: string
  quote?: string
  start?: string
  end?: string
  limit?: string
  outlet?: string
  claim?: string
  entity?: string
  remote?: string
  member?: string
  once?: boolean
  'share-texts'?: boolean
}

/** What an export writes: text, or bytes (a zip), or a file it streamed itself. */
type ExportOutput = { text: string } | { bytes: Uint8Array } | { written: true }

async function runCommand(command: string, rest: string[], store: CorpusStore, values: CliValues): Promise<number> {
  const service = createTriangulateService({ store, sampleCorpusDir: join(PROJECT_ROOT, 'resources', 'sample-corpus') })
  // Strings are made well-formed on the way out: strict JSON readers (jq) refuse half a character.
  const print = (json: unknown, text: string) =>
    console.log(values.json ? JSON.stringify(json, (_key, value: unknown) => (typeof value === 'string' ? wellFormed(value) : value)) : text)

  switch (command) {
    case 'import': {
      const folder = rest[0]
      if (!folder) throw new UserError('invalid-argument', 'import needs a folder: npm run cli -- import <folder>')
      const showProgress = !values.json && process.stderr.isTTY
      const report = await importFolder(store, folder, { onProgress: showProgress ? drawProgress : undefined })
      if (showProgress) process.stderr.write('\n')
      // As in the app: an imported article is searchable when the command returns.
      await service.corpusSearch.update(report.articleIds, { onProgress: showProgress ? drawIndexing : undefined })
      // The derived indexes follow, as in the app (DECISIONS section 1), so the next command finds them.
      await service.dateIndex.update()
      if (showProgress && report.articleIds.length > 0) process.stderr.write('\n')
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
      // Credits come from the provenance index, brought up to date first (computed in memory on a read-only store).
      if (values.json) await service.provenance.runner.update()
      const articles = []
      for (const { id, title, outlet, date, paths, outletSource, contentHash } of store.listArticles()) {
        const credits = values.json
          ? creditViews(await store.readBody({ contentHash }), service.provenance.creditsOf(id) ?? []).map(({ label, kind, sentence, start, end }) => ({
              label,
              kind,
              sentence,
              start,
              end,
            }))
          : []
        articles.push({ id, title, outlet, date, paths, credits, outletSource })
      }
      print({ articles }, articles.map((a) => `${a.id}  ${a.date ?? '          '}  ${a.outlet ?? '-'}  ${a.title}`).join('\n'))
      return 0
    }
    case 'stats': {
      const stats = await service.stats({})
      print(
        stats,
        Object.entries(stats)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n'),
      )
      return 0
    }
    case 'export': {
      const format = rest[0] ?? ''
      const bom = !values['no-bom']
      const claimsCsv = () => service.exportClaimsCsv({ bom, claimsOnly: true }).then((f) => ({ text: f.content }))
      const exporters: Record<string, (out: string) => Promise<ExportOutput>> = {
        csv: async (out) => {
          // Streamed: the evidence CSV is the one export that grows to hundreds of thousands of rows.
          await service.writeClaimsCsvFile(out, { bom })
          return { written: true }
        },
        'claims-csv': claimsCsv,
        summary: claimsCsv,
        project: async () => ({ text: (await service.exportProject({ includeTexts: true })).content }),
        annotations: async () => ({ text: (await service.exportWebAnnotations({})).content }),
        qdpx: async () => ({ bytes: Buffer.from((await service.exportQdpx({})).contentBase64, 'base64') }),
        timeline: async () => ({ text: (await service.exportTimelineCsv({ bom })).content }),
        entities: async () => ({ text: (await service.exportEntitiesCsv({ bom })).content }),
        brief: async (out) => ({ text: (await service.exportBrief({ format: briefFormat(values.format, out) })).content }),
      }
      const exporter = exporters[format]
      if (!exporter) throw new UserError('invalid-argument', `Unknown export format "${format}". Available: ${Object.keys(exporters).join(', ')}.`)
      if (!values.out) throw new UserError('invalid-argument', `export ${format} needs --out FILE.`)
      const out = resolve(values.out)
      // Atomic: each export goes to a temporary file beside --out, flushed, then renamed over it.
      const output = await exporter(out).catch((error: unknown) => Promise.reject(exportWriteError(out, error)))
      if ('text' in output) await writeExportFile(out, output.text)
      if ('bytes' in output) await writeExportFile(out, output.bytes)
      const claims = store.claims.length
      print({ out, claims }, `Wrote ${format} export of ${claims} claim(s) to ${out}.`)
      return 0
    }
    case 'import-project':
    case 'merge': {
      const file = rest[0]
      if (!file) throw new UserError('invalid-argument', `${command} needs a project file: npm run cli -- import-project <project.json>`)
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
    case 'claims': {
      await service.dateIndex.ready()
      await service.provenance.runner.update()
      const claims = service.claimCards().map(claimForCli)
      print(
        { claims },
        claims
          .map(
            (c) =>
              `${c.id}  ${c.status}  ${c.independentSources} source(s)  ${c.text}\n${c.evidence.map((e) => `    ${e.stance}  ${e.source}  “${e.quote}”`).join('\n')}`,
          )
          .join('\n'),
      )
      return 0
    }
    case 'timeline': {
      console.log(await timelineCommand(service, { json: values.json, article: values.article, outlet: values.outlet, claim: values.claim, entity: values.entity }))
      return 0
    }
    case 'suggest': {
      const passage = await passageFromOptions(store, values)
      const limit = values.limit === undefined ? DEFAULT_SUGGEST_LIMIT : wholeNumber('limit', values.limit)
      await Promise.all([service.corpusSearch.ready(), service.dateIndex.ready()])
      const suggestions = (await suggestMatchesFor(store, service.corpusSearch, passage, limit, (article) => service.dateIndex.peek(article))).map(
        ({ articleId, articleTitle, outlet, start, end, text, score, why }) => ({
          articleId,
          articleTitle,
          outlet,
          start,
          end,
          text,
          score: Math.round(score * 1000) / 1000,
          why,
        }),
      )
      print(
        { passage, suggestions },
        suggestions
          .map((s) => `${s.score.toFixed(2)}  ${s.outlet ?? '-'}  ${s.articleId} [${s.start}, ${s.end})  ${s.text}\n      ${suggestionReasonText(s.why)}`)
          .join('\n'),
      )
      return 0
    }
    case 'sync':
      return syncCommand(service, {
        remote: values.remote,
        member: values.member,
        once: values.once ?? false,
        shareTexts: values['share-texts'],
        json: values.json,
        print,
      })
    case 'conflicts':
      return conflictsCommand(service, print)
    default: {
      const tagged = await runTaggingCommand(command, rest, { store, service, values, print })
      if (tagged !== null) return tagged
      const entity = await runEntityCommand(command, rest, { service, values, print })
      if (entity !== null) return entity
      throw new UserError('invalid-argument', `Unknown command "${command}". Run npm run cli -- --help.`)
    }
  }
}

const DEFAULT_SUGGEST_LIMIT = 10

/** A claim as scripts want it: flat, with each piece of evidence naming its stance, article and quote. */
function claimForCli(card: ClaimCard) {
  return {
    id: card.claim.id,
    text: card.claim.text,
    status: card.status,
    statusOverridden: card.status !== card.derivedStatus,
    /** Independent origin groups (DECISIONS section 9), not outlets. */
    independentSources: card.sourceCount,
    articles: card.articleCount,
    outlets: card.outlets ?? 0,
    origins: card.origins ?? [],
    supportingSources: card.supportingSources,
    contradictingSources: card.contradictingSources,
    tags: card.claim.tags,
    eventDate: card.eventDate ?? null,
    dateConflict: card.dateConflict ?? false,
    evidence: card.sources.flatMap((source) =>
      source.evidence.map((e) => ({
        linkId: e.linkId,
        stance: e.stance,
        credibility: e.credibility,
        source: source.sourceLabel,
        reliability: source.reliability,
        articleId: e.highlight.articleId,
        articleTitle: e.articleTitle,
        start: e.highlight.start,
        end: e.highlight.end,
        quote: e.highlight.exact,
        origins: e.origins ?? [],
        chain: e.chain ?? null,
        outletSource: e.outletSource ?? null,
      })),
    ),
    figures: card.figures ?? [],
    figureConflict: card.figureConflict ?? false,
    claimFigure: card.claimFigure ?? null,
  }
}

/** The passage named by --article with --quote (its first occurrence) or --start and --end (UTF-16 offsets). */
async function passageFromOptions(store: CorpusStore, values: CliValues): Promise<Passage> {
  if (!values.article) throw new UserError('invalid-argument', 'suggest needs --article ID (see the ids in npm run cli -- list).')
  const article = store.requireArticle(values.article)
  const text = await store.readBody(article)
  if (values.quote !== undefined) {
    if (values.start !== undefined || values.end !== undefined) throw new UserError('invalid-argument', 'suggest takes --quote or --start/--end, not both.')
    const start = text.indexOf(values.quote)
    if (values.quote.trim() === '' || start === -1)
      throw new UserError('invalid-argument', `The quote does not occur in article ${article.id} ("${article.title}"). Copy it exactly.`)
    return { articleId: article.id, start, end: start + values.quote.length, exact: values.quote }
  }
  if (values.start === undefined || values.end === undefined) throw new UserError('invalid-argument', 'suggest needs --quote TEXT, or --start N and --end N.')
  const start = wholeNumber('start', values.start)
  const end = wholeNumber('end', values.end)
  if (end <= start || end > text.length)
    throw new UserError('invalid-argument', `--start and --end must satisfy 0 ≤ start < end ≤ ${text.length} (the article's length).`)
  return { articleId: article.id, start, end, exact: text.slice(start, end) }
}

function wholeNumber(name: string, raw: string): number {
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0) throw new UserError('invalid-argument', `--${name} must be a whole number, not "${raw}".`)
  return value
}

/** The brief's format: --format when given, else Markdown for an .md file, else HTML. */
function briefFormat(format: string | undefined, out: string): 'html' | 'markdown' {
  if (format === undefined) return extname(out).toLowerCase() === '.md' ? 'markdown' : 'html'
  if (format === 'md' || format === 'markdown') return 'markdown'
  if (format === 'html') return 'html'
  throw new UserError('invalid-argument', `Unknown brief format "${format}". Use --format html or --format md.`)
}

function drawProgress(p: ImportProgress): void {
  process.stderr.write(`\r${progressBar(p.processed, p.total)} ${p.processed}/${p.total} files, ${p.imported} new, ${p.duplicates} duplicate, ${p.skipped} skipped`)
}

function drawIndexing(done: number, total: number): void {
  process.stderr.write(`\r${progressBar(done, total)} indexing for search: ${done}/${total} articles`)
}

function progressBar(done: number, total: number): string {
  const width = 30
  const filled = total === 0 ? 0 : Math.round((done / total) * width)
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`
}

exitQuietlyOnClosedPipe()
main(process.argv.slice(2)).then(exitWhenFlushed, (error: unknown) => {
  const { message, code } = describeFailure(error)
  console.error(`triangulate: ${message}`)
  return exitWhenFlushed(code)
})
