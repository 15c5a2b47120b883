// The library list as the renderer pages through it: every article summarised, filtered by words in
// its title or outlet, sorted, and cut to the page asked for. Pure over the records it is given; the
// store and the transports stay outside.

import type { Article, ArticlePage, ArticleSort, ArticleSummary } from '../../shared/model'
import { foldText } from '../search/search-terms'

export interface ArticleListQuery {
  offset?: number
  /** Absent: every matching article from `offset` on. */
  limit?: number
  sort?: ArticleSort
  filter?: string
  /** Only these articles (the ones that mention an entity); all when absent. */
  articleIds?: readonly string[]
}

export interface ArticleListSource {
  articles: readonly Article[]
  highlightCount: (articleId: string) => number
  titleOf: (articleId: string) => string | null
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

// Folding a title is the costly part of filtering 10,000 articles: done once per article record.
// An edited article is a new record, so the cache never serves a stale title.
const foldedByArticle = new WeakMap<Article, string>()

function searchableText(article: Article): string {
  let folded = foldedByArticle.get(article)
  if (folded === undefined) {
    folded = foldText(`${article.title}\n${article.outlet ?? ''}`)
    foldedByArticle.set(article, folded)
  }
  return folded
}

/** Newest first is the reading order of a story; undated articles go last in either date order. */
const COMPARATORS: Record<ArticleSort, (a: Article, b: Article) => number> = {
  newest: (a, b) => byDate(a, b, -1) || collator.compare(a.title, b.title),
  oldest: (a, b) => byDate(a, b, 1) || collator.compare(a.title, b.title),
  title: (a, b) => collator.compare(a.title, b.title) || byDate(a, b, -1),
  outlet: (a, b) => byOutlet(a, b) || byDate(a, b, -1) || collator.compare(a.title, b.title),
}

function byDate(a: Article, b: Article, direction: 1 | -1): number {
  if (a.date === b.date) return 0
  if (a.date === null) return 1
  if (b.date === null) return -1
  return a.date < b.date ? -direction : direction
}

function byOutlet(a: Article, b: Article): number {
  if (a.outlet === b.outlet) return 0
  if (a.outlet === null) return 1
  if (b.outlet === null) return -1
  return collator.compare(a.outlet, b.outlet)
}

/**
 * The library in each order asked for, kept while the library holds the same records: sorting 10,000
 * titles with a collator took most of a page request, and a scrolling list asks for page after page.
 * The store changes its article list in place, replacing a record on every change, so comparing the
 * records one by one with the ones sorted tells whether the order still holds.
 */
interface SortedLibrary {
  records: readonly Article[]
  bySort: Map<ArticleSort, readonly Article[]>
}
const sortedLibraries = new WeakMap<readonly Article[], SortedLibrary>()

function sortedArticles(articles: readonly Article[], sort: ArticleSort): readonly Article[] {
  let sorted = sortedLibraries.get(articles)
  if (!sorted || sorted.records.length !== articles.length || sorted.records.some((a, i) => a !== articles[i])) {
    sorted = { records: [...articles], bySort: new Map() }
    sortedLibraries.set(articles, sorted)
  }
  let ordered = sorted.bySort.get(sort)
  if (!ordered) {
    ordered = [...articles].sort(COMPARATORS[sort])
    sorted.bySort.set(sort, ordered)
  }
  return ordered
}

export function listArticlePage(source: ArticleListSource, query: ArticleListQuery): ArticlePage {
  const words = foldText(query.filter ?? '')
    .split(/\s+/)
    .filter((w) => w.length > 0)
  const ordered = sortedArticles(source.articles, query.sort ?? 'newest')
  const only = query.articleIds ? new Set(query.articleIds) : null
  const matching = words.length === 0 && !only ? ordered : ordered.filter((a) => (!only || only.has(a.id)) && words.every((w) => searchableText(a).includes(w)))
  const offset = Math.min(query.offset ?? 0, matching.length)
  const end = query.limit === undefined ? matching.length : offset + query.limit
  return {
    offset,
    articles: matching.slice(offset, end).map((a) => summarise(a, source)),
    total: matching.length,
    corpusSize: source.articles.length,
  }
}

function summarise(a: Article, source: ArticleListSource): ArticleSummary {
  return {
    id: a.id,
    title: a.title,
    outlet: a.outlet,
    date: a.date,
    paths: a.paths,
    wordCount: a.wordCount,
    nearDuplicateOf: a.nearDuplicateOf,
    nearDuplicateTitle: a.nearDuplicateOf ? source.titleOf(a.nearDuplicateOf) : null,
    highlightCount: source.highlightCount(a.id),
  }
}
