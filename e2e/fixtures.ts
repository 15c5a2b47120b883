// Every test gets a fresh store and a running Triangulate: the browser shell in Chromium (project
// `web`) or the desktop app (project `electron`, skipped where the Electron binary is absent). The
// shell's log is attached to the report when a test fails.

import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test as base, chromium, _electron, expect, type Page } from '@playwright/test'

export const ROOT = resolve(__dirname, '..')
export const SEEDS_DIR = resolve(ROOT, '../shared/seeds')

export interface Workbench {
  page: Page
  storeDir: string
  /** Stops the app and starts it again on the same store, as a user quitting and relaunching would. */
  restart(whileStopped?: () => Promise<void>): Promise<Page>
  /** Runs `trigger` (a click that exports) and returns the path of the file the user would get. */
  captureExport(trigger: () => Promise<void>): Promise<string>
}

/** Debian's Chromium when Playwright has no browser of its own (it cannot download one here). */
export function chromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  if (existsSync(chromium.executablePath())) return undefined
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync)
}

// Flags for running as root in a container with no network: no sandbox, no GPU, no phoning home.
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

function electronBinary(): string | null {
  try {
    const path = require('electron') as unknown as string
    return existsSync(path) ? path : null
  } catch {
    return null
  }
}

interface Launched {
  page: Page
  stop(): Promise<void>
  captureExport(trigger: () => Promise<void>): Promise<string>
}

