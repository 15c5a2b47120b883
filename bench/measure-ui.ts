// The figures only a browser can give: the built renderer served by the real browser shell
// (startShellServer over the service, in this process) and driven in Chromium by Playwright. Times
// are taken inside the page (bench/ui/page-probes.js) on the page's own clock: from the click, or
// from the API request, until the elements are in the DOM and the next frame has been produced.

import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Locator, type Page } from '@playwright/test'
import { startShellServer, type ShellServer } from '../src/main/http-shell/shell-server'
import type { TriangulateService } from '../src/main/service/triangulate-service'
import { BOARD_FIRST_SCREEN_CARDS } from './board-figures'
import { PROJECT_ROOT } from './store-session'
import { percentile, type SampleSummary, summarise } from './timing'

// As e2e/fixtures.ts: running as root in a container with no network, so no sandbox, no GPU and
// nothing that phones home. And no address-bar popup: Debian's Chromium 156 builds one for every new
// window (a renderer of its own loading ~200 modules of chrome://omnibox-popup, 100–250 ms of CPU),
// and each app load here opens a new window, so on 2 cores it took CPU from the very render being
// timed. The desktop app (Electron) has no address bar; Chromium merges this list with Playwright's.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
]
/** The e2e suite's window size: wide enough for the library, two readers and the board. */
const VIEWPORT = { width: 1440, height: 900 }
/**
 * Longest wait for anything to appear. A render still running then is reported as "more than this"
 * (against targets of 50–200 ms the lower bound says enough) rather than waited out.
 */
export const RENDER_TIMEOUT_MS = 60_000
/** Closing a page whose main thread is stuck in a render: give up on it after this. */
const CLOSE_TIMEOUT_MS = 10_000
const PROBES_SCRIPT = join(__dirname, 'ui', 'page-probes.js')

/**
 * The library's first render is its first screenful of rows, drawn with their articles: the list is
 * virtualised, so it never draws the whole corpus. At the bench's window size more rows than this fit.
 */
export const LIBRARY_FIRST_SCREEN_ROWS = 10

/** What the figures wait for, in the renderer's markup; keep in step with the components. */
export const SELECTORS = {
  /** Library rows showing an article (a row whose page is still on the way is aria-busy). */
  libraryItems: 'ul[aria-label="Articles"] > li[aria-posinset]:not([aria-busy])',
  /** Every claim card drawn, whatever lane or list the board puts it in (lanes draw only what is in view). */
  claimCards: 'section[aria-label="Claim board"] ul.claim-cards > li',
  laneCounts: 'section[aria-label="Claim board"] .lane-count',
  filter: 'section[aria-label="Claim board"] input[aria-label="Filter claims"]',
  matrixView: 'section[aria-label="Claim board"] [aria-label="Board view"] button:text-is("Matrix")',
  matrix: 'table[aria-label="Evidence matrix"]',
  matrixCells: 'table[aria-label="Evidence matrix"] td button',
  selectedPassage: 'section[aria-label^="Reader"] mark.selected',
  closeReader: 'button[aria-label="Close Reader 1"]',
  undo: '[role="status"][aria-label="Last change"] button',
  readerMarks: (pane: number) => `section[aria-label="Reader ${pane}"] mark[data-highlight-ids]`,
  openInReader: (title: string, pane: number) => `ul[aria-label="Articles"] > li[aria-label="${title}"] button[aria-label="Open in Reader ${pane}"]`,
  readerText: (title: string, pane: number) => `section[aria-label="Reader ${pane}"] [role="document"][aria-label="Text of ${title}"]`,
}

/** Debian's Chromium when Playwright has no browser of its own (it cannot download one here). */
export function chromiumExecutable(): string | null {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  if (existsSync(chromium.executablePath())) return chromium.executablePath()
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p)) ?? null
}

/** Builds the app with electron-vite into `outDir` (never the project's out/) and returns the renderer folder. */
export async function buildRenderer(outDir: string): Promise<{ rendererDir: string; ms: number }> {
  const started = performance.now()
  const child = spawn(join(PROJECT_ROOT, 'node_modules', '.bin', 'electron-vite'), ['build', '--outDir', outDir], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', resolve)
  })
  if (code !== 0) throw new Error(`electron-vite build failed (exit ${code}):\n${output}`)
  return { rendererDir: join(outDir, 'renderer'), ms: performance.now() - started }
}

