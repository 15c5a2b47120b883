// Where the sync's user name and password come from (issue 19). Never from the settings, the
// project file or an export, and never written to a log: the CLI and the browser shell read them
// from the environment or from a file only its owner can read; the desktop app keeps them with the
// system's keychain (src/main/desktop/sync-credentials.ts, Electron's safeStorage).

import { readFile, stat } from 'node:fs/promises'
import { UserError } from '../../shared/result'
import type { Credentials } from './pouch'

export const SYNC_USER_ENV = 'TRIANGULATE_SYNC_USER'
export const SYNC_PASSWORD_ENV = 'TRIANGULATE_SYNC_PASSWORD'
export const SYNC_CREDENTIALS_FILE_ENV = 'TRIANGULATE_SYNC_CREDENTIALS_FILE'

export type CredentialsFrom = 'none' | 'environment' | 'file' | 'saved'

export interface CredentialSource {
  read(): Promise<{ credentials: Credentials | null; from: CredentialsFrom }>
  /** Keeps (or with null forgets) credentials; absent where the shell cannot keep them safely. */
  save?(credentials: Credentials | null): Promise<void>
}

/**
 * The CLI's and the browser shell's: TRIANGULATE_SYNC_USER and TRIANGULATE_SYNC_PASSWORD, else the
 * file named by TRIANGULATE_SYNC_CREDENTIALS_FILE, holding `user:password` on its first line (or
 * JSON {"username", "password"}), which must be readable by its owner only (chmod 600).
 */
export function environmentCredentials(env: NodeJS.ProcessEnv = process.env): CredentialSource {
  return {
    async read() {
      const password = env[SYNC_PASSWORD_ENV]
      if (password !== undefined && password !== '') return { credentials: { username: env[SYNC_USER_ENV] ?? '', password }, from: 'environment' }
      const file = env[SYNC_CREDENTIALS_FILE_ENV]
      if (!file) return { credentials: null, from: 'none' }
      return { credentials: await readCredentialsFile(file), from: 'file' }
    },
  }
}

export async function readCredentialsFile(path: string): Promise<Credentials> {
  let info
  try {
    info = await stat(path)
  } catch {
    throw new UserError('not-found', `The sync credentials file ${path} (${SYNC_CREDENTIALS_FILE_ENV}) cannot be read. Check the path.`)
  }
  if ((info.mode & 0o077) !== 0) {
    throw new UserError(
      'conflict',
      `The sync credentials file ${path} can be read by other users of this machine (mode ${(info.mode & 0o777).toString(8)}). Make it yours alone (chmod 600 ${path}) and sync again.`,
    )
  }
  if (typeof process.getuid === 'function' && info.uid !== process.getuid()) {
    throw new UserError('conflict', `The sync credentials file ${path} belongs to another user; it must be your own file, readable by you alone.`)
  }
  const text = (await readFile(path, 'utf8')).trim()
  if (text.startsWith('{')) {
    const parsed = JSON.parse(text) as { username?: unknown; password?: unknown }
    if (typeof parsed.username === 'string' && typeof parsed.password === 'string') return { username: parsed.username, password: parsed.password }
  } else {
    const line = text.split(/\r?\n/)[0] ?? ''
    const colon = line.indexOf(':')
    if (colon > 0) return { username: line.slice(0, colon), password: line.slice(colon + 1) }
  }
  throw new UserError('invalid-argument', `The sync credentials file ${path} should hold one line, user:password (or JSON with username and password).`)
}
