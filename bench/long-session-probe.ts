// Probe (not part of the bench): the bench's long session (service-groups.ts longSession, the same
// code) in this fresh process, printing after each step the RSS high-water mark of that step alone
// (VmHWM reset before it through /proc/self/clear_refs), then, after a full GC, the RSS and what V8
// and Node hold (heap used / total, external, array buffers). With --heap, a heap snapshot is written
// to /tmp/mem22 after each step (after the GC). The store is left in <scratch>/long-session-store for
// rss-probe.ts, and as the board step found it in <scratch>/pre-board-store. Usage: tsx bench/long-session-probe.ts <corpusDir> <scratch> [--heap]
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { BenchPhases } from './bench-phases'
import type { Corpus } from './corpus-generator'
import { type GroupInput, longSession } from './service-groups'

setFlagsFromString('--expose_gc')
const gc = runInNewContext('gc') as () => void
const MB = 1048576

async function statusMB(field: string): Promise<number> {
  const status = await readFile('/proc/self/status', 'utf8')
  return Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]) / 1024)
}

async function main(): Promise<void> {
  const [corpusDir, scratch, flag] = process.argv.slice(2)
  if (!corpusDir || !scratch) throw new Error('usage: long-session-probe <corpusDir> <scratch> [--heap]')
  const heap = flag === '--heap'
  await rm(join(scratch, 'long-session-store'), { recursive: true, force: true })
  await rm(join(scratch, 'pre-board-store'), { recursive: true, force: true })
  await mkdir(scratch, { recursive: true })
  if (heap) await mkdir('/tmp/mem22', { recursive: true })
  const corpus = { dir: corpusDir, articles: 10_000, seed: 42 } as Corpus
  const input: GroupInput = { storeDir: join(scratch, 'unused'), scratch, seed: 42, corpus, articleIds: [], ui: { missing: 'probe' } }
  const memoryByPhase: BenchPhases['memoryByPhase'] = []
  const rows: Record<string, string>[] = []
  let n = 0
  const phases = {
    failures: [] as string[],
    memoryByPhase,
    log: (line: string) => process.stderr.write(`${line}\n`),
    run: async <T>(name: string, work: () => Promise<T>): Promise<T | null> => {
      // The store as the board step finds it, for rss-probe.ts (its session is open, and writes nothing until asked).
      if (name.includes('store reopened')) await cp(join(scratch, 'long-session-store'), join(scratch, 'pre-board-store'), { recursive: true })
      await writeFile('/proc/self/clear_refs', '5')
      const started = performance.now()
      const cpu = process.cpuUsage()
      const value = await work()
      const c = process.cpuUsage(cpu)
      const peak = await statusMB('VmHWM')
      gc()
      const m = process.memoryUsage()
      const rss = Math.round(m.rss / MB)
      memoryByPhase.push({ phase: name, rssMB: rss, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) })
      const row = {
        step: name.replace('long session: ', '').slice(0, 40),
        ms: String(Math.round(performance.now() - started)),
        cpuMs: String(Math.round((c.user + c.system) / 1000)),
        stepPeak: String(peak),
        rssAfterGc: String(rss),
        heap: `${Math.round(m.heapUsed / MB)}/${Math.round(m.heapTotal / MB)}`,
        external: String(Math.round(m.external / MB)),
        arrayBuffers: String(Math.round(m.arrayBuffers / MB)),
      }
      rows.push(row)
      process.stderr.write(`${JSON.stringify(row)}\n`)
      n++
      if (heap) writeHeapSnapshot(join('/tmp/mem22', `long-${process.pid}-${n}.heapsnapshot`))
      return value
    },
  } as unknown as BenchPhases
  const outcome = await longSession(input, phases)
  console.log(JSON.stringify({ rows, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024), board: outcome.board, csvRows: outcome.csvRows }))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
