// How the CLI ends: only once what it printed has reached the reader, with an exit code that tells
// a mistake the user can fix (2: a bad argument, a full disk, a folder they may not write) from a
// bug (1). process.exit() right after a write to a pipe drops whatever the pipe has not taken yet
// (64 KB on Linux): `list --json | jq` got cut JSON and exit 0.

import { UserError } from '../../shared/result'
import { describeWriteFailure } from '../export/write-export'

/** Exit codes: 0 done, 1 a bug (report it), 2 something the user can fix (the message says what). */
export const EXIT_BUG = 1
export const EXIT_USER = 2

/** Exits with `code` once stdout and stderr have handed everything written to them to the OS. */
export async function exitWhenFlushed(code: number): Promise<never> {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)])
  process.exit(code)
}

/**
 * Resolves once everything written to `stream` before now is written: a write's callback runs after
 * every earlier write's, and an empty write still waits its turn.
 */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || stream.writableEnded) return resolve()
    stream.write('', () => resolve())
  })
}

/**
 * A reader that stops early (`| head`) closes the pipe: the rest of the output has nowhere to go,
 * which is not an error of the command's. Exit quietly, as Unix tools do, instead of crashing.
 */
export function exitQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
      throw error
    })
  }
}

/** The message and exit code for an error that ended a command. */
export function describeFailure(error: unknown): { message: string; code: number } {
  if (error instanceof UserError) return { message: error.message, code: EXIT_USER }
  const path = (error as NodeJS.ErrnoException | null)?.path
  const sentence = path ? describeWriteFailure(path, error, { generic: true }) : null
  if (sentence) return { message: sentence, code: EXIT_USER }
  return { message: `${(error as Error)?.message ?? String(error)} (this is a bug in Triangulate; please report it with this message)`, code: EXIT_BUG }
}
