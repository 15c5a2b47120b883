// Probe (not part of the bench): in a fresh process, on a copy of a store with the named derived
// indexes' sidecars removed, brings them up to date (together: a,b; one after another: a b) and
// prints the process's peak RSS, its RSS before, CPU and wall time.
// Usage: tsx bench/derived-rss-probe.ts <storeDir> <names…>
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSession } from './store-session'

async function main(): Promise<void> {
  const [source, ...groups] = process.argv.slice(2)
  if (!source || groups.length === 0) throw new Error('usage')
  const dir = await mkdtemp(join(tmpdir(), 'derived-rss-'))
  const storeDir = join(dir, 'store')
  await cp(source, storeDir, { recursive: true })
  const names = groups.flatMap((g) => g.split(','))
  for (const name of names) await rm(join(storeDir, `derived-${name}.json`), { force: true })
  if (names.includes('provenance')) await rm(join(storeDir, 'derived-passage-reuse.json'), { force: true })
  const session = await openSession(storeDir)
  const rssBefore = Math.round(process.memoryUsage().rss / 1048576)
  let peak = 0
  const trace: string[] = []
  const started = performance.now()
  const timer = setInterval(() => {
    void readFile('/proc/self/status', 'utf8').then((s) => {
      const rss = Math.round(Number(/VmRSS:\s+(\d+)/.exec(s)?.[1]) / 1024)
      peak = Math.max(peak, rss)
      if (process.env.TRACE) trace.push(`${Math.round((performance.now() - started) / 1000)}s ${rss}`)
    })
  }, 250)
  const cpu = process.cpuUsage()
  const each: Record<string, number> = {}
  for (const group of groups) {
    const t = performance.now()
    await Promise.all(group.split(',').map((n) => session.service.derivedIndexes.updateOne(n)))
    each[group] = Math.round(performance.now() - t)
  }
  const c = process.cpuUsage(cpu)
  clearInterval(timer)
  const statuses = session.service.derivedIndexes.statuses().filter((s) => names.includes(s.name))
  await session.close()
  await rm(dir, { recursive: true, force: true })
  if (process.env.TRACE) process.stderr.write(trace.join('\n') + '\n')
  console.log(
    JSON.stringify({
      groups,
      rssBefore,
      sampledPeak: peak,
      peakMB: Math.round(process.resourceUsage().maxRSS / 1024),
      wallMs: Math.round(performance.now() - started),
      cpuMs: Math.round((c.user + c.system) / 1000),
      each,
      ok: statuses.every((s) => s.state === 'idle' && s.done === s.total),
    }),
  )
}
main().catch((e) => {
  console.error(e)
  process.exit(1)
})
