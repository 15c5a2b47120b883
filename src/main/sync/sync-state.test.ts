// The sync's saved state: written whole now and then, a journal line per save between; read back
// whole, with a torn last line ignored and lines left from before a rewrite skipped.

import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CorpusStore } from '../store/corpus-store'
import { tempDir } from '../test-support/temp-dir'
import { loadSyncState, readSyncState, SYNC_JOURNAL_FILE, SYNC_STATE_FILE, type LeafState } from './sync-state'

const leaf = (n: number, text: string): LeafState => ({
  rev: `${n}-${String(n).repeat(32).slice(0, 32)}`,
  ids: [String(n).repeat(32).slice(0, 32)],
  deleted: false,
  author: 'ana',
  body: { kind: 'claim', record: { id: 'c1', text } },
})

/** A store whose sync state was saved once (claim c1 at its first revision), for the work to go on from. */
async function withFirstSave(work: (opened: { dir: string; store: CorpusStore } & Awaited<ReturnType<typeof loadSyncState>>) => Promise<void>): Promise<void> {
  const dir = await tempDir()
  const store = await CorpusStore.open(dir)
  try {
    const loaded = await loadSyncState(store, 'http://127.0.0.1:1/db')
    loaded.state.docs['claim:c1'] = { leaves: [leaf(1, 'first')], pushed: true, applied: true }
    await loaded.writer.save(loaded.state)
    await work({ dir, store, ...loaded })
  } finally {
    await store.close()
  }
}

describe('sync state on disk', () => {
  it('appends one line per save after the first whole write, reads them back, and stops at a torn line', async () => {
    await withFirstSave(async ({ dir, store, state, writer }) => {
      const whole = await readFile(join(dir, SYNC_STATE_FILE), 'utf8')
      expect(await readFile(join(dir, SYNC_JOURNAL_FILE), 'utf8')).toBe('')

      state.docs['claim:c1'] = { leaves: [leaf(2, 'second')], pushed: false, applied: true }
      state.pullSeq = 7
      await writer.save(state)
      // The whole file is as it was: the change went to one journal line.
      expect(await readFile(join(dir, SYNC_STATE_FILE), 'utf8')).toBe(whole)
      expect((await readFile(join(dir, SYNC_JOURNAL_FILE), 'utf8')).trim().split('\n')).toHaveLength(1)
      expect(await readSyncState(store)).toMatchObject({ pullSeq: 7, docs: { 'claim:c1': { leaves: [{ rev: leaf(2, '').rev }], pushed: false } } })

      // A crash while appending leaves half a line: what it held is not read, the rest is.
      await writeFile(join(dir, SYNC_JOURNAL_FILE), `${await readFile(join(dir, SYNC_JOURNAL_FILE), 'utf8')}{"generation":1,"docs":{"claim:c1":{"lea`)
      expect(await readSyncState(store)).toMatchObject({ pullSeq: 7, docs: { 'claim:c1': { leaves: [{ rev: leaf(2, '').rev }] } } })
    })
  })

  it('skips journal lines left from before a whole rewrite (a crash before the journal was emptied)', async () => {
    await withFirstSave(async ({ dir, store, state, writer }) => {
      state.docs['claim:c1'] = { leaves: [leaf(2, 'second')], pushed: true, applied: true }
      await writer.save(state)
      const oldLines = await readFile(join(dir, SYNC_JOURNAL_FILE), 'utf8')
      // Many documents change at once: the state is written whole (a new generation), the journal emptied.
      for (let i = 0; i < 1500; i++) state.docs[`claim:n${i}`] = { leaves: [leaf(1, `n${i}`)], pushed: true, applied: true }
      state.docs['claim:c1'] = { leaves: [leaf(3, 'third')], pushed: true, applied: true }
      await writer.save(state)
      expect(await readFile(join(dir, SYNC_JOURNAL_FILE), 'utf8')).toBe('')
      // As if the emptying had not happened: the old line must not take c1 back to its second version.
      await writeFile(join(dir, SYNC_JOURNAL_FILE), oldLines)
      const read = await readSyncState(store)
      expect(read?.docs['claim:c1']?.leaves[0]?.rev).toBe(leaf(3, '').rev)
      expect(Object.keys(read!.docs)).toHaveLength(1501)
    })
  })
})
