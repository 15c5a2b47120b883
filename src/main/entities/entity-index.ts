// The entity index: a derived index (DECISIONS section 1), built after an import commits, in worker
// threads, with progress, as the search index is. Saved beside the store as entity-index.json with
// the content hash each article was extracted at and the extractor's version; on load, whatever the
// library holds that the file does not (new, changed, or extracted by an older extractor) is
// extracted again, so an index lost, damaged, outdated or cut short by a crash is rebuilt or resumed.
// The app reads entities meanwhile: from the articles done so far, with the progress beside them.

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Article } from '../../shared/model'
import { clusterEntities, type ArticleNames, type EntityDecision, type EntityMentions } from '../../shared/entities/cluster-entities'
import type { CorpusStore } from '../store/corpus-store'
import { writeFileDurably } from '../store/durable-write'
import { fromStored, type StoredName } from './extract-article-entities'
import { entityWorkerCount, openEntityWorkers, type ArticleToExtract } from './entity-workers'

export const ENTITY_INDEX_FILE = 'entity-index.json'
/**
 * Bumped whenever extraction or the file changes (word lists, rules, tagger use): every article is
 * extracted again by the new code, on the next start, in the background.
 */
export const ENTITY_EXTRACTOR_VERSION = 1
/** Articles per message to a worker: few enough to spread over workers, enough to cut message cost. */
const BATCH = 16
/** Saved at least this often while building, so a build cut short resumes rather than restarts. */
const SAVE_EVERY_MS = 5_000

interface SavedIndex {
  version: number
  /** article id → { h: content hash extracted, n: names } */
  articles: Record<string, { h: string; n: StoredName[] }>
}

export interface EntityIndexProgress {
  done: number
  total: number
}

export class EntityIndex {
  private articles = new Map<string, { h: string; n: StoredName[] }>()
  private loading: Promise<void> | null = null
  private building: Promise<void> | null = null
  private progress: EntityIndexProgress | null = null
  private cache: { decisions: string; entities: EntityMentions[] } | null = null
  private closed = false

  constructor(
    private readonly store: CorpusStore,
    private readonly options: { workers?: number } = {},
  ) {}

  /** "Analysing 3,200 of 10,000 articles", or null when the index is complete. */
  get status(): EntityIndexProgress | null {
    if (this.progress) return this.progress
    // Articles waiting for a build that has not started yet (it starts once the file is loaded).
    const waiting = this.stale().length
    return waiting > 0 ? { done: 0, total: waiting } : null
  }

  /** Starts bringing the index up to date in the background (all articles); returns at once. */
  refresh(): void {
    void this.update().catch((error) => console.error('[triangulate] entity index failed:', error))
  }

  /** Brings the index up to date with the library, and resolves when it is. */
  async update(): Promise<void> {
    await this.ready()
    if (this.building) return this.building
    this.building = this.build().finally(() => {
      this.building = null
    })
    await this.building
    // Articles imported while that build ran are picked up by another.
    if (this.stale().length > 0 && !this.closed) return this.update()
  }

  /** Entities as they stand (from the articles extracted so far), with the analyst's decisions applied. */
  async entities(decisions: readonly EntityDecision[]): Promise<EntityMentions[]> {
    await this.ready()
    // Keyed by the decisions' ids and times: a merged project file adds records to the same array.
    const signature = decisions.map((d) => `${d.id}@${d.updatedAt}`).join(' ')
    if (this.cache && this.cache.decisions === signature) return this.cache.entities
    const present = new Set(this.store.listArticles().map((a) => a.id))
    const names: ArticleNames[] = []
    for (const [articleId, saved] of this.articles) if (present.has(articleId)) names.push({ articleId, names: fromStored(saved.n) })
    const entities = clusterEntities(names, decisions)
    this.cache = { decisions: signature, entities }
    return entities
  }

  async close(): Promise<void> {
    this.closed = true
    await this.building?.catch(() => undefined)
  }

  private ready(): Promise<void> {
    this.loading ??= this.load()
    return this.loading
  }

  private async load(): Promise<void> {
    try {
      const saved = JSON.parse(await readFile(join(this.store.dir, ENTITY_INDEX_FILE), 'utf8')) as SavedIndex
      if (saved.version === ENTITY_EXTRACTOR_VERSION && saved.articles && typeof saved.articles === 'object') {
        this.articles = new Map(Object.entries(saved.articles))
      }
    } catch {
      // Missing or damaged: derived data, rebuilt from the texts.
    }
  }

  private stale(): Article[] {
    return this.store.listArticles().filter((a) => this.articles.get(a.id)?.h !== a.contentHash)
  }

  private async build(): Promise<void> {
    const stale = this.stale()
    if (stale.length === 0) {
      this.progress = null
      return
    }
    const total = stale.length
    let done = 0
    this.progress = { done, total }
    const workers = openEntityWorkers(this.options.workers ?? entityWorkerCount(total))
    let lastSave = Date.now()
    try {
      const batches: Article[][] = []
      for (let i = 0; i < stale.length; i += BATCH) batches.push(stale.slice(i, i + BATCH))
      let next = 0
      const run = async () => {
        while (next < batches.length && !this.closed) {
          const batch = batches[next++]!
          const texts = await Promise.all(batch.map((a) => this.store.readBody(a)))
          const articles: ArticleToExtract[] = batch.map((a, i) => ({ articleId: a.id, contentHash: a.contentHash, text: texts[i]! }))
          for (const result of await workers.extract(articles)) this.articles.set(result.articleId, { h: result.contentHash, n: result.names })
          this.cache = null
          done += batch.length
          this.progress = { done, total }
          if (Date.now() - lastSave > SAVE_EVERY_MS) {
            lastSave = Date.now()
            await this.save()
          }
        }
      }
      // Two batches in flight per worker, so a worker never waits for the next batch's bodies.
      await Promise.all(Array.from({ length: Math.max(1, 2 * (this.options.workers ?? entityWorkerCount(total))) }, run))
    } finally {
      await workers.close()
      this.progress = null
      await this.save()
    }
  }

  private async save(): Promise<void> {
    if (this.store.readOnly) return
    // Articles no longer in the library are dropped from the file.
    const present = new Set(this.store.listArticles().map((a) => a.id))
    const saved: SavedIndex = { version: ENTITY_EXTRACTOR_VERSION, articles: {} }
    for (const [id, entry] of this.articles) if (present.has(id)) saved.articles[id] = entry
    await writeFileDurably(join(this.store.dir, ENTITY_INDEX_FILE), JSON.stringify(saved))
  }
}
