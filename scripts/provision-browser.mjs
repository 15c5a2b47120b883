// Finds the Chromium the e2e suite drives, or installs one, so that `npm test` passes on a fresh
// machine with nothing run before it. Order: CHROMIUM_PATH, Playwright's own Chromium, a Chromium or
// Chrome on the PATH; else install Playwright's (`playwright install chromium`, where the network
// allows) or, on Debian or Ubuntu as root, the distribution's `chromium` package. Where none of that
// works it returns one sentence naming the command to run. `findBrowser` and `installPlan` decide,
// from facts passed in, and are unit-tested; `provisionBrowser` gathers the facts and runs commands.
// TRIANGULATE_NO_BROWSER_INSTALL=1 forbids installing (finding still works).

import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Executable names a Chromium or Chrome goes by on the PATH, most specific first. */
export const SYSTEM_BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome']
/** Where browsers live outside the PATH on macOS and Windows. */
const WELL_KNOWN_PATHS = {
  darwin: ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
  win32: ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe'],
}
/** `playwright install` downloads ~150 MB; past this it is stuck on a network that does not answer. */
const PLAYWRIGHT_INSTALL_TIMEOUT_MS = 5 * 60_000
const APT_TIMEOUT_MS = 15 * 60_000

/**
 * The browser to use, from what is on this machine, or null when there is none.
 * @param {{ chromiumPathEnv?: string, playwrightPath?: string, pathEnv?: string, platform?: string, exists: (p: string) => boolean }} facts
 * @returns {{ path: string, source: 'CHROMIUM_PATH' | 'playwright' | 'system' } | { error: string } | null}
 */
export function findBrowser({ chromiumPathEnv, playwrightPath, pathEnv = '', platform = 'linux', exists }) {
  if (chromiumPathEnv) {
    // An explicit choice that points nowhere is a mistake to report, not to work around.
    if (!exists(chromiumPathEnv)) return { error: `CHROMIUM_PATH is set to ${chromiumPathEnv}, which does not exist: point it at a Chromium or Chrome, or unset it.` }
    return { path: chromiumPathEnv, source: 'CHROMIUM_PATH' }
  }
  if (playwrightPath && exists(playwrightPath)) return { path: playwrightPath, source: 'playwright' }
  const suffix = platform === 'win32' ? '.exe' : ''
  for (const name of SYSTEM_BROWSER_NAMES)
    for (const dir of pathEnv.split(platform === 'win32' ? ';' : ':').filter(Boolean)) {
      const candidate = join(dir, name + suffix)
      if (exists(candidate)) return { path: candidate, source: 'system' }
    }
  for (const candidate of WELL_KNOWN_PATHS[platform] ?? []) if (exists(candidate)) return { path: candidate, source: 'system' }
  return null
}

/**
 * How a browser may be installed here, in the order to try, and the command to name if none works.
 * @param {{ platform: string, isRoot: boolean, osRelease?: string, hasAptGet: boolean, installAllowed: boolean, playwrightCli: string }} facts
 */
export function installPlan({ platform, isRoot, osRelease = '', hasAptGet, installAllowed, playwrightCli }) {
  const debianLike = platform === 'linux' && /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(osRelease)
  const steps = []
  if (installAllowed) {
    steps.push({ name: "Playwright's Chromium", command: process.execPath, args: [playwrightCli, 'install', 'chromium'], timeout: PLAYWRIGHT_INSTALL_TIMEOUT_MS })
    if (debianLike && isRoot && hasAptGet)
      steps.push({
        name: "the distribution's chromium package",
        command: 'sh',
        args: ['-c', 'DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'],
        timeout: APT_TIMEOUT_MS,
      })
  }
  const remedy = debianLike ? `${isRoot ? '' : 'sudo '}apt-get install -y chromium` : 'npx playwright install chromium'
  return { steps, remedy }
}

function playwrightChromiumPath() {
  try {
    const require = createRequire(join(root, 'package.json'))
    return require('playwright-core').chromium.executablePath()
  } catch {
    return undefined
  }
}

function readOsRelease() {
  try {
    return readFileSync('/etc/os-release', 'utf8')
  } catch {
    return ''
  }
}

function onPath(name, pathEnv) {
  return pathEnv.split(delimiter).some((dir) => dir && existsSync(join(dir, name)))
}

/**
 * Finds or installs a browser. Returns `{ ok: true, path, source, installed }` or `{ ok: false, reason }`
 * where `reason` is one sentence naming the command to run.
 */
export function provisionBrowser({ env = process.env, log = console.log, locatePlaywright = playwrightChromiumPath } = {}) {
  const facts = () => ({
    chromiumPathEnv: env.CHROMIUM_PATH,
    playwrightPath: locatePlaywright(),
    pathEnv: env.PATH ?? '',
    platform: process.platform,
    exists: existsSync,
  })
  const found = findBrowser(facts())
  if (found && 'error' in found) return { ok: false, reason: found.error }
  if (found) return { ok: true, ...found, installed: false }

  const plan = installPlan({
    platform: process.platform,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    osRelease: readOsRelease(),
    hasAptGet: onPath('apt-get', env.PATH ?? ''),
    installAllowed: env.TRIANGULATE_NO_BROWSER_INSTALL !== '1',
    playwrightCli: join(root, 'node_modules/@playwright/test/cli.js'),
  })
  for (const step of plan.steps) {
    log(`No Chromium found: installing ${step.name} (${[step.command === process.execPath ? 'node' : step.command, ...step.args].join(' ')})…`)
    const result = spawnSync(step.command, step.args, { stdio: 'inherit', env, timeout: step.timeout })
    const after = findBrowser(facts())
    if (result.status === 0 && after && !('error' in after)) return { ok: true, ...after, installed: true }
    log(`Installing ${step.name} did not give a browser${result.error ? ` (${result.error.message})` : ''}.`)
  }
  const installAllowed = env.TRIANGULATE_NO_BROWSER_INSTALL !== '1'
  const tried = !installAllowed
    ? ' and installing is turned off (TRIANGULATE_NO_BROWSER_INSTALL=1)'
    : ` and installing ${plan.steps.map((s) => s.name).join(' or ')} failed`
  return {
    ok: false,
    reason: `No Chromium for the e2e suite (CHROMIUM_PATH unset, no Playwright Chromium, none on the PATH)${tried}: run \`${plan.remedy}\` (or set CHROMIUM_PATH), then \`npm test\` again.`,
  }
}

// `node scripts/provision-browser.mjs` prints the browser's path, or the reason and exits 1.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = provisionBrowser({ log: (line) => console.error(line) })
  if (result.ok) console.log(result.path)
  else {
    console.error(result.reason)
    process.exit(1)
  }
}
