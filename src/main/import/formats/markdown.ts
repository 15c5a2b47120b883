// Markdown files: YAML front matter (the block between two --- lines at the very top, as written by
// Obsidian, Jekyll, Hugo and most clippers) becomes metadata and leaves the text; the body is kept as
// Markdown source, never rendered, so highlights anchor to what the analyst sees in the file.

import { decodeText } from '../decode-text'
import type { ExtractedMetadata, ExtractResult } from './extract-result'
import { normaliseDate } from './normalise-date'

// The opening fence must be the file's first line; the closing one is --- or YAML's own "..." end.
const FRONT_MATTER = /^---[ \t]*\n(?:([\s\S]*?)\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)/
/** A front matter block's first line looks like "key: value": a block that fails to parse was meant as one. */
const LOOKS_LIKE_YAML_KEY = /^[\w-]+[ \t]*:/

/** Front matter keys read for each field, in order of preference (matched without regard to case). */
const FIELD_KEYS: Readonly<Record<keyof ExtractedMetadata, readonly string[]>> = {
  title: ['title', 'headline'],
  date: ['date', 'published', 'published_at', 'publishdate', 'pubdate', 'date_published', 'created'],
  outlet: ['source', 'outlet', 'publisher', 'publication', 'site', 'site_name'],
  author: ['author', 'authors', 'byline', 'creator'],
  url: ['url', 'link', 'canonical', 'canonical_url', 'source_url', 'original_url'],
}

export async function extractMarkdown(bytes: Uint8Array): Promise<ExtractResult> {
  const decoded = decodeText(bytes)
  if (!decoded.ok) return decoded
  const warnings = [...(decoded.warnings ?? [])]
  const { metadata, body } = await splitFrontMatter(decoded.text, warnings)
  return { ok: true, article: { text: body, encoding: decoded.encoding, metadata, warnings } }
}

/** The YAML parser is loaded only for a file with front matter: most imports have none, and it slowed every import worker's start. */
export async function splitFrontMatter(text: string, warnings: string[]): Promise<{ metadata: ExtractedMetadata; body: string }> {
  const match = FRONT_MATTER.exec(text)
  if (!match) return { metadata: {}, body: text }
  const { parse: parseYaml } = await import('yaml')
  const source = match[1] ?? ''
  let fields: unknown
  try {
    // YAML 1.2's core schema: dates stay strings, and no tag can construct objects or run code.
    fields = parseYaml(source, { schema: 'core', uniqueKeys: false, logLevel: 'error' })
  } catch (error) {
    if (LOOKS_LIKE_YAML_KEY.test(source)) {
      warnings.push(`the front matter is not valid YAML (${firstLine(error)}); it was kept in the text`)
    }
    return { metadata: {}, body: text }
  }
  // A "---" rule above ordinary prose parses as a plain string: that is text, not front matter.
  if (!isRecord(fields)) return { metadata: {}, body: text }
  return { metadata: readFields(fields, warnings), body: text.slice(match[0].length).replace(/^\s*\n/, '') }
}

function readFields(fields: Record<string, unknown>, warnings: string[]): ExtractedMetadata {
  const byKey = new Map(Object.entries(fields).map(([key, value]) => [key.toLowerCase(), value]))
  const metadata: ExtractedMetadata = {}
  for (const [field, keys] of Object.entries(FIELD_KEYS) as [keyof ExtractedMetadata, readonly string[]][]) {
    const value = keys.map((key) => asText(byKey.get(key))).find((v) => v !== undefined)
    if (value === undefined) continue
    if (field !== 'date') metadata[field] = value
    else {
      const date = normaliseDate(value)
      if (date) metadata.date = date
      else warnings.push(`the front matter date "${value}" is not a date this importer reads (use YYYY-MM-DD); it was left out`)
    }
  }
  return metadata
}

/** A front matter value as text: lists (several authors) are joined, a { name } object gives its name. */
function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) {
    const parts = value.map(asText).filter((v): v is string => v !== undefined)
    return parts.length > 0 ? parts.join(', ') : undefined
  }
  if (isRecord(value)) return asText(value.name)
  return undefined
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''
}
