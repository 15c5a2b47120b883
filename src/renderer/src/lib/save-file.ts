// Hands an export to the user: the native save dialog in the desktop app, a download in a browser.
// Text exports arrive as strings; binary ones (the .qdpx zip) as base64, which is how they cross the
// JSON transports, and are decoded only at the end: by the main process, or into the download's Blob.

import type { DesktopBridge } from '../../../shared/api'
import type { Connection } from './api-client'
import { ApiError } from './api-client'

export async function saveTextFile(connection: Connection, fileName: string, content: string, mime: string): Promise<string | null> {
  if (connection.desktop) {
    const result = await connection.desktop.saveTextFile({ suggestedName: fileName, content })
    if (!result.ok) throw new ApiError(result.error.code, result.error.message)
    return result.value.path
  }
  return download(fileName, new Blob([content], { type: mime }))
}

export async function saveBinaryFile(connection: Connection, fileName: string, contentBase64: string, mime: string): Promise<string | null> {
  if (connection.desktop) {
    const result = await connection.desktop.saveTextFile({ suggestedName: fileName, content: contentBase64, encoding: 'base64' })
    if (!result.ok) throw new ApiError(result.error.code, result.error.message)
    return result.value.path
  }
  const bytes = Uint8Array.from(atob(contentBase64), (c) => c.charCodeAt(0))
  return download(fileName, new Blob([bytes], { type: mime }))
}

function download(fileName: string, blob: Blob): string {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return fileName
}

/** The evidence CSV in the desktop app: the main process asks where, then streams it there itself. */
export async function exportCsvFromMain(desktop: DesktopBridge, claimIds: string[] | null): Promise<string | null> {
  const result = await desktop.exportClaimsCsvFile({ claimIds })
  if (!result.ok) throw new ApiError(result.error.code, result.error.message)
  return result.value.path
}
