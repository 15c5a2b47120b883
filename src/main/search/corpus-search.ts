// Full-text search over the corpus with MiniSearch (BM25 ranking, prefix and fuzzy terms, so
// "Suweida" also finds "Sweida"). The index is persisted beside the store, so starting the app never
// re-reads every article; it is loaded on first use and rebuilt from the bodies only when it does not
// match the library (missing, damaged, or older than the last import).

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import MiniSearch, { type SearchResult } from 'minisearch'
import type { Article } from '../../shared/model'
import type { CorpusStore } from '../store/corpus-store'
import { writeFileDurably } from '../store/durable-write'

export const SEARCH_INDEX_FILE = 'search-index.json'
/** Bumped when tokenisation or fields change: an index built the old way is rebuilt. */
const INDEX_FORMAT = 1

interface IndexedDocument {
  id: string
  title: string
  text: string
}

interface PersistedIndex {
  format: number
  /** article id → content hash it was indexed at: tells whether the index matches the library. */
  indexed: Record<string, string>
  index: unknown
}

const OPTIONS = {
  fields: ['title', 'text'],
  storeFields: [],
  processTerm: (term: string) => foldTerm(term),
  searchOptions: {
    boost: { title: 2 },
    // Prefix for the word being typed; fuzziness for spelling variants (Sweida/Suweida) on longer terms.
    prefix: true,
    fuzzy: (term: string) => (term.length >= FUZZY_MIN_TERM_LENGTH ? FUZZY_EDIT_SHARE : 0),
    combineWith: 'AND' as const,
  },
}

/** Terms shorter than this must match exactly: fuzzy short words match nearly anything. */
const FUZZY_MIN_TERM_LENGTH = 5
/** Edit distance allowed per character of a longer term (1 edit for 5–9 letters, 2 from 10). */
const FUZZY_EDIT_SHARE = 0.2

/** Lower case, accents and Arabic transliteration marks folded, so "Sharaʿa" and "Sharaa" meet. */
export function foldTerm(term: string): string {
  return term
    .normalize('NFD')
    .replace(/[\u0300-\u036f\u02bb\u02bc\u02bf\u02be'’ʿʾ]/g, '')
    .toLowerCase()
}

export interface SearchMatch {
  articleId: string
  score: number
  /** Corpus terms that matched (after folding), for finding the hit in the text. */
  terms: string[]
}

export class CorpusSearch {
  private index: MiniSearch<IndexedDocument> | null = null
  private indexed: Record<string, string> = {}
  private loading: Promise<void> | null = null

  constructor(private readonly store: CorpusStore) {}

  /** Loads the persisted index, or rebuilds it, once; later calls share the same work. */
  ready(): Promise<void> {
    this.loading ??= this.load()
    return this.loading
  }

  async search(query: string, limit: number): Promise<SearchMatch[]> {
    await this.ready()
    const results: SearchResult[] = this.index!.search(query)
    return results.slice(0, limit).map((r) => ({ articleId: String(r.id), score: r.score, terms: r.terms }))
  }

  /**
   * Articles sharing any of these words, best first: the candidates a passage's match may be in.
   * Exact terms only (no prefix), fuzzy as in search, combined with OR.
   */
  async articlesMentioningAny(words: readonly string[], limit: number): Promise<string[]> {
    await this.ready()
    if (words.length === 0) return []
    return this.index!.search(words.join(' '), { combineWith: 'OR', prefix: false })
      .slice(0, limit)
      .map((r) => String(r.id))
  }

  /** Brings the index up to date with these articles' current texts (and, with `retitled`, titles) and saves it. */
  async update(articleIds: readonly string[], retitled = false): Promise<void> {
    await this.ready()
    let changed = false
    for (const id of new Set(articleIds)) {
      const article = this.store.getArticle(id)
      if (!article || (!retitled && this.indexed[id] === article.contentHash)) continue
      await this.put(article)
      changed = true
    }
    if (changed) await this.save()
  }

  private async put(article: Article): Promise<void> {
    const doc = { id: article.id, title: article.title, text: await this.store.readBody(article) }
    if (this.index!.has(article.id)) this.index!.replace(doc)
    else this.index!.add(doc)
    this.indexed[article.id] = article.contentHash
  }

  private async load(): Promise<void> {
    const persisted = await readPersisted(join(this.store.dir, SEARCH_INDEX_FILE))
    if (persisted) {
      this.index = await MiniSearch.loadJSONAsync<IndexedDocument>(JSON.stringify(persisted.index), OPTIONS)
      this.indexed = persisted.indexed
    } else {
      this.index = new MiniSearch<IndexedDocument>(OPTIONS)
      this.indexed = {}
    }
    // Whatever the library holds that the index does not (or holds differently) is indexed now.
    const stale = this.store.listArticles().filter((a) => this.indexed[a.id] !== a.contentHash)
    for (const article of stale) await this.put(article)
    if (stale.length > 0 && !this.store.readOnly) await this.save()
  }

  private async save(): Promise<void> {
    if (this.store.readOnly) return
    const persisted: PersistedIndex = { format: INDEX_FORMAT, indexed: this.indexed, index: this.index!.toJSON() }
    await writeFileDurably(join(this.store.dir, SEARCH_INDEX_FILE), JSON.stringify(persisted))
  }
}

async function readPersisted(path: string): Promise<PersistedIndex | null> {
  try {
    const persisted = JSON.parse(await readFile(path, 'utf8')) as PersistedIndex
    return persisted.format === INDEX_FORMAT ? persisted : null
  } catch {
    // Missing or damaged: the index is derived data, rebuilt from the bodies.
    return null
  }
}
