// Lists the files an import will read, and every file it will not read with the reason why.
// Symbolic links are never followed (no loops, no escaping the chosen folder); hidden and system
// files (.DS_Store, .git) are passed over and reported. Names are read as bytes: Linux allows any
// bytes but / and NUL in a name, and a name that is not valid UTF-8 is shown with U+FFFD in place of
// the bytes it cannot show, while the file is opened by its raw bytes (FoundFile.rawPath).

import { isUtf8 } from 'node:buffer'
import { readdir, stat } from 'node:fs/promises'
import { extname, join, sep } from 'node:path'
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

/** A folder to list: its path as shown, and its own bytes. */
interface Folder {
  path: string
  /** Below the imported folder, with / separators ('' for the folder itself). */
  relativePath: string
  raw: Buffer
  valid: boolean
}

const SEPARATOR = Buffer.from(sep)
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
  const pending: Folder[] = [{ path: root, relativePath: '', raw: Buffer.from(root), valid: true }]
  for (let next = 0; next < pending.length; next++) {
    signal?.throwIfAborted()
    const dir = pending[next] as Folder
    let entries
    try {
      entries = await readdir(dir.raw, { withFileTypes: true, encoding: 'buffer' })
    } catch (error) {
      skipped.push({ path: dir.path, reason: `folder could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` })
      continue
    }
    const named = entries.map((entry) => ({ entry, name: entry.name.toString('utf8') }))
    named.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : Buffer.compare(a.entry.name, b.entry.name)))
    for (const { entry, name } of named) {
      const path = join(dir.path, name)
      const valid = dir.valid && isUtf8(entry.name)
      // Built from the folder's, not by path.relative per file: that made most of a 10,000-file
      // listing's garbage, on the importer's thread.
      const relativePath = dir.relativePath === '' ? name : `${dir.relativePath}/${name}`
      const raw = () => Buffer.concat([dir.raw, SEPARATOR, entry.name])
      scanned++
      if (entry.name[0] === DOT) skipped.push({ path, reason: 'hidden or system file' })
      else if (entry.isSymbolicLink()) skipped.push({ path, reason: 'symbolic link (not followed)' })
      else if (entry.isDirectory()) pending.push({ path, relativePath, raw: raw(), valid })
      else if (!entry.isFile()) skipped.push({ path, reason: 'not a regular file' })
      else if (!ARTICLE_EXTENSIONS.has(extname(name).toLowerCase())) skipped.push({ path, reason: `unsupported file type (${extname(name) || 'no extension'})` })
      else files.push({ path, relativePath, ...(valid ? {} : { rawPath: raw() }) })
    }
    onScanned(scanned, files.length)
  }
  return { files, skipped }
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
