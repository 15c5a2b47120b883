// Undo and redo in the renderer: the history lives in the service (src/main/commands/), so this only
// asks what Ctrl+Z and Ctrl+Shift+Z would do next (after every change), sends undo or redo, and binds
// the keys: Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z and Ctrl+Y redo, except where the focus is in a text
// field (there the field's own undo applies).

import { useCallback, useEffect, useRef, useState } from 'react'
import type { HistoryState } from '../../../../shared/commands/history-state'
import type { Api } from '../../lib/api-client'

const EMPTY: HistoryState = { undoLabel: null, redoLabel: null, undoCount: 0, redoCount: 0 }

/** Input types whose text the browser undoes itself; a checkbox or a button has no text to undo. */
const TEXT_INPUT_TYPES = new Set(['text', 'search', 'url', 'email', 'tel', 'password', 'number', ''])

/** True when Ctrl+Z belongs to the text field that has the focus, not to the app. */
export function isTextEditing(target: EventTarget | null): boolean {
  const el = target instanceof HTMLElement ? target : null
  if (!el) return false
  if (el instanceof HTMLTextAreaElement) return true
  if (el instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(el.type)
  // The reader's article is editable only to have a caret; every edit to it is refused.
  const editable = el.closest('[contenteditable="true"]')
  return editable !== null && editable.getAttribute('role') !== 'document'
}

export function useCommandHistory(api: Api, revision: number, onChanged: () => void, onError: (message: string) => void) {
  const [state, setState] = useState<HistoryState>(EMPTY)
  const busy = useRef(false)

  useEffect(() => {
    let live = true
    api.getHistory({}).then(
      (s) => live && setState(s),
      (e: Error) => live && onError(e.message),
    )
    return () => {
      live = false
    }
  }, [api, revision, onError])

  const step = useCallback(
    async (direction: 'undo' | 'redo') => {
      // One at a time: a held key would otherwise queue steps the analyst never saw named.
      if (busy.current) return
      busy.current = true
      try {
        setState((await api[direction]({})).history)
      } catch (e) {
        onError((e as Error).message)
      } finally {
        busy.current = false
        // A refused step is dropped from the history: refresh in every case.
        onChanged()
      }
    },
    [api, onChanged, onError],
  )
  const undo = useCallback(() => step('undo'), [step])
  const redo = useCallback(() => step('redo'), [step])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTextEditing(e.target)) return
      const key = e.key.toLowerCase()
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault()
        void undo()
      } else if ((key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey)) {
        e.preventDefault()
        void redo()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [undo, redo])

  return { state, undo, redo }
}

export type CommandHistoryControls = ReturnType<typeof useCommandHistory>
