// Folders the app keeps importing from. New files are imported by the service on its own; this list
// polls it, and when a folder starts another import, follows that job like one the analyst started,
// so the progress bar, the report and the library refresh are the same.

import { useEffect, useRef, useState } from 'react'
import type { WatchedFolder } from '../../../../shared/model'
import type { Connection } from '../../lib/api-client'
import type { ImportJob } from './use-import-job'

/** How often the list is refreshed while folders are watched: new files are not urgent to the second. */
const POLL_MS = 2000

export function useWatchedFolders(connection: Connection, importJob: ImportJob) {
  const [folders, setFolders] = useState<WatchedFolder[]>([])
  const [error, setError] = useState<string | null>(null)
  const followed = useRef(new Set<string>())
  const job = useRef(importJob)
  job.current = importJob

  const show = (next: WatchedFolder[]) => {
    setFolders(next)
    for (const folder of next) {
      if (!folder.lastJobId || followed.current.has(folder.lastJobId)) continue
      followed.current.add(folder.lastJobId)
      // The analyst's own running import stays on screen; the watched folder's is queued behind it anyway.
      if (job.current.job?.state !== 'running') void job.current.follow(folder.lastJobId)
    }
  }

  useEffect(() => {
    let stopped = false
    const poll = async () => {
      try {
        const next = await connection.api.listWatchedFolders({})
        if (!stopped) show(next)
      } catch (e) {
        if (!stopped) setError((e as Error).message)
      }
    }
    void poll()
    const timer = setInterval(poll, POLL_MS)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [connection])

  const run = async (change: () => Promise<WatchedFolder[]>) => {
    setError(null)
    try {
      show(await change())
    } catch (e) {
      setError((e as Error).message)
    }
  }
  return {
    folders,
    error,
    watch: (path: string) => run(() => connection.api.watchFolder({ path })),
    unwatch: (path: string) => run(() => connection.api.unwatchFolder({ path })),
  }
}

export function WatchedFoldersList({ folders, error, onUnwatch }: { folders: WatchedFolder[]; error: string | null; onUnwatch: (path: string) => void }) {
  if (folders.length === 0 && !error) return null
  return (
    <section aria-label="Watched folders" className="watched-folders">
      {folders.length > 0 && <h3>Watched folders · new files are imported as they arrive</h3>}
      <ul>
        {folders.map((folder) => (
          <li key={folder.path}>
            <code>{folder.path}</code>
            {folder.error && <span className="error"> {folder.error}</span>}
            <button type="button" aria-label={`Stop watching ${folder.path}`} onClick={() => onUnwatch(folder.path)}>
              Stop watching
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  )
}
