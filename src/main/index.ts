// The Electron shell, and the only code that imports electron besides ipc.ts: app lifecycle, the
// window, security hooks. Everything the app does lives in the service, which knows nothing of this.

import { app, BrowserWindow, dialog, session } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { registerIpc } from './ipc'
import { keychainCredentials } from './desktop/sync-credentials'
import { createTriangulateService } from './service/triangulate-service'
import { CorpusStore } from './store/corpus-store'
import { STORE_ENV_VAR } from './store/store-location'

const devServerUrl = process.env.ELECTRON_RENDERER_URL
const rendererDir = join(__dirname, '../renderer')
const rendererIndex = join(rendererDir, 'index.html')

/** The app's own pages: the built renderer, or the dev server during `electron-vite dev`. */
function isAppUrl(url: string): boolean {
  if (devServerUrl && url.startsWith(devServerUrl)) return true
  return url.startsWith(pathToFileURL(rendererDir).href + '/')
}

/** Offline by design: the app may load its own files and nothing else. */
function isAllowedRequest(url: string): boolean {
  return isAppUrl(url) || url.startsWith('devtools://') || (devServerUrl !== undefined && url.startsWith('ws://localhost'))
}

let mainWindow: BrowserWindow | null = null

/** `--store DIR`, as the CLI and the browser shell take it (npm start passes its arguments on). */
function storeFlag(): string | undefined {
  const i = process.argv.indexOf('--store')
  return i >= 0 ? process.argv[i + 1] : undefined
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Triangulate',
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // A middle click would open a link in a new window; nothing in the app is a link to follow.
      disableBlinkFeatures: 'Auxclick',
    },
  })
  window.once('ready-to-show', () => window.show())
  if (devServerUrl) void window.loadURL(devServerUrl)
  else void window.loadFile(rendererIndex)
  return window
}

function lockDownSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }))
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault())
    contents.on('will-redirect', (event) => event.preventDefault())
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
}

async function boot(): Promise<void> {
  lockDownSessions()
  const storeDir = storeFlag() ?? process.env[STORE_ENV_VAR] ?? join(app.getPath('userData'), 'store')
  const store = await CorpusStore.open(storeDir, { app: 'the Triangulate desktop app' })
  const sampleCorpusDir = join(app.getAppPath(), 'resources', 'sample-corpus')
  const syncCredentials = keychainCredentials(join(app.getPath('userData'), 'sync-credentials.bin'))
  const service = createTriangulateService({ store, sampleCorpusDir, syncCredentials })
  await service.watchedFolders.resume()
  // Team sync carries on if it was on (issue 19); it reaches the configured server only.
  void service.sync.resumeIfEnabled()
  // Derived indexes lost, outdated or cut short by the last quit are rebuilt in the background.
  void service.derivedIndexes.updateAll()
  app.on('will-quit', (event) => {
    // Let running imports finish their batch and release the store before the process ends.
    event.preventDefault()
    service.watchedFolders.close()
    void service.importJobs
      .shutdown()
      .then(() => service.derivedIndexes.close())
      .then(() => service.sync.close())
      .then(() => store.close())
      .finally(() => app.exit(0))
  })
  registerIpc(service, () => mainWindow, isAppUrl)
  mainWindow = createWindow()
}

if (!app.requestSingleInstanceLock()) {
  // Another Triangulate owns the store: hand over to it rather than write the same files twice.
  app.quit()
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore()
    mainWindow?.focus()
  })
  app.on('window-all-closed', () => app.quit())
  app
    .whenReady()
    .then(boot)
    .catch((error: unknown) => {
      // A store that cannot open must stop the app loudly, never start it empty over the user's data.
      console.error('[triangulate] failed to start:', error)
      dialog.showErrorBox('Triangulate could not start', (error as Error).message)
      app.exit(1)
    })
}
