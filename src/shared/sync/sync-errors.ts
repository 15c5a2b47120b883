// A failed sync in plain words (issue 19): what went wrong and what to do, never a stack or a
// password. Pure: reads the status, error name and reason that PouchDB and CouchDB report.

export type SyncErrorKind = 'unreachable' | 'wrong-credentials' | 'database-missing' | 'no-permission' | 'refused-address' | 'other'

export interface SyncErrorInfo {
  kind: SyncErrorKind
  message: string
}

interface ErrorLike {
  cause?: { code?: string; message?: string }
  status?: number
  name?: string
  error?: string | boolean
  reason?: string
  message?: string
  code?: string
}

/** Node's codes for "nobody answered" (refused, no such host, dropped, timed out). */
const UNREACHABLE_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']

export function describeSyncError(error: unknown, server: string): SyncErrorInfo {
  const e = (error ?? {}) as ErrorLike
  const text = `${e.reason ?? ''} ${e.message ?? ''} ${e.cause?.message ?? ''}`
  if (e.name === 'refused_address') return { kind: 'refused-address', message: e.message ?? `Only ${server} may be reached.` }
  if (e.status === 401) {
    // CouchDB answers 401 both to a wrong password and (pouchdb-server) to a user the database does not admit.
    if (/not (?:authorized|allowed) to access this db/i.test(text)) return noPermission(server)
    return {
      kind: 'wrong-credentials',
      message: `The server ${server} did not accept the user name and password. Check the sync credentials (the same as your CouchDB account) and sync again.`,
    }
  }
  if (e.status === 403) return noPermission(server)
  if (e.status === 404 || e.name === 'not_found') {
    return {
      kind: 'database-missing',
      message: `The server ${server} has no such database. Check the database name in the address, or ask whoever runs the server to create it (see the README, “Working as a team”).`,
    }
  }
  const code = e.code ?? e.cause?.code ?? /\b(E[A-Z]{3,})\b/.exec(text)?.[1]
  if ((code && UNREACHABLE_CODES.includes(code)) || /request to .* failed|fetch failed|network|socket hang up|aborted due to timeout/i.test(text)) {
    return {
      kind: 'unreachable',
      message: `The sync server ${server} cannot be reached (${code ?? 'no answer'}). You can keep working: your changes are kept and sync when the server is back.`,
    }
  }
  return { kind: 'other', message: `Sync with ${server} failed: ${(e.reason ?? e.message ?? String(error)).slice(0, 300)}. Your changes are kept and sync next time.` }
}

function noPermission(server: string): SyncErrorInfo {
  return {
    kind: 'no-permission',
    message: `Your account may not use this database on ${server}. Ask whoever runs the server to add you to the database’s members.`,
  }
}
