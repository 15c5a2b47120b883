// Full-text search across the corpus: ranked results with a snippet around the first hit; a result
// opens its article in a reader, scrolled to the hit.

import { useState } from 'react'
import type { SearchHit } from '../../../../shared/model'
import type { Connection } from '../../lib/api-client'

interface Props {
  connection: Connection
  onOpenHit: (hit: SearchHit) => void
}

export function SearchPanel({ connection, onOpenHit }: Props) {
  const [query, setQuery] = useState('')
  const [hits, setHits] = useState<SearchHit[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const run = async () => {
    if (!query.trim()) {
      setHits(null)
      return
    }
    try {
      setError(null)
      setHits(await connection.api.search({ query }))
    } catch (e) {
      setError((e as Error).message)
    }
  }

  return (
    <div className="search-panel">
      <form
        role="search"
        aria-label="Search corpus"
        onSubmit={(e) => {
          e.preventDefault()
          void run()
        }}
      >
        <input
          type="search"
          aria-label="Search corpus"
          placeholder="Search all articles"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setQuery('')
              setHits(null)
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
            {hits.length === 0 ? 'No article matches.' : `${hits.length} ${hits.length === 1 ? 'article' : 'articles'}`}
          </p>
          <ul aria-label="Search results">
            {hits.map((hit) => (
              <li key={hit.articleId}>
                <button type="button" onClick={() => onOpenHit(hit)} aria-label={`${hit.title}: ${hit.snippet}`}>
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
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}