type Watch = [name: string, selector: string, atLeast: number]

interface DomTimes {
  domAt: number
  paintAt: number
}

interface ApiTiming {
  startTime: number
  responseEnd: number
}

export class UiBench {
  private constructor(
    private readonly browser: Browser,
    private readonly server: ShellServer,
  ) {}

  static async start(service: TriangulateService, rendererDir: string, executablePath: string): Promise<UiBench> {
    const server = await startShellServer({ handlers: service, rendererDir })
    try {
      const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS })
      return new UiBench(browser, server)
    } catch (error) {
      await server.close()
      throw error
    }
  }

  /** A fresh browser context (no cache, no storage) on the app, with watches armed before it runs. */
  async openApp(watches: readonly Watch[]): Promise<Page> {
    const context = await this.browser.newContext({ viewport: VIEWPORT })
    await context.addInitScript({ content: `window.__triangulateBenchWatches = ${JSON.stringify(watches)}` })
    await context.addInitScript({ path: PROBES_SCRIPT })
    const page = await context.newPage()
    // Kept so a figure that never arrives can say what the page said instead.
    const log: string[] = []
    pageLogs.set(page, log)
    page.on('console', (m) => log.push(`[console.${m.type()}] ${m.text()}`))
    page.on('pageerror', (e) => log.push(`[pageerror] ${e.message}`))
    await page.goto(this.server.url)
    return page
  }

  async close(): Promise<void> {
    await this.browser.close()
    await this.server.close()
  }
}

export interface AppLoadSample {
  /** First listArticles request start → the library's first screenful of rows painted. */
  libraryMs: number
  /** First getClaimBoard request start (the first screen's board) → the first screen of claim cards painted. */
  boardMs: number
  /** First getClaimBoard request start → its response fully received (service work, JSON, transfer). */
  boardResponseMs: number
  /**
   * The board's first answer and the saved layout both received → claim cards painted (parse, React,
   * layout, paint). The library's first page is not waited for: it is asked for once the board's
   * first screen is painted (Workspace's drawFirstOnly).
   */
  renderAfterDataMs: number
  /** Navigation start → claim cards painted. */
  sinceNavigationMs: number
}

export interface AppLoadMeasurement {
  /** Medians; null when no sample finished in time. */
  libraryMs: number | null
  boardMs: number | null
  /** The claim cards the settled board shows in the window, which each load waited for (0 with no claims). */
  boardCardsInView: number
  samples: AppLoadSample[]
  /** Set when a load did not finish within RENDER_TIMEOUT_MS: what it was waiting for, and how long. */
  timedOut: { waitingFor: string; afterMs: number } | null
}

/**
 * Opens the app `warmUp + samples` times, each in a fresh context, and times the library list and
 * the claim board's first render. Medians are reported. A load that does not finish in time ends
 * the measurement: the next would hang the same way.
 */
export async function measureAppLoad(ui: UiBench, expected: { articles: number; claims: number }, warmUp: number, samples: number): Promise<AppLoadMeasurement> {
  const results: AppLoadSample[] = []
  let timedOut: AppLoadMeasurement['timedOut'] = null
  const inView = expected.claims > 0 ? await settledCardsInView(ui) : 0
  for (let i = 0; i < warmUp + samples && !timedOut; i++) {
    const page = await ui.openApp([
      ['library', SELECTORS.libraryItems, Math.min(expected.articles, LIBRARY_FIRST_SCREEN_ROWS)],
      ['board', SELECTORS.claimCards, inView],
    ])
    let waitingFor = 'library list'
    try {
      const library = await pageResult<DomTimes>(page, `window.__triangulateBench.result('library')`)
      waitingFor = 'claim board'
      const board = expected.claims > 0 ? await pageResult<DomTimes>(page, `window.__triangulateBench.result('board')`) : library
      if (expected.claims > 0) await expectLaneTotal(page, expected.claims)
      const timing = (op: string, first = false) => pageResult<ApiTiming>(page, `window.__triangulateBench.apiTiming('${op}', ${first})`)
      // The board's first request: the first screen's board; the full board's request follows it once drawn.
      const [list, cards, uiState] = [await timing('listArticles'), await timing('getClaimBoard', true), await timing('getUiState')]
      const dataReady = Math.max(cards.responseEnd, uiState.responseEnd)
      if (i >= warmUp) {
        results.push({
          libraryMs: library.paintAt - list.startTime,
          boardMs: board.paintAt - cards.startTime,
          boardResponseMs: cards.responseEnd - cards.startTime,
          renderAfterDataMs: board.paintAt - dataReady,
          sinceNavigationMs: board.paintAt,
        })
      }
    } catch (error) {
      if (!(error instanceof RenderTimeout)) throw error
      timedOut = { waitingFor, afterMs: RENDER_TIMEOUT_MS }
    } finally {
      await closeQuietly(page)
    }
  }
  const median = (values: number[]) => (values.length > 0 ? percentile(values, 50) : null)
  return {
    libraryMs: median(results.map((r) => r.libraryMs)),
    boardMs: median(results.map((r) => r.boardMs)),
    boardCardsInView: inView,
    samples: results,
    timedOut,
  }
}

