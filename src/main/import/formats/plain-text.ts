// Plain text files: the decoded text exactly as it is. Title, date and outlet are left to the
// importer's heuristics, which read them from the text itself.

import { decodeText } from '../decode-text'
import type { ExtractResult } from './extract-result'

export async function extractPlainText(bytes: Uint8Array): Promise<ExtractResult> {
  const decoded = decodeText(bytes)
  if (!decoded.ok) return decoded
  return { ok: true, article: { text: decoded.text, encoding: decoded.encoding, metadata: {}, warnings: decoded.warnings ?? [] } }
}
