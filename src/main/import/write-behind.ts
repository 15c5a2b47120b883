// Lets an import go on processing while the bodies it produced are written: up to a bound at once,
// after which starting another waits for one to finish. Failures are collected by key (the article
// id) rather than thrown at whoever is processing by then, so the commit can leave exactly those
// articles out. No file system of its own: it runs the writes it is given.

export class WriteBehind {
  private readonly running = new Set<Promise<void>>()
  private readonly failures = new Map<string, unknown>()

  constructor(private readonly limit: number) {}

  /** Starts `write` once fewer than `limit` writes are running; resolves when it has started. */
  async start(key: string, write: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.limit) await Promise.race(this.running)
    const running: Promise<void> = write()
      .catch((error: unknown) => {
        if (!this.failures.has(key)) this.failures.set(key, error)
      })
      .finally(() => this.running.delete(running))
    this.running.add(running)
  }

  /**
   * Waits for every write started so far (not for those started meanwhile: the import goes on while
   * it commits); returns the failures since the last call, by key.
   */
  async settle(): Promise<Map<string, unknown>> {
    await Promise.all(this.running)
    const failures = new Map(this.failures)
    this.failures.clear()
    return failures
  }
}
