// The state of the running import job, polled from the service, shared by the import panel and the
// watched-folders list (a watched folder's catch-up import runs as an import job too).

import { useEffect, useRef, useState } from 'react'
import type { ImportJobState } from '../../../../shared/model'
import type { Connection } from '../../lib/api-client'

/** How often a running import is polled: smooth enough for a progress bar, cheap for the service. */
const POLL_MS = 150

export function useImportJob(connection: Connection, onFinished: () => void) {
  const [job, setJob] = useState<ImportJobState | null>(null)
  const [error, setError] = useState<string | null>(null)
  const finished = useRef(onFinished)
  finished.current = onFinished

  useEffect(() => {
    if (job?.state !== 'running') return
    const timer = setTimeout(async () => {
      try {
        const next = await connection.api.getImportJob({ jobId: job.jobId })
        setJob(next)
        if (next.state !== 'running') finished.current()
      } catch (e) {
        setError((e as Error).message)
        setJob(null)
      }
    }, POLL_MS)
    return () => clearTimeout(timer)
  }, [connection, job])

  const run = async (start: () => Promise<{ jobId: string }>) => {
    setError(null)
    try {
      const { jobId } = await start()
      const first = await connection.api.getImportJob({ jobId })
      setJob(first)
      // A small folder can finish before the first poll: refresh now, as the poll would have.
      if (first.state !== 'running') finished.current()
    } catch (e) {
      setError((e as Error).message)
    }
  }
  const cancel = async () => {
    if (job?.state === 'running') setJob(await connection.api.cancelImport({ jobId: job.jobId }))
  }
  /** Shows an import the service started on its own (a watched folder's). */
  const follow = (jobId: string) => run(async () => ({ jobId }))
  return { job, error, run, cancel, follow }
}

export type ImportJob = ReturnType<typeof useImportJob>
