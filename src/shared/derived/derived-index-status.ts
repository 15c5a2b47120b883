// How far a derived index (credits and reused passages, entities, dates, figures) has got: what the
// progress line shows ("Analysing 3,200 of 10,000 articles"). Plain data, shared by the service and
// the renderer.

export interface DerivedIndexStatus {
  name: string
  /** What the index finds, for the progress line: "credits and reused passages". */
  label: string
  /** idle: every article is analysed (or none is waiting); running: `done` of `total` so far. */
  state: 'idle' | 'running' | 'failed'
  done: number
  total: number
  /** Why the last run failed, when it did. */
  error: string | null
}
