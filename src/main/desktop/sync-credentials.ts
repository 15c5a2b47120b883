// The desktop app keeps the team sync's credentials with the system's keychain, through Electron's
// safeStorage (DECISIONS.md section 7: Electron only in the desktop shell). The encrypted file lives
// in the app's own folder, outside the store, so no backup, project file or export ever holds it.
// Without saved credentials it falls back to the environment, as the CLI and browser shell do.

import { chmod, readFile, rm, writeFile } from 'node:fs/promises'
import { safeStorage } from 'electron'
import { UserError } from '../../shared/result'
import { environmentCredentials, type CredentialSource } from '../sync/sync-credentials'

export function keychainCredentials(file: string): CredentialSource {
  const fallback = environmentCredentials()
  return {
    async read() {
      let sealed: Buffer
      try {
        sealed = await readFile(file)
      } catch {
        return fallback.read()
      }
      const { username, password } = JSON.parse(safeStorage.decryptString(sealed)) as { username: string; password: string }
      return { credentials: { username, password }, from: 'saved' }
    },
    async save(credentials) {
      if (credentials === null) {
        await rm(file, { force: true })
        return
      }
      if (!safeStorage.isEncryptionAvailable()) {
        throw new UserError(
          'conflict',
          'This system offers Triangulate no keychain to keep the password in. Start the app with TRIANGULATE_SYNC_USER and TRIANGULATE_SYNC_PASSWORD set instead.',
        )
      }
      await writeFile(file, safeStorage.encryptString(JSON.stringify(credentials)), { mode: 0o600 })
      await chmod(file, 0o600)
    },
  }
}
