// The entity index: a derived index (DECISIONS section 1) on the shared runner
// (derived/derived-index-runner.ts), built after an import commits, in worker threads, resumable,
// with progress, as provenance, dates and figures are. Each article's entry is its names and
// mentions (extract-article-entities.ts), kept with the content hash it was extracted at in the
// runner's sidecar (derived-entities.json): an index lost, damaged, outdated or cut short by a crash
// is rebuilt or resumed from the texts. The app reads entities meanwhile, from the articles done so
// far, with the progress beside them. Clustering the names into entities (cluster-entities.ts) joins
// every article's entry, so it is done here, once per change of entries, decisions or library.

import { clusterEntities, type ArticleNames, type EntityDecision, type EntityMentions } from '../../shared/entities/cluster-entities'
import { DerivedIndexRunner, type DerivedIndexSpec, type RunnerOptions } from '../derived/derived-index-runner'
import { derivedWorkerScript } from '../derived/derived-worker-script'
import type { Article } from '../../shared/model'
import type { CorpusStore } from '../store/corpus-store'
import { analyseEntities, fromStored, type StoredName } from './extract-article-entities'

/**
 * Bumped whenever extraction or the entry changes (word lists, rules, tagger use): every article is
 * extracted again by the new code, on the next start, in the background.
 */
export const ENTITY_INDEX_VERSION = 2

export const entityIndexSpec: DerivedIndexSpec<StoredName[]> = {
  name: 'entities',
  label: 'people, places and organisations',
  version: ENTITY_INDEX_VERSION,
  analyse: analyseEntities,
  workerScript: () => derivedWorkerScript(__dirname, 'entity-worker'),
  // About 6 ms of CPU an article (57 s at 10,000): with one worker of two cores it alone fills the 60 s budget.
  everyCore: true,
}

/** The runner's sidecar, beside the store's other derived files. */
export const ENTITY_INDEX_FILE = `derived-${entityIndexSpec.name}.json`

export interface EntityIndexProgress {
  done: number
  total: number
}

export class EntityIndex {
  readonly runner: DerivedIndexRunner<StoredName[]>
  private cache: { generation: number; decisions: string; articles: string; entities: EntityMentions[] } | null = null
  /**
   * The articles part of the clusters' signature, kept with the array it was read from: the store
   * replaces its article array on every change (saveArticles copies it), so while the array is the
   * same one the key is too. Rebuilding it costs about 10 ms at 10,000 articles, which every search
   * paid (it asks for the entities, to expand a query's variants) before it was kept.
   */
  private articlesKey: { articles: readonly Article[]; key: string } | null = null

  constructor(
    private readonly store: CorpusStore,
    options: RunnerOptions = {},
  ) {
    this.runner = new DerivedIndexRunner(store, entityIndexSpec, options)
    // The runner lets go of its entries when the store has closed; the clusters made of them go too.
    store.whenClosed(() => {
      this.cache = null
      this.articlesKey = null
    })
  }

  /** "Analysing 3,200 of 10,000 articles", or null when the index is complete. */
  get status(): EntityIndexProgress | null {
    const status = this.runner.status()
    if (status.state === 'running' && status.total > 0) return { done: status.done, total: status.total }
    if (this.runner.isCurrent()) return null
    // Not loaded yet, or a run about to start: the articles without an entry of their current text.
    const waiting = this.store.listArticles().filter((a) => this.runner.currentEntry(a) === undefined).length
    return waiting > 0 ? { done: 0, total: waiting } : null
  }

  /** Starts bringing the index up to date in the background (all articles); returns at once. */
  refresh(): void {
    void this.runner.update()
  }

  /** Brings the index up to date with the library, and resolves when it is. */
  update(): Promise<void> {
    return this.runner.update()
  }

  /** Entities as they stand (from the articles extracted so far), with the analyst's decisions applied. */
  async entities(decisions: readonly EntityDecision[]): Promise<EntityMentions[]> {
    await this.runner.load()
    const articles = this.store.listArticles()
    // What the clusters depend on: the entries (their generation), the articles' texts, the decisions'
    // ids and times (a merged project file adds records to the same array).
    const generation = this.runner.generation
    let decisionsKey = ''
    for (const d of decisions) decisionsKey += ` ${d.id}@${d.updatedAt}`
    const articlesKey = this.articlesKeyOf(articles)
    const cached = this.cache
    if (cached && cached.generation === generation && cached.decisions === decisionsKey && cached.articles === articlesKey) return cached.entities
    const names: ArticleNames[] = []
    for (const article of articles) {
      // Only an entry of the article's current text: an older one's offsets point elsewhere.
      const entry = this.runner.currentEntry(article)
      if (entry) names.push({ articleId: article.id, names: fromStored(entry) })
    }
    const entities = clusterEntities(names, decisions)
    this.cache = { generation, decisions: decisionsKey, articles: articlesKey, entities }
    return entities
  }

  /** The articles' ids and text hashes as one string, read again only when the store's array changed. */
  private articlesKeyOf(articles: readonly Article[]): string {
    if (this.articlesKey?.articles === articles) return this.articlesKey.key
    let key = ''
    for (const a of articles) key += `\n${a.id}\t${a.contentHash}`
    // The same content as before (a title edited, an article marked damaged): the same string, so the comparison above is by reference.
    if (this.articlesKey?.key === key) key = this.articlesKey.key
    this.articlesKey = { articles, key }
    return key
  }

  close(): Promise<void> {
    return this.runner.close()
  }
}
