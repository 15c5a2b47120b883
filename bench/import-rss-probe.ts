// Probe (not part of the bench): the long session's first step alone in a fresh process (the import
// job into a new store, then the derived indexes as the job starts them), sampling RSS every 250 ms
// with which derived indexes are running, and printing the peak of each stretch.
// Usage: tsx bench/import-rss-probe.ts <corpusDir> <scratchDir>
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { openSession } from './store-session'

async function main(): Promise<void> {
  const [corpusDir, scratch] = process.argv.slice(2)
  if (!corpusDir || !scratch) throw new Error('usage')
  const storeDir = join(scratch, `import-probe-${process.pid}`)
  await rm(storeDir, { recursive: true, force: true })
  const session = await openSession(storeDir)
  const started = performance.now()
  const stretches = new Map<string, { peak: number; from: number; to: number }>()
  let label = 'import'
  const sample = async () => {
    const status = await readFile('/proc/self/status', 'utf8')
    const rss = Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024)
    const threads = Number(/Threads:\s+(\d+)/.exec(status)?.[1])
    const running = session.service.derivedIndexes
      .statuses()
      .filter((s) => s.state === 'running')
      .map((s) => s.name)
    const key = running.length > 0 ? running.join('+') : label
    const t = Math.round((performance.now() - started) / 1000)
    const s = stretches.get(key) ?? { peak: 0, from: t, to: t }
    s.peak = Math.max(s.peak, rss)
    s.to = t
    stretches.set(key, s)
    if (process.env.TRACE) process.stderr.write(`${t}s ${rss} MB threads ${threads} ${key}\n`)
  }
  const timer = setInterval(() => void sample(), 250)
  const cpu = process.cpuUsage()
  const { jobId } = await session.service.startImport({ path: corpusDir })
  await session.service.importJobs.idle()
  label = 'after the job'
  await session.service.derivedIndexes.updateAll()
  label = 'idle'
  await new Promise((r) => setTimeout(r, 1000))
  clearInterval(timer)
  const c = process.cpuUsage(cpu)
  const job = await session.service.getImportJob({ jobId })
  if (process.env.SNAP) {
    const { writeHeapSnapshot } = await import('node:v8')
    writeHeapSnapshot(process.env.SNAP)
  }
  const mu = process.memoryUsage()
  process.stderr.write(
    `end: rss ${Math.round(mu.rss / 1048576)} heap ${Math.round(mu.heapUsed / 1048576)}/${Math.round(mu.heapTotal / 1048576)} ext ${Math.round(mu.external / 1048576)}\n`,
  )
  await session.close()
  await rm(storeDir, { recursive: true, force: true })
  console.log(
    JSON.stringify({
      state: job.state,
      wallS: Math.round((performance.now() - started) / 100) / 10,
      cpuS: Math.round((c.user + c.system) / 1e5) / 10,
      peakMB: Math.round(process.resourceUsage().maxRSS / 1024),
      stretches: Object.fromEntries(stretches),
    }),
  )
}
main().catch((e) => {
  console.error(e)
  process.exit(1)
})
