// The library: every imported article (title, outlet, date), each openable into a reader pane.

import type { ArticleSummary } from '../../../../shared/model'

interface Props {
  articles: ArticleSummary[]
  paneCount: number
  onOpen: (articleId: string, pane?: number) => void
  onLoadSample: () => void
  importing: boolean
}

export function LibraryPanel({ articles, paneCount, onOpen, onLoadSample, importing }: Props) {
  if (articles.length === 0) {
    return (
      <div className="empty-library">
        <p>Your corpus is empty. Import a folder of articles (.txt or .md), or start with the sample corpus: five short reports of one fictional event.</p>
        <button type="button" onClick={onLoadSample} disabled={importing}>
          Load sample corpus
        </button>
      </div>
    )
  }
  return (
    <ul className="article-list" aria-label="Articles">
      {articles.map((a) => (
        <li key={a.id} aria-label={a.title}>
          <button type="button" className="article-title" onClick={() => onOpen(a.id)} title={a.paths[0]}>
            {a.title}
          </button>
          <div className="article-meta">
            <span>{a.outlet ?? 'Unknown outlet'}</span>
            {a.date && <time dateTime={a.date}>{a.date}</time>}
            {a.highlightCount > 0 && <span>{a.highlightCount} highlighted</span>}
            {a.nearDuplicateOf && (
              <span className="near-duplicate" title={`Nearly the same text as “${articles.find((o) => o.id === a.nearDuplicateOf)?.title ?? 'another article'}”: counts as that source`}>
                near-duplicate
              </span>
            )}
          </div>
          <div className="open-in">
            {Array.from({ length: paneCount }, (_, i) => (
              <button key={i} type="button" aria-label={`Open in Reader ${i + 1}`} title={`Open in Reader ${i + 1}`} onClick={() => onOpen(a.id, i)}>
                {i + 1}
              </button>
            ))}
          </div>
        </li>
      ))}
    </ul>
  )
}