/**
 * What the board's first render waits for: the claim cards an analyst sees, counted once on a board
 * loaded and left to settle (the full board drawn) in the bench's window. A card counts when any of
 * it shows: inside the window, its lane's scrolling box and the board's panel. Cards drawn beyond
 * them (a lane draws a few more either side, for scrolling and Tab) are not on screen, so a first
 * render need not wait for them; a renderer that draws the cards in view first is then timed when
 * the analyst sees the board, not when the invisible ones are done.
 */
async function settledCardsInView(ui: UiBench): Promise<number> {
  const page = await ui.openApp([['board', SELECTORS.claimCards, 1]])
  try {
    await pageResult<DomTimes>(page, `window.__triangulateBench.result('board')`)
    await page.waitForLoadState('networkidle')
    await settle(page)
    // A string, not a function: tsx would wrap a function's inner functions in helpers the page lacks.
    const count = await pageResult<number>(
      page,
      `(() => {
        const clip = (a, b) => ({ top: Math.max(a.top, b.top), bottom: Math.min(a.bottom, b.bottom) })
        return Array.from(document.querySelectorAll(${JSON.stringify(SELECTORS.claimCards)})).filter((card) => {
          let box = clip(card.getBoundingClientRect(), { top: 0, bottom: window.innerHeight })
          for (const frame of [card.closest('.lane-scroll'), card.closest('section[aria-label="Claim board"]')]) if (frame) box = clip(box, frame.getBoundingClientRect())
          return box.bottom > box.top
        }).length
      })()`,
    )
    if (count === 0) throw new Error('the settled board shows no claim card in the window')
    return count
  } finally {
    await closeQuietly(page)
  }
}

export interface ReaderArticles {
  /** The article measured: opened in Reader 1 and timed until its highlights are marked. */
  measured: { title: string; marks: number }
  /** An article opened in between, so each measured open replaces a different text, as in use. */
  other: { title: string }
}

/**
 * In one app window: alternately opens `other` and `measured` in Reader 1 from the library, timing
 * each measured open from the click to every highlight marked and painted.
 */
export async function measureReaderOpen(ui: UiBench, articles: ReaderArticles, warmUp: number, samples: number): Promise<SampleSummary & { samplesMs: number[] }> {
  const page = await ui.openApp([])
  try {
    const samplesMs: number[] = []
    for (let i = 0; i < warmUp + samples; i++) {
      await page.locator(SELECTORS.openInReader(articles.other.title, 1)).click()
      await page.locator(SELECTORS.readerText(articles.other.title, 1)).waitFor({ timeout: RENDER_TIMEOUT_MS })
      await page.evaluate(`window.__triangulateBench.watch('reader', ${JSON.stringify(SELECTORS.readerMarks(1))}, ${articles.measured.marks})`)
      await page.locator(SELECTORS.openInReader(articles.measured.title, 1)).click()
      const rendered = await pageResult<DomTimes>(page, `window.__triangulateBench.result('reader')`)
      const clickedAt = await pageResult<number>(page, `window.__triangulateBench.lastClickAt`)
      if (i >= warmUp) samplesMs.push(rendered.paintAt - clickedAt)
    }
    return { ...summarise(samplesMs), samplesMs }
  } finally {
    await closeQuietly(page)
  }
}

/** Closes a page's context; a page stuck in a render may never answer, and the browser's close ends it. */
async function closeQuietly(page: Page): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const giveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_TIMEOUT_MS)))
  await Promise.race([
    page
      .context()
      .close()
      .catch(() => undefined),
    giveUp,
  ])
  clearTimeout(timer)
}

