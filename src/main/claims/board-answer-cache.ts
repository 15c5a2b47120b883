// Keeps the claim board's answer (getClaimBoard) between requests while nothing it is built from has
// changed, so opening the app, a second window or a refresh does not trace 10,000 pieces of evidence
// to their origins, read their dates and entities and regroup 1,000 cards again. Plain Node/TS: knows
// nothing of the board's shape, only when an answer is still the answer.
//
// Why identities are enough: the store replaces a record when it changes and never edits one in place
// (the journal's diff, the undo history and the figure reader rely on it too), so a collection holding
// the same records in the same places holds the same data. What is not a record (the derived indexes:
// credits and reused passages, dates, entities) is told by its generation, a number that grows with
// every entry added, replaced or dropped. Comparing ~25,000 references costs well under a millisecond;
// building the board costs a few hundred.

export interface BoardInputs {
  /** Every collection of records the answer is built from (claims, links, highlights, grades, articles, …). */
  collections: readonly (readonly object[])[]
  /** Numbers that grow when anything else the answer reads changes (the derived indexes' generations). */
  versions: readonly number[]
}

interface Snapshot {
  collections: (readonly object[])[]
  versions: number[]
}

export class BoardAnswerCache<T> {
  private kept: { inputs: Snapshot; answer: T } | null = null

  /**
   * The kept answer if its inputs are unchanged; else builds one. The inputs are copied before the
   * build starts: anything changed while it runs (it may wait for an index to load) makes the next
   * request build again, so a kept answer is never older than what it was kept for. Callers must
   * not change the answer they get: the next caller gets the same object.
   */
  async get(inputs: BoardInputs, build: () => Promise<T>): Promise<T> {
    if (this.kept && sameInputs(this.kept.inputs, inputs)) return this.kept.answer
    const snapshot: Snapshot = { collections: inputs.collections.map((c) => c.slice()), versions: [...inputs.versions] }
    const answer = await build()
    this.kept = { inputs: snapshot, answer }
    return answer
  }

  /** The kept answer if its inputs are unchanged (nothing it was built from changed since), else null; builds nothing. */
  current(inputs: BoardInputs): T | null {
    return this.kept && sameInputs(this.kept.inputs, inputs) ? this.kept.answer : null
  }

  /** Forgets the kept answer (the store it was built from is closing, or a test wants a fresh build). */
  clear(): void {
    this.kept = null
  }
}

function sameInputs(kept: Snapshot, now: BoardInputs): boolean {
  if (kept.versions.length !== now.versions.length || kept.collections.length !== now.collections.length) return false
  for (let i = 0; i < now.versions.length; i++) if (kept.versions[i] !== now.versions[i]) return false
  for (let c = 0; c < now.collections.length; c++) {
    const before = kept.collections[c] as readonly object[]
    const after = now.collections[c] as readonly object[]
    if (before.length !== after.length) return false
    for (let i = 0; i < after.length; i++) if (before[i] !== after[i]) return false
  }
  return true
}
