// `npm test`: typecheck, lint (the architecture's boundaries), the format check, unit tests, the Electronegativity scan, the Electron build and a check of
// its import worker, then the Playwright e2e suite. Runs every
// stage even after a failure, then prints one closing line `N passed, N failed, N skipped`.

import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { provisionBrowser } from './provision-browser.mjs'

const BROWSER_SOURCES = { CHROMIUM_PATH: 'CHROMIUM_PATH', playwright: "Playwright's Chromium", system: 'a Chromium or Chrome on the PATH' }

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outputDir = join(root, '.test-output')
rmSync(outputDir, { recursive: true, force: true })
mkdirSync(outputDir, { recursive: true })

const bin = (pkg, file) => join(root, 'node_modules', pkg, file)
const totals = { passed: 0, failed: 0, skipped: 0 }

function stage(name, command, args, env = {}) {
  console.log(`\n=== ${name} ===`)
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  return result.status === 0
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(join(outputDir, file), 'utf8'))
  } catch {
    return null
  }
}

/** A stage with no test counts of its own (typecheck, build) counts as one check. */
function check(ok) {
  if (ok) totals.passed++
  else totals.failed++
}

const tsc = bin('typescript', 'bin/tsc')
check(['tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.e2e.json'].every((p) => stage(`typecheck ${p}`, process.execPath, [tsc, '-p', p])))

// The boundaries between shared, main, renderer and preload and between main's domains (eslint.config.mjs).
check(stage('lint (eslint)', process.execPath, [bin('eslint', 'bin/eslint.js'), '.']))

// Prettier checks the code once the tree has had its first repo-wide `npm run format`, which leaves the
// marker file FORMATTED_MARKER behind; until then the stage says so and counts as skipped.
const FORMATTED_MARKER = '.prettier-formatted'
if (existsSync(join(root, FORMATTED_MARKER))) check(stage('format check (prettier)', process.execPath, [bin('prettier', 'bin/prettier.cjs'), '--check', '.']))
else {
  console.log(
    `\n=== format check (prettier) ===\nskipped: the tree has not had its first \`npm run format\` yet (${FORMATTED_MARKER} is absent; after that pass, commit an empty ${FORMATTED_MARKER} to turn this check on)`,
  )
  totals.skipped++
}

const unitOk = stage('unit tests (vitest)', process.execPath, [
  bin('vitest', 'vitest.mjs'),
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${join(outputDir, 'unit.json')}`,
])
const unit = readJson('unit.json')
if (unit) {
  totals.passed += unit.numPassedTests
  totals.failed += unit.numFailedTests
  totals.skipped += unit.numPendingTests + (unit.numTodoTests ?? 0)
  if (!unitOk && unit.numFailedTests === 0) totals.failed++ // a suite that failed to load
} else check(false)

check(stage('security scan (electronegativity)', process.execPath, [join(root, 'scripts/security-scan.mjs')]))

const buildOk = stage('electron-vite build', process.execPath, [bin('electron-vite', 'bin/electron-vite.js'), 'build'])
check(buildOk)
// The desktop app's import worker as built: nothing else runs it where Electron cannot be installed.
check(buildOk && stage('built import worker', process.execPath, [join(root, 'scripts/check-built-worker.mjs')]))

// The e2e suite's browser: found or installed here (scripts/provision-browser.mjs). Where there is
// none and none can be installed, the suite is not run and that counts as one failure, with one
// sentence naming the command to run, rather than one launch error per spec.
console.log('\n=== browser for e2e ===')
const browser = provisionBrowser()
if (browser.ok) console.log(`using ${browser.path} (${BROWSER_SOURCES[browser.source]}${browser.installed ? ', installed just now' : ''})`)
else console.log(browser.reason)
const e2eOk =
  browser.ok && stage('e2e (playwright)', process.execPath, [bin('@playwright/test', 'cli.js'), 'test'], { TRIANGULATE_SKIP_BUILD: '1', CHROMIUM_PATH: browser.path })
const e2e = browser.ok ? readJson('e2e.json') : null
if (!browser.ok) totals.failed++
else if (e2e) {
  totals.passed += e2e.stats.expected + e2e.stats.flaky
  totals.failed += e2e.stats.unexpected
  totals.skipped += e2e.stats.skipped
  if (!e2eOk && e2e.stats.unexpected === 0) totals.failed++ // e.g. a global setup error
  for (const reason of skipReasons(e2e)) console.log(`skipped: ${reason}`)
} else check(false)

function skipReasons(report) {
  const reasons = new Map()
  const visit = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? []) for (const a of t.annotations ?? []) if (a.type === 'skip') reasons.set(`${t.projectName}: ${a.description}`, true)
    for (const child of suite.suites ?? []) visit(child)
  }
  for (const suite of report.suites ?? []) visit(suite)
  return [...reasons.keys()]
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(totals.failed === 0 ? 0 : 1)
