// The browser shell's folder chooser (the desktop app uses the system's dialog): the folders inside
// one folder on this machine, listed by the service (listFolders, through the same token-checked
// API as every other call), walked into with a click or Enter, and the folders imported from lately
// one click away. The list is one tab stop; the arrow keys move in it.

import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { FolderListing } from '../../../../shared/folders/folder-listing'
import type { Api } from '../../lib/api-client'

interface Props {
  api: Api
  /** Where to start: the folder typed so far, if any, else the home folder. */
  start: string
  onChoose: (path: string) => void
  onCancel: () => void
}

export function FolderChooser({ api, start, onChoose, onCancel }: Props) {
  const [listing, setListing] = useState<FolderListing | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [active, setActive] = useState(0)
  const list = useRef<HTMLUListElement>(null)
  const focusList = useRef(false)

  const open = (path: string | undefined) =>
    api.listFolders(path ? { path } : {}).then(
      (next) => {
        setListing(next)
        setActive(0)
        setError(null)
      },
      (e: Error) => setError(e.message),
    )
  useEffect(() => {
    // A typed path that is not (yet) a folder falls back to the home folder, with the reason shown.
    api.listFolders(start.trim() ? { path: start.trim() } : {}).then(setListing, (e: Error) => {
      setError(e.message)
      void api.listFolders({}).then(setListing, () => {})
    })
  }, [api])
  // After walking into a folder with the keyboard, the focus stays in the (new) list.
  useEffect(() => {
    if (!focusList.current) return
    focusList.current = false
    const first = list.current?.querySelector<HTMLButtonElement>('button')
    ;(first ?? document.getElementById('folder-chooser-choose'))?.focus()
  }, [listing])

  const enter = (path: string, byKeyboard: boolean) => {
    focusList.current = byKeyboard
    void open(path)
  }
  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const count = listing?.folders.length ?? 0
    const next = { ArrowDown: active + 1, ArrowUp: active - 1, Home: 0, End: count - 1 }[e.key]
    if (next !== undefined) {
      e.preventDefault()
      const index = Math.max(0, Math.min(count - 1, next))
      setActive(index)
      list.current?.querySelectorAll<HTMLButtonElement>('button')[index]?.focus()
    } else if ((e.key === 'ArrowLeft' || e.key === 'Backspace') && listing?.parent) {
      e.preventDefault()
      enter(listing.parent, true)
    }
  }

  return (
    <div
      role="dialog"
      aria-label="Choose a folder"
      className="folder-chooser"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          onCancel()
        }
      }}
    >
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {listing && (
        <>
          <p className="folder-chooser-path">
            <code>{listing.path}</code>
          </p>
          <div className="folder-chooser-actions">
            <button
              type="button"
              disabled={!listing.parent}
              onClick={() => listing.parent && enter(listing.parent, false)}
              aria-label="Up to the parent folder"
              title={listing.parent ?? undefined}
            >
              ↑ Up
            </button>
            <button type="button" id="folder-chooser-choose" onClick={() => onChoose(listing.path)}>
              Choose this folder
            </button>
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          </div>
          {listing.recent.length > 0 && (
            <section aria-label="Recent folders" className="folder-chooser-recent">
              <h3>Recent folders</h3>
              <ul>
                {listing.recent.map((path) => (
                  <li key={path}>
                    <button type="button" className="link-button" onClick={() => onChoose(path)} title={`Choose ${path}`}>
                      {path}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {listing.folders.length === 0 ? (
            <p className="placeholder">No folders inside this one.</p>
          ) : (
            <ul ref={list} className="folder-list" aria-label={`Folders in ${listing.path}`} onKeyDown={onListKey}>
              {listing.folders.map((f, i) => (
                <li key={f.path}>
                  <button
                    type="button"
                    tabIndex={i === Math.min(active, listing.folders.length - 1) ? 0 : -1}
                    onFocus={() => setActive(i)}
                    onClick={(e) => enter(f.path, e.detail === 0)}
                  >
                    <span aria-hidden="true">▸ </span>
                    {f.name}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {listing.truncated && <p className="placeholder">Only the first {listing.folders.length} folders are listed; type a path for the others.</p>}
        </>
      )}
    </div>
  )
}
