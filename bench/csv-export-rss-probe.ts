// Probe (not part of the bench): the CSV group's work alone in a fresh process — a copy of a store
// opened, then N evidence CSV exports back to back — with memory sampled every 50 ms (RSS from /proc,
// V8's heap and the memory outside it), each export's peaks, the process's high-water mark, CPU time
// and the last file's SHA-1 (the bytes must not change with the code). Usage:
//   tsx bench/csv-export-rss-probe.ts <storeDir> [exports=4]
import { createHash } from 'node:crypto'
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSession } from './store-session'

const mb = (bytes: number) => Math.round(bytes / 1048576)

async function main(): Promise<void> {
  const [source, count = '4'] = process.argv.slice(2)
  if (!source) throw new Error('usage: csv-export-rss-probe <storeDir> [exports]')
  const dir = await mkdtemp(join(tmpdir(), 'csv-rss-'))
  await cp(source, join(dir, 'store'), { recursive: true })
  let phase = 'open'
  const byPhase: Record<string, { rss: number; heapUsed: number; arrayBuffers: number }> = {}
  const sample = async () => {
    const status = await readFile('/proc/self/status', 'utf8')
    const rss = Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024)
    const m = process.memoryUsage()
    const peaks = (byPhase[phase] ??= { rss: 0, heapUsed: 0, arrayBuffers: 0 })
    peaks.rss = Math.max(peaks.rss, rss)
    peaks.heapUsed = Math.max(peaks.heapUsed, mb(m.heapUsed))
    peaks.arrayBuffers = Math.max(peaks.arrayBuffers, mb(m.arrayBuffers))
  }
  const timer = setInterval(() => void sample(), 50)
  const cpu = process.cpuUsage()
  const session = await openSession(join(dir, 'store'))
  const exportsMs: number[] = []
  const out = join(dir, 'evidence.csv')
  for (let i = 1; i <= Number(count); i++) {
    phase = `export ${i}`
    const started = performance.now()
    await session.service.writeClaimsCsvFile(out, {})
    exportsMs.push(Math.round(performance.now() - started))
  }
  const used = process.cpuUsage(cpu)
  clearInterval(timer)
  const sha1 = createHash('sha1')
    .update(await readFile(out))
    .digest('hex')
  await session.close()
  await rm(dir, { recursive: true, force: true })
  console.log(
    JSON.stringify({
      peakMB: Math.round(process.resourceUsage().maxRSS / 1024),
      cpuMs: Math.round((used.user + used.system) / 1000),
      exportsMs,
      sha1,
      byPhase,
    }),
  )
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