/** The page did not produce what was awaited in time; the message carries what it showed and logged. */
export class RenderTimeout extends Error {
  override name = 'RenderTimeout'
}

const pageLogs = new WeakMap<Page, string[]>()

/** Evaluates an expression in the page (awaiting a promise), failing after RENDER_TIMEOUT_MS with the page's log. */
async function pageResult<T>(page: Page, expression: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(async () => {
      // A page stuck in a render cannot answer either: ask briefly.
      const shown = await Promise.race([page.evaluate(`document.body.innerText.slice(0, 300)`), new Promise((r) => setTimeout(() => r('(no answer)'), 2_000))]).catch(
        () => '?',
      )
      const log = (pageLogs.get(page) ?? []).slice(-10).join('\n')
      reject(new RenderTimeout(`the page did not answer within ${RENDER_TIMEOUT_MS / 1000} s: ${expression}\npage shows: ${String(shown)}\npage log:\n${log}`))
    }, RENDER_TIMEOUT_MS)
  })
  try {
    const value = await Promise.race([page.evaluate(expression), timeout])
    if (value === null || value === undefined) throw new Error(`the page has no value for ${expression}`)
    return value as T
  } finally {
    clearTimeout(timer)
  }
}

/** The sum of the lanes' counts must be every claim: the board drew its lanes from the whole board. */
async function expectLaneTotal(page: Page, claims: number): Promise<void> {
  const counts = await page.locator(SELECTORS.laneCounts).allInnerTexts()
  const total = counts.reduce((n, c) => n + Number(c), 0)
  if (total !== claims) throw new Error(`the board's lanes count ${total} claims, not ${claims}`)
}

export interface BoardFilterQuery {
  text: string
  /** Cards the board must show for it (computed with the board's own filter, src/shared/claims/board-filter). */
  matches: number
}

export interface BoardInteractions {
  /** Filter typed → the matching cards painted. */
  filter: SampleSummary & { samplesMs: number[] }
  /** Matrix cell clicked → its passage marked in a reader and painted (getArticle and the reader's render included). */
  openEvidence: SampleSummary & { samplesMs: number[] }
  /** Evidence dropped on another card → gone from its card and painted (before the service has stored the move). */
  drag: SampleSummary & { samplesMs: number[] }
}

/**
 * In one app window on the board: filters (each query timed from its input event until exactly its
 * matching cards are drawn), opens evidence from the matrix (from the click until the passage is
 * marked), and drags evidence from one card to the next (from the drop until it has left its card),
 * undoing each move before the next. Every figure is the first sample after `warmUp` untimed ones.
 */
