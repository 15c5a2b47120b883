// Each piece of evidence's traced origins kept beside the store (derived-origin-traces.json), with a
// digest of what tracing reads, so a session whose corpus has not changed reads them instead of
// tracing the board's evidence again: tracing 10,000 pieces of evidence costs about 0.2 s of CPU on
// the service's thread, which the first claim board of every session paid. A trace
// (shared/provenance/origins.ts traceOrigins) reads the articles' ids, titles, outlets and
// near-duplicate links, each article's credits (its provenance entry) and the copied passages
// (passage reuse, itself a function of the articles' ids, outlets, dates, near-duplicate links and
// entries): the digest is passage reuse's (saved-passage-reuse.ts) with every article's title added,
// and each trace is found by its article and span. Traces are put into the context's kept traces
// (traceOriginsKept), so the board finds them as if it had traced them in this session. A file of
// another format, damaged, or of other inputs is ignored and written again. Reads the store; writes
// only its own sidecar.

import { createHash } from 'node:crypto'
import { traceKey, tracesKeptWith, type Origin, type OriginContext, type OriginKind, type TracedEvidence } from '../../shared/provenance/origins'
import type { Article } from '../../shared/model'
import type { CorpusStore } from '../store/corpus-store'
import type { ProvenanceIndex } from './provenance-index'

export const KEPT_TRACES_FILE = 'derived-origin-traces.json'
/**
 * Bumped whenever the file's layout, or how evidence is traced (origins.ts and what it calls:
 * source names, credit rules), changes: a file of another format is traced again.
 */
export const KEPT_TRACES_FORMAT = 1

/** Every kind of origin (the compiler checks the list is whole), to check a saved one. */
const ORIGIN_KINDS = { wire: true, 'primary-source': true, outlet: true, 'copied-passage': true, 'near-duplicate': true } satisfies Record<OriginKind, true>
const isOriginKind = (value: unknown): value is OriginKind => typeof value === 'string' && Object.hasOwn(ORIGIN_KINDS, value)

type SavedOrigin = [key: string, label: string, kind: OriginKind]
/** A trace: its article, start and end, its chain (an index into the file's chains), then its origins (indices into the file's origins). */
type SavedTrace = [articleId: string, start: number, end: number, chain: number, ...origins: number[]]

interface SavedTraces {
  format: number
  inputs: string
  origins: SavedOrigin[]
  chains: string[]
  traces: SavedTrace[]
}

/** The digest of what tracing reads: passage reuse's inputs (saved-passage-reuse.ts reuseInputs) and every article's title, in the library's order. */
export function traceInputs(reuseInputs: string, articles: readonly Article[]): string {
  let text = `${KEPT_TRACES_FORMAT}\u0000${reuseInputs}`
  // JSON strings: a title can hold any character, so it is quoted rather than trusted not to hold a separator.
  for (const a of articles) text += `\u0001${a.id}\u0000${JSON.stringify(a.title)}`
  return createHash('sha256').update(text).digest('base64')
}

export class KeptTraces {
  /** The context the board last traced in, the digest of its inputs, and how many of its traces the file holds. */
  private current: { context: OriginContext; inputs: string; saved: number } | null = null
  /** The file as read (once a session), until its traces are taken or a save replaces it. */
  private reading: Promise<{ inputs: string; traces: Map<string, TracedEvidence> } | null> | null = null
  private saving: Promise<void> | null = null

  constructor(
    private readonly store: CorpusStore,
    private readonly provenance: ProvenanceIndex,
  ) {
    store.beforeClose(() => this.whenSaved())
  }

