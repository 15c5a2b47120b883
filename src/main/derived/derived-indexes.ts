// The service's derived indexes (DECISIONS section 1), kept together so the service brings them all up
// to date after an import, reports their progress in one list, and closes them in one call. Each
// domain registers its runner here (provenance, entities, chronology, figures): see
// derived-index-runner.ts. Knows nothing of what any index computes.

import type { DerivedIndexStatus } from '../../shared/derived/derived-index-status'
import type { DerivedIndexRunner } from './derived-index-runner'

export class DerivedIndexes {
  private readonly runners: DerivedIndexRunner<unknown>[] = []
  /** The passes updateAll started, one after another, until no call asked for another: null when none. */
  private passes: Promise<void> | null = null
  /** An updateAll call came since the current pass began: one more pass follows it. */
  private wanted = false
  private closed = false

  /** Registers a runner and returns it, typed, for its domain to read. */
  add<Entry>(runner: DerivedIndexRunner<Entry>): DerivedIndexRunner<Entry> {
    this.runners.push(runner as DerivedIndexRunner<unknown>)
    return runner
  }

  /**
   * Starts bringing every index up to date (after an import, at start); resolves when all are. Never
   * rejects. The indexes are brought up one after another, in the order they were added, not all at
   * once: each run has its own worker threads (one or two, each a V8 heap of its own, tens of MB
   * while it analyses), and four runs at once held five workers beside the service's own heap, the
   * largest part of the app's peak memory after an import of 10,000 articles. On two cores the
   * workers of one run already keep both busy, so the whole takes about as long.
   */
  updateAll(): Promise<void> {
    if (this.closed) return Promise.resolve()
    this.wanted = true
    this.passes ??= this.runPasses()
    return this.passes
  }

  /** A pass over every runner in turn, again while calls came meanwhile (a runner already current returns at once). */
  private async runPasses(): Promise<void> {
    try {
      while (this.wanted && !this.closed) {
        this.wanted = false
        for (const runner of this.runners) await runner.update()
      }
    } finally {
      this.passes = null
    }
  }

  /** The registered indexes' names, in the order they were added. */
  names(): string[] {
    return this.runners.map((runner) => runner.spec.name)
  }

  /** Brings one index up to date on its own (the bench measures each alone). Never rejects for a failed run: see its status. */
  updateOne(name: string): Promise<void> {
    const runner = this.runners.find((r) => r.spec.name === name)
    if (!runner) throw new Error(`no derived index named "${name}" (known: ${this.names().join(', ')})`)
    return runner.update()
  }

  statuses(): DerivedIndexStatus[] {
    return this.runners.map((runner) => runner.status())
  }

  /** Resolves when no index is being brought up to date and none is waiting for its turn. */
  async whenIdle(): Promise<void> {
    while (this.passes) await this.passes
    await Promise.all(this.runners.map((runner) => runner.whenIdle()))
  }

  /** Stops every run after its batches in flight (what they gave is saved), and the runs waiting their turn; before the store closes. */
  async close(): Promise<void> {
    this.closed = true
    await Promise.all(this.runners.map((runner) => runner.close()))
    await this.passes
  }
}
