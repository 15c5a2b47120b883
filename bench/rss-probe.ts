// Probe (not part of the bench): opens a copy of a store in this fresh process and runs named steps,
// printing after each the RSS high-water mark of that step alone (VmHWM reset before it through
// /proc/self/clear_refs) and the RSS after a full GC. Usage:
//   tsx bench/rss-probe.ts <storeDir> <step>...
// Steps: csv (an evidence CSV export), csvgc (the same after a full GC), csv4 (four back to back, as
// the bench's CSV figure), csvlive (the heap still live during an export), csvpromo (what an export
// promotes to the old generation), csvalloc (where an export allocates: a sampling heap profile
// written to /tmp/mem22), board (the board answer), derived (every derived index up to date), heap
// (a heap snapshot written to /tmp/mem22).
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { openSession } from './store-session'

setFlagsFromString('--expose_gc')
const gc = runInNewContext('gc') as () => void

async function hwm(): Promise<number> {
  const status = await readFile('/proc/self/status', 'utf8')
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]) / 1024)
}
async function resetHwm(): Promise<void> {
  await writeFile('/proc/self/clear_refs', '5')
}

async function main(): Promise<void> {
  const [source, ...steps] = process.argv.slice(2)
  if (!source) throw new Error('usage')
  const dir = await mkdtemp(join(tmpdir(), 'rss-probe-'))
  const storeDir = join(dir, 'store')
  await cp(source, storeDir, { recursive: true })
  const out: Record<string, number | string> = {}
  const mark = async (name: string, work: () => Promise<unknown>, reset = true) => {
    if (reset) await resetHwm()
    const t = performance.now()
    const cpu = process.cpuUsage()
    await work()
    const c = process.cpuUsage(cpu)
    out[`${name} peak`] = await hwm()
    out[`${name} ms`] = Math.round(performance.now() - t)
    out[`${name} cpu`] = Math.round((c.user + c.system) / 1000)
    gc()
    out[`${name} after gc`] = Math.round(process.memoryUsage().rss / 1048576)
    const m = process.memoryUsage()
    out[`${name} heap`] =
      `${Math.round(m.heapUsed / 1048576)}/${Math.round(m.heapTotal / 1048576)} ext ${Math.round(m.external / 1048576)} ab ${Math.round(m.arrayBuffers / 1048576)}`
  }
  const base = Math.round(process.memoryUsage().rss / 1048576)
  out.base = base
  let session: Awaited<ReturnType<typeof openSession>> | undefined
  await mark('open', async () => {
    session = await openSession(storeDir)
  })
  const s = session as NonNullable<typeof session>
  let n = 0
  for (const step of steps) {
    n++
    if (step === 'csv' || step === 'csvgc') {
      if (step === 'csvgc') gc()
      await mark(`${n}:csv`, () => s.service.writeClaimsCsvFile(join(dir, 'out.csv'), {}))
    } else if (step === 'csvlive') {
      // The heap live during an export: a full GC every 100 ms, the largest heapUsed after it.
      gc()
      const before = process.memoryUsage().heapUsed
      let most = 0
      const timer = setInterval(() => {
        gc()
        most = Math.max(most, process.memoryUsage().heapUsed)
      }, 100)
      await mark(`${n}:csvlive`, () => s.service.writeClaimsCsvFile(join(dir, 'out.csv'), {}))
      clearInterval(timer)
      out[`${n}:live over before MB`] = Math.round((most - before) / 1048576)
    } else if (step === 'csvalloc') {
      // Where a warm export allocates: V8's sampling heap profiler, collected objects included.
      const { Session } = await import('node:inspector')
      const session = new Session()
      session.connect()
      const post = (method: string, params?: object) =>
        new Promise<unknown>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))))
      await post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true })
      await mark(`${n}:csvalloc`, () => s.service.writeClaimsCsvFile(join(dir, 'out.csv'), {}))
      const { profile } = (await post('HeapProfiler.stopSampling')) as { profile: unknown }
      await writeFile(join('/tmp/mem22', `alloc-${process.pid}.heapprofile`), JSON.stringify(profile))
    } else if (step === 'csvpromo') {
      // How much a warm export promotes into the old generation: old space growth with no full GC during it.
      const { getHeapSpaceStatistics } = await import('node:v8')
      const { PerformanceObserver, constants } = await import('node:perf_hooks')
      const kinds: Record<string, number> = {}
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          const kind = (e as unknown as { detail: { kind: number } }).detail.kind
          const name = kind === constants.NODE_PERFORMANCE_GC_MINOR ? 'minor' : kind === constants.NODE_PERFORMANCE_GC_MAJOR ? 'major' : String(kind)
          kinds[name] = (kinds[name] ?? 0) + 1
        }
      })
      observer.observe({ entryTypes: ['gc'] })
      gc()
      const old = () => (getHeapSpaceStatistics().find((x) => x.space_name === 'old_space')?.space_used_size ?? 0) / 1048576
      const before = old()
      await mark(`${n}:csvpromo`, async () => {
        await s.service.writeClaimsCsvFile(join(dir, 'out.csv'), {})
        out[`${n}:old space growth MB`] = Math.round(old() - before)
      })
      await new Promise((r) => setTimeout(r, 100))
      observer.disconnect()
      out[`${n}:gcs`] = JSON.stringify(kinds)
    } else if (step === 'csv4') {
      await mark(`${n}:csv4`, async () => {
        for (let i = 0; i < 4; i++) await s.service.writeClaimsCsvFile(join(dir, 'out.csv'), {})
      })
    } else if (step === 'board') await mark(`${n}:board`, async () => JSON.stringify(await s.service.getClaimBoard({})))
    else if (step === 'derived') await mark(`${n}:derived`, () => s.service.derivedIndexes.updateAll())
    else if (step === 'heap') writeHeapSnapshot(join('/tmp/mem22', `heap-${process.pid}-${n}.heapsnapshot`))
    else throw new Error(`no step ${step}`)
  }
  out.overall = Math.round(process.resourceUsage().maxRSS / 1024)
  await s.close()
  await rm(dir, { recursive: true, force: true })
  console.log(JSON.stringify(out))
}
main().catch((e) => {
  console.error(e)
  process.exit(1)
})
