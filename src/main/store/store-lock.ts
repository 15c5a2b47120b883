// One writer per store: a lock file in the store folder names the process that has the store open
// (app, pid, host, since when), so a second writer — the CLI beside the desktop app, a second
// browser shell — is refused with a message that says who holds it. A library such as
// proper-lockfile detects staleness by polling mtimes and cannot say who holds the lock; on one
// machine, asking whether the pid still runs is exact.
//
// Exclusive by construction:
// - The owner record is complete before anyone can see the lock: it is written to a temporary file,
//   flushed, then link()ed to the lock's name, which fails if a lock exists (never replaces one).
//   A lock is therefore never empty or half-written while its owner lives; one that reads so
//   (outside damage, or an older Triangulate) is waited on and read again, and never taken.
// - A lock is stale only when its process is gone from this host: the pid does not run, or runs
//   but started at another time (the pid was reused), or the machine has booted since.
// - A stale lock is removed only by the holder of a short-lived breaker file, after reading again
//   under the breaker that it is the same stale lock; so two processes that both saw it stale
//   cannot remove each other's fresh locks.
// - A writer checks before each write that the lock is still its own (verify()), and stops if not.

import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { link, open, readFile, rename, rm, stat } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { UserError } from '../../shared/result'

export const LOCK_FILE = 'store.lock'
const BREAKER_FILE = 'store.lock.break'
/** How long an unreadable lock is waited on (re-read) before giving up: a live owner's lock is never unreadable, so this only bounds the wait. */
const UNREADABLE_WAIT_MS = 1000
/** A breaker is held for a read and a rename; one older than this was left by a process killed while holding it. */
const BREAKER_STALE_MS = 10_000
const RETRY_DELAY_MS = 10

export interface LockOwner {
  app: string
  pid: number
  host: string
  since: string
  /** Random per acquisition: tells this lock from a later one of the same process. */
  token?: string
  /** The process's start time in clock ticks since boot (Linux /proc), against pid reuse. */
  startTicks?: number | null
  /** The boot this process runs in (Linux), so a lock from before a restart is stale. */
  boot?: string | null
}

export interface StoreLock {
  /** Throws a UserError when the lock file is gone or names another process: the caller must stop writing. */
  verify(): Promise<void>
  release(): Promise<void>
}

export async function acquireStoreLock(dir: string, app: string): Promise<StoreLock> {
  const path = join(dir, LOCK_FILE)
  const me: LockOwner = {
    app,
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    token: randomBytes(12).toString('hex'),
    startTicks: processStartTicks(process.pid),
    boot: bootId(),
  }
  const record = JSON.stringify(me)
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await linkNew(dir, path, record)) return heldLock(dir, path, me)
    const owner = await readSettledOwner(path)
    if (owner === 'gone') continue
    if (owner === 'unreadable') {
      throw new UserError(
        'conflict',
        `The lock file ${path} cannot be read (it is empty or damaged). If no Triangulate window, CLI or browser shell has this store open, delete that file and try again.`,
      )
    }
    if (isAlive(owner)) {
      throw new UserError(
        'conflict',
        `The store ${dir} is open in ${owner.app} (process ${owner.pid} on ${owner.host}, since ${owner.since}). Close it there first, or use another --store.`,
      )
    }
    // The holder is gone (crashed or killed): its lock is stale.
    await removeStale(dir, path, owner)
  }
  throw new UserError('conflict', `Could not lock the store ${dir}: other processes keep taking it. Try again.`)
}

function heldLock(dir: string, path: string, me: LockOwner): StoreLock {
  let released = false
  return {
    async verify() {
      if (released) throw new UserError('conflict', `The store ${dir} was closed; nothing more can be written through it.`)
      const owner = await readOwner(path)
      if (owner === 'gone' || owner === 'unreadable' || owner.token !== me.token) {
        const who = owner === 'gone' ? 'was removed' : owner === 'unreadable' ? 'was damaged' : `now names ${owner.app} (process ${owner.pid})`
        throw new UserError(
          'conflict',
          `The store's lock file ${path} ${who} while this ${me.app} had the store open, so another process may be writing to it. Nothing more was saved from here; close and reopen the store.`,
        )
      }
    },
    async release() {
      if (released) return
      released = true
      const owner = await readOwner(path)
      if (owner !== 'gone' && owner !== 'unreadable' && owner.token === me.token) await rm(path, { force: true })
    },
  }
}