export async function launchBrowserShell(storeDir: string, log: string[]): Promise<Launched> {
  const child = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/main/http-shell/serve.ts'), '--store', storeDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const firstLine = log.length
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser shell did not start:\n${log.join('')}`)), 30_000)
    child.stdout.on('data', (chunk: Buffer) => {
      log.push(chunk.toString())
      const match = /Open: (\S+)/.exec(log.slice(firstLine).join(''))
      if (match?.[1]) {
        clearTimeout(timer)
        resolveUrl(match[1])
      }
    })
    child.stderr.on('data', (chunk: Buffer) => log.push(chunk.toString()))
    child.on('exit', (code) => reject(new Error(`browser shell exited with ${code}:\n${log.join('')}`)))
  })
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS })
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true })
  const page = await context.newPage()
  page.on('console', (m) => log.push(`[console.${m.type()}] ${m.text()}\n`))
  await page.goto(url)
  return {
    page,
    stop: async () => {
      await browser.close()
      await stopChild(child)
    },
    captureExport: async (trigger) => {
      const download = page.waitForEvent('download')
      await trigger()
      const file = await (await download).path()
      if (!file) throw new Error('the download did not complete')
      return file
    },
  }
}

async function launchElectron(storeDir: string, binary: string, log: string[]): Promise<Launched> {
  const app = await _electron.launch({
    executablePath: binary,
    args: [join(ROOT, 'out/main/index.js'), ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    env: { ...process.env, TRIANGULATE_STORE: storeDir },
  })
  app.process().stdout?.on('data', (c: Buffer) => log.push(c.toString()))
  app.process().stderr?.on('data', (c: Buffer) => log.push(c.toString()))
  const page = await app.firstWindow()
  return {
    page,
    stop: () => app.close(),
    captureExport: async (trigger) => {
      // The native save dialog cannot be clicked: answer it with a path, as the user would.
      const file = join(storeDir, `export-${Date.now()}.csv`)
      await app.evaluate(({ dialog }, filePath) => {
        dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog
      }, file)
      await trigger()
      await expect(page.getByRole('status')).toContainText('Exported')
      return file
    },
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((done) => {
    child.once('exit', () => done())
    child.kill('SIGTERM')
  })
}

export const test = base.extend<{ workbench: Workbench }>({
  workbench: async ({}, use, testInfo) => {
    const electron = testInfo.project.name === 'electron'
    const binary = electron ? electronBinary() : null
    test.skip(electron && !binary, 'Electron binary not installed on this machine (npm install ran without downloading it); the web project covers the same specs.')

    const storeDir = await mkdtemp(join(tmpdir(), 'triangulate-e2e-'))
    const log: string[] = []
    const launch = () => (binary ? launchElectron(storeDir, binary, log) : launchBrowserShell(storeDir, log))
    let running = await launch()
    await use({
      storeDir,
      get page() {
        return running.page
      },
      captureExport: (trigger) => running.captureExport(trigger),
      restart: async (whileStopped) => {
        await running.stop()
        await whileStopped?.()
        running = await launch()
        return running.page
      },
    })
    await running.stop()
    if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('app.log', { body: log.join(''), contentType: 'text/plain' })
    await rm(storeDir, { recursive: true, force: true })
  },
})

export { expect } from '@playwright/test'

/**
 * Selects `phrase` inside a reader with a real mouse drag, from its first character to its last,
 * as an analyst would.
 */
export async function selectPhrase(page: Page, reader: string, phrase: string): Promise<void> {
  // The app may still be redrawing after the previous action (a new highlight, a closing popover),
  // which can move the text under a drag begun a moment too early: check what got selected, and
  // drag again if it is not the phrase, as a person would.
  for (let attempt = 1; ; attempt++) {
    await dragOverPhrase(page, reader, phrase)
    const selected = await selectedPassage(page)
    if (selected === phrase.replace(/\s+/g, ' ').trim()) return
    if (attempt === 3) throw new Error(`could not select "${phrase}" in ${reader}; got "${selected}"`)
    // A popover opened by the wrong selection would lie over the text the next drag needs.
    const popover = page.getByRole('dialog', { name: 'Tag selection' })
    if (await popover.isVisible()) await page.keyboard.press('Escape')
    await page.waitForTimeout(200)
  }
}

/**
 * What the analyst selected: the page's selection or, once the tag popover has taken the focus (a
 * frame after the selection, into its filter field, which empties the page's selection), the quote
 * the popover shows.
 */
export async function selectedPassage(page: Page): Promise<string> {
  return page.evaluate(() => {
    const quoted = document.querySelector('[role="dialog"][aria-label="Tag selection"] .popover-quote')?.textContent ?? ''
    const selected = window.getSelection()?.toString() ?? ''
    return (selected.trim() !== '' ? selected : quoted).replace(/\s+/g, ' ').trim()
  })
}

async function dragOverPhrase(page: Page, reader: string, phrase: string): Promise<void> {
  const text = page.getByRole('region', { name: reader }).getByRole('document')
  // A reader just told to open another article may still show the previous one for a moment.
  await expect(text).toContainText(phrase)
  const box = await text.evaluate((el, p) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
    const nodes: Text[] = []
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text)
    const full = nodes.map((n) => n.data).join('')
    const start = full.indexOf(p)
    if (start < 0) throw new Error(`phrase not in article: ${p}`)
    const locate = (offset: number) => {
      let seen = 0
      for (const node of nodes) {
        if (offset < seen + node.data.length) return { node, offset: offset - seen }
        seen += node.data.length
      }
      throw new Error('offset past end')
    }
    const charRect = (offset: number) => {
      const { node, offset: o } = locate(offset)
      const range = document.createRange()
      range.setStart(node, o)
      range.setEnd(node, o + 1)
      return range.getBoundingClientRect()
    }
    locate(start).node.parentElement?.scrollIntoView({ block: 'center' })
    const first = charRect(start)
    const last = charRect(start + p.length - 1)
    return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 }
  }, phrase)
  await page.mouse.move(box.x1, box.y1)
  await page.mouse.down()
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 3 })
  await page.mouse.move(box.x2, box.y2, { steps: 3 })
  await page.mouse.up()
}

/** Imports a folder through the Library's form, as an analyst would, and waits for the report. */
export async function importThroughUi(page: Page, folder: string, expectReport: string): Promise<void> {
  const library = page.getByRole('region', { name: 'Library' })
  await library.getByRole('textbox', { name: 'Folder path' }).fill(folder)
  await library.getByRole('button', { name: 'Import folder' }).click()
  // The first import of a run starts the import worker and the derived indexes: on a loaded machine
  // that alone has taken more than the default 10 s.
  await expect(library.getByRole('status', { name: 'Import report' })).toContainText(expectReport, { timeout: 30_000 })
}

/** At 1024×700 the library and the board do not both fit beside two readers: the rail shows the board. */
export async function showBoard(page: Page) {
  const button = page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Claims' })
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click()
  await expect(page.getByRole('region', { name: 'Claim board' })).toBeVisible()
}

/** Opens the library's article whose entry matches `title` in a reader, with the library's own button. */
export async function openInReader(page: Page, title: RegExp, reader: 1 | 2 | 3): Promise<void> {
  await page
    .getByRole('region', { name: 'Library' })
    .getByRole('listitem', { name: title })
    .getByRole('button', { name: `Open in Reader ${reader}` })
    .click()
}

/** Selects `phrase` in a reader and tags it to a new claim through the popover, as an analyst would. */
export async function tagAsNewClaim(page: Page, reader: string, phrase: string, claim: string): Promise<void> {
  await selectPhrase(page, reader, phrase)
  const popover = page.getByRole('dialog', { name: 'Tag selection' })
  await popover.getByRole('textbox', { name: 'Claim' }).fill(claim)
  await popover.getByRole('button', { name: 'Create claim' }).click()
  await expect(popover).toBeHidden()
}
