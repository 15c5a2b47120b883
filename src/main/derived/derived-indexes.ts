// The service's derived indexes (DECISIONS section 1), kept together so the service brings them all up
// to date after an import, reports their progress in one list, and closes them in one call. Each
// domain registers its runner here (provenance, entities, chronology, figures): see
// derived-index-runner.ts. Knows nothing of what any index computes.

import type { DerivedIndexStatus } from '../../shared/derived/derived-index-status'
import type { DerivedIndexRunner } from './derived-index-runner'

export class DerivedIndexes {
  private readonly runners: DerivedIndexRunner<unknown>[] = []

  /** Registers a runner and returns it, typed, for its domain to read. */
  add<Entry>(runner: DerivedIndexRunner<Entry>): DerivedIndexRunner<Entry> {
    this.runners.push(runner as DerivedIndexRunner<unknown>)
    return runner
  }

  /** Starts bringing every index up to date (after an import, at start); resolves when all are. Never rejects. */
  updateAll(): Promise<void> {
    return Promise.all(this.runners.map((runner) => runner.update())).then(() => undefined)
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

  async whenIdle(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.whenIdle()))
  }

  /** Stops every run after its batches in flight (what they gave is saved); before the store closes. */
  async close(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.close()))
  }
}
