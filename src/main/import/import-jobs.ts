// Runs imports as jobs that a UI polls: the same shape works over IPC and HTTP, progress needs no
// push channel, and a job can be cancelled. Imports into one store run one after another.

import { randomBytes } from 'node:crypto'
import type { ImportJobState, ImportProgress, ImportReport } from '../../shared/model'
import { UserError } from '../../shared/result'

type RunImport = (folder: string, onProgress: (p: ImportProgress) => void, signal: AbortSignal) => Promise<ImportReport>

interface Job {
  state: ImportJobState
  controller: AbortController
  finished: Promise<ImportJobState>
}

/** Finished jobs kept for polling; older ones are forgotten. */
const FINISHED_JOBS_KEPT = 50

export class ImportJobs {
  private readonly jobs = new Map<string, Job>()
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly runImport: RunImport) {}

  start(folder: string): string {
    const jobId = `job_${randomBytes(6).toString('hex')}`
    const progress: ImportProgress = { scanned: 0, total: 0, processed: 0, imported: 0, duplicates: 0, skipped: 0 }
    let settle: (state: ImportJobState) => void = () => {}
    const finished = new Promise<ImportJobState>((resolve) => (settle = resolve))
    const job: Job = { state: { jobId, state: 'running', progress }, controller: new AbortController(), finished }
    this.jobs.set(jobId, job)
    this.forgetOldJobs()
    const run = async () => {
      await this.runJob(jobId, folder, job)
      settle(job.state)
    }
    this.queue = this.queue.then(run)
    return jobId
  }

  /** Resolves with the job's final state once it has finished, however it ended. */
  whenFinished(jobId: string): Promise<ImportJobState> {
    const job = this.jobs.get(jobId)
    if (!job) throw new UserError('not-found', `No import job ${jobId}.`)
    return job.finished
  }

  private async runJob(jobId: string, folder: string, job: Job): Promise<void> {
    try {
      const report = await this.runImport(folder, (p) => (job.state = { ...job.state, progress: p } as ImportJobState), job.controller.signal)
      const state = job.controller.signal.aborted ? 'cancelled' : 'done'
      job.state = { jobId, state, progress: job.state.progress, report }
    } catch (error) {
      job.state = job.controller.signal.aborted
        ? { jobId, state: 'cancelled', progress: job.state.progress, report: emptyReport(folder) }
        : { jobId, state: 'failed', progress: job.state.progress, error: (error as Error).message }
    }
  }

  get(jobId: string): ImportJobState {
    const job = this.jobs.get(jobId)
    if (!job) throw new UserError('not-found', `No import job ${jobId}; it finished long ago or never started.`)
    return job.state
  }

  cancel(jobId: string): ImportJobState {
    this.jobs.get(jobId)?.controller.abort()
    return this.get(jobId)
  }

  /** Cancels every running or queued import (each keeps what it finished) and waits for them to stop. */
  async shutdown(): Promise<void> {
    for (const job of this.jobs.values()) job.controller.abort()
    await this.queue
  }

  /** Resolves when every job started so far has finished. */
  async idle(): Promise<void> {
    await this.queue
  }

  private forgetOldJobs(): void {
    const finished = [...this.jobs.entries()].filter(([, j]) => j.state.state !== 'running')
    for (const [id] of finished.slice(0, Math.max(0, finished.length - FINISHED_JOBS_KEPT))) this.jobs.delete(id)
  }
}

function emptyReport(folder: string): ImportReport {
  return { folder, imported: 0, duplicates: 0, updated: 0, reanchored: 0, orphaned: 0, nearDuplicates: [], skipped: [], warnings: [], articleIds: [] }
}
