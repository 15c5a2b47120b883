// Real folders on disk for tests, removed afterwards.

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach } from 'vitest'
import { openCorpusStores } from '../store/corpus-store'

const created: string[] = []

afterEach(async () => {
  const dirs = created.splice(0)
  // A store a test left open is closed first: its background work (derived indexes) stops, rather
  // than fail on a folder deleted under it.
  const left = openCorpusStores().filter((store) => dirs.some((dir) => store.dir === dir || store.dir.startsWith(`${dir}/`)))
  await Promise.allSettled(left.map((store) => store.close()))
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 5 })))
})

export async function tempDir(prefix = 'triangulate-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  created.push(dir)
  return dir
}

/** The shared seed articles: five real reports of one story, kept beside the checkout. */
export const SEEDS_DIR = resolve(__dirname, '../../../../shared/seeds')
export const SAMPLE_CORPUS_DIR = resolve(__dirname, '../../../resources/sample-corpus')
