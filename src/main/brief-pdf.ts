// "Save as PDF" for the printable brief, in the desktop app: Chromium's own print-to-PDF over the
// brief's HTML in a hidden window that can run no script and fetch nothing. The HTML comes from the
// service, never from the renderer, so the page asking for a PDF cannot choose what gets printed.

import { BrowserWindow, session } from 'electron'

/** A session of its own, in memory only: the app's session would refuse the data: URL, and this one refuses everything else. */
const PDF_PARTITION = 'brief-pdf'

function lockedDownSession(): Electron.Session {
  const pdfSession = session.fromPartition(PDF_PARTITION)
  pdfSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  pdfSession.setPermissionCheckHandler(() => false)
  pdfSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('data:') }))
  return pdfSession
}

export async function printHtmlToPdf(html: string): Promise<Buffer> {
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      session: lockedDownSession(),
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  })
  try {
    await window.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`)
    return await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' })
  } finally {
    window.destroy()
  }
}
