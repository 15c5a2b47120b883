import { spawn } from 'node:child_process'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../test-support/temp-dir'
import { backupsToKeep, BACKUP_DIR, KEEP_DAILY_DAYS, KEEP_RECENT, listBackups } from './backups'
import { ANNOTATIONS_FILE, CorpusStore, DAMAGED_DIR, LIBRARY_FILE } from './corpus-store'
import { LOCK_FILE } from './store-lock'
import { STORE_SCHEMA_VERSION } from './store-schema'
import { sealJson } from './sealed-json'

const claim = (id: string) => ({ id, text: `claim ${id}`, tags: [], note: '', statusOverride: null, createdAt: '', updatedAt: '' })

describe('one writer at a time', () => {
  it('refuses a second writer and names the process that holds the store', async () => {
    const dir = await tempDir()
    const first = await CorpusStore.open(dir, { app: 'the Triangulate desktop app' })
    await expect(CorpusStore.open(dir, { app: 'the Triangulate CLI' })).rejects.toThrow(
      new RegExp(`open in the Triangulate desktop app \\(process ${process.pid} on .+, since .+\\)\\. Close it there first`),
    )
    const reader = await CorpusStore.open(dir, { readOnly: true })
    await expect(reader.addClaim(claim('c1'))).rejects.toThrow(/opened read-only/)
    await first.close()
    const second = await CorpusStore.open(dir)
    await second.close()
  })

  it('takes over a lock left by a process that no longer runs', async () => {
    const dir = await tempDir()
    const gone = spawn(process.execPath, ['-e', '0'])
    const pid = gone.pid
    await new Promise((r) => gone.on('exit', r))
    const { hostname } = await import('node:os')
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ app: 'crashed app', pid, host: hostname(), since: '2020-01-01T00:00:00Z' }))
    const store = await CorpusStore.open(dir)
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid)
    await store.close()
    expect(await readdir(dir)).not.toContain(LOCK_FILE)
  })
})

describe('corruption recovery', () => {
  it('moves a damaged file aside, restores the newest good backup and says so', async () => {
    const dir = await tempDir()
    let store = await CorpusStore.open(dir)
    await store.addClaim(claim('c1'))
    await store.close()
    store = await CorpusStore.open(dir) // opening backs up the state with c1
    await store.close()
    const damaged = (await readFile(join(dir, ANNOTATIONS_FILE), 'utf8')).slice(0, 25)
    await writeFile(join(dir, ANNOTATIONS_FILE), damaged)

    store = await CorpusStore.open(dir)
    expect(store.claims.map((c) => c.id)).toEqual(['c1'])
    expect(store.notices).toHaveLength(1)
    expect(store.notices[0]).toMatch(/annotations\.json is damaged \(it is not valid JSON\); it was moved to .*damaged.* The backup from .* was restored/)
    const aside = await readdir(join(dir, DAMAGED_DIR))
    expect(aside).toHaveLength(1)
    expect(await readFile(join(dir, DAMAGED_DIR, aside[0]!), 'utf8')).toBe(damaged)
    await store.close()
    // The restored file is on disk: the next open is quiet.
    store = await CorpusStore.open(dir)
    expect(store.notices).toEqual([])
    await store.close()
  })

  it('treats valid JSON of the wrong shape as damaged too, and without a backup refuses to open for writing rather than empty', async () => {
    const dir = await tempDir()
    const wrong = sealJson(JSON.stringify({ schemaVersion: STORE_SCHEMA_VERSION, articles: 'oops' }))
    await writeFile(join(dir, LIBRARY_FILE), wrong)
    await expect(CorpusStore.open(dir)).rejects.toThrow(
      /library\.json is damaged \(it is not the shape of a store file\), and no good backup of it was found .* will not open this store for writing/,
    )
    expect(await readFile(join(dir, LIBRARY_FILE), 'utf8')).toBe(wrong)
    const reader = await CorpusStore.open(dir, { readOnly: true })
    expect(reader.listArticles()).toEqual([])
    expect(reader.notices[0]).toMatch(/library\.json is damaged .* shown without its article list/)
    await reader.close()
  })
})

describe('schema migrations', () => {
  it('upgrades a version-1 store after backing it up', async () => {
    const dir = await tempDir()
    const v1Article = { id: 'a1', title: 'T', outlet: null, date: null, paths: ['/x.txt'], wordCount: 1, contentHash: 'c'.repeat(64), fileHash: 'f', importedAt: '' }
    const v1 = JSON.stringify({ schemaVersion: 1, articles: [v1Article] })
    await writeFile(join(dir, LIBRARY_FILE), v1)
    const v1Highlight = { id: 'h1', articleId: 'a1', start: 0, end: 1, exact: 'T', prefix: '', suffix: '', tags: [], note: '', createdAt: '' }
    await writeFile(join(dir, ANNOTATIONS_FILE), JSON.stringify({ schemaVersion: 1, highlights: [v1Highlight], claims: [], links: [] }))
    const store = await CorpusStore.open(dir)
    expect(store.getArticle('a1')).toMatchObject({ author: null, url: null, title: 'T' })
    expect(store.highlights[0]).toMatchObject({ id: 'h1', orphaned: false })
    expect(store.notices[0]).toMatch(new RegExp(`Upgraded library\\.json from store version 1 to ${STORE_SCHEMA_VERSION}`))
    expect(store.notices[1]).toMatch(/Upgraded annotations\.json/)
    expect(JSON.parse(await readFile(join(dir, LIBRARY_FILE), 'utf8')).schemaVersion).toBe(STORE_SCHEMA_VERSION)
    const backups = await listBackups(dir)
    const saved = await Promise.all(backups.map((b) => readFile(join(dir, BACKUP_DIR, b, LIBRARY_FILE), 'utf8').catch(() => '')))
    expect(saved).toContain(v1)
    await store.close()
  })
})

describe('backup retention', () => {
  it('keeps the newest ten and the newest of each of the last seven days', () => {
    const now = new Date('2026-11-23T12:00:00Z')
    const names: string[] = []
    for (let day = 0; day < 12; day++) {
      for (let hour = 0; hour < 5; hour++) {
        const t = new Date(now.getTime() - day * 86_400_000 - hour * 3_600_000)
        names.push(t.toISOString().replace(/[:.]/g, '-'))
      }
    }
    names.sort().reverse()
    const kept = backupsToKeep(names, now)
    expect(kept.slice(0, KEEP_RECENT)).toEqual(names.slice(0, KEEP_RECENT))
    const days = new Set(kept.map((k) => k.slice(0, 10)))
    expect(days.size).toBe(KEEP_DAILY_DAYS)
    expect(kept.length).toBeLessThanOrEqual(KEEP_RECENT + KEEP_DAILY_DAYS)
  })

  it('prunes old backups on disk as new ones are made', async () => {
    const dir = await tempDir()
    await mkdir(join(dir, BACKUP_DIR), { recursive: true })
    for (let i = 0; i < 15; i++) {
      const store = await CorpusStore.open(dir)
      await store.addClaim(claim(`c${i}`))
      await store.close()
    }
    // All made today: the newest ten cover today's daily backup too.
    expect(await listBackups(dir)).toHaveLength(KEEP_RECENT)
  })
})
