// Each highlight's entity names kept beside the store (derived-entity-names.json), with a digest of
// what they were read from, so a session whose entities have not changed reads them instead of
// clustering every article's names: clustering 10,000 articles costs about 0.6 s of CPU on the
// service's thread, which the first claim board of every session waited for (each card lists the
// entities its evidence mentions). The names of a highlight are those of the entities whose mentions
// overlap its span (entity-operations.ts entitiesOfHighlights), so they follow from the clusters and
// the span: the digest says which clusters (the entity index's version, each article's id and whether
// it has an entry of its current text, and the content hash that entry was made from, in the
// library's order, and the analyst's entity decisions), and each highlight is found by its article
// and span. A new import, an article whose text changed, an entity decision or a highlight moved
// misses, and is worked out by clustering as before; a file of another format, damaged, or of other
// inputs is ignored and written again. Reads the store; writes only its own sidecar.

import { createHash } from 'node:crypto'
import type { EntityDecision } from '../../shared/entities/cluster-entities'
import type { Article, Highlight } from '../../shared/model'
import type { CorpusStore } from '../store/corpus-store'
import { ENTITY_INDEX_VERSION, type EntityIndex } from './entity-index'
import type { EntityOperations } from './entity-operations'

export const KEPT_ENTITY_NAMES_FILE = 'derived-entity-names.json'
/** Bumped whenever the file's layout, or how a highlight's names are found from the clusters, changes. */
export const KEPT_ENTITY_NAMES_FORMAT = 1

/** One highlight's names: its article, start and end, then the names as indices into the file's name table. */
type SavedSpan = [articleId: string, start: number, end: number, names: number[]]

interface SavedNames {
  format: number
  inputs: string
  names: string[]
  spans: SavedSpan[]
}

/**
 * The digest of what clustering reads: the articles in the library's order, each with the content
 * hash of its entry when it has one of its current text (EntityIndex.entities reads only those), and
 * the analyst's decisions, under the entity index's version.
 */
export function entityNamesInputs(
  articles: readonly Article[],
  hasEntry: (article: Article) => boolean,
  decisions: readonly EntityDecision[],
  indexVersion: number,
): string {
  // NUL and \u0001 occur in no id or hash: the fields cannot run into one another. One string hashed
  // once: an update call per article costs several times as much at 10,000 articles.
  let text = `${KEPT_ENTITY_NAMES_FORMAT}\u0000${indexVersion}\u0000${JSON.stringify(decisions)}`
  for (const a of articles) text += `\u0001${a.id}\u0000${hasEntry(a) ? a.contentHash : '\u0002'}`
  return createHash('sha256').update(text).digest('base64')
}

const spanKey = (articleId: string, start: number, end: number) => `${articleId}\u0000${start}\u0000${end}`

export class KeptEntityNames {
  /** The digest of the inputs as they stood, kept while the library's article array, the entries and the decisions are the same. */
  private inputsOf: { articles: readonly Article[]; generation: number; decisions: string; inputs: string } | null = null
  /** Names by span, all found under `inputs`. */
  private kept: { inputs: string; bySpan: Map<string, string[]> } = { inputs: '', bySpan: new Map() }
  /** Spans asked for since the inputs last changed: what the next save holds. */
  private readonly used = new Set<string>()
  private reading: Promise<void> | null = null
  private added = false
  private saving: Promise<void> | null = null

  constructor(
    private readonly store: CorpusStore,
    private readonly index: EntityIndex,
    private readonly entities: Pick<EntityOperations, 'entitiesOfHighlights'>,
  ) {
    store.beforeClose(() => this.whenSaved())
  }

