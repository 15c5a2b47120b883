// One writer per store: a lock file in the store folder names the process that has the store open
// (app, pid, host, since when), so a second writer — the CLI beside the desktop app, a second
// browser shell — is refused with a message that says who holds it. A lock left by a process that
// no longer runs (a crash, a kill) is taken over. A library such as proper-lockfile detects staleness
// by polling mtimes and cannot say who holds the lock; on one machine, asking whether the pid still
// runs is exact.

import { hostname } from 'node:os'
import { open, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { UserError } from '../../shared/result'

export const LOCK_FILE = 'store.lock'

export interface LockOwner {
  app: string
  pid: number
  host: string
  since: string
}

export interface StoreLock {
  release(): Promise<void>
}

export async function acquireStoreLock(dir: string, app: string): Promise<StoreLock> {
  const path = join(dir, LOCK_FILE)
  const me: LockOwner = { app, pid: process.pid, host: hostname(), since: new Date().toISOString() }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await open(path, 'wx')
      try {
        await file.writeFile(JSON.stringify(me))
        await file.sync()
      } finally {
        await file.close()
      }
      return { release: () => releaseIfMine(path, me) }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const owner = await readOwner(path)
    if (owner && isAlive(owner)) {
      throw new UserError(
        'conflict',
        `The store ${dir} is open in ${owner.app} (process ${owner.pid} on ${owner.host}, since ${owner.since}). Close it there first, or use another --store.`,
      )
    }
    // The holder is gone (crashed or killed): its lock is stale.
    await rm(path, { force: true })
  }
  throw new UserError('conflict', `Could not lock the store ${dir}: another process keeps taking it. Try again.`)
}

async function readOwner(path: string): Promise<LockOwner | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockOwner
  } catch {
    return null // unreadable or half-written lock: its writer died mid-write
  }
}

function isAlive(owner: LockOwner): boolean {
  // A lock from another host (a store on a shared drive) cannot be checked: assume it is held.
  if (owner.host !== hostname()) return true
  if (owner.pid === process.pid) return true
  try {
    process.kill(owner.pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function releaseIfMine(path: string, me: LockOwner): Promise<void> {
  const owner = await readOwner(path)
  if (owner?.pid === me.pid && owner.since === me.since) await rm(path, { force: true })
}
