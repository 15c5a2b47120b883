// The library: every imported article (title, outlet, date), each openable into a reader pane. The
// list is virtualised and pages through the service's listArticles, so at 10,000 articles it draws
// a screenful, not the corpus. Sorting and filtering happen in the service, over the whole library.

import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual'
import { useCallback, useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react'
import { ARTICLE_SORTS, type ArticleSort } from '../../../../shared/model'
import type { Api } from '../../lib/api-client'
import { useArticlePages } from './article-pages'

interface Props {
  api: Api
  /** Changes after every store change: the pages held are fetched again. */
  revision: number
  paneCount: number
  /** Articles shown in a reader pane, marked as current in the list. */
  openArticleIds: readonly string[]
  onOpen: (articleId: string, pane?: number) => void
  onLoadSample: () => void
  onError: (message: string) => void
  importing: boolean
  /** Only the articles that mention the selected entity, when one is selected. */
  onlyArticles?: { label: string; ids: readonly string[]; onClear: () => void } | null
}

const SORT_LABELS: Record<ArticleSort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  title: 'Title A–Z',
  outlet: 'Outlet A–Z',
}

/** A row with a one-line title, as drawn; taller rows are measured once drawn. */
const ROW_ESTIMATE_PX = 50
/** Rows drawn beyond the visible ones, so a quick scroll or a keypress rarely shows a blank row. */
const OVERSCAN_ROWS = 8
/** Rows PageUp and PageDown move by: about one screenful of the list. */
const PAGE_KEY_ROWS = 10

