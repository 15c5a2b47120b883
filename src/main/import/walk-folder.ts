// Lists the files an import will read, and every file it will not read with the reason why.
// Symbolic links are never followed (no loops, no escaping the chosen folder); hidden and system
// files (.DS_Store, .git) are passed over and reported.

import { readdir, stat } from 'node:fs/promises'
import { extname, join, relative, sep } from 'node:path'
import type { SkippedFile } from '../../shared/model'
import { UserError } from '../../shared/result'
import { ARTICLE_EXTENSIONS } from './formats/extract-article'

export interface FoundFile {
  path: string
  /** Path below the imported folder, with / separators. */
  relativePath: string
}

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
  const pending = [root]
  for (let next = 0; next < pending.length; next++) {
    signal?.throwIfAborted()
    const dir = pending[next] as string
    let entries
    try {
      entries = await readdir(dir, { withFileTypes: true })
    } catch (error) {
      skipped.push({ path: dir, reason: `folder could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` })
      continue
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      const path = join(dir, entry.name)
      scanned++
      if (entry.name.startsWith('.')) skipped.push({ path, reason: 'hidden or system file' })
      else if (entry.isSymbolicLink()) skipped.push({ path, reason: 'symbolic link (not followed)' })
      else if (entry.isDirectory()) pending.push(path)
      else if (!entry.isFile()) skipped.push({ path, reason: 'not a regular file' })
      else if (!ARTICLE_EXTENSIONS.has(extname(entry.name).toLowerCase()))
        skipped.push({ path, reason: `unsupported file type (${extname(entry.name) || 'no extension'})` })
      else files.push({ path, relativePath: relative(root, path).split(sep).join('/') })
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
