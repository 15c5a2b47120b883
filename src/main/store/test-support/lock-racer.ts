// Child process for the lock race test. For each line "go" on its standard input it tries once to
// take the store's lock; holding it, it creates a marker file exclusively (a second holder at the same
// moment would find it there), keeps the lock a moment, then releases. It answers each round with
// "held", "refused", or "double" (two holders: the bug). One process runs every round, so the test
// pays for three process starts, not nine hundred.

import { open, rm } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { acquireStoreLock } from '../store-lock'

const HOLD_MS = 5

async function round(dir: string, marker: string): Promise<string> {
  let lock
  try {
    lock = await acquireStoreLock(dir, 'lock-racer')
  } catch (error) {
    if ((error as { code?: string }).code === 'conflict') return 'refused'
    throw error
  }
  try {
    const file = await open(marker, 'wx')
    await file.close()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      await lock.release()
      return 'double'
    }
    throw error
  }
  await new Promise((resolve) => setTimeout(resolve, HOLD_MS))
  await lock.verify()
  await rm(marker)
  await lock.release()
  return 'held'
}

async function main(): Promise<void> {
  const [dir, marker] = process.argv.slice(2)
  if (!dir || !marker) throw new Error('usage: lock-racer <store-dir> <marker-file>')
  for await (const line of createInterface({ input: process.stdin })) {
    if (line !== 'go') break
    process.stdout.write(`${await round(dir, marker)}\n`)
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`lock-racer: ${(error as Error).stack}\n`)
  process.exit(1)
})
