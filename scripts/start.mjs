// `npm start`: build, then launch the desktop app. Installs run with scripts disabled (see .npmrc),
// so the Electron binary is fetched here on first start. Where it cannot be had (offline, locked
// down), say so plainly and start the browser shell instead, so the app still runs.

import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const args = process.argv.slice(2)
/** Long enough for a slow connection to fetch ~100 MB, short enough not to hang on a blackholed one. */
const DOWNLOAD_TIMEOUT_MS = 5 * 60 * 1000

function run(command, commandArgs, options = {}) {
  return spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', ...options })
}

function electronBinary() {
  try {
    const path = require('electron')
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    return null
  }
}

const build = run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'])
if (build.status !== 0) process.exit(build.status ?? 1)

let binary = electronBinary()
if (!binary) {
  console.log('Triangulate: fetching the Electron runtime (first start only)…')
  const fetch = run(process.execPath, [join(root, 'node_modules/electron/install.js')], { timeout: DOWNLOAD_TIMEOUT_MS, stdio: ['ignore', 'inherit', 'pipe'] })
  binary = electronBinary()
  if (!binary) console.log(`Download failed: ${String(fetch.stderr ?? '').split('\n')[0] || fetch.error?.message || 'unknown error'}`)
}

if (binary) {
  const sandboxArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [] // Chromium refuses to run as root otherwise
  const child = spawn(binary, [root, ...sandboxArgs, ...args], { cwd: root, stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  console.log(
    [
      '',
      'Triangulate: the Electron runtime is not installed and could not be downloaded on this machine',
      '(no network access to its release host). Starting the browser shell instead: the same app,',
      'served on 127.0.0.1 only. Open the URL below in a browser. To get the desktop app later, run',
      '`npm start` again on a connected machine.',
      '',
    ].join('\n'),
  )
  const shell = run(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src/main/http-shell/serve.ts'), ...args])
  process.exit(shell.status ?? 0)
}
