// Team sync (issue 19): the settings (the team database's address, your name, your CouchDB user
// and password where this shell can keep them), start, stop and "sync now", the status in plain
// words, and the conflicts, each record's versions side by side as the project-file merge shows
// them (ExchangePanel's conflict layout), to keep one or, for a claim, write a combined text.
// Everything goes through the service: the renderer never reaches the network.

import { useEffect, useState } from 'react'
import type { SyncConflict, SyncStatus } from '../../../../shared/sync/sync-model'
import type { Api } from '../../lib/api-client'
import './sync.css'

interface Props {
  api: Api
  revision: number
  /** Runs a store change: errors are shown, and every view refreshes after it. */
  run: (work: () => Promise<unknown>) => void
  onError: (message: string) => void
}

/** How often the panel asks for the status while open: often enough to follow a sync as it runs. */
const STATUS_POLL_MS = 1000

const KIND_NAMES: Record<SyncConflict['kind'], string> = {
  claim: 'Claim',
  highlight: 'Highlight',
  link: 'Evidence',
  source: 'Source grade',
  article: 'Article details',
  text: 'Article text',
  entity: 'Entity',
}

export function SyncPanel({ api, revision, run, onError }: Props) {
  const [status, setStatus] = useState<SyncStatus | null>(null)
  const [conflicts, setConflicts] = useState<SyncConflict[]>([])
  const [remoteUrl, setRemoteUrl] = useState('')
  const [member, setMember] = useState('')
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [tick, setTick] = useState(0)

  // The settings fill the form once, when first known; later polls only refresh the status. A
  // field the analyst typed in before they arrived keeps what was typed (a slow first answer
  // used to wipe it, leaving Save disabled).
  useEffect(() => {
    let live = true
    api.getSyncStatus({}).then(
      (s) => {
        if (!live) return
        setStatus(s)
        setRemoteUrl((typed) => typed || (s.settings.remoteUrl ?? ''))
        setMember((typed) => typed || s.settings.member)
      },
      (e: Error) => onError(e.message),
    )
    return () => {
      live = false
    }
  }, [api, onError])

  useEffect(() => {
    let live = true
    const refresh = () => {
      api.getSyncStatus({}).then(
        (s) => live && setStatus(s),
        () => undefined,
      )
      api.listSyncConflicts({}).then(
        (c) => live && setConflicts(c.conflicts),
        () => undefined,
      )
    }
    refresh()
    const timer = setInterval(refresh, STATUS_POLL_MS)
    return () => {
      live = false
      clearInterval(timer)
    }
  }, [api, revision, tick])

  const act = (work: () => Promise<unknown>) => {
    setBusy(true)
    run(async () => {
      try {
        await work()
      } finally {
        setBusy(false)
        setTick((t) => t + 1)
      }
    })
  }

  const settingsChanged = status !== null && (remoteUrl.trim() !== (status.settings.remoteUrl ?? '') || member.trim() !== status.settings.member)
  const configured = status?.settings.remoteUrl !== null && status?.settings.remoteUrl !== undefined

  return (
    <div className="sync-panel">
      <h2>Team sync</h2>
      <form
        className="sync-settings"
        onSubmit={(e) => {
          e.preventDefault()
          act(() => api.saveSyncSettings({ remoteUrl: remoteUrl.trim() || null, member, continuous: status?.settings.continuous ?? false }))
        }}
      >
        <label>
          Database address
          <input
            aria-label="Database address"
            placeholder="https://couch.example.org/our-story"
            value={remoteUrl}
            onChange={(e) => setRemoteUrl(e.target.value)}
            spellCheck={false}
          />
        </label>
        <label>
          Your name
          <input aria-label="Your name" value={member} onChange={(e) => setMember(e.target.value)} />
        </label>
        <button type="submit" disabled={busy || !settingsChanged || !member.trim()}>
          Save settings
        </button>
      </form>

      {status && (
        <label className="sync-share-texts">
          <input
            type="checkbox"
            checked={status.settings.shareTexts}
            disabled={busy}
            onChange={(e) => {
              const shareTexts = e.target.checked
              act(() => api.saveSyncSettings({ ...status.settings, shareTexts }))
            }}
          />
          Share article texts with the team
          <span className="sync-hint">
            {status.settings.shareTexts
              ? ' On: your articles’ texts go to the team’s database, and texts teammates share become articles here.'
              : ' Off: texts stay on this computer; each analyst imports the files, and highlights land on the same text.'}
          </span>
        </label>
      )}

      {status && <Credentials status={status} username={username} password={password} setUsername={setUsername} setPassword={setPassword} act={act} api={api} />}

      <div className="sync-actions">
        <button type="button" disabled={busy || !configured || settingsChanged} onClick={() => act(() => api.syncNow({}))}>
          Sync now
        </button>
        {status?.settings.continuous ? (
          <button type="button" disabled={busy} onClick={() => act(() => api.stopSync({}))}>
            Stop syncing
          </button>
        ) : (
          <button type="button" disabled={busy || !configured || settingsChanged} onClick={() => act(() => api.startSync({}))}>
            Start syncing
          </button>
        )}
      </div>

      {status && <StatusLine status={status} />}

      {conflicts.length > 0 && (
        <section aria-label="Sync conflicts" className="sync-conflicts">
          <h3>
            {conflicts.length} {conflicts.length === 1 ? 'record' : 'records'} changed apart
          </h3>
          <ul>
            {conflicts.map((conflict) => (
              <ConflictItem key={conflict.docId} conflict={conflict} busy={busy} act={act} api={api} />
            ))}
          </ul>
        </section>
      )}
    </div>
  )
}