export async function measureBoardInteractions(ui: UiBench, queries: readonly BoardFilterQuery[], warmUp: number, samples: number): Promise<BoardInteractions> {
  const page = await ui.openApp([['board', SELECTORS.claimCards, BOARD_FIRST_SCREEN_CARDS]])
  const bench = (expression: string) => `window.__triangulateBench.${expression}`
  try {
    await pageResult<DomTimes>(page, bench(`result('board')`))
    await settle(page)

    const filterMs: number[] = []
    for (let i = 0; i < warmUp + samples; i++) {
      const query = queries[i % queries.length] as BoardFilterQuery
      await page.evaluate(bench(`watch('filter', ${JSON.stringify(SELECTORS.claimCards)}, ${query.matches}, true)`))
      await page.locator(SELECTORS.filter).fill(query.text)
      const shown = await pageResult<DomTimes>(page, bench(`result('filter')`))
      const typedAt = await pageResult<number>(page, bench('lastInputAt'))
      if (i >= warmUp) filterMs.push(shown.paintAt - typedAt)
      await page.locator(SELECTORS.filter).fill('')
      await page
        .locator(SELECTORS.claimCards)
        .nth(BOARD_FIRST_SCREEN_CARDS - 1)
        .waitFor({ timeout: RENDER_TIMEOUT_MS })
      await settle(page)
    }

    // Always from the first card to the one below it, both on screen (undo puts the board back in
    // between); each sample drags a different piece of the evidence the card shows.
    const dragMs: number[] = []
    for (let i = 0; i < warmUp + samples; i++) {
      const cards = page.locator(SELECTORS.claimCards)
      const from = cards.nth(0)
      const to = cards.nth(1)
      const fromClaim = (await from.getAttribute('aria-label')) as string
      const shownEvidence = from.locator('li.evidence')
      const evidence = shownEvidence.nth(i % (await shownEvidence.count()))
      const quoteLabel = (await evidence.locator('button.evidence-quote').getAttribute('aria-label')) as string
      const stillThere = `${SELECTORS.claimCards}[aria-label=${cssString(fromClaim)}] button[aria-label=${cssString(quoteLabel)}]`
      await page.evaluate(bench(`watch('drag', ${JSON.stringify(stillThere)}, 0)`))
      // Picked up by its quote and dropped on the card's statement, as a hand does (and the e2e spec):
      // the middle of an evidence row can be one of its controls, a select, which does not drag.
      await untilBoardRefreshed(page, () => dragWithMouse(page, evidence.locator('button.evidence-quote'), to.locator('.claim-text')))
      const moved = await pageResult<DomTimes>(page, bench(`result('drag')`))
      const droppedAt = await pageResult<number>(page, bench('lastDropAt'))
      if (i >= warmUp) dragMs.push(moved.paintAt - droppedAt)
      await untilBoardRefreshed(page, () => page.locator(SELECTORS.undo).click())
      await page.locator(stillThere).waitFor({ timeout: RENDER_TIMEOUT_MS })
    }

    const openMs: number[] = []
    await page.locator(SELECTORS.matrixView).click()
    for (let i = 0; i < warmUp + samples; i++) {
      // The matrix is a view over the work area: opening a passage in a reader closes it, so it is shown again first.
      if (!(await page.locator(SELECTORS.matrix).isVisible())) {
        await page.locator(SELECTORS.matrixView).click()
        await page.locator(SELECTORS.matrixCells).nth(i).waitFor({ timeout: RENDER_TIMEOUT_MS })
        await settle(page)
      }
      await page.evaluate(bench(`watch('open', ${JSON.stringify(SELECTORS.selectedPassage)}, 1)`))
      await page.locator(SELECTORS.matrixCells).nth(i).click()
      const opened = await pageResult<DomTimes>(page, bench(`result('open')`))
      const clickedAt = await pageResult<number>(page, bench('lastClickAt'))
      if (i >= warmUp) openMs.push(opened.paintAt - clickedAt)
      await page.locator(SELECTORS.closeReader).click()
      await page.locator(SELECTORS.selectedPassage).first().waitFor({ state: 'detached', timeout: RENDER_TIMEOUT_MS })
      await settle(page)
    }
    return {
      filter: { ...summarise(filterMs), samplesMs: filterMs },
      openEvidence: { ...summarise(openMs), samplesMs: openMs },
      drag: { ...summarise(dragMs), samplesMs: dragMs },
    }
  } finally {
    await closeQuietly(page)
  }
}

/**
 * Drags as a hand does: press, a small move to start the drag, then on to the target in steps.
 * Playwright's dragTo scrolls the target into view mid-drag, and inside a scrolling lane Chromium
 * then never starts the drag at all.
 */
async function dragWithMouse(page: Page, source: Locator, target: Locator): Promise<void> {
  await source.scrollIntoViewIfNeeded()
  const from = await source.boundingBox()
  const to = await target.boundingBox()
  if (!from || !to) throw new Error('the evidence to drag, or the card to drop it on, is not on screen')
  const [x, y] = [from.x + from.width / 2, from.y + from.height / 2]
  await page.mouse.move(x, y)
  await page.mouse.down()
  await page.mouse.move(x + 5, y + 5, { steps: 3 })
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(to.height / 2, 40), { steps: 5 })
  await page.mouse.up()
}

/** Runs `action` and waits until the board it changed has been fetched again and the page is idle. */
async function untilBoardRefreshed(page: Page, action: () => Promise<void>): Promise<void> {
  const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/getClaimBoard'), { timeout: RENDER_TIMEOUT_MS })
  await action()
  await refreshed
  await settle(page)
}

/** Waits until the page has produced a frame and run what was queued behind it (a refresh's render). */
async function settle(page: Page): Promise<void> {
  await pageResult(page, `new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(true), 0)))`)
}

/** A CSS string literal: quotes and backslashes escaped (claim texts and quotes are arbitrary). */
function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\a ')}"`
}
