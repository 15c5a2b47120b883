// Folders the app keeps importing from: new articles keep arriving in them (a scraper's output, a
// shared drive). Each is watched recursively; once its files have been quiet for a moment the folder
// is re-imported, which adds only what is new or changed. The list is kept in the store, and each
// folder is caught up on start, since files may have landed while the app was closed.

import { watch, type FSWatcher } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import type { WatchedFolder } from '../../shared/model'
import { UserError } from '../../shared/result'
import type { CorpusStore } from '../store/corpus-store'
import type { ImportJobs } from './import-jobs'

export const WATCHED_FOLDERS_FILE = 'watched-folders.json'

/** Quiet time after the last change before importing: a folder being copied in changes many times a second. */
export const DEFAULT_SETTLE_MS = 1500

interface Watch {
  watcher: FSWatcher | null
  timer: NodeJS.Timeout | null
  lastJobId: string | null
  /** Changes seen while this folder's import was running: one more import follows it. */
  changedDuringImport: boolean
  importing: boolean
  error: string | null
}

export class WatchedFolders {
  private readonly watches = new Map<string, Watch>()
  private closed = false

  constructor(
    private readonly store: CorpusStore,
    private readonly importJobs: ImportJobs,
    private readonly settleMs = DEFAULT_SETTLE_MS,
  ) {}

  /** Starts watching the folders saved in the store, importing each once to catch up. */
  async resume(): Promise<void> {
    const saved = await this.store.readSidecar(WATCHED_FOLDERS_FILE)
    const paths = Array.isArray(saved) ? saved.filter((p): p is string => typeof p === 'string') : []
    for (const path of paths) {
      const entry = this.entryFor(path)
      try {
        await requireFolder(path)
        this.startWatching(path, entry)
        this.importNow(path, entry)
      } catch (error) {
        // A folder on an unplugged drive stays listed, with the reason, until the analyst removes it.
        entry.error = (error as Error).message
      }
    }
  }

  async add(folder: string): Promise<WatchedFolder[]> {
    const path = resolve(folder)
    await requireFolder(path)
    const entry = this.entryFor(path)
    entry.error = null
    if (!entry.watcher) this.startWatching(path, entry)
    this.importNow(path, entry)
    await this.save()
    return this.list()
  }

  async remove(folder: string): Promise<WatchedFolder[]> {
    const path = resolve(folder)
    const entry = this.watches.get(path)
    if (entry) stopWatching(entry)
    this.watches.delete(path)
    await this.save()
    return this.list()
  }

  list(): WatchedFolder[] {
    return [...this.watches].map(([path, w]) => ({ path, lastJobId: w.lastJobId, error: w.error }))
  }

  close(): void {
    this.closed = true
    for (const entry of this.watches.values()) stopWatching(entry)
  }

  private entryFor(path: string): Watch {
    let entry = this.watches.get(path)
    if (!entry) {
      entry = { watcher: null, timer: null, lastJobId: null, changedDuringImport: false, importing: false, error: null }
      this.watches.set(path, entry)
    }
    return entry
  }

  private startWatching(path: string, entry: Watch): void {
    entry.watcher = watch(path, { recursive: true }, (_event, name) => {
      if (name && !worthImporting(name)) return
      if (entry.timer) clearTimeout(entry.timer)
      entry.timer = setTimeout(() => {
        entry.timer = null
        this.importNow(path, entry)
      }, this.settleMs)
    })
    entry.watcher.on('error', (error) => {
      entry.error = `Stopped watching: ${error.message}`
      stopWatching(entry)
    })
  }

  private importNow(path: string, entry: Watch): void {
    if (this.closed) return
    if (entry.importing) {
      entry.changedDuringImport = true
      return
    }
    entry.importing = true
    entry.changedDuringImport = false
    const jobId = this.importJobs.start(path)
    entry.lastJobId = jobId
    void this.importJobs.whenFinished(jobId).then(() => {
      entry.importing = false
      if (entry.changedDuringImport && this.watches.get(path) === entry) this.importNow(path, entry)
    })
  }

  private async save(): Promise<void> {
    await this.store.writeSidecar(WATCHED_FOLDERS_FILE, [...this.watches.keys()])
  }
}

async function requireFolder(path: string): Promise<void> {
  const info = await stat(path).catch(() => null)
  if (!info) throw new UserError('not-found', `There is no folder ${path} to watch. Check the path.`)
  if (!info.isDirectory()) throw new UserError('invalid-argument', `${path} is a file; choose the folder it is in to watch.`)
}

function stopWatching(entry: Watch): void {
  entry.watcher?.close()
  entry.watcher = null
  if (entry.timer) clearTimeout(entry.timer)
  entry.timer = null
}

/** Hidden files, editors' lock files and unfinished downloads change constantly and are never articles. */
function worthImporting(name: string): boolean {
  if (name.split(/[\\/]/).some((part) => part.startsWith('.'))) return false
  const file = basename(name)
  return !file.startsWith('~$') && !/\.(tmp|part|crdownload|download|swp)$/i.test(file)
}
