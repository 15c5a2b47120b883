// The evidence matrix as a view of its own (claims × sources), opened over the work area from the
// rail or the board's "Matrix" button, so a wide table never squeezes the readers. It has its own
// filter (the board's words, the same matching); a cell opens that evidence in a reader and closes
// the matrix to show it.

import { useMemo, useState } from 'react'
import { claimSearchText, filterWords, matchesFilter } from '../../../../shared/claims/board-filter'
import type { BoardView } from '../../../../shared/claims/board-view'
import type { Api } from '../../lib/api-client'
import { EvidenceMatrix } from './EvidenceMatrix'

interface Props {
  board: BoardView
  api: Api
  onOpenEvidence: (articleId: string, highlightId: string) => void
  onError: (message: string) => void
}

export function MatrixView({ board, api, onOpenEvidence, onError }: Props) {
  const [filter, setFilter] = useState('')
  const words = useMemo(() => filterWords(filter), [filter])
  const shown = useMemo(
    () =>
      board.claims.filter((card) => matchesFilter(claimSearchText(card, board), words)).sort((a, b) => b.sourceCount - a.sourceCount || b.articleCount - a.articleCount),
    [board, words],
  )
  // The board carries no highlight ids (see board-view): the passage to open is asked for on the click.
  const openEvidence = (linkId: string) =>
    api.getEvidence({ linkId }).then(
      ({ highlight }) => onOpenEvidence(highlight.articleId, highlight.id),
      (e: Error) => onError(e.message),
    )
  return (
    <div className="matrix-view">
      <div className="board-controls">
        <input
          type="search"
          aria-label="Filter matrix claims"
          placeholder="Filter by text, tag, source, status or stance"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      </div>
      {filter && (
        <p className="filter-count" role="status" aria-label="Matrix claims shown">
          {shown.length} of {board.claims.length} claims
        </p>
      )}
      {board.partial ? (
        // The first screen's board carries a card's first few pieces of evidence only; the full board is on its way.
        <p className="placeholder" role="status">
          Loading the evidence of every claim…
        </p>
      ) : (
        <EvidenceMatrix cards={shown} board={board} onOpenEvidence={(linkId) => void openEvidence(linkId)} />
      )}
    </div>
  )
}
