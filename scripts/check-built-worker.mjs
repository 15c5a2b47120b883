// After `electron-vite build`: the desktop app's import worker, as built, loads with plain Node (no
// Electron, no tsx) and prepares a seed article as the source code does; and the pool that starts it
// sits in out/main/index.js, whose folder is where it looks for out/main/prepare-worker.js. No other
// test runs the built worker: the browser shell and the unit tests load the TypeScript sources.
// Exits 0 when all holds, 1 with the reason otherwise.

import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const workerFile = join(root, 'out/main/prepare-worker.js')
const seed = join(root, '../shared/seeds/003_294d29dc38c97652.txt')
const TIMEOUT_MS = 20_000

function fail(reason) {
  console.error(`built import worker: ${reason}`)
  process.exit(1)
}

if (!existsSync(workerFile)) fail(`${workerFile} is missing: is it still a main entry in electron.vite.config.ts?`)
const index = readFileSync(join(root, 'out/main/index.js'), 'utf8')
if (!index.includes('workerScriptBeside(__dirname, "prepare-worker")')) {
  fail('out/main/index.js no longer starts the worker from its own folder (moved into a chunk? then __dirname is out/main/chunks)')
}
if (/require\("electron"\)/.test(readFileSync(workerFile, 'utf8'))) fail('the worker bundle requires electron, which a worker thread cannot load')

const worker = new Worker(workerFile, { workerData: { knownContentHashes: [] } })
const timer = setTimeout(() => fail(`no answer within ${TIMEOUT_MS / 1000} s`), TIMEOUT_MS)
worker.on('error', (error) => fail(`the worker failed: ${error.stack ?? error}`))
worker.on('message', async (reply) => {
  if (reply.kind === 'ready') {
    // The worker reads the file itself (preparation-protocol.ts: files by path with a size limit, no bytes, several per message).
    worker.postMessage({ files: [{ jobId: 1, file: { path: seed, relativePath: '003_294d29dc38c97652.txt', source: seed, maxBytes: 1024 * 1024 } }] })
    return
  }
  clearTimeout(timer)
  // Files are answered several to a message (preparation-protocol.ts): here one file, one reply.
  const prepared = reply.kind === 'replies' ? reply.replies.find((r) => r.kind === 'prepared')?.prepared : undefined
  if (reply.kind !== 'replies') fail(`unexpected reply from the worker: ${JSON.stringify(reply).slice(0, 200)}`)
  if (prepared?.kind !== 'prepared') fail(`seed 003 was not prepared: ${JSON.stringify(prepared)}`)
  const textHash = createHash('sha256').update(prepared.text).digest('hex')
  if (prepared.contentHash !== textHash) fail('the content hash is not the sha256 of the text')
  if (prepared.derived?.guessed?.date !== '2025-07-30') fail(`seed 003's date came out as ${prepared.derived?.guessed?.date}, not 2025-07-30`)
  if (!(prepared.derived?.wordCount > 100)) fail(`seed 003's word count came out as ${prepared.derived?.wordCount}`)
  console.log(`built import worker: prepared seed 003 (${prepared.derived.wordCount} words, dated ${prepared.derived.guessed.date})`)
  await worker.terminate()
  process.exit(0)
})
