// Wires the API contract and the desktop dialogs to Electron IPC. Every call is checked to come from
// the app's own page before its arguments are validated and dispatched. Electron's ipcMain and dialog
// come in as one argument (the real ones by default), so the checks can be tested without the
// Electron binary (ipc.test.ts).

import { dialog as electronDialog, ipcMain as electronIpcMain, type BrowserWindow, type Dialog, type IpcMain, type IpcMainInvokeEvent } from 'electron'
import { z } from 'zod'
import { DESKTOP_CHANNELS, IPC_CHANNEL_PREFIX, operationNames } from '../shared/api-operations'
import { fail, ok, type Result } from '../shared/result'
import { printHtmlToPdf } from './brief-pdf'
import { describeWriteFailure } from './export/write-export'
import { dispatch } from './service/dispatch'
import { claimsCsvFileName, type TriangulateService } from './service/triangulate-service'
import { writeFileDurably } from './store/durable-write'

const saveTextFileArgs = z
  .object({ suggestedName: z.string().min(1).max(255), content: z.string().max(512 * 1024 * 1024), encoding: z.enum(['utf8', 'base64']).optional() })
  .strict()
const exportClaimsCsvFileArgs = z.object({ claimIds: z.array(z.string().min(1).max(200)).max(1_000_000).nullable() }).strict()

/** The parts of Electron's main process the IPC wiring uses. */
export interface IpcShell {
  ipcMain: Pick<IpcMain, 'handle'>
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>
}

export type { IpcMainInvokeEvent }

export function registerIpc(
  handlers: TriangulateService,
  window: () => BrowserWindow | null,
  isAppUrl: (url: string) => boolean,
  { ipcMain, dialog }: IpcShell = { ipcMain: electronIpcMain, dialog: electronDialog },
): void {
  const fromApp = (event: IpcMainInvokeEvent) => {
    const frame = event.senderFrame
    return frame !== null && frame === window()?.webContents.mainFrame && isAppUrl(frame.url)
  }
  const refused = fail('invalid-argument', 'Refused: the request did not come from the Triangulate window.')

  for (const name of operationNames) {
    ipcMain.handle(IPC_CHANNEL_PREFIX + name, (event, args: unknown) => (fromApp(event) ? dispatch(handlers, name, args) : refused))
  }

  ipcMain.handle(DESKTOP_CHANNELS.pickFolder, async (event) => {
    const win = window()
    if (!fromApp(event) || !win) return null
    const choice = await dialog.showOpenDialog(win, { title: 'Import a folder of articles', properties: ['openDirectory'] })
    return choice.canceled ? null : (choice.filePaths[0] ?? null)
  })

  ipcMain.handle(DESKTOP_CHANNELS.saveTextFile, async (event, raw: unknown): Promise<Result<{ path: string | null }>> => {
    const win = window()
    if (!fromApp(event) || !win) return refused
    const args = saveTextFileArgs.safeParse(raw)
    if (!args.success) return fail('invalid-argument', `Invalid save request: ${args.error.issues[0]?.message}`)
    const choice = await dialog.showSaveDialog(win, { defaultPath: args.data.suggestedName })
    if (choice.canceled || !choice.filePath) return ok({ path: null })
    try {
      const { content, encoding } = args.data
      await writeFileDurably(choice.filePath, encoding === 'base64' ? Buffer.from(content, 'base64') : content)
      return ok({ path: choice.filePath })
    } catch (error) {
      return fail('io', describeWriteFailure(choice.filePath, error) ?? `Could not write ${choice.filePath}: ${(error as Error).message}`)
    }
  })

  ipcMain.handle(DESKTOP_CHANNELS.saveBriefPdf, async (event): Promise<Result<{ path: string | null }>> => {
    const win = window()
    if (!fromApp(event) || !win) return refused
    let pdf: Buffer
    let suggestedName: string
    try {
      const brief = await handlers.exportBrief({ format: 'html' })
      pdf = await printHtmlToPdf(brief.content)
      suggestedName = brief.fileName.replace(/\.html?$/i, '') + '.pdf'
    } catch (error) {
      return fail('io', `Could not print the brief to PDF: ${(error as Error).message}`)
    }
    const choice = await dialog.showSaveDialog(win, { defaultPath: suggestedName, filters: [{ name: 'PDF', extensions: ['pdf'] }] })
    if (choice.canceled || !choice.filePath) return ok({ path: null })
    try {
      await writeFileDurably(choice.filePath, pdf)
      return ok({ path: choice.filePath })
    } catch (error) {
      return fail('io', describeWriteFailure(choice.filePath, error) ?? `Could not write ${choice.filePath}: ${(error as Error).message}`)
    }
  })

  ipcMain.handle(DESKTOP_CHANNELS.exportClaimsCsvFile, async (event, raw: unknown): Promise<Result<{ path: string | null; claims: number }>> => {
    const win = window()
    if (!fromApp(event) || !win) return refused
    const args = exportClaimsCsvFileArgs.safeParse(raw)
    if (!args.success) return fail('invalid-argument', `Invalid export request: ${args.error.issues[0]?.message}`)
    const choice = await dialog.showSaveDialog(win, { defaultPath: claimsCsvFileName(false, new Date().toISOString()), filters: [{ name: 'CSV', extensions: ['csv'] }] })
    if (choice.canceled || !choice.filePath) return ok({ path: null, claims: 0 })
    try {
      const { claims } = await handlers.writeClaimsCsvFile(choice.filePath, { claimIds: args.data.claimIds })
      return ok({ path: choice.filePath, claims })
    } catch (error) {
      return fail('io', describeWriteFailure(choice.filePath, error) ?? `Could not write ${choice.filePath}: ${(error as Error).message}`)
    }
  })
}
