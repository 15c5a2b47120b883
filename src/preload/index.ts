// The sandboxed preload: exposes exactly the contract's operations (and the native dialogs) to the
// renderer, each a typed call over its own IPC channel. No channel name, no Node and no Electron
// object crosses the bridge.

import { contextBridge, ipcRenderer } from 'electron'
import type { ApiTransport, DesktopBridge, PreloadBridge } from '../shared/api'
import { DESKTOP_CHANNELS, IPC_CHANNEL_PREFIX, operationNames } from '../shared/api-operations'

const api = Object.fromEntries(operationNames.map((name) => [name, (args: unknown) => ipcRenderer.invoke(IPC_CHANNEL_PREFIX + name, args)])) as ApiTransport

const desktop: DesktopBridge = {
  pickFolder: () => ipcRenderer.invoke(DESKTOP_CHANNELS.pickFolder),
  saveTextFile: (args) => ipcRenderer.invoke(DESKTOP_CHANNELS.saveTextFile, args),
  saveBriefPdf: () => ipcRenderer.invoke(DESKTOP_CHANNELS.saveBriefPdf),
  exportClaimsCsvFile: (args) => ipcRenderer.invoke(DESKTOP_CHANNELS.exportClaimsCsvFile, args),
}

const bridge: PreloadBridge = { api, desktop }
contextBridge.exposeInMainWorld('triangulate', bridge)
