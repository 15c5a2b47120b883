// "Analysing 3,200 of 10,000 articles (credits and reused passages)": the derived indexes' progress
// (DECISIONS section 1), polled while any runs; nothing is shown when none does. The app stays usable.

import { useEffect, useState } from 'react'
import type { DerivedIndexStatus } from '../../../../shared/derived/derived-index-status'
import type { Api } from '../../lib/api-client'

/** How often the status is asked for while an index runs: often enough to move, rarely enough to cost nothing. */
const POLL_MS = 1000

export function AnalysisProgress({ api, revision, onDone }: { api: Api; revision: number; onDone: () => void }) {
  const [running, setRunning] = useState<DerivedIndexStatus[]>([])
  useEffect(() => {
    let live = true
    let timer: ReturnType<typeof setTimeout> | undefined
    let wasRunning = false
    const poll = () =>
      api.derivedIndexStatus({}).then(
        (statuses) => {
          if (!live) return
          const now = statuses.filter((s) => s.state === 'running')
          setRunning(now)
          // An index that finished may change what the board shows (origins): refresh once.
          if (wasRunning && now.length === 0) onDone()
          wasRunning = now.length > 0
          if (now.length > 0) timer = setTimeout(poll, POLL_MS)
        },
        () => undefined,
      )
    // Imports start the indexes a moment after they finish: look again shortly after each change.
    void poll()
    timer = setTimeout(poll, POLL_MS)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [api, revision, onDone])
  if (running.length === 0) return null
  return (
    <p className="analysis-progress" role="status" aria-label="Analysis progress">
      {running.map((s) => `Analysing ${s.done.toLocaleString('en')} of ${s.total.toLocaleString('en')} articles (${s.label})`).join(' · ')}
    </p>
  )
}
