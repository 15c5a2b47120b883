// The corpus store: the only module that touches lowdb. On disk (documented in the README):
//   <store>/library.json      article metadata (lowdb), written by imports and metadata edits
//   <store>/annotations.json  highlights, claims, evidence links (lowdb), small and written often
//   <store>/bodies/ab/<sha256>.txt  article texts, content-addressed, written once
// Annotations and the library are separate files so saving a highlight never rewrites the corpus.

import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import type { Article, Claim, EvidenceLink, Highlight } from '../../shared/model'
import { UserError } from '../../shared/result'
import { BodyFiles } from './body-files'
import { DurableJsonFile } from './durable-json-adapter'

export const STORE_SCHEMA_VERSION = 1

interface LibraryFile {
  schemaVersion: number
  articles: Article[]
}

interface AnnotationsFile {
  schemaVersion: number
  highlights: Highlight[]
  claims: Claim[]
  links: EvidenceLink[]
}

export class CorpusStore {
  private readonly articlesById = new Map<string, Article>()
  private readonly articleByContentHash = new Map<string, Article>()
  private readonly articleByPath = new Map<string, Article>()

  private constructor(
    readonly dir: string,
    private readonly library: Low<LibraryFile>,
    private readonly annotations: Low<AnnotationsFile>,
    private readonly bodies: BodyFiles,
  ) {
    for (const article of library.data.articles) this.indexArticle(article)
  }

  static async open(dir: string): Promise<CorpusStore> {
    await mkdir(join(dir, 'bodies'), { recursive: true })
    const library = new Low<LibraryFile>(new DurableJsonFile(join(dir, 'library.json')), {
      schemaVersion: STORE_SCHEMA_VERSION,
      articles: [],
    })
    const annotations = new Low<AnnotationsFile>(new DurableJsonFile(join(dir, 'annotations.json')), {
      schemaVersion: STORE_SCHEMA_VERSION,
      highlights: [],
      claims: [],
      links: [],
    })
    await Promise.all([library.read(), annotations.read()])
    for (const [name, data] of [
      ['library.json', library.data],
      ['annotations.json', annotations.data],
    ] as const) {
      if (data.schemaVersion > STORE_SCHEMA_VERSION) {
        throw new UserError(
          'conflict',
          `${join(dir, name)} was written by a newer Triangulate (store version ${data.schemaVersion}, this app reads up to ${STORE_SCHEMA_VERSION}). Update Triangulate; the store was left untouched.`,
        )
      }
    }
    return new CorpusStore(dir, library, annotations, new BodyFiles(join(dir, 'bodies')))
  }

  // ── Library ────────────────────────────────────────────────────────────────

  listArticles(): readonly Article[] {
    return this.library.data.articles
  }

  getArticle(id: string): Article | undefined {
    return this.articlesById.get(id)
  }

  requireArticle(id: string): Article {
    const article = this.articlesById.get(id)
    if (!article) throw new UserError('not-found', `No article with id ${id} in this store; it may have been removed.`)
    return article
  }

  findByContentHash(contentHash: string): Article | undefined {
    return this.articleByContentHash.get(contentHash)
  }

  findByPath(path: string): Article | undefined {
    return this.articleByPath.get(path)
  }

  readBody(article: Pick<Article, 'contentHash'>): Promise<string> {
    return this.bodies.read(article.contentHash)
  }

  /** Bodies are written before the metadata that points at them: a crash leaves at most an unused body. */
  writeBody(contentHash: string, text: string): Promise<void> {
    return this.bodies.write(contentHash, text)
  }

  /** Adds or replaces articles (matched by id) in one durable write. */
  async saveArticles(changed: readonly Article[]): Promise<void> {
    if (changed.length === 0) return
    const articles = this.library.data.articles
    for (const article of changed) {
      const existing = this.articlesById.get(article.id)
      if (existing) {
        this.unindexArticle(existing)
        articles[articles.indexOf(existing)] = article
      } else {
        articles.push(article)
      }
      this.indexArticle(article)
    }
    await this.library.write()
  }

  private indexArticle(article: Article): void {
    this.articlesById.set(article.id, article)
    this.articleByContentHash.set(article.contentHash, article)
    for (const path of article.paths) this.articleByPath.set(path, article)
  }

  private unindexArticle(article: Article): void {
    this.articlesById.delete(article.id)
    this.articleByContentHash.delete(article.contentHash)
    for (const path of article.paths) this.articleByPath.delete(path)
  }

  // ── Annotations ────────────────────────────────────────────────────────────

  get highlights(): readonly Highlight[] {
    return this.annotations.data.highlights
  }

  get claims(): readonly Claim[] {
    return this.annotations.data.claims
  }

  get links(): readonly EvidenceLink[] {
    return this.annotations.data.links
  }

  requireHighlight(id: string): Highlight {
    const highlight = this.highlights.find((h) => h.id === id)
    if (!highlight) throw new UserError('not-found', `No highlight with id ${id}; it may have been deleted.`)
    return highlight
  }

  requireClaim(id: string): Claim {
    const claim = this.claims.find((c) => c.id === id)
    if (!claim) throw new UserError('not-found', `No claim with id ${id}; it may have been deleted.`)
    return claim
  }

  addHighlight(highlight: Highlight): Promise<Highlight> {
    return this.mutateAnnotations((data) => {
      data.highlights.push(highlight)
      return highlight
    })
  }

  /** Removes a highlight and its evidence links, returning both so the caller can offer undo. */
  removeHighlight(id: string): Promise<{ highlight: Highlight; links: EvidenceLink[] }> {
    const highlight = this.requireHighlight(id)
    return this.mutateAnnotations((data) => {
      const links = data.links.filter((l) => l.highlightId === id)
      data.highlights = data.highlights.filter((h) => h.id !== id)
      data.links = data.links.filter((l) => l.highlightId !== id)
      return { highlight, links }
    })
  }

  addClaim(claim: Claim): Promise<Claim> {
    return this.mutateAnnotations((data) => {
      data.claims.push(claim)
      return claim
    })
  }

  addLink(link: EvidenceLink): Promise<EvidenceLink> {
    return this.mutateAnnotations((data) => {
      data.links.push(link)
      return link
    })
  }

  removeLink(linkId: string): Promise<EvidenceLink> {
    const link = this.links.find((l) => l.id === linkId)
    if (!link) throw new UserError('not-found', `No evidence link with id ${linkId}; it may have been removed.`)
    return this.mutateAnnotations((data) => {
      data.links = data.links.filter((l) => l.id !== linkId)
      return link
    })
  }

  /**
   * Applies a change in memory and writes it durably. If the write fails, memory is reloaded from
   * disk so what the app shows never claims more than what was saved.
   */
  private async mutateAnnotations<T>(change: (data: AnnotationsFile) => T): Promise<T> {
    const value = change(this.annotations.data)
    try {
      await this.annotations.write()
    } catch (error) {
      await this.annotations.read()
      throw new UserError('io', `Could not save to ${this.dir}: ${(error as Error).message}. Nothing was changed.`)
    }
    return value
  }
}
