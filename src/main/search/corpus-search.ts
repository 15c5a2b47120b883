// Full-text search over the corpus (BM25 ranking; prefix completion of the word being typed; near
// spellings, so "Suweida" also finds "Sweida"). The index is saved beside the store, so starting the
// app never re-reads every article: it is loaded on first use, and rebuilt from the bodies only where
// it does not match the library (missing, damaged, or older than the last import).

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { articleContent } from '../../shared/boilerplate/article-content'
import type { Article } from '../../shared/model'
import type { CorpusStore } from '../store/corpus-store'
import { writeFileDurably } from '../store/durable-write'
import type { DocumentTerms, NumberedTerms } from './document-terms'
import { InvertedIndex } from './inverted-index'

export { foldTerm, foldText } from './search-terms'

/** The index file; its name changed with its format, so an old JSON index is simply left unread. */
export const SEARCH_INDEX_FILE = 'search-index.bin'
/** Which content each article was indexed at: tells whether the index matches the library. */
export const SEARCH_INDEX_STATE_FILE = 'search-index.json'
/**
 * Bumped when tokenisation or the file layout changes: an index built the old way is rebuilt. 3: page
 * furniture (teasers, captions, a date prefix) is left out of the index (DECISIONS section 2).
 */
const INDEX_FORMAT = 3
/** Bodies read at once while indexing: enough to keep the thread pool busy, little memory. */
const READ_BATCH = 64

export interface UpdateOptions {
  /** Re-index even where the text is unchanged: the title changed. */
  retitled?: boolean
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
}

interface IndexState {
  format: number
  /** article id → content hash it was indexed at (a retitled article is re-indexed when retitled). */
  indexed: Record<string, string>
}

export interface SearchMatch {
  articleId: string
  score: number
  /** Index terms that matched (folded), for finding the hit in the text. */
  terms: string[]
}

export class CorpusSearch {
  private index = new InvertedIndex()
  private indexed: Record<string, string> = {}
  private loading: Promise<void> | null = null
  /** The saved index is loaded and brought up to date: take() may add to it. */
  private loaded = false
  /** Texts taken or forgotten since the last save. */
  private unsaved = false
  /** The store has closed: the index was let go of, and is not loaded again. */
  private released = false

  constructor(private readonly store: CorpusStore) {
    store.whenClosed(() => this.release())
  }

  /** Loads the saved index, or rebuilds it, once; later calls share the same work. */
  ready(): Promise<void> {
    this.loading ??= this.load()
    return this.loading
  }

  /** Articles containing every word of the query, best first. */
  async search(query: string, limit: number): Promise<SearchMatch[]> {
    await this.ready()
    return this.index.query(query, { combine: 'and', prefixLast: true, limit }).map(toMatch)
  }

  /** Articles sharing any of these words, best first: the candidates a passage's match may be in. */
  async articlesMentioningAny(words: readonly string[], limit: number): Promise<string[]> {
    await this.ready()
    if (words.length === 0) return []
    return this.index.query(words.join(' '), { combine: 'or', prefixLast: false, limit }).map((hit) => hit.id)
  }

  /** Brings the index up to date with these articles' current texts (and, with `retitled`, titles) and saves it. */
  async update(articleIds: readonly string[], options: UpdateOptions = {}): Promise<void> {
    await this.ready()
    const changed = [...new Set(articleIds)].flatMap((id) => {
      const article = this.store.getArticle(id)
      return article && (options.retitled || this.indexed[id] !== indexedVersion(article)) ? [article] : []
    })
    if (changed.length === 0) {
      // Texts the import handed over (take) are indexed already: only saving is left.
      if (this.unsaved) await this.save()
      return
    }
    const complete = await this.put(changed, options)
    await this.save()
    // Cut short: what was indexed is saved; the rest is picked up by the next load, on the next search.
    if (!complete) {
      this.loading = null
      this.loaded = false
    }
  }

  /**
   * Indexes an article's text handed over by the import as it is stored, its terms already counted
   * (documentTerms of its content, furniture blanked, in the preparation worker), so the import's own
   * step after importFolder has nothing left to read; update() saves. Call ready() first: the saved
   * index must be loaded before anything is added to it.
   */
  take(article: Article, terms: DocumentTerms | NumberedTerms): void {
    // Not loaded yet (or reloading after a cut-short update): update() reads the text back instead.
    if (!this.loaded) return
    this.index.addTerms(article.id, article.title, terms)
    this.indexed[article.id] = indexedVersion(article)
    this.unsaved = true
  }