function StatusLine({ status }: { status: SyncStatus }) {
  const states: Record<SyncStatus['state'], string> = {
    off: 'Not set up: give the team database’s address.',
    idle: 'Ready: sync when you like, or start syncing.',
    syncing: 'Syncing…',
    live: 'Syncing continuously.',
    error: 'The last sync failed.',
  }
  const last = status.lastSyncAt ? new Date(status.lastSyncAt).toLocaleString() : null
  return (
    <div role="status" aria-label="Sync status" className="sync-status">
      <p>{states[status.state]}</p>
      {last && (
        <p>
          Last sync {last}
          {status.lastResult ? `: sent ${status.lastResult.pushed}, received ${status.lastResult.pulled}` : ''}.
        </p>
      )}
      <p>{status.pending === 0 ? 'Nothing waiting to be sent.' : `${status.pending} ${status.pending === 1 ? 'change' : 'changes'} not yet sent.`}</p>
      {status.waiting > 0 && (
        <p>
          {status.waiting} received {status.waiting === 1 ? 'record waits' : 'records wait'} for an article this store has not imported.
        </p>
      )}
      {status.rejected.length > 0 && (
        <div className="sync-rejected">
          <p>
            {status.rejected.length} received {status.rejected.length === 1 ? 'record was' : 'records were'} not taken (they stay on the server, and nothing here was
            changed):
          </p>
          <ul aria-label="Records not taken">
            {status.rejected.slice(0, 20).map((r) => (
              <li key={r.docId}>
                {r.docId}: {r.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {status.refused.length > 0 && (
        <div className="sync-rejected">
          <p>
            {status.refused.length} {status.refused.length === 1 ? 'record was' : 'records were'} not sent: the server refused{' '}
            {status.refused.length === 1 ? 'it' : 'them'}. Everything else synced; {status.refused.length === 1 ? 'it is' : 'they are'} kept here and offered again at
            each sync.
          </p>
          <ul aria-label="Records the server refused">
            {status.refused.slice(0, 20).map((r) => (
              <li key={r.docId}>{r.reason}</li>
            ))}
          </ul>
        </div>
      )}
      {status.error && (
        <p role="alert" className="sync-error">
          {status.error.message}
        </p>
      )}
    </div>
  )
}

function Credentials(props: {
  status: SyncStatus
  username: string
  password: string
  setUsername: (v: string) => void
  setPassword: (v: string) => void
  act: (work: () => Promise<unknown>) => void
  api: Api
}) {
  const { status, username, password, setUsername, setPassword, act, api } = props
  const from: Record<SyncStatus['credentials'], string> = {
    none: 'No password given yet.',
    environment: 'User and password from the environment (TRIANGULATE_SYNC_USER, TRIANGULATE_SYNC_PASSWORD).',
    file: 'User and password from the credentials file (TRIANGULATE_SYNC_CREDENTIALS_FILE).',
    saved: 'Your password is kept in this computer’s keychain.',
  }
  if (!status.canSaveCredentials) {
    return (
      <p className="sync-credentials">
        {from[status.credentials]}
        {status.credentials === 'none' &&
          ' This shell keeps no passwords: start it with TRIANGULATE_SYNC_USER and TRIANGULATE_SYNC_PASSWORD set, or TRIANGULATE_SYNC_CREDENTIALS_FILE naming a file only you can read.'}
      </p>
    )
  }
  return (
    <form
      className="sync-credentials"
      onSubmit={(e) => {
        e.preventDefault()
        act(async () => {
          await api.setSyncCredentials({ username, password })
          setPassword('')
        })
      }}
    >
      <p>{from[status.credentials]}</p>
      <input aria-label="CouchDB user" placeholder="user" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" />
      <input aria-label="CouchDB password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
      <button type="submit" disabled={!password}>
        Keep password
      </button>
      {status.credentials === 'saved' && (
        <button type="button" onClick={() => act(() => api.setSyncCredentials({ clear: true }))}>
          Forget password
        </button>
      )}
    </form>
  )
}

function ConflictItem({ conflict, busy, act, api }: { conflict: SyncConflict; busy: boolean; act: (work: () => Promise<unknown>) => void; api: Api }) {
  const [combined, setCombined] = useState('')
  const name = `${KIND_NAMES[conflict.kind]} ${conflict.id}`
  return (
    <li className="conflict" aria-label={name}>
      <span>{name}</span>
      <div className="conflict-versions">
        {conflict.versions.map((version) => (
          <div key={version.rev} className="sync-version">
            <pre aria-label={`Version by ${version.author ?? 'unknown'}`}>
              {version.summary}
              {version.current ? '\n(shown now)' : ''}
            </pre>
            <button type="button" disabled={busy} onClick={() => act(() => api.resolveSyncConflict({ docId: conflict.docId, rev: version.rev }))}>
              Keep {version.author ?? 'this'}’s version
            </button>
          </div>
        ))}
      </div>
      {conflict.kind === 'claim' && (
        <form
          className="sync-combine"
          onSubmit={(e) => {
            e.preventDefault()
            act(() => api.resolveSyncConflict({ docId: conflict.docId, text: combined }))
          }}
        >
          <input aria-label="Combined text" placeholder="Or write one text from both" value={combined} onChange={(e) => setCombined(e.target.value)} />
          <button type="submit" disabled={busy || !combined.trim()}>
            Keep combined text
          </button>
        </form>
      )}
    </li>
  )
}
