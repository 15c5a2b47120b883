// The articles an import has read since its last commit, looked up as the importer needs them: by
// id, by content hash (is this text already here?) and by path (is this file a revision?). Indexed,
// because a batch holds thousands of articles between commits and every file asks both questions.
// Plain data: no file system, no store.

import type { Article } from '../../shared/model'

export class PendingArticles {
  private readonly articlesById = new Map<string, Article>()
  private readonly idByContentHash = new Map<string, string>()
  private readonly idByPath = new Map<string, string>()

  get size(): number {
    return this.articlesById.size
  }

  get(id: string): Article | undefined {
    return this.articlesById.get(id)
  }

  has(id: string): boolean {
    return this.articlesById.has(id)
  }

  byContentHash(contentHash: string): Article | undefined {
    return this.articleUnder(this.idByContentHash, contentHash, (a) => a.contentHash === contentHash)
  }

  byPath(path: string): Article | undefined {
    return this.articleUnder(this.idByPath, path, (a) => a.paths.includes(path))
  }

  /** The pending article found, else the stored one as this import has changed it so far. */
  latest(found: Article | undefined, stored: Article | undefined): Article | undefined {
    return found ?? (stored ? (this.articlesById.get(stored.id) ?? stored) : undefined)
  }

  /** Adds an article, or replaces the pending version with the same id. */
  set(article: Article): void {
    this.articlesById.set(article.id, article)
    this.idByContentHash.set(article.contentHash, article.id)
    for (const path of article.paths) this.idByPath.set(path, article.id)
  }

  delete(id: string): void {
    this.articlesById.delete(id)
  }

  values(): Article[] {
    return [...this.articlesById.values()]
  }

  /**
   * Lets go of articles now saved, each only if it is still the pending version: one changed again
   * while it was being saved (a copy of its file found meanwhile) stays, for the next commit.
   */
  removeSaved(saved: readonly Article[]): void {
    for (const article of saved) {
      if (this.articlesById.get(article.id) !== article) continue
      this.articlesById.delete(article.id)
      if (this.idByContentHash.get(article.contentHash) === article.id) this.idByContentHash.delete(article.contentHash)
      for (const path of article.paths) if (this.idByPath.get(path) === article.id) this.idByPath.delete(path)
    }
  }

  clear(): void {
    this.articlesById.clear()
    this.idByContentHash.clear()
    this.idByPath.clear()
  }

  /**
   * The article a key points at, if it still has that hash or path: a replaced version may have
   * another text, and a deleted one is gone, so a stale key finds nothing rather than a wrong article.
   */
  private articleUnder(index: Map<string, string>, key: string, stillHolds: (article: Article) => boolean): Article | undefined {
    const id = index.get(key)
    const article = id === undefined ? undefined : this.articlesById.get(id)
    return article && stillHolds(article) ? article : undefined
  }
}
