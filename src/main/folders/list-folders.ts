// Lists the folders inside a folder, for the browser shell's folder chooser (the desktop app has the
// system's dialog), and remembers the folders imported from lately in the store. Reads directory
// entries only: no file is opened, and symbolic links are not followed (the import does not follow
// them either).

import { readdir, stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { MAX_LISTED_FOLDERS, MAX_RECENT_FOLDERS, type FolderEntry, type FolderListing } from '../../shared/folders/folder-listing'
import { UserError } from '../../shared/result'
import type { CorpusStore } from '../store/corpus-store'

export const RECENT_FOLDERS_FILE = 'recent-folders.json'

/** The folders inside `path` (the home folder when none is given), with the recent ones. */
export async function listFolders(store: CorpusStore, path: string | undefined): Promise<FolderListing> {
  const folder = path ? absoluteFolder(path) : homedir()
  let entries
  try {
    entries = await readdir(folder, { withFileTypes: true })
  } catch (error) {
    throw folderError(error, folder)
  }
  const folders: FolderEntry[] = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => ({ name: e.name, path: join(folder, e.name) }))
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true }))
  const parent = dirname(folder)
  return {
    path: folder,
    parent: parent === folder ? null : parent,
    folders: folders.slice(0, MAX_LISTED_FOLDERS),
    truncated: folders.length > MAX_LISTED_FOLDERS,
    recent: await existingRecentFolders(store),
  }
}

/** Puts `folder` first among the recent folders (a re-import moves it up, never in twice). */
export async function rememberRecentFolder(store: CorpusStore, folder: string): Promise<void> {
  if (store.readOnly) return
  const path = resolve(folder)
  const recent = [path, ...(await savedRecentFolders(store)).filter((p) => p !== path)].slice(0, MAX_RECENT_FOLDERS)
  await store.writeSidecar(RECENT_FOLDERS_FILE, recent)
}

async function savedRecentFolders(store: CorpusStore): Promise<string[]> {
  const saved = await store.readSidecar(RECENT_FOLDERS_FILE)
  return Array.isArray(saved) ? saved.filter((p): p is string => typeof p === 'string' && isAbsolute(p)) : []
}

/** A folder removed or unplugged since is left out of the list (and stays in the file, for when it is back). */
async function existingRecentFolders(store: CorpusStore): Promise<string[]> {
  const saved = await savedRecentFolders(store)
  const present = await Promise.all(
    saved.map((p) =>
      stat(p).then(
        (s) => s.isDirectory(),
        () => false,
      ),
    ),
  )
  return saved.filter((_, i) => present[i])
}

function absoluteFolder(path: string): string {
  if (path.includes('\0')) throw new UserError('invalid-argument', 'A folder path cannot contain a NUL character.')
  if (!isAbsolute(path)) throw new UserError('invalid-argument', `Give the folder as a full path (starting with / or a drive letter), not "${path}".`)
  return resolve(path)
}

function folderError(error: unknown, folder: string): UserError {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return new UserError('not-found', `Folder not found: ${folder}. It may have been moved or renamed.`)
  if (code === 'ENOTDIR') return new UserError('invalid-argument', `Not a folder: ${folder}.`)
  if (code === 'EACCES' || code === 'EPERM')
    return new UserError('io', `Triangulate may not read the folder ${folder} (permission denied). Choose another, or change its permissions.`)
  return new UserError('io', `Could not list the folder ${folder}: ${(error as Error).message}`)
}
