// Peers measured beside our figures in the same run, on the same corpus, with the same queries:
// SQLite FTS5 in memory (Python's sqlite3 module, bench/fts5-peer.py: index build, then query p50/p95
// with snippets, the panel's first 20 results) and ripgrep (measure-floors.ts). No app code: the
// peer gets the corpus files and the query list, nothing else.

import { spawnSync } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export interface Fts5Peer {
  sqlite: string
  documents: number
  /** Reading the files into memory (Python), before the build. */
  readMs: number
  /** CREATE VIRTUAL TABLE … USING fts5 and every row inserted in one transaction. */
  buildMs: number
  p50: number
  p95: number
  max: number
  hitsP50: number
}

export function python3Path(): string | null {
  const found = spawnSync('python3', ['-c', "import sqlite3; sqlite3.connect(':memory:').execute('CREATE VIRTUAL TABLE t USING fts5(x)')"], { encoding: 'utf8' })
  return found.status === 0 ? 'python3' : null
}

export async function measureFts5Peer(corpusDir: string, queries: readonly string[], limit: number, scratchDir: string): Promise<Fts5Peer> {
  const queriesFile = join(scratchDir, 'peer-queries.json')
  await writeFile(queriesFile, JSON.stringify(queries))
  const result = spawnSync('python3', [join(__dirname, 'fts5-peer.py'), corpusDir, queriesFile, String(limit)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (result.status !== 0) throw new Error(`the FTS5 peer failed: ${result.stderr || result.error?.message}`)
  return JSON.parse(result.stdout.trim().split('\n').pop() as string) as Fts5Peer
}
