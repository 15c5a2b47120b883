// Child-process entry for a derived index's figure (DECISIONS section 1): in a fresh Node process, so
// its peak memory is its own, opens the imported store, brings one derived index of the service up
// to date from nothing (as after an import: its workers as the runner starts them), and prints one
// JSON line: wall time, CPU time of the process (every thread, workers included), peak RSS.
// Usage: tsx bench/derived-index-probe.ts <storeDir> <name[,name…]>   (or `--names` to list them)

import { openSession } from './store-session'

async function main(): Promise<void> {
  const [storeDir, name] = process.argv.slice(2)
  if (!storeDir || !name) throw new Error('usage: derived-index-probe <storeDir> <index name | --names>')
  const session = await openSession(storeDir)
  try {
    const indexes = session.service.derivedIndexes
    if (name === '--names') {
      console.log(JSON.stringify({ names: indexes.names() }))
      return
    }
    // Several names (a,b): brought up to date together, as the service does after an import (updateAll).
    const names = name.split(',')
    const rssBeforeMB = process.memoryUsage().rss / 1024 / 1024
    const cpu = process.cpuUsage()
    const started = performance.now()
    const each = await Promise.all(names.map(async (n) => (await indexes.updateOne(n), { name: n, ms: performance.now() - started })))
    const ms = performance.now() - started
    const used = process.cpuUsage(cpu)
    const statuses = names.map((n) => indexes.statuses().find((s) => s.name === n))
    for (const status of statuses) {
      if (!status || status.state !== 'idle' || status.done !== status.total) throw new Error(`an index did not finish: ${JSON.stringify(status)}`)
    }
    console.log(
      JSON.stringify({
        name,
        label: statuses.map((s) => s?.label).join(' + '),
        articles: statuses[0]?.total ?? 0,
        ms,
        each,
        cpuUserMs: used.user / 1000,
        cpuSystemMs: used.system / 1000,
        rssBeforeMB,
        peakRssMB: process.resourceUsage().maxRSS / 1024,
      }),
    )
  } finally {
    await session.close()
  }
}

main().catch((error: unknown) => {
  console.error(`derived-index-probe: ${(error as Error).stack ?? error}`)
  process.exit(1)
})