/** Writes the record to a temporary file, flushed, and links it to `path`; false when a file is already there. */
async function linkNew(dir: string, path: string, record: string): Promise<boolean> {
  const temporary = join(dir, `.${LOCK_FILE}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  const file = await open(temporary, 'wx')
  try {
    await file.writeFile(record)
    await file.sync()
  } finally {
    await file.close()
  }
  try {
    await link(temporary, path)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  } finally {
    await rm(temporary, { force: true })
  }
}

type ReadOwner = LockOwner | 'gone' | 'unreadable'

async function readOwner(path: string): Promise<ReadOwner> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone'
    throw error
  }
  try {
    const owner = JSON.parse(text) as LockOwner
    return typeof owner?.pid === 'number' && typeof owner.host === 'string' ? owner : 'unreadable'
  } catch {
    return 'unreadable'
  }
}

/** Reads the lock; an unreadable one is read again for a while (an older Triangulate writes its lock in two steps). */
async function readSettledOwner(path: string): Promise<ReadOwner> {
  const deadline = Date.now() + UNREADABLE_WAIT_MS
  for (;;) {
    const owner = await readOwner(path)
    if (owner !== 'unreadable' || Date.now() >= deadline) return owner
    await delay(RETRY_DELAY_MS * 5)
  }
}

/**
 * Removes a stale lock, unless it was replaced meanwhile: under the breaker, the lock is moved to a
 * private name and read there; if it is not the stale lock that was seen (another process removed
 * that one and took the store in between), it is linked back.
 */
async function removeStale(dir: string, path: string, stale: LockOwner): Promise<void> {
  const breaker = join(dir, BREAKER_FILE)
  if (!(await linkNew(dir, breaker, JSON.stringify({ pid: process.pid, host: hostname() })))) {
    // Someone else is breaking the lock: wait for them. A breaker left by a killed process is removed by age.
    const age = await stat(breaker).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    )
    if (age > BREAKER_STALE_MS) await rm(breaker, { force: true })
    await delay(RETRY_DELAY_MS)
    return
  }
  try {
    // Under the breaker, nobody but the lock's owner removes it: if it is still the stale lock now, it stays so.
    const current = await readOwner(path)
    if (current === 'gone' || current === 'unreadable' || !sameLock(current, stale)) return
    const aside = join(dir, `.${LOCK_FILE}.${process.pid}.${randomBytes(4).toString('hex')}.stale`)
    try {
      await rename(path, aside)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
      throw error
    }
    const moved = await readOwner(aside)
    if (moved !== 'gone' && moved !== 'unreadable' && sameLock(moved, stale)) {
      await rm(aside, { force: true })
      return
    }
    // Not the stale lock: put it back (link fails only if yet another lock appeared, which then stands).
    await link(aside, path).catch(() => undefined)
    await rm(aside, { force: true })
  } finally {
    await rm(breaker, { force: true })
  }
}

function sameLock(a: LockOwner, b: LockOwner): boolean {
  return a.pid === b.pid && a.host === b.host && a.since === b.since && a.token === b.token
}

function isAlive(owner: LockOwner): boolean {
  // A lock from another host (a store on a shared drive) cannot be checked: assume it is held.
  if (owner.host !== hostname()) return true
  const boot = bootId()
  if (owner.boot && boot && owner.boot !== boot) return false
  if (owner.pid === process.pid) return true
  try {
    process.kill(owner.pid, 0)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  // A killed process its parent has not reaped yet (a zombie) still answers kill(0), but it is dead and will never release the lock.
  if (processState(owner.pid) === 'Z') return false
  // The pid runs; if the platform tells start times, it must be the same process.
  if (typeof owner.startTicks === 'number') {
    const now = processStartTicks(owner.pid)
    if (now !== null && now !== owner.startTicks) return false
  }
  return true
}

/** Field 3 of /proc/<pid>/stat (R, S, D, Z for a zombie, …); null where there is no /proc. */
function processState(pid: number): string | null {
  return procStatFields(pid)?.[0] ?? null
}

/** The fields of /proc/<pid>/stat after the command name (field 3 on); null where there is no /proc. */
function procStatFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  } catch {
    return null
  }
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks after boot); null where there is no /proc. */
export function processStartTicks(pid: number): number | null {
  const fields = procStatFields(pid)
  const ticks = Number(fields?.[19])
  return fields && Number.isFinite(ticks) ? ticks : null
}

let cachedBoot: string | null | undefined
function bootId(): string | null {
  if (cachedBoot === undefined) {
    try {
      cachedBoot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
    } catch {
      cachedBoot = null
    }
  }
  return cachedBoot
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
