// `npm run security:scan`: Electronegativity over the sources, against the Electron version
// installed. Fails on any finding of high severity or above, or on a source it could not parse;
// lists the rest.
//
// It runs through Electronegativity's programmatic API rather than its CLI: the CLI writes its
// CSV header and its rows with two unordered async writes, and on a busy machine the rows land
// first and the header overwrites them (a CI run once failed on that garbled file).

import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const electronVersion = require('electron/package.json').version
const scan = require('@doyensec/electronegativity')

// Electronegativity logs its progress through console.log; keep the report readable.
const log = console.log
console.log = () => {}
let result
try {
  // The version is given so it never needs the network to find out (it still tries; offline is fine).
  result = await scan({ input: join(root, 'src'), isRelative: true, electronVersionOverride: electronVersion })
} catch (error) {
  console.log = log
  console.error(error)
  console.error('Electronegativity did not run.')
  process.exit(1)
}
console.log = log

const findings = result.issues.map((issue) => ({
  id: issue.id,
  severity: issue.severity.name,
  where: `${issue.file}:${issue.location.line}:${issue.location.column}`,
}))
for (const f of findings) console.log(`${f.severity.padEnd(8)} ${f.id} ${f.where}`)
for (const e of result.errors) console.error(`${e.tolerable ? 'warning' : 'could not scan'} ${e.file}: ${e.message}`)
const unscanned = result.errors.filter((e) => !e.tolerable)

const blocking = findings.filter((f) => ['HIGH', 'CRITICAL'].includes(f.severity))
console.log(
  `Electronegativity (Electron ${electronVersion}): ${findings.length} findings, ${blocking.length} of high severity or above, ${unscanned.length} files not scanned.`,
)
process.exit(blocking.length === 0 && unscanned.length === 0 ? 0 : 1)
