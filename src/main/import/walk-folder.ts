// Lists the files an import will read, and every file it will not read with the reason why.
// Symbolic links are never followed (no loops, no escaping the chosen folder); hidden and system
// files (.DS_Store, .git) are passed over and reported. Names are read as bytes: Linux allows any
// bytes but / and NUL in a name, and a name that is not valid UTF-8 is shown with U+FFFD in place of
// the bytes it cannot show, while the file is opened by its raw bytes (FoundFile.rawPath).

import { isUtf8 } from 'node:buffer'
import type { Dirent } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { extname, sep } from 'node:path'
import type { SkippedFile } from '../../shared/model'
import { UserError } from '../../shared/result'
import { ARTICLE_EXTENSIONS } from './formats/extract-article'

export interface FoundFile {
  /** The path as shown and stored: any bytes that are not UTF-8 appear as U+FFFD. */
  path: string
  /** Path below the imported folder, with / separators. */
  relativePath: string
  /** The path's own bytes, only when they are not valid UTF-8: `path` cannot open the file, these can. */
  rawPath?: Buffer
}

/** A folder to list: its path as shown, and its own bytes when the path cannot open it. */
interface Folder {
  path: string
  /** Below the imported folder, with / separators ('' for the folder itself). */
  relativePath: string
  /** Null when its path is valid UTF-8 (`path` opens it). */
  raw: Buffer | null
}

/** A folder's entry with its name as shown, and the name's own bytes when they were read as bytes. */
interface NamedEntry {
  entry: Dirent<string> | Dirent<Buffer>
  name: string
  bytes: Buffer | null
}

const SEPARATOR = Buffer.from(sep)
const EMPTY = Buffer.alloc(0)
const DOT = 0x2e

export interface FolderListing {
  files: FoundFile[]
  skipped: SkippedFile[]
}

export async function listArticleFiles(root: string, onScanned: (scanned: number, found: number) => void = () => {}, signal?: AbortSignal): Promise<FolderListing> {
  await requireFolder(root)
  const files: FoundFile[] = []
  const skipped: SkippedFile[] = []
  let scanned = 0
  // Breadth-first, names in order: the order files are imported in is the order a person reads the
  // folder in, and it decides which of two near-duplicates counts as the original.
  const pending: Folder[] = [{ path: root, relativePath: '', raw: null }]
  for (let next = 0; next < pending.length; next++) {
    signal?.throwIfAborted()
    const dir = pending[next] as Folder
    let named: NamedEntry[]
    try {
      named = await namedEntries(dir)
    } catch (error) {
      skipped.push({ path: dir.path, reason: `folder could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` })
      continue
    }
    named.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : Buffer.compare(a.bytes ?? EMPTY, b.bytes ?? EMPTY)))
    // Joined by hand, not by path.join, which normalises each path again: the folder's path is
    // normal already, and a name holds no separator.
    const prefix = dir.path.endsWith(sep) ? dir.path : dir.path + sep
    for (const { entry, name, bytes } of named) {
      const path = prefix + name
      const valid = dir.raw === null && (bytes === null || isUtf8(bytes))
      // Built from the folder's, not by path.relative per file: that made most of a 10,000-file
      // listing's garbage, on the importer's thread.
      const relativePath = dir.relativePath === '' ? name : `${dir.relativePath}/${name}`
      const raw = () => Buffer.concat([dir.raw ?? Buffer.from(dir.path), SEPARATOR, bytes ?? Buffer.from(name)])
      scanned++
      if (name.charCodeAt(0) === DOT) skipped.push({ path, reason: 'hidden or system file' })
      else if (entry.isSymbolicLink()) skipped.push({ path, reason: 'symbolic link (not followed)' })
      else if (entry.isDirectory()) pending.push({ path, relativePath, raw: valid ? null : raw() })
      else if (!entry.isFile()) skipped.push({ path, reason: 'not a regular file' })
      else if (!ARTICLE_EXTENSIONS.has(extname(name).toLowerCase())) skipped.push({ path, reason: `unsupported file type (${extname(name) || 'no extension'})` })
      else files.push({ path, relativePath, ...(valid ? {} : { rawPath: raw() }) })
    }
    onScanned(scanned, files.length)
  }
  return { files, skipped }
}

/**
 * A folder's entries. Names are read as text, which makes no buffer per name (a 10,000-file
 * listing's buffers were half its time, in collections); a folder holding a name that is not UTF-8
 * (read as text, it shows U+FFFD) is read again as bytes, as is every folder below such a name.
 */
async function namedEntries(dir: Folder): Promise<NamedEntry[]> {
  if (dir.raw === null) {
    const entries = await readdir(dir.path, { withFileTypes: true })
    if (!entries.some((entry) => entry.name.includes('\uFFFD'))) return entries.map((entry) => ({ entry, name: entry.name, bytes: null }))
  }
  const entries = await readdir(dir.raw ?? Buffer.from(dir.path), { withFileTypes: true, encoding: 'buffer' })
  return entries.map((entry) => ({ entry, name: entry.name.toString('utf8'), bytes: entry.name }))
}

async function requireFolder(path: string): Promise<void> {
  let info
  try {
    info = await stat(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new UserError('not-found', `Folder not found: ${path}. Check the path and try again.`)
    throw new UserError('io', `Cannot open ${path} (${code}).`)
  }
  if (!info.isDirectory()) throw new UserError('invalid-argument', `${path} is a file, not a folder. Choose the folder that contains it.`)
}