export function LibraryPanel({ api, revision, paneCount, openArticleIds, onOpen, onLoadSample, onError, importing, onlyArticles }: Props) {
  const [sort, setSort] = useState<ArticleSort>('newest')
  const [filter, setFilter] = useState('')
  const onlyIds = onlyArticles?.ids
  const fetchPage = useCallback((args: Parameters<Api['listArticles']>[0]) => api.listArticles(onlyIds ? { ...args, articleIds: [...onlyIds] } : args), [api, onlyIds])
  const pages = useArticlePages(fetchPage, { sort, filter }, revision, onError)
  const scroller = useRef<HTMLDivElement>(null)
  const total = pages.total ?? 0
  // The row holding the keyboard focus stays drawn wherever the list scrolls: a focused button that
  // scrolled out of the drawn rows would be removed, and the focus lost with it.
  const [focusedRow, setFocusedRow] = useState<number | null>(null)
  const rangeExtractor = useCallback(
    (range: Range) => {
      const drawn = defaultRangeExtractor(range)
      if (focusedRow === null || focusedRow >= range.count || drawn.includes(focusedRow)) return drawn
      return [...drawn, focusedRow].sort((a, b) => a - b)
    },
    [focusedRow],
  )
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE_PX,
    overscan: OVERSCAN_ROWS,
    rangeExtractor,
  })
  // Another order or filter is another list: it starts from its top.
  useEffect(() => {
    virtualizer.scrollToOffset(0)
    setFocusedRow(null)
  }, [sort, filter])
  const rows = virtualizer.getVirtualItems()
  // The list is one tab stop (roving tabindex): the row last focused, else the first drawn; the
  // arrow keys move between rows, left and right within one.
  const tabRow = focusedRow ?? rows[0]?.index ?? 0
  const visible = virtualizer.range
  const firstRow = Math.max(0, (visible?.startIndex ?? 0) - OVERSCAN_ROWS)
  const lastRow = (visible?.endIndex ?? 0) + OVERSCAN_ROWS
  const { showRows } = pages
  useEffect(() => showRows(firstRow, lastRow, focusedRow), [showRows, firstRow, lastRow, focusedRow])

  // Arrow keys move between rows that may not be drawn yet: the row is kept drawn (above) and
  // focused once its page has arrived.
  const focusWanted = useRef<number | null>(null)
  useEffect(() => {
    const index = focusWanted.current
    if (index === null) return
    const button = scroller.current?.querySelector<HTMLElement>(`li[data-index="${index}"] .article-title`)
    if (button) {
      focusWanted.current = null
      button.focus()
    }
  })
  const moveFocus = (event: KeyboardEvent<HTMLUListElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('li[data-index]')
    if (!row || total === 0) return
    // Left and right move between a row's buttons (its title, then "open in reader" 1, 2…).
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      const buttons = [...row.querySelectorAll<HTMLButtonElement>('button')]
      const at = buttons.indexOf(event.target as HTMLButtonElement)
      const next = buttons[Math.max(0, Math.min(buttons.length - 1, at + (event.key === 'ArrowRight' ? 1 : -1)))]
      if (next) {
        event.preventDefault()
        next.focus()
      }
      return
    }
    const index = Number(row.dataset.index)
    const target = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + PAGE_KEY_ROWS, PageUp: index - PAGE_KEY_ROWS, Home: 0, End: total - 1 }[event.key]
    if (target === undefined) return
    event.preventDefault()
    const wanted = Math.max(0, Math.min(total - 1, target))
    focusWanted.current = wanted
    // Drawn at once (the range extractor keeps it), then focused, which scrolls it into view. The
    // virtualiser's own scrollToIndex aims by estimated heights and can stop rows short of it.
    setFocusedRow(wanted)
  }
  const noteFocus = (event: FocusEvent<HTMLUListElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('li[data-index]')
    if (row) setFocusedRow(Number(row.dataset.index))
  }

  if (pages.corpusSize === 0) {
    return (
      <div className="empty-library">
        <p>
          Your corpus is empty. Import a folder of articles: plain text (.txt), Markdown (.md), web pages (.html), Word documents (.docx) or PDFs (.pdf), in the folder
          and every folder inside it. Or start with the sample corpus: five short reports of one fictional event.
        </p>
        <button type="button" onClick={onLoadSample} disabled={importing}>
          Load sample corpus
        </button>
      </div>
    )
  }
  const filtering = filter.trim() !== '' || Boolean(onlyArticles)
  return (
    <div className="library-list">
      <div className="library-controls">
        <input type="search" aria-label="Filter articles" placeholder="Filter by title or outlet" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <select aria-label="Sort articles" value={sort} onChange={(e) => setSort(e.target.value as ArticleSort)}>
          {ARTICLE_SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      {onlyArticles && (
        <p className="library-entity-filter" role="status">
          <span>Articles mentioning {onlyArticles.label}</span>
          <button type="button" onClick={onlyArticles.onClear}>
            Show all
          </button>
        </p>
      )}
      {pages.total !== null && (
        <p className="library-count">
          {filtering ? `${pages.total} of ${pages.corpusSize} articles match` : `${pages.total} ${pages.total === 1 ? 'article' : 'articles'}`}
        </p>
      )}
      <div ref={scroller} className="article-list-scroller">
        <ul className="article-list" aria-label="Articles" style={{ height: virtualizer.getTotalSize() }} onKeyDown={moveFocus} onFocus={noteFocus}>
          {rows.map((row) => {
            const a = pages.articleAt(row.index)
            const placement = { transform: `translateY(${row.start}px)` }
            if (!a) {
              return (
                <li
                  key={row.key}
                  data-index={row.index}
                  ref={virtualizer.measureElement}
                  aria-posinset={row.index + 1}
                  aria-setsize={total}
                  aria-busy="true"
                  aria-label="Loading"
                  className="loading"
                  style={placement}
                >
                  …
                </li>
              )
            }
            return (
              <li
                key={row.key}
                data-index={row.index}
                ref={virtualizer.measureElement}
                aria-posinset={row.index + 1}
                aria-setsize={total}
                aria-label={a.title}
                aria-current={openArticleIds.includes(a.id) ? 'true' : undefined}
                style={placement}
              >
                <button type="button" className="article-title" tabIndex={row.index === tabRow ? 0 : -1} onClick={() => onOpen(a.id)} title={a.paths[0]}>
                  {a.title}
                </button>
                <div className="article-meta">
                  <span>{a.outlet ?? 'Unknown outlet'}</span>
                  {a.date && <time dateTime={a.date}>{a.date}</time>}
                  {a.highlightCount > 0 && <span>{a.highlightCount} highlighted</span>}
                  {a.nearDuplicateOf && (
                    <span className="near-duplicate" title={`Nearly the same text as “${a.nearDuplicateTitle ?? 'another article'}”: counts as that source`}>
                      near-duplicate
                    </span>
                  )}
                </div>
                <div className="open-in">
                  {Array.from({ length: paneCount }, (_, i) => (
                    <button key={i} type="button" tabIndex={-1} aria-label={`Open in Reader ${i + 1}`} title={`Open in Reader ${i + 1}`} onClick={() => onOpen(a.id, i)}>
                      {i + 1}
                    </button>
                  ))}
                </div>
              </li>
            )
          })}
        </ul>
      </div>
    </div>
  )
}
