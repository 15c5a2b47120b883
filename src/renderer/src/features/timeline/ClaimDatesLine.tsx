// The days a claim's evidence names, on its card: one line when they agree, a flagged line naming
// each day with its sources when they do not ("2025-07-31 in The New Arab · 2025-07-24 in The National").

import type { ClaimDates } from '../../../../shared/chronology/timeline'
import type { BoardView } from '../../../../shared/claims/board-view'

interface Props {
  dates: ClaimDates | undefined
  board: Pick<BoardView, 'articles' | 'sources'>
}

export function ClaimDatesLine({ dates, board }: Props) {
  if (!dates || dates.days.length === 0) return null
  const sourceOf = (articleId: string) => {
    const article = board.articles.find((a) => a.id === articleId)
    return article ? (board.sources[article.source]?.label ?? article.title) : articleId
  }
  const sides = dates.days.map((d) => `${d.date} in ${[...new Set(d.articleIds.map(sourceOf))].join(', ')}`)
  if (!dates.conflict) {
    return (
      <p className="claim-dates" title="The date the evidence quotes name, resolved against each article's date">
        Date: {sides[0]}
      </p>
    )
  }
  return (
    <p className="claim-dates date-conflict" role="note" aria-label="Date conflict">
      <strong>Dates disagree:</strong> {sides.join(' · ')}
    </p>
  )
}