  /** The names of the entities each highlight's passage mentions, by highlight id (the same that entitiesOfHighlights gives). */
  async namesOfHighlights(highlights: readonly Highlight[]): Promise<Map<string, string[]>> {
    await this.index.runner.load()
    this.reading ??= this.read()
    await this.reading
    const inputs = this.inputs()
    if (this.kept.inputs !== inputs) {
      this.kept = { inputs, bySpan: new Map() }
      this.used.clear()
    }
    const { bySpan } = this.kept
    const missing = highlights.filter((h) => !bySpan.has(spanKey(h.articleId, h.start, h.end)))
    let found: Map<string, string[]> | null = null
    if (missing.length > 0) {
      const entities = await this.entities.entitiesOfHighlights(missing)
      found = new Map([...entities].map(([id, list]) => [id, list.map((e) => e.name)]))
      // Kept only if nothing they were read from changed while the clusters were made.
      if (this.inputs() === inputs && this.kept.bySpan === bySpan) {
        for (const h of missing) bySpan.set(spanKey(h.articleId, h.start, h.end), found.get(h.id) ?? [])
        this.added = true
      }
    }
    const names = new Map<string, string[]>()
    for (const h of highlights) {
      const key = spanKey(h.articleId, h.start, h.end)
      names.set(h.id, found?.get(h.id) ?? bySpan.get(key) ?? [])
      if (this.kept.bySpan === bySpan) this.used.add(key)
    }
    this.saveSoon()
    return names
  }

  /** Resolves once a save in progress is on disk. */
  async whenSaved(): Promise<void> {
    await this.saving
  }

  /** The digest of what the names are read from, as things stand (the entity index loaded first): what a kept board answer's names depend on besides the spans. */
  inputsDigest(): string {
    return this.inputs()
  }

  private inputs(): string {
    const articles = this.store.listArticles()
    const generation = this.index.runner.generation
    const decisions = JSON.stringify(this.store.entityDecisions)
    const memo = this.inputsOf
    if (memo && memo.articles === articles && memo.generation === generation && memo.decisions === decisions) return memo.inputs
    const runner = this.index.runner
    const inputs = entityNamesInputs(articles, (a) => runner.currentEntry(a) !== undefined, this.store.entityDecisions, ENTITY_INDEX_VERSION)
    this.inputsOf = { articles, generation, decisions, inputs }
    return inputs
  }

  /** Saves in the background when names were worked out since the last save, once the index has every article (not while it is being built). */
  private saveSoon(): void {
    if (!this.added || this.saving || this.store.readOnly || !this.index.runner.isCurrent()) return
    this.added = false
    const table = new Map<string, number>()
    const spans: SavedSpan[] = []
    for (const key of this.used) {
      const names = this.kept.bySpan.get(key)
      if (!names) continue
      const [articleId, start, end] = key.split('\u0000') as [string, string, string]
      const indices = names.map((name) => {
        let at = table.get(name)
        if (at === undefined) table.set(name, (at = table.size))
        return at
      })
      spans.push([articleId, Number(start), Number(end), indices])
    }
    const file: SavedNames = { format: KEPT_ENTITY_NAMES_FORMAT, inputs: this.kept.inputs, names: [...table.keys()], spans }
    this.saving = this.store
      .writeSidecar(KEPT_ENTITY_NAMES_FILE, file)
      .catch((error: unknown) => console.warn(`[triangulate] the evidence's entity names could not be saved: ${(error as Error).message}`))
      .finally(() => {
        this.saving = null
      })
  }

  /** Reads the saved names once: taken only if they were found under the inputs as they stand now, whole and well formed. */
  private async read(): Promise<void> {
    const saved = (await this.store.readSidecar(KEPT_ENTITY_NAMES_FILE)) as Partial<SavedNames> | null
    if (!saved || typeof saved !== 'object' || saved.format !== KEPT_ENTITY_NAMES_FORMAT || typeof saved.inputs !== 'string') return
    if (!Array.isArray(saved.names) || !Array.isArray(saved.spans) || !saved.names.every((n) => typeof n === 'string')) return
    const inputs = this.inputs()
    if (saved.inputs !== inputs || this.kept.bySpan.size > 0) return
    const names = saved.names
    const bySpan = new Map<string, string[]>()
    for (const span of saved.spans as unknown[]) {
      if (!Array.isArray(span) || span.length !== 4) return
      const [articleId, start, end, indices] = span as unknown[]
      if (typeof articleId !== 'string' || !isCount(start) || !isCount(end) || !Array.isArray(indices)) return
      const list: string[] = []
      for (const at of indices as unknown[]) {
        if (!isCount(at) || at >= names.length) return
        list.push(names[at] as string)
      }
      bySpan.set(spanKey(articleId, start, end), list)
    }
    this.kept = { inputs, bySpan }
  }
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0