  /**
   * Before the board traces in `context`: the first time a context is seen, its traces are taken
   * from the file when the file was traced from the same inputs.
   */
  async prepare(context: OriginContext): Promise<void> {
    if (this.current?.context === context) return
    const inputs = traceInputs(this.provenance.reuseInputs(), this.store.listArticles())
    const current = { context, inputs, saved: 0 }
    this.current = current
    this.reading ??= this.read()
    const saved = await this.reading
    if (saved?.inputs !== inputs || this.current !== current) return
    const traces = tracesKeptWith(context)
    for (const [key, traced] of saved.traces) if (!traces.has(key)) traces.set(key, traced)
    current.saved = traces.size
  }

  /** Saves in the background when the context has traces the file does not hold, once the index has every article. */
  saveSoon(): void {
    const current = this.current
    if (!current || this.saving || this.store.readOnly || !this.provenance.runner.isCurrent()) return
    const traces = tracesKeptWith(current.context)
    if (traces.size === current.saved) return
    current.saved = traces.size
    const origins = new Map<string, number>()
    const chains = new Map<string, number>()
    const file: SavedTraces = { format: KEPT_TRACES_FORMAT, inputs: current.inputs, origins: [], chains: [], traces: [] }
    for (const [key, traced] of traces) {
      const [articleId, start, end] = key.split('\u0000') as [string, string, string]
      let chain = chains.get(traced.chain)
      if (chain === undefined) chains.set(traced.chain, (chain = file.chains.push(traced.chain) - 1))
      const trace: SavedTrace = [articleId, Number(start), Number(end), chain]
      for (const origin of traced.origins) {
        const id = `${origin.kind}\u0000${origin.key}\u0000${origin.label}`
        let at = origins.get(id)
        if (at === undefined) origins.set(id, (at = file.origins.push([origin.key, origin.label, origin.kind]) - 1))
        trace.push(at)
      }
      file.traces.push(trace)
    }
    // What the file held is of no more use once it is replaced.
    this.reading = Promise.resolve(null)
    this.saving = this.store
      .writeSidecar(KEPT_TRACES_FILE, file)
      .catch((error: unknown) => console.warn(`[triangulate] the evidence's traced origins could not be saved: ${(error as Error).message}`))
      .finally(() => {
        this.saving = null
      })
  }

  /** Resolves once a save in progress is on disk. */
  async whenSaved(): Promise<void> {
    await this.saving
  }

  /** The saved traces by key, with the inputs they were traced from; null when there is no file, or it is damaged or of another format. */
  private async read(): Promise<{ inputs: string; traces: Map<string, TracedEvidence> } | null> {
    const saved = (await this.store.readSidecar(KEPT_TRACES_FILE)) as Partial<SavedTraces> | null
    if (!saved || typeof saved !== 'object' || saved.format !== KEPT_TRACES_FORMAT || typeof saved.inputs !== 'string') return null
    if (!Array.isArray(saved.origins) || !Array.isArray(saved.chains) || !Array.isArray(saved.traces)) return null
    const origins: Origin[] = []
    for (const o of saved.origins as unknown[]) {
      if (!Array.isArray(o) || o.length !== 3 || typeof o[0] !== 'string' || typeof o[1] !== 'string' || !isOriginKind(o[2])) return null
      origins.push({ key: o[0], label: o[1], kind: o[2] })
    }
    const chains = saved.chains as unknown[]
    if (!chains.every((c) => typeof c === 'string')) return null
    const traces = new Map<string, TracedEvidence>()
    for (const t of saved.traces as unknown[]) {
      if (!Array.isArray(t) || t.length < 5 || typeof t[0] !== 'string' || !isCount(t[1]) || !isCount(t[2]) || !isCount(t[3]) || t[3] >= chains.length) return null
      const traced: TracedEvidence = { origins: [], chain: chains[t[3]] as string }
      for (let i = 4; i < t.length; i++) {
        const at = t[i] as unknown
        if (!isCount(at) || at >= origins.length) return null
        traced.origins.push(origins[at] as Origin)
      }
      traces.set(traceKey(t[0], t[1], t[2]), traced)
    }
    return { inputs: saved.inputs, traces }
  }
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0
