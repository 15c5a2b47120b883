// Rolling backups of the store's JSON files (bodies are immutable and content-addressed, so they
// need none). Kept: the newest few, plus the newest of each day for a week — enough to step back over
// a bad session or a bad week without the folder growing for ever.

import { copyFile, mkdir, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { pathExists, syncDirectory } from './durable-write'

export const BACKUP_DIR = 'backups'
/** Recent backups kept whatever their age: covers the last hours of work. */
export const KEEP_RECENT = 10
/** Days for which the newest backup of each day is kept. */
export const KEEP_DAILY_DAYS = 7

/** Copies the named files of `dir` that exist into a new backup folder; returns its name, or null if none existed. */
export async function createBackup(dir: string, files: readonly string[], now = new Date()): Promise<string | null> {
  const present = []
  for (const file of files) if (await pathExists(join(dir, file))) present.push(file)
  if (present.length === 0) return null
  const name = backupName(now)
  const target = join(dir, BACKUP_DIR, name)
  await mkdir(target, { recursive: true })
  for (const file of present) await copyFile(join(dir, file), join(target, file))
  await syncDirectory(target)
  await pruneBackups(dir, now)
  return name
}

/** Backup folder names, newest first. */
export async function listBackups(dir: string): Promise<string[]> {
  try {
    return (await readdir(join(dir, BACKUP_DIR)))
      .filter((n) => BACKUP_NAME.test(n))
      .sort()
      .reverse()
  } catch {
    return []
  }
}

export async function pruneBackups(dir: string, now = new Date()): Promise<void> {
  const names = await listBackups(dir)
  const keep = new Set(backupsToKeep(names, now))
  for (const name of names) if (!keep.has(name)) await rm(join(dir, BACKUP_DIR, name), { recursive: true, force: true })
}

/** Pure retention rule: the newest KEEP_RECENT, and the newest of each of the last KEEP_DAILY_DAYS days. */
export function backupsToKeep(namesNewestFirst: readonly string[], now: Date): string[] {
  const keep = new Set(namesNewestFirst.slice(0, KEEP_RECENT))
  const oldestDay = new Date(now.getTime() - (KEEP_DAILY_DAYS - 1) * 86_400_000).toISOString().slice(0, 10)
  const daysSeen = new Set<string>()
  for (const name of namesNewestFirst) {
    const day = name.slice(0, 10)
    if (day >= oldestDay && !daysSeen.has(day)) {
      daysSeen.add(day)
      keep.add(name)
    }
  }
  return namesNewestFirst.filter((n) => keep.has(n))
}

const BACKUP_NAME = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z(-\d+)?$/
let lastName = ''
let sameNameCount = 0

/** Sortable, file-system-safe and unique within a process even for two backups in one millisecond. */
function backupName(now: Date): string {
  const base = now.toISOString().replace(/[:.]/g, '-')
  if (base === lastName) return `${base}-${++sameNameCount}`
  lastName = base
  sameNameCount = 0
  return base
}
