// Where the store lives when nobody says: the same folder Electron's app.getPath('userData') gives
// the desktop app, so the CLI and the browser shell see the analyst's corpus by default.

import { homedir } from 'node:os'
import { join } from 'node:path'

export const APP_NAME = 'Triangulate'
export const STORE_ENV_VAR = 'TRIANGULATE_STORE'

export function defaultUserDataDir(platform: NodeJS.Platform = process.platform, env = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME)
}

/** --store wins, then the environment variable, then the desktop app's own folder. */
export function resolveStoreDir(flag: string | undefined, env = process.env): string {
  return flag ?? env[STORE_ENV_VAR] ?? join(defaultUserDataDir(process.platform, env), 'store')
}
