// Undo for the analyst's edits: every command that changes the store pushes the command that puts
// it back. Ctrl/Cmd+Z undoes the latest, outside text fields (where the browser's own undo applies).

import { useCallback, useEffect, useRef, useState } from 'react'

export interface UndoEntry {
  /** What was done, for the "Undo …" button: "Moved evidence", "Deleted highlight". */
  label: string
  undo: () => Promise<unknown>
}

/** Steps kept: enough for a working session's slips; older ones fall off. */
const MAX_UNDO_STEPS = 100

export function useUndoStack(onUndone: () => void, onError: (message: string) => void) {
  const stack = useRef<UndoEntry[]>([])
  const [latest, setLatest] = useState<UndoEntry | null>(null)

  const push = useCallback((entry: UndoEntry) => {
    stack.current = [...stack.current.slice(-(MAX_UNDO_STEPS - 1)), entry]
    setLatest(entry)
  }, [])

  const undo = useCallback(async () => {
    const entry = stack.current.pop()
    setLatest(stack.current.at(-1) ?? null)
    if (!entry) return
    try {
      await entry.undo()
      onUndone()
    } catch (e) {
      onError(`Could not undo “${entry.label}”: ${(e as Error).message}`)
    }
  }, [onUndone, onError])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null
      const typing = target?.closest('input, textarea, select, [contenteditable="true"]')
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z' && !typing) {
        e.preventDefault()
        void undo()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [undo])

  return { push, undo, latest }
}

export type UndoStack = ReturnType<typeof useUndoStack>
