// Hands an export to the user: the native save dialog in the desktop app, a download in a browser.

import type { Connection } from './api-client'
import { ApiError } from './api-client'

export async function saveTextFile(connection: Connection, fileName: string, content: string, mime: string): Promise<string | null> {
  if (connection.desktop) {
    const result = await connection.desktop.saveTextFile({ suggestedName: fileName, content })
    if (!result.ok) throw new ApiError(result.error.code, result.error.message)
    return result.value.path
  }
  const url = URL.createObjectURL(new Blob([content], { type: mime }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return fileName
}
