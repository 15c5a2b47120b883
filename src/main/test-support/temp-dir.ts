// Real folders on disk for tests, removed afterwards.

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach } from 'vitest'

const created: string[] = []

afterEach(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 5 })))
})

export async function tempDir(prefix = 'triangulate-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  created.push(dir)
  return dir
}

/** The shared seed articles: five real reports of one story, kept beside the checkout. */
export const SEEDS_DIR = resolve(__dirname, '../../../../shared/seeds')
export const SAMPLE_CORPUS_DIR = resolve(__dirname, '../../../resources/sample-corpus')
