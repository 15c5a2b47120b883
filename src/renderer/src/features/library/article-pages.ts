// Pages of the library list as the renderer holds them: only the pages around what the list shows are
// fetched, never the whole corpus. A change anywhere (an import, an edit) or a new sort or filter makes
// every held page stale; stale pages stay on screen until their fresh copies arrive, so the list never
// blinks empty while it refreshes.

import { useCallback, useEffect, useRef, useState } from 'react'
import type { ArticlePage, ArticleSort, ArticleSummary } from '../../../../shared/model'

/** Articles per request: a few screenfuls, so scrolling seldom waits, and a small response. */
export const ARTICLE_PAGE_SIZE = 100

/** Pages kept beyond those in view: enough to scroll back without refetching, bounded for 100,000 articles. */
const MAX_HELD_PAGES = 20

/** The page numbers holding rows `first`…`last` (inclusive) of a list of `total` rows. */
export function pagesCovering(first: number, last: number, total: number, pageSize: number): number[] {
  if (total <= 0 || last < first) return []
  const from = Math.floor(Math.max(0, first) / pageSize)
  const to = Math.floor(Math.min(total - 1, last) / pageSize)
  const pages: number[] = []
  for (let p = from; p <= to; p++) pages.push(p)
  return pages
}

/** The pages to let go when more than `max` are held: the farthest from those in view first. */
export function pagesToDrop(held: readonly number[], inView: readonly number[], max: number): number[] {
  if (held.length <= max || inView.length === 0) return []
  const centre = (Math.min(...inView) + Math.max(...inView)) / 2
  return [...held]
    .filter((p) => !inView.includes(p))
    .sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre))
    .slice(0, held.length - max)
}

export interface ArticleListQuery {
  sort: ArticleSort
  filter: string
}

export interface ArticlePages {
  /** Null until the first page has arrived. */
  total: number | null
  corpusSize: number | null
  /** The article at a row, or undefined while its page is on the way. */
  articleAt(index: number): ArticleSummary | undefined
  /** Tells which rows are drawn (and one more, the focused row); their pages are fetched if missing or stale. */
  showRows(first: number, last: number, alsoRow?: number | null): void
}

type FetchPage = (args: { offset: number; limit: number; sort: ArticleSort; filter?: string }) => Promise<ArticlePage>

export function useArticlePages(fetchPage: FetchPage, query: ArticleListQuery, revision: number, onError: (message: string) => void): ArticlePages {
  const [pages, setPages] = useState<ReadonlyMap<number, ArticleSummary[]>>(new Map())
  const [counts, setCounts] = useState<{ total: number; corpusSize: number } | null>(null)
  /** Bumped by every new query or revision: an answer for an older one is dropped. */
  const generation = useRef(0)
  /** Which generation each page was last asked for in, so a page is asked for once per generation. */
  const requested = useRef(new Map<number, number>())
  const inView = useRef<number[]>([0])

  const load = useCallback(
    (page: number) => {
      const wanted = generation.current
      if (requested.current.get(page) === wanted) return
      requested.current.set(page, wanted)
      const filter = query.filter.trim()
      fetchPage({ offset: page * ARTICLE_PAGE_SIZE, limit: ARTICLE_PAGE_SIZE, sort: query.sort, ...(filter ? { filter } : {}) }).then(
        (result) => {
          if (generation.current !== wanted) return
          setCounts({ total: result.total, corpusSize: result.corpusSize })
          setPages((held) => {
            const next = new Map(held)
            next.set(page, result.articles)
            for (const p of pagesToDrop([...next.keys()], inView.current, MAX_HELD_PAGES)) next.delete(p)
            return next
          })
        },
        (e: Error) => {
          requested.current.delete(page)
          onError(e.message)
        },
      )
    },
    [fetchPage, query.sort, query.filter, onError],
  )

  // A new query or revision: everything held is stale; what is in view is fetched again at once.
  // Rows of another sort or filter would be wrong, not just old: those are let go straight away.
  const queryKey = `${query.sort}\n${query.filter.trim()}`
  const heldQuery = useRef(queryKey)
  useEffect(() => {
    generation.current++
    requested.current.clear()
    if (heldQuery.current !== queryKey) {
      heldQuery.current = queryKey
      inView.current = [0]
      setPages(new Map())
    }
    for (const page of inView.current) load(page)
  }, [load, revision, queryKey])

  const total = counts?.total ?? null
  const showRows = useCallback(
    (first: number, last: number, alsoRow: number | null = null) => {
      // Before the first answer the total is unknown: the first page tells it.
      const visible = total === null ? [0] : pagesCovering(first, last, total, ARTICLE_PAGE_SIZE)
      if (total !== null && alsoRow !== null) {
        for (const page of pagesCovering(alsoRow, alsoRow, total, ARTICLE_PAGE_SIZE)) if (!visible.includes(page)) visible.push(page)
      }
      if (visible.length === 0) return
      inView.current = visible
      for (const page of visible) load(page)
    },
    [load, total],
  )

  const articleAt = (index: number) => pages.get(Math.floor(index / ARTICLE_PAGE_SIZE))?.[index % ARTICLE_PAGE_SIZE]
  return { total, corpusSize: counts?.corpusSize ?? null, articleAt, showRows }
}
