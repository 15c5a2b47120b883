// What a command did, as data: for each record it touched, the record before and after (null when
// absent). Undo and redo are the same operation in opposite directions: check that every touched
// record is still as one side left it, then put the other side back. Pure: no store, no Node.

/** One record a command touched, keyed by its collection ("claims", "articles", …) and its key. */
export interface RecordChange {
  collection: string
  key: string
  /** The whole record before the command, or null when the command created it. */
  before: unknown
  /** The whole record after the command, or null when the command removed it. */
  after: unknown
}

export type Direction = 'undo' | 'redo'

/** The state a direction expects to find (what the command left, for undo) and the one it writes. */
export function sidesOf(change: RecordChange, direction: Direction): { expected: unknown; target: unknown } {
  return direction === 'undo' ? { expected: change.after, target: change.before } : { expected: change.before, target: change.after }
}

/**
 * Folds a command's successive writes into one change per record: the first "before" and the last
 * "after" (a record created and removed within one command is left out: it touched nothing).
 */
export function foldChanges(changes: readonly RecordChange[]): RecordChange[] {
  const byRecord = new Map<string, RecordChange>()
  for (const change of changes) {
    const id = `${change.collection}\u0000${change.key}`
    const earlier = byRecord.get(id)
    byRecord.set(id, earlier ? { ...earlier, after: change.after } : change)
  }
  return [...byRecord.values()].filter((c) => !(c.before === null && c.after === null) && !sameRecord(c.before, c.after))
}

/**
 * Deep equality of JSON records, key order ignored: a record read back from the history file has its
 * keys in the order the schema gives them, which need not be the order the store wrote.
 */
export function sameRecord(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const other = b as unknown[]
    return a.length === other.length && a.every((x, i) => sameRecord(x, other[i]))
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined)
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined)
  return ka.length === kb.length && ka.every((k) => sameRecord((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}
