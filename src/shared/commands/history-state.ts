// What the renderer is told about the undo history: what Ctrl+Z and Ctrl+Shift+Z would do next.

export interface HistoryState {
  /** The label of the change Ctrl+Z reverses ("Merged “B” into “A”"), or null when there is none. */
  undoLabel: string | null
  /** The label of the change Ctrl+Shift+Z (or Ctrl+Y) puts back, or null. */
  redoLabel: string | null
  undoCount: number
  redoCount: number
}

/** What undo or redo did, and the history after it. */
export interface HistoryStep {
  /** The label of the change undone or redone. */
  label: string
  history: HistoryState
}
