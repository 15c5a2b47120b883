// `npm run bench:board`: only the claim board's figures (first render, filter, open evidence, drag,
// payload size), the same way `npm run bench` measures them, in a minute instead of several. The
// imported corpus with its 1,000-claim, 10,000-link board is kept in the OS temp folder between runs
// (the search index is not built: the board does not use it); each run works on a copy of it.
// Usage: npm run bench:board -- [--articles N] [--seed N] [--json]

import { cp, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { importFolder } from '../src/main/import/import-folder'
import type { AnnotationFixture } from './annotation-fixtures'
import { BOARD, BOARD_INTERACTION_SAMPLES, BOARD_INTERACTION_WARM_UP, boardFigures, boardFilterQueries } from './board-figures'
import { runBenchChild } from './child-process'
import { ensureCorpus, GENERATOR_VERSION, TextModel } from './corpus-generator'
import { buildRenderer, chromiumExecutable, measureAppLoad, measureBoardInteractions, UiBench } from './measure-ui'
import { formatValue, verdictOf } from './report'
import { derivedRandom } from './seeded-random'
import { openSession } from './store-session'
import { targetsFor } from './targets'
import { indexWords, spreadWordSpans } from './text-spans'

/** App loads: 1 untimed, then 5 timed, as in the full bench. */
const APP_LOAD_WARM_UP = 1
const APP_LOAD_SAMPLES = 5

const log = (line: string) => process.stderr.write(`[bench:board ${new Date().toISOString().slice(11, 19)}] ${line}\n`)

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { articles: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' } } })
  const articles = Number(values.articles ?? 10_000)
  const seed = Number(values.seed ?? 42)
  if (!Number.isInteger(articles) || articles < 100 || !Number.isInteger(seed)) throw new Error('--articles must be a whole number ≥ 100 and --seed a whole number')
  const executable = chromiumExecutable()
  if (!executable) throw new Error('no Chromium found; apt-get install -y chromium or set CHROMIUM_PATH')

  const baseStore = await ensureBoardStore(articles, seed)
  const scratch = await mkdtemp(join(tmpdir(), 'triangulate-board-bench-run-'))
  try {
    const storeDir = join(scratch, 'store')
    await cp(baseStore.dir, storeDir, { recursive: true })
    // A store cached by an older schema is upgraded on its first open, and that open shows the
    // upgrade as a notice over the app (it covered the reader's close button): upgraded first, apart.
    await (await openSession(storeDir)).close()
    log('building the renderer…')
    const { rendererDir } = await buildRenderer(join(scratch, 'build'))
    const session = await openSession(storeDir)
    try {
      await session.service.saveUiState({ panes: [null, null], paneWeights: [1, 1] })
      const stats = await session.service.stats({})
      const view = await session.service.getClaimBoard({})
      const payloadBytes = Buffer.byteLength(JSON.stringify(view))
      const queries = boardFilterQueries(view, BOARD_INTERACTION_WARM_UP + BOARD_INTERACTION_SAMPLES)
      const ui = await UiBench.start(session.service, rendererDir, executable)
      try {
        log('first render…')
        const boardLoad = await measureAppLoad(ui, { articles: stats.articles, claims: stats.claims }, APP_LOAD_WARM_UP, APP_LOAD_SAMPLES)
        log(`first render: ${boardLoad.samples.map((s) => `${s.boardMs.toFixed(0)} ms (response ${s.boardResponseMs.toFixed(0)})`).join('; ')}`)
        log('interactions…')
        const interactions = await measureBoardInteractions(ui, queries, BOARD_INTERACTION_WARM_UP, BOARD_INTERACTION_SAMPLES)
        const targets = targetsFor(articles)
        const figures = boardFigures({
          boardLoad,
          interactions,
          renderTargetMs: targets.claimBoardRenderMs,
          interactionTargetMs: targets.claimBoardInteractionMs,
          missing: 'failed',
          fixture: baseStore.fixture,
          payloadBytes,
        })
        if (values.json) {
          process.stdout.write(`${JSON.stringify({ articles, seed, figures }, null, 2)}\n`)
        } else {
          for (const f of figures) {
            const value = f.value === null ? `n/a (${f.missing})` : `${f.lowerBound ? '> ' : ''}${formatValue(f.value, f.unit)}`
            const samples = (f.details as { samplesMs?: number[] } | undefined)?.samplesMs
            process.stdout.write(
              `${f.label}: ${value}${f.target === null ? '' : ` (target ≤ ${formatValue(f.target, f.unit)}: ${verdictOf(f)})`}${samples ? ` samples ${samples.map((v) => v.toFixed(0)).join(', ')}` : ''}\n`,
            )
          }
          const loads = boardLoad.samples
          process.stdout.write(
            `first render samples: ${loads.map((s) => `${s.boardMs.toFixed(0)} ms (response ${s.boardResponseMs.toFixed(0)}, after data ${s.renderAfterDataMs.toFixed(0)})`).join('; ')}\n`,
          )
        }
      } finally {
        await ui.close()
      }
    } finally {
      await session.close()
    }
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}

/**
 * The imported corpus with the issue's board, built once and kept: an import, one claim linked to one
 * highlight through the service (the records the fixture copies), then growAnnotations in a child process.
 */
async function ensureBoardStore(articles: number, seed: number): Promise<{ dir: string; fixture: AnnotationFixture | null }> {
  const dir = join(tmpdir(), 'triangulate-bench', `board-store-v${GENERATOR_VERSION}-seed${seed}-n${articles}-c${BOARD.claims}-l${BOARD.links}`)
  const ready = join(dir, 'READY')
  if (
    await stat(ready).then(
      () => true,
      () => false,
    )
  ) {
    log(`board store: reusing ${dir}`)
    return { dir: join(dir, 'store'), fixture: null }
  }
  await rm(dir, { recursive: true, force: true })
  const corpus = await ensureCorpus({ seed, articles }, log)
  const storeDir = join(dir, 'store')
  const session = await openSession(storeDir)
  try {
    log(`board store: importing ${articles} articles…`)
    await importFolder(session.store, corpus.dir)
    const [first] = session.store.listArticles()
    if (!first) throw new Error('the import left the library empty')
    const random = derivedRandom(seed, 'template')
    const { text } = await session.service.getArticle({ id: first.id })
    const [span] = spreadWordSpans(indexWords(text), 1, random)
    if (!span) throw new Error('no passage for the template highlight')
    const highlight = await session.service.createHighlight({ articleId: first.id, start: span.start, end: span.end })
    const claim = await session.service.createClaim({ text: new TextModel(seed).sentence(random) })
    await session.service.linkEvidence({ claimId: claim.id, highlightId: highlight.id, stance: 'supports' })
  } finally {
    await session.close()
  }
  log('board store: growing the board…')
  const fixture = await runBenchChild<AnnotationFixture>('seed-annotations.ts', [storeDir, String(seed), String(BOARD.claims), String(BOARD.links)])
  await writeFile(ready, '')
  return { dir: storeDir, fixture }
}

main().catch((error: unknown) => {
  console.error(`bench:board: ${(error as Error).stack ?? error}`)
  process.exit(1)
})
