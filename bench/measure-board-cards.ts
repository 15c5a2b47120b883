// What a claim card's origins, figures and dates add to the board (#22: ≤ 20% on the board's first
// render; #20): the service's board answer (getClaimBoard, serialised as it is sent: origins, figures,
// dates, entities) against the same board view built from the same records without them (no figures
// read, no origins traced, no dates), on the store holding 1,000 claims and 10,000 links.
//
// Measured in fresh processes (board-cards-probe.ts), each on its own copy of the store, full and
// plain alternating: the store opened and its derived indexes brought up as the app does when it
// starts, then the first answer of the session (cold), then answers rebuilt after a claim is edited
// (the answer is kept between requests while nothing changed, so a warm answer costs nothing; an
// edit forces a rebuild), then one warm. The figure is the larger of the cold and rebuild additions,
// in CPU time of the process (the answer is built on the service's thread: on a quiet machine its
// wall time; on a loaded one, wall time is mostly waiting for a core). Wall times are reported beside.
// Measures the service's answer, not the drawing in Chromium.
//
// The session measured follows one that showed the board: the fixture writes its 1,000 claims and
// 10,000 links straight into the store's file, which no session of the app does, so before the
// measured processes one more process opens a copy, asks for the board once and closes, leaving
// beside the store what the service keeps between sessions (each quote's figures, each evidence's
// origins and entity names, the last board answer), as an analyst's previous session does. That
// process's answer, built with nothing kept (the first board ever over records that arrived in bulk,
// as a project file or a first sync brings them), is reported beside (`firstEver`), not in the figure.

import { cp, mkdtemp, rm } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import type { BoardAnswerTiming, BoardCardsProbe } from './board-cards-probe'
import { runBenchChild } from './child-process'
import { percentile } from './timing'

/** Fresh processes of each kind, alternating full, plain, full, plain… */
const PROCESSES_EACH = 3
/** Rebuilds (a claim edited, then the answer) timed in each process. */
const REBUILDS = 5

export interface BoardCardSide {
  /** Medians over the processes (cold) or over every rebuild of every process. */
  cpuMs: number
  wallMs: number
  samplesCpuMs: number[]
  samplesWallMs: number[]
}

export interface BoardCardMeasurement {
  cold: { full: BoardCardSide; plain: BoardCardSide; addedPct: number }
  rebuild: { full: BoardCardSide; plain: BoardCardSide; addedPct: number }
  /** The kept answer, nothing changed since (CPU, median over processes). */
  warm: { fullCpuMs: number; plainCpuMs: number }
  /** Bringing the derived indexes up when the service starts (reading their files), before any board: CPU, median. */
  startCpuMs: { full: number; plain: number }
  fullMB: number
  plainMB: number
  /** The figure: the larger of the cold and rebuild additions, (full − plain) ÷ plain in CPU time, percent. */
  addedPct: number
  load: { start: number[]; end: number[] }
  /** The first answer ever over the board, nothing kept beside the store yet (the previous session's): CPU and wall, one process. */
  firstEver: { cpuMs: number; wallMs: number }
}

export async function measureBoardCards(storeDir: string, scratch: string): Promise<BoardCardMeasurement> {
  const loadStart = loadavg()
  const probes: BoardCardsProbe[] = []
  // The previous session: the board shown once (no edit), the store closed.
  const previous = await mkdtemp(join(scratch, 'board-cards-previous-'))
  let firstEver: BoardCardsProbe
  try {
    await cp(storeDir, previous, { recursive: true })
    firstEver = await runBenchChild<BoardCardsProbe>('board-cards-probe.ts', [previous, 'full', '0'])
    for (let i = 0; i < PROCESSES_EACH; i++) {
      for (const kind of ['full', 'plain'] as const) {
        // Each process on its own copy: the edits it makes do not reach the next one, nor the bench's store.
        const copy = await mkdtemp(join(scratch, 'board-cards-'))
        try {
          await cp(previous, copy, { recursive: true })
          probes.push(await runBenchChild<BoardCardsProbe>('board-cards-probe.ts', [copy, kind, String(REBUILDS)]))
        } finally {
          await rm(copy, { recursive: true, force: true })
        }
      }
    }
  } finally {
    await rm(previous, { recursive: true, force: true })
  }
  const of = (kind: 'full' | 'plain') => probes.filter((p) => p.kind === kind)
  const side = (timings: BoardAnswerTiming[]): BoardCardSide => ({
    cpuMs: percentile(
      timings.map((t) => t.cpuMs),
      50,
    ),
    wallMs: percentile(
      timings.map((t) => t.wallMs),
      50,
    ),
    samplesCpuMs: timings.map((t) => round(t.cpuMs)),
    samplesWallMs: timings.map((t) => round(t.wallMs)),
  })
  const added = (full: BoardCardSide, plain: BoardCardSide) => (100 * (full.cpuMs - plain.cpuMs)) / plain.cpuMs
  const coldFull = side(of('full').map((p) => p.cold))
  const coldPlain = side(of('plain').map((p) => p.cold))
  const rebuildFull = side(of('full').flatMap((p) => p.rebuilds))
  const rebuildPlain = side(of('plain').flatMap((p) => p.rebuilds))
  const cold = { full: coldFull, plain: coldPlain, addedPct: added(coldFull, coldPlain) }
  const rebuild = { full: rebuildFull, plain: rebuildPlain, addedPct: added(rebuildFull, rebuildPlain) }
  const median = (values: number[]) => percentile(values, 50)
  return {
    cold,
    rebuild,
    warm: { fullCpuMs: median(of('full').map((p) => p.warm.cpuMs)), plainCpuMs: median(of('plain').map((p) => p.warm.cpuMs)) },
    startCpuMs: { full: median(of('full').map((p) => p.start.cpuMs)), plain: median(of('plain').map((p) => p.start.cpuMs)) },
    fullMB: (of('full')[0]?.cold.bytes ?? 0) / 1e6,
    plainMB: (of('plain')[0]?.cold.bytes ?? 0) / 1e6,
    addedPct: Math.max(cold.addedPct, rebuild.addedPct),
    load: { start: loadStart, end: loadavg() },
    firstEver: { cpuMs: round(firstEver.cold.cpuMs), wallMs: round(firstEver.cold.wallMs) },
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10
