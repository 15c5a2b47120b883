// The worker's side of the preparation protocol, served on an in-process channel: replies come
// several to a message while more files wait, at once when none does, always in the order sent; and
// the shared slot says which file is being prepared, so the importer can tell which one a dead
// worker died on.

import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { MessageChannel, type MessagePort } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../test-support/temp-dir'
import { NOT_PREPARING, REPLIES_PER_MESSAGE, servePreparations, type FileReply, type PrepareFile, type WorkerReply } from './preparation-protocol'

const channels: MessagePort[] = []
afterEach(() => {
  for (const port of channels.splice(0)) port.close()
})

/** Serves `prepare` on one end of a channel; the other end's messages are collected. */
function serve(prepare: PrepareFile, preparing?: SharedArrayBuffer) {
  const { port1, port2 } = new MessageChannel()
  channels.push(port1, port2)
  const messages: WorkerReply[] = []
  port2.on('message', (message: WorkerReply) => messages.push(message))
  servePreparations(port1, prepare, { knownContentHashes: [], preparing })
  return { port: port2, messages }
}

const answered = (messages: WorkerReply[]) =>
  messages.flatMap((m) => (m.kind === 'replies' ? m.replies : [])).map((r: FileReply) => (r.kind === 'prepared' ? r.jobId : 'terms'))

async function files(count: number) {
  const dir = await tempDir()
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const path = join(dir, `f${i}.txt`)
      await writeFile(path, `Story ${i}`)
      return { jobId: i, file: { path, relativePath: `f${i}.txt`, source: path, maxBytes: 1000 } }
    }),
  )
}

async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}

describe('servePreparations', () => {
  it('answers files several to a message while more wait, the last ones at once, in the order sent', async () => {
    const preparing = new SharedArrayBuffer(4)
    const seen: number[] = []
    const { port, messages } = serve(async (file) => {
      seen.push(Atomics.load(new Int32Array(preparing), 0))
      return { kind: 'skipped', reason: `not prepared: ${file.relativePath}` }
    }, preparing)
    const sent = await files(10)
    port.postMessage({ files: sent })
    await until(() => answered(messages).length === 10)
    expect(answered(messages)).toEqual(sent.map((f) => f.jobId))
    // 10 files: 4 + 4 + the last 2 as soon as nothing else waits.
    expect(messages.filter((m) => m.kind === 'replies').map((m) => (m.kind === 'replies' ? m.replies.length : 0))).toEqual([
      REPLIES_PER_MESSAGE,
      REPLIES_PER_MESSAGE,
      10 - 2 * REPLIES_PER_MESSAGE,
    ])
    // Each file was marked as the one being prepared while it was; nothing is, after.
    expect(seen).toEqual(sent.map((f) => f.jobId))
    expect(Atomics.load(new Int32Array(preparing), 0)).toBe(NOT_PREPARING)

    // A lone file is answered at once.
    const [single] = await files(1)
    port.postMessage({ files: [{ ...single!, jobId: 99 }] })
    await until(() => answered(messages).length === 11)
    expect(messages.at(-1)).toMatchObject({ kind: 'replies', replies: [{ kind: 'prepared', jobId: 99 }] })
  })

  it('answers each file alone when it has no shared slot to mark the file it prepares', async () => {
    const { port, messages } = serve(async () => ({ kind: 'skipped', reason: 'not prepared' }))
    const sent = await files(6)
    port.postMessage({ files: sent })
    await until(() => answered(messages).length === 6)
    expect(messages.filter((m) => m.kind === 'replies').every((m) => m.kind === 'replies' && m.replies.length === 1)).toBe(true)
  })
})
