// Claims × sources: ✓ supports, ✗ contradicts, • context, blank for none. A cell opens that
// source's evidence for the claim in a reader, beside what is already open. Headers stay in view
// while scrolling; only the rows in view are drawn (a 1,000-claim board would otherwise be tens of
// thousands of cells), with spacer rows, hidden from assistive technology, keeping the scroll height.

import { useVirtualizer } from '@tanstack/react-virtual'
import { useMemo, useRef } from 'react'
import type { BoardClaim, BoardSourceGroup, BoardView } from '../../../../shared/claims/board-view'
import { STANCE_MARK } from './ClaimCardView'

/** A one-line claim; rows are measured once drawn. */
const ESTIMATED_ROW_HEIGHT = 28
const OVERSCAN_ROWS = 8
/** Fixed column widths, so columns do not jump as different rows scroll into view. */
const CLAIM_COLUMN_PX = 260
const SOURCE_COLUMN_PX = 76

interface Props {
  cards: readonly BoardClaim[]
  board: Pick<BoardView, 'articles' | 'sources'>
  onOpenEvidence: (linkId: string) => void
}

export function EvidenceMatrix({ cards, board, onOpenEvidence }: Props) {
  const columns = useMemo(() => {
    const used = new Set<number>()
    for (const card of cards) for (const g of card.groups) used.add(g.source)
    return [...used].sort((a, b) => board.sources[a]!.label.localeCompare(board.sources[b]!.label))
  }, [cards, board])
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: cards.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    overscan: OVERSCAN_ROWS,
    getItemKey: (index) => cards[index]?.claim.id ?? index,
  })

  if (cards.length === 0) return <p className="placeholder">No claims to compare yet.</p>
  const rows = virtualizer.getVirtualItems()
  const spaceAbove = rows[0]?.start ?? 0
  const spaceBelow = virtualizer.getTotalSize() - (rows.at(-1)?.end ?? 0)
  const spacer = (height: number) =>
    height > 0 && (
      <tr aria-hidden="true" className="matrix-spacer">
        <td colSpan={columns.length + 1} style={{ height }} />
      </tr>
    )
  return (
    <div className="matrix-scroll" ref={scrollRef}>
      <table
        className="evidence-matrix"
        aria-label="Evidence matrix"
        aria-rowcount={cards.length + 1}
        style={{ width: CLAIM_COLUMN_PX + columns.length * SOURCE_COLUMN_PX }}
      >
        <colgroup>
          <col style={{ width: CLAIM_COLUMN_PX }} />
          {columns.map((source) => (
            <col key={source} style={{ width: SOURCE_COLUMN_PX }} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">Claim</th>
            {columns.map((source) => (
              <th key={source} scope="col">
                {board.sources[source]!.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {spacer(spaceAbove)}
          {rows.map((row) => {
            const card = cards[row.index]!
            const bySource = new Map<number, BoardSourceGroup>(card.groups.map((g) => [g.source, g]))
            return (
              <tr key={row.key} ref={virtualizer.measureElement} data-index={row.index} aria-rowindex={row.index + 2}>
                <th scope="row">{card.claim.text}</th>
                {columns.map((source) => {
                  const evidence = bySource.get(source)?.evidence ?? []
                  const first = evidence[0]
                  const label = board.sources[source]!.label
                  return (
                    <td key={source}>
                      {first && (
                        <button
                          type="button"
                          aria-label={`${label} on “${card.claim.text}”: ${evidence.map((e) => e.stance).join(', ')}`}
                          title={evidence.map((e) => `${e.stance}: “${e.quote}”`).join('\n')}
                          onClick={() => onOpenEvidence(first.linkId)}
                        >
                          {[...new Set(evidence.map((e) => STANCE_MARK[e.stance]))].join('')}
                        </button>
                      )}
                    </td>
                  )
                })}
              </tr>
            )
          })}
          {spacer(spaceBelow)}
        </tbody>
      </table>
    </div>
  )
}
