// Import a folder: a typed path (both shells) or the native folder picker (desktop), a live progress
// bar fed by polling the import job, cancel, and a report of what was imported and skipped.

import { useState } from 'react'
import type { ImportJobState } from '../../../../shared/model'
import type { Connection } from '../../lib/api-client'
import { FolderChooser } from './FolderChooser'
import type { ImportJob } from './use-import-job'
import { useWatchedFolders, WatchedFoldersList } from './WatchedFoldersList'

// The hook lives in its own module so that WatchedFoldersList can take its type without importing this
// panel (which imports the list); App imports both from here.
export { useImportJob, type ImportJob } from './use-import-job'

export function ImportPanel({ connection, importJob }: { connection: Connection; importJob: ImportJob }) {
  const [path, setPath] = useState('')
  const [browsing, setBrowsing] = useState(false)
  const { job, error, run, cancel } = importJob
  const watched = useWatchedFolders(connection, importJob)
  const running = job?.state === 'running'

  const chooseFolder = async () => {
    let folder = path.trim()
    if (!folder && connection.desktop) folder = (await connection.desktop.pickFolder()) ?? ''
    if (folder) setPath(folder)
    return folder
  }
  const importFolder = async () => {
    const folder = await chooseFolder()
    if (folder) await run(() => connection.api.startImport({ path: folder }))
  }
  const watchFolder = async () => {
    const folder = await chooseFolder()
    if (folder) await watched.watch(folder)
  }

  return (
    <div className="import-panel">
      <form
        className="import-form"
        onSubmit={(e) => {
          e.preventDefault()
          void importFolder()
        }}
      >
        <input
          aria-label="Folder path"
          placeholder={connection.desktop ? 'Folder path, or empty to browse' : 'Folder path, or Browse…'}
          value={path}
          onChange={(e) => setPath(e.target.value)}
          disabled={running}
          spellCheck={false}
        />
        {!connection.desktop && (
          <button type="button" disabled={running} aria-expanded={browsing} onClick={() => setBrowsing((b) => !b)} title="Choose a folder on this machine">
            Browse…
          </button>
        )}
        <button type="submit" disabled={running}>
          Import folder
        </button>
        <button type="button" disabled={running} onClick={() => void watchFolder()} title="Import now, then import new files as they land in it">
          Watch folder
        </button>
      </form>
      {browsing && (
        <FolderChooser
          api={connection.api}
          start={path}
          onCancel={() => setBrowsing(false)}
          onChoose={(folder) => {
            setPath(folder)
            setBrowsing(false)
          }}
        />
      )}
      <WatchedFoldersList folders={watched.folders} error={watched.error} onUnwatch={(p) => void watched.unwatch(p)} />
      {job && <ImportStatus job={job} onCancel={cancel} />}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  )
}

function ImportStatus({ job, onCancel }: { job: ImportJobState; onCancel: () => void }) {
  const p = job.progress
  if (job.state === 'running') {
    const indexing = p.indexing
    return (
      <div className="import-status">
        <progress aria-label="Import progress" max={Math.max(indexing?.total ?? p.total, 1)} value={indexing?.done ?? p.processed} />
        <span>
          {indexing
            ? `Indexing for search… ${indexing.done} of ${indexing.total} articles (${p.imported} new · ${p.duplicates} already in the library · ${p.skipped} skipped)`
            : p.total === 0
              ? `Scanning… ${p.scanned} entries`
              : `${p.processed} of ${p.total} files · ${p.imported} new · ${p.duplicates} already in the library · ${p.skipped} skipped`}
        </span>
        <button type="button" onClick={onCancel}>
          Cancel import
        </button>
      </div>
    )
  }
  if (job.state === 'failed') {
    return (
      <p role="alert" className="error">
        Import failed: {job.error}
      </p>
    )
  }
  const r = job.report
  return (
    <div role="status" aria-label="Import report" className="import-report">
      <strong>{job.state === 'cancelled' ? 'Import cancelled. Kept: ' : 'Import finished: '}</strong>
      {r.imported} imported · {r.duplicates} already in the library · {r.nearDuplicates.length} near-{r.nearDuplicates.length === 1 ? 'duplicate' : 'duplicates'} ·{' '}
      {r.updated} updated · {r.skipped.length} skipped
      {r.nearDuplicates.length > 0 && (
        <details>
          <summary>Near-duplicates (counted as one source with their original)</summary>
          <ul>
            {r.nearDuplicates.map((n) => (
              <li key={n.articleId}>
                <code>{n.path}</code>: {Math.round(n.similarity * 100)}% the same as “{n.ofTitle}”
              </li>
            ))}
          </ul>
        </details>
      )}
      {(r.reanchored > 0 || r.orphaned > 0) && (
        <p>
          Highlights on updated articles: {r.reanchored} moved with their text, {r.orphaned} orphaned.
        </p>
      )}
      {r.warnings.length > 0 && (
        <details>
          <summary>Warnings ({r.warnings.length})</summary>
          <ul>
            {r.warnings.map((w, i) => (
              <li key={i}>
                <code>{w.path}</code>: {w.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      {r.skipped.length > 0 && (
        <details>
          <summary>Skipped files</summary>
          <ul>
            {r.skipped.map((s) => (
              <li key={s.path}>
                <code>{s.path}</code>: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  )
}
