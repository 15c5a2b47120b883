// The bench's phases as one process runs them (the bench itself, or a service group's child process,
// service-group-child.ts): each logged to stderr with its time and the process's memory after it, a
// failed one noted (the run goes on and exits non-zero) rather than ending the run.

import { type MemoryReading, settleAndReadMemory } from './memory'

export type PhaseMemory = { phase: string } & MemoryReading

export class BenchPhases {
  /** Figures that could not be measured because a phase failed. */
  readonly failures: string[] = []
  /** Resident memory after each phase, to tell which one set the peak. */
  readonly memoryByPhase: PhaseMemory[] = []

  constructor(private readonly prefix = 'bench') {}

  log = (line: string): void => {
    process.stderr.write(`[${this.prefix} ${new Date().toISOString().slice(11, 19)}] ${line}\n`)
  }

  /** Runs one phase; null when it failed (the failure is kept in `failures`). */
  run = async <T>(name: string, work: () => Promise<T>): Promise<T | null> => {
    this.log(`${name}…`)
    const started = performance.now()
    try {
      const value = await work()
      const seconds = (performance.now() - started) / 1000
      const { rssMB, peakRssMB } = settleAndReadMemory()
      this.memoryByPhase.push({ phase: name, rssMB, peakRssMB })
      this.log(`${name}: ${seconds.toFixed(1)} s (RSS after GC ${rssMB} MB, peak so far ${peakRssMB} MB)`)
      return value
    } catch (error) {
      this.failures.push(`${name}: ${(error as Error).message}`)
      this.log(`${name} FAILED: ${(error as Error).stack ?? error}`)
      return null
    }
  }
}
