// The undo bar: names exactly the change Ctrl+Z will reverse (the command's own label, from the
// service), with Undo and Redo buttons. Where it sits on screen is the layout's business (.undo-bar).

import type { CommandHistoryControls } from './use-command-history'

export function UndoBar({ history }: { history: CommandHistoryControls }) {
  const { undoLabel, redoLabel } = history.state
  if (!undoLabel && !redoLabel) return null
  return (
    <div className="undo-bar" role="status" aria-label="Last change">
      <span className="undo-label">{undoLabel ?? `Undone: ${redoLabel}`}</span>
      {undoLabel && (
        <button type="button" onClick={() => void history.undo()} title={`Undo “${undoLabel}” (Ctrl+Z)`}>
          Undo
        </button>
      )}
      {redoLabel && (
        <button type="button" onClick={() => void history.redo()} title={`Redo “${redoLabel}” (Ctrl+Shift+Z or Ctrl+Y)`}>
          Redo
        </button>
      )}
    </div>
  )
}
