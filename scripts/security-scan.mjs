// `npm run security:scan`: Electronegativity over the sources, against the Electron version
// installed. Fails on any finding of high severity or above; lists the rest.

import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const electronVersion = require('electron/package.json').version
const out = join(mkdtempSync(join(tmpdir(), 'electronegativity-')), 'findings.csv')
const bin = join(root, 'node_modules/@doyensec/electronegativity/dist/index.js')

// The version is given so it never needs the network to find out (it still tries; offline is fine).
const run = spawnSync(process.execPath, [bin, '-i', join(root, 'src'), '-e', electronVersion, '-r', '-v', 'false', '-o', out], { cwd: root, encoding: 'utf8' })
if (run.status !== 0) {
  console.error(run.stdout, run.stderr)
  console.error('Electronegativity did not run.')
  process.exit(1)
}

const lines = readFileSync(out, 'utf8').trim().split('\n').slice(1)
const rows = lines.map((line) => line.match(/^([A-Z_]+),"([A-Z]+)","([A-Z]+)","([^"]*)","([^"]*)"/)).filter(Boolean)
if (rows.length !== lines.length) {
  console.error(`Could not read ${lines.length - rows.length} of Electronegativity's findings in ${out}: refusing to call the scan clean.`)
  process.exit(1)
}
const blocking = rows.filter((r) => ['HIGH', 'CRITICAL'].includes(r[2]))
for (const r of rows) console.log(`${r[2].padEnd(8)} ${r[1]} ${r[4]}:${r[5]}`)
console.log(`Electronegativity (Electron ${electronVersion}): ${rows.length} findings, ${blocking.length} of high severity or above.`)
process.exit(blocking.length === 0 ? 0 : 1)
