// The figures each piece of evidence states, kept beside the store (derived-evidence-figures.json)
// so that a session reads them rather than parses every quote again: the first board of a session
// asked for the figures of all 10,000 quotes of the bench's board. Keyed by a digest of what
// figuresOfQuote reads — the quote, its prefix and suffix, and the decimal separator it was read
// with — under the figures index's version (bumped whenever how figures are read changes), so a key
// found is the figures parsing would give. A file of another format or version, or damaged, is
// ignored: figures are then parsed as before. Holds only the quotes of the session's evidence when
// saved. Writes only its own sidecar.

import { hash } from 'node:crypto'
import { figureSchema } from '../../shared/figures/figure-schema'
import type { Figure } from '../../shared/figures/figure'
import type { DecimalSeparator } from '../../shared/figures/parse-figures'
import type { TextQuote } from '../../shared/model'
import type { CorpusStore } from '../store/corpus-store'
import { FIGURE_INDEX_VERSION } from './figure-index'

export const KEPT_FIGURES_FILE = 'derived-evidence-figures.json'
/** The file's own layout. */
const KEPT_FIGURES_FORMAT = 1
/**
 * A saved figure is checked against this one schema object: zod compiles each schema object on its
 * first use, and a new `.strict()` per figure made checking 10,000 quotes' figures cost ~0.1–0.3 s.
 */
const strictFigure = figureSchema.strict()

interface KeptFile {
  format: number
  /** The figures index's version the figures were read by. */
  version: number
  /** [key, figures] pairs; a quote stating none is kept with an empty list. */
  figures: [string, Figure[]][]
}

/** The digest of what figuresOfQuote reads. */
export function quoteKey(quote: TextQuote, separator: DecimalSeparator | undefined): string {
  // One-shot hash: a Hash object per quote cost about four times as much (10 µs × 10,000 quotes).
  return hash('sha1', `${separator ?? ''}\u0000${quote.prefix}\u0000${quote.exact}\u0000${quote.suffix}`, 'base64')
}

export class KeptEvidenceFigures {
  private kept = new Map<string, Figure[]>()
  /** Keys looked up or added since the file was read: what the next save holds. */
  private readonly used = new Set<string>()
  private loading: Promise<void> | null = null
  private added = false
  private saving: Promise<void> | null = null

  constructor(private readonly store: CorpusStore) {
    store.beforeClose(() => this.whenSaved())
  }

  /** Reads the saved figures once; until then nothing is found. */
  load(): Promise<void> {
    this.loading ??= this.read()
    return this.loading
  }

  get(key: string): Figure[] | undefined {
    const figures = this.kept.get(key)
    if (figures) this.used.add(key)
    return figures
  }

  set(key: string, figures: Figure[]): void {
    this.kept.set(key, figures)
    this.used.add(key)
    this.added = true
  }

  /** Saves in the background when figures were added since the last save; the store waits for it before closing. */
  saveSoon(): void {
    if (!this.added || this.saving || this.store.readOnly) return
    this.added = false
    const figures: [string, Figure[]][] = []
    for (const key of this.used) {
      const found = this.kept.get(key)
      if (found) figures.push([key, found])
    }
    const file: KeptFile = { format: KEPT_FIGURES_FORMAT, version: FIGURE_INDEX_VERSION, figures }
    this.saving = this.store
      .writeSidecar(KEPT_FIGURES_FILE, file)
      .catch((error: unknown) => console.warn(`[triangulate] the evidence figures could not be saved: ${(error as Error).message}`))
      .finally(() => {
        this.saving = null
      })
  }

  async whenSaved(): Promise<void> {
    await this.saving
  }

  private async read(): Promise<void> {
    const saved = (await this.store.readSidecar(KEPT_FIGURES_FILE)) as Partial<KeptFile> | null
    if (!saved || saved.format !== KEPT_FIGURES_FORMAT || saved.version !== FIGURE_INDEX_VERSION || !Array.isArray(saved.figures)) return
    const kept = new Map<string, Figure[]>()
    for (const item of saved.figures as unknown[]) {
      if (!Array.isArray(item) || typeof item[0] !== 'string' || !Array.isArray(item[1])) return
      // Checked, but kept as read: the same keys in the same order as parsing gave them.
      if (!(item[1] as unknown[]).every((f) => strictFigure.safeParse(f).success)) return
      kept.set(item[0], item[1] as Figure[])
    }
    // Figures found meanwhile (parsed before the file was read) stay.
    for (const [key, figures] of this.kept) kept.set(key, figures)
    this.kept = kept
  }
}
