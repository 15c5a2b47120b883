// Full-text search across the corpus: ranked results with a snippet around the first hit; a result
// opens its article in a reader, scrolled to the hit: the reader chosen with its number, or else the
// one showing it already, an empty one, or the one used least recently. The first page is short (each result costs a
// body read and a snippet); "More results" asks for the rest.

import { useState } from 'react'
import { SEARCH_FIRST_RESULTS, SEARCH_MORE_RESULTS, type SearchHit } from '../../../../shared/model'
import type { Connection } from '../../lib/api-client'

interface Props {
  connection: Connection
  paneCount: number
  onOpenHit: (hit: SearchHit, pane?: number) => void
}

export function SearchPanel({ connection, paneCount, onOpenHit }: Props) {
  const [query, setQuery] = useState('')
  const [hits, setHits] = useState<SearchHit[] | null>(null)
  /** What the shown hits answer, and how many were asked for: "More results" repeats that query, not the box's current text. */
  const [asked, setAsked] = useState<{ query: string; limit: number } | null>(null)
  const [error, setError] = useState<string | null>(null)

  const run = async (q: string, limit: number) => {
    if (!q.trim()) {
      setHits(null)
      setAsked(null)
      return
    }
    try {
      setError(null)
      setHits(await connection.api.search({ query: q, limit }))
      setAsked({ query: q, limit })
    } catch (e) {
      setError((e as Error).message)
    }
  }
  /** As many hits as asked for: more articles may match than are shown. */
  const cutOff = hits !== null && asked !== null && hits.length === asked.limit
  const mayHaveMore = cutOff && asked.limit < SEARCH_MORE_RESULTS

  return (
    <div className="search-panel">
      <form
        role="search"
        aria-label="Search corpus"
        onSubmit={(e) => {
          e.preventDefault()
          void run(query, SEARCH_FIRST_RESULTS)
        }}
      >
        <input
          type="search"
          aria-label="Search corpus"
          placeholder="Search articles"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setQuery('')
              setHits(null)
              setAsked(null)
            }
          }}
        />
        <button type="submit">Search</button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {hits && (
        <div className="search-results">
          <p className="search-count" role="status">
            {hits.length === 0 ? 'No article matches.' : `${cutOff ? 'Best ' : ''}${hits.length} ${hits.length === 1 ? 'article' : 'articles'}`}
          </p>
          <ul aria-label="Search results">
            {hits.map((hit) => (
              <li key={hit.articleId}>
                <button type="button" className="hit-open" onClick={() => onOpenHit(hit)} aria-label={`${hit.title}: ${hit.snippet}`}>
                  <span className="hit-title">{hit.title}</span>
                  <span className="hit-meta">
                    {hit.outlet ?? 'Unknown outlet'}
                    {hit.date && ` · ${hit.date}`}
                  </span>
                  <span className="hit-snippet">
                    {hit.snippet.slice(0, hit.snippetHit.start)}
                    <strong>{hit.snippet.slice(hit.snippetHit.start, hit.snippetHit.end)}</strong>
                    {hit.snippet.slice(hit.snippetHit.end)}
                  </span>
                </button>
                <div className="open-in">
                  {Array.from({ length: paneCount }, (_, i) => (
                    <button key={i} type="button" aria-label={`Open in Reader ${i + 1}`} title={`Open in Reader ${i + 1}`} onClick={() => onOpenHit(hit, i)}>
                      {i + 1}
                    </button>
                  ))}
                </div>
              </li>
            ))}
          </ul>
          {mayHaveMore && (
            <button type="button" className="link-button" onClick={() => void run(asked.query, SEARCH_MORE_RESULTS)}>
              More results
            </button>
          )}
        </div>
      )}
    </div>
  )
}
