// Errors crossing a process or network boundary travel as values, never as thrown exceptions:
// Electron's IPC and JSON both strip an Error down to its message, losing the code the UI needs.

export type ErrorCode =
  | 'invalid-argument' // the caller sent something the contract does not allow
  | 'not-found' // a referenced record does not exist (any more)
  | 'conflict' // the request contradicts the current state
  | 'io' // the file system refused (permissions, missing folder, disk full)
  | 'internal' // a bug: the message says what to report

export interface AppError {
  code: ErrorCode
  message: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } })

/** Thrown inside domain code for errors a user can meet and act on; turned into a Result at the boundary. */
export class UserError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'UserError'
  }
}