  /** Saves the texts taken since the last save, if any (the import starts this as its last commit is written). */
  async saveTaken(): Promise<void> {
    if (this.loaded && this.unsaved) await this.save()
  }

  /** Leaves out what the library does not hold (an import that failed after handing texts over). */
  forgetMissing(): void {
    for (const id of Object.keys(this.indexed)) {
      if (this.store.getArticle(id)) continue
      this.index.remove(id)
      delete this.indexed[id]
      this.unsaved = true
    }
  }

  /**
   * Indexes these articles, reading bodies a batch ahead so reading overlaps indexing. Returns false
   * when the signal stopped it before the end.
   */
  private async put(articles: readonly Article[], { onProgress, signal }: UpdateOptions = {}): Promise<boolean> {
    // A text that is lost or damaged is left out (the store marks its article, and search says so),
    // and not counted as indexed: importing its file again brings it in.
    const read = (a: Article) => this.store.readBody(a).catch(() => null)
    let next = articles.slice(0, READ_BATCH).map(read)
    for (let at = 0; at < articles.length; at += READ_BATCH) {
      const texts = await Promise.all(next)
      if (signal?.aborted) return false
      next = articles.slice(at + READ_BATCH, at + 2 * READ_BATCH).map(read)
      texts.forEach((text, i) => {
        const article = articles[at + i]!
        if (text === null) return
        this.index.add(article.id, article.title, articleContent(text))
        this.indexed[article.id] = indexedVersion(article)
      })
      onProgress?.(Math.min(at + READ_BATCH, articles.length), articles.length)
    }
    return true
  }

  /**
   * The store has closed: the index (~35 MB of heap and a 24 MB buffer at 10,000 articles) goes, so
   * whoever still holds this search does not keep it alive, and searches answer nothing from then on.
   */
  private release(): void {
    this.released = true
    this.index = new InvertedIndex()
    this.indexed = {}
    this.loading = Promise.resolve()
    this.loaded = false
  }

  private async load(): Promise<void> {
    const saved = await readSaved(this.store.dir)
    if (this.released) return
    if (saved) {
      this.index = saved.index
      this.indexed = saved.indexed
    }
    // What the library does not hold goes (texts an import handed over before it failed, saved meanwhile);
    // whatever the library holds that the index does not (or holds differently) is indexed now.
    this.forgetMissing()
    const stale = this.store.listArticles().filter((a) => this.indexed[a.id] !== indexedVersion(a))
    await this.put(stale)
    if (stale.length > 0) await this.save()
    this.loaded = true
  }

  private async save(): Promise<void> {
    if (this.store.readOnly) return
    // The index first, then the state naming what it holds: a crash between the two leaves a state
    // that is older than the index, which only makes the next start re-index a few articles.
    await writeFileDurably(join(this.store.dir, SEARCH_INDEX_FILE), this.index.serialize())
    const state: IndexState = { format: INDEX_FORMAT, indexed: this.indexed }
    await writeFileDurably(join(this.store.dir, SEARCH_INDEX_STATE_FILE), JSON.stringify(state))
    this.unsaved = false
  }
}

function toMatch(hit: { id: string; score: number; terms: string[] }): SearchMatch {
  return { articleId: hit.id, score: hit.score, terms: hit.terms }
}

function indexedVersion(article: Article): string {
  return article.contentHash
}

async function readSaved(dir: string): Promise<{ index: InvertedIndex; indexed: Record<string, string> } | null> {
  try {
    const state = JSON.parse(await readFile(join(dir, SEARCH_INDEX_STATE_FILE), 'utf8')) as IndexState
    if (state.format !== INDEX_FORMAT || typeof state.indexed !== 'object' || state.indexed === null) return null
    const index = InvertedIndex.deserialize(await readFile(join(dir, SEARCH_INDEX_FILE)))
    // Trust only the articles the index really holds: the state may name more after a crash between saves.
    const indexed = Object.fromEntries(Object.entries(state.indexed).filter(([id]) => index.has(id)))
    return { index, indexed }
  } catch {
    // Missing or damaged: the index is derived data, rebuilt from the bodies.
    return null
  }
}
