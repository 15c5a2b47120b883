// Turns measured figures into the benchmark's output: a table (figure, value, target, ok/MISS) for
// people, or one JSON object for tools. Computes the verdicts and nothing else: every value arrives
// measured.

import { spawnSync } from 'node:child_process'
import { cpus, loadavg, totalmem } from 'node:os'

export type Unit = 'ms' | 's' | 'MB' | '×' | '%'

export interface Figure {
  /** Stable name in the JSON output. */
  key: string
  label: string
  /** Null when the figure could not be measured; `missing` says why. */
  value: number | null
  unit: Unit
  /** The largest acceptable value, in `unit`; null for figures reported for context (floors, diagnostics). */
  target: number | null
  missing?: string
  /** The value is a lower bound: the operation had not finished when the bench stopped waiting. */
  lowerBound?: boolean
  details?: object
}

export type Verdict = 'ok' | 'MISS' | 'n/a' | 'info'

export function verdictOf(figure: Figure): Verdict {
  if (figure.value === null) return 'n/a'
  if (figure.target === null) return 'info'
  if (figure.value > figure.target) return 'MISS'
  return figure.lowerBound ? 'n/a' : 'ok'
}

export interface MachineInfo {
  cpus: number
  cpuModel: string
  totalMemoryMB: number
  node: string
  platform: string
  date: string
  /** 1-minute load average when the run started and ended: other work on the machine skews figures. */
  loadAverage: { start: number; end: number | null }
}

export function describeMachine(): MachineInfo {
  const cores = cpus()
  return {
    cpus: cores.length,
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    totalMemoryMB: Math.round(totalmem() / 1024 / 1024),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
    loadAverage: { start: loadavg()[0] ?? 0, end: null },
  }
}

export interface CodeVersion {
  commit: string
  /** Uncommitted changes under src/ were part of what was measured. */
  dirty: boolean
}

/** The commit measured, from git; unknown outside a checkout. */
export function describeCode(projectRoot: string): CodeVersion {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: projectRoot, encoding: 'utf8' })
  const head = git('rev-parse', '--short', 'HEAD')
  if (head.status !== 0) return { commit: 'unknown', dirty: false }
  return { commit: head.stdout.trim(), dirty: git('status', '--porcelain', '--', 'src').stdout.trim() !== '' }
}

export interface BenchResult {
  machine: MachineInfo
  code: CodeVersion
  corpus: { articles: number; seed: number; files: number; bytes: number; outlets: number; dir: string; reused: boolean }
  figures: Figure[]
  totalSeconds: number
  /** Phases that failed: their figures read n/a, and the run exits non-zero. */
  failures: string[]
}

export function formatValue(value: number, unit: Unit): string {
  // A ratio below 1 (ours ahead of a peer) keeps two digits: 0.04× is not 0.0×.
  if (unit === '×') return `${value.toFixed(Math.abs(value) < 1 ? 2 : 1)}×`
  if (unit === '%') return `${value.toFixed(1)}%`
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2
  return `${value.toFixed(digits)} ${unit}`
}

export function formatTable(result: BenchResult): string {
  const rows = result.figures.map((f) => {
    const verdict = verdictOf(f)
    return [
      f.label,
      f.value === null ? `n/a (${f.missing ?? 'not measured'})` : f.lowerBound ? `> ${formatValue(f.value, f.unit)} (gave up)` : formatValue(f.value, f.unit),
      f.target === null ? '—' : `≤ ${formatValue(f.target, f.unit)}`,
      verdict === 'info' ? '' : verdict,
    ]
  })
  const header = ['figure', 'value', 'target', '']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`
  const { machine, corpus } = result
  return [
    `Triangulate bench — ${corpus.articles.toLocaleString('en')} articles (${(corpus.bytes / 1e6).toFixed(1)} MB, ${corpus.outlets} outlets, seed ${corpus.seed}${corpus.reused ? ', cached corpus' : ''})`,
    `${machine.cpus} × ${machine.cpuModel}, ${(machine.totalMemoryMB / 1024).toFixed(1)} GB RAM, Node ${machine.node}, ${machine.platform}, ${machine.date}`,
    `code ${result.code.commit}${result.code.dirty ? ' with uncommitted changes in src/' : ''}; load average (1 min) at start ${machine.loadAverage.start.toFixed(2)}, at end ${machine.loadAverage.end?.toFixed(2) ?? '?'}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `${result.figures.filter((f) => verdictOf(f) === 'MISS').length} target(s) missed; run took ${result.totalSeconds.toFixed(0)} s. Details: --json.`,
    ...(result.failures.length > 0 ? ['', 'Failed phases:', ...result.failures.map((f) => `  - ${f}`)] : []),
  ].join('\n')
}

export function toJson(result: BenchResult): string {
  return JSON.stringify(
    {
      ...result,
      figures: Object.fromEntries(
        result.figures.map(({ missing, ...f }) => [f.key, { ...f, ...(f.value === null ? { missing } : {}), verdict: verdictOf({ ...f, missing }) }]),
      ),
    },
    null,
    2,
  )
}
