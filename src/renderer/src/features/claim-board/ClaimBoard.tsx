// The claim board: claims in lanes by status or by tag, sorted, and filtered by text, tag, source,
// stance or status. Its "Matrix" button opens the evidence matrix, a view of its own (MatrixView)
// drawn over the work area. Evidence opens its article in a reader, scrolled to the
// passage. Evidence dragged to another claim moves on screen at once; the service stores it and the
// move can be undone (as every change: the service keeps the history).

import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { claimSearchText, filterWords, matchesFilter } from '../../../../shared/claims/board-filter'
import type { BoardClaim, BoardView } from '../../../../shared/claims/board-view'
import { lanesOf, sortCards, type BoardGrouping, type BoardSorting } from '../../../../shared/claims/board-lanes'
import { filterNeedsFullBoard } from '../../../../shared/claims/first-screen-board'
import { MAX_PANES } from '../../../../shared/model'
import type { Api } from '../../lib/api-client'
import { ClaimCardView, type ClaimChoice } from './ClaimCardView'
import { GradeLegend } from './admiralty-grades'
import { ClaimLane } from './ClaimLane'
import { claimOfLinks, type PendingMoves, unsettledMoves, withMoves } from './pending-moves'

const NO_MOVES: PendingMoves = new Map()

interface Actions {
  run: (work: () => Promise<unknown>) => void
  onViewChange: (view: 'cards' | 'matrix') => void
  onOpenEvidence: (articleId: string, highlightId: string) => void
  onOpenSources: (evidence: { articleId: string; highlightId: string }[]) => void
  onExportCsv: (claimIds: string[] | null) => void
  onError: (message: string) => void
}

interface Props extends Actions {
  board: BoardView
  api: Api
  view: 'cards' | 'matrix'
}

/**
 * The workbench re-renders on every reader change, with new callbacks each time; the board hands its
 * body stand-ins that call the latest ones, so the body redraws only when the board or view changes
 * (opening evidence would otherwise redraw every card and matrix row on screen).
 */
export function ClaimBoard({ board, api, view, ...actions }: Props) {
  const latest = useRef(actions)
  latest.current = actions
  const stable = useMemo<Actions>(
    () => ({
      run: (work) => latest.current.run(work),
      onViewChange: (v) => latest.current.onViewChange(v),
      onOpenEvidence: (articleId, highlightId) => latest.current.onOpenEvidence(articleId, highlightId),
      onOpenSources: (evidence) => latest.current.onOpenSources(evidence),
      onExportCsv: (claimIds) => latest.current.onExportCsv(claimIds),
      onError: (message) => latest.current.onError(message),
    }),
    [],
  )
  return <BoardBody board={board} api={api} view={view} {...stable} />
}

const BoardBody = memo(function BoardBody({ board, api, run, view, onViewChange, onOpenEvidence, onOpenSources, onExportCsv, onError }: Props) {
  const [draft, setDraft] = useState<string | null>(null)
  const [filter, setFilter] = useState('')
  const [groupBy, setGroupBy] = useState<BoardGrouping>('status')
  const [sortBy, setSortBy] = useState<BoardSorting>('sources')
  // Kept here, not in the card: a card scrolled out of view is unmounted and would forget it.
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set())
  const [moves, setMoves] = useState<PendingMoves>(NO_MOVES)

  const owner = useMemo(() => claimOfLinks(board), [board])
  useEffect(() => setMoves((current) => unsettledMoves(current, owner)), [owner])
  const cards = useMemo(() => withMoves(board, moves, owner), [board, moves, owner])

  // Lower-cased once per card (and again only for a card that changed), not on every keystroke.
  const searchText = useMemo(() => {
    const cache = new WeakMap<BoardClaim, string>()
    return (card: BoardClaim) => {
      let text = cache.get(card)
      // A first-screen card carries its whole card's text (its evidence is cut to what it draws).
      if (text === undefined) cache.set(card, (text = card.searchText ?? claimSearchText(card, board)))
      return text
    }
  }, [board])
  const words = useMemo(() => filterWords(filter), [filter])
  // A first screen's outlines carry no filter text: a filter typed before the full board arrives
  // applies when it does (asked for as soon as the first screen is drawn).
  const filterWaits = words.length > 0 && filterNeedsFullBoard(board)
  const shown = useMemo(
    () =>
      sortCards(
        // No filter: every card, without building 1,000 cards' filter text for it.
        words.length === 0 || filterWaits ? cards : cards.filter((card) => matchesFilter(searchText(card), words)),
        sortBy,
      ),
    [cards, searchText, words, filterWaits, sortBy],
  )
  const lanes = useMemo(() => lanesOf(shown, groupBy), [shown, groupBy])
  const choices = useMemo<ClaimChoice[]>(() => board.claims.map((c) => ({ id: c.claim.id, text: c.claim.text })), [board])
  const claimChoices = useCallback(() => choices, [choices])

  const ownerRef = useRef(owner)
  ownerRef.current = owner
  const setMove = (linkId: string, claimId: string | null) =>
    setMoves((current) => {
      const next = new Map(current)
      if (claimId === null) next.delete(linkId)
      else next.set(linkId, claimId)
      return next
    })
  /** Shows the move at once; the service's refusal puts the evidence back and says why. */
  const moveEvidence = (linkId: string, claimId: string) => {
    const from = moves.get(linkId) ?? ownerRef.current.get(linkId)
    if (!from || from === claimId) return
    // A first-screen board cannot regroup the two cards (it lacks their other evidence): the move is
    // shown when the service's answer comes, as the full board (fetched at once) would show it.
    if (board.partial) return run(() => api.moveEvidence({ linkId, claimId }))
    setMove(linkId, claimId)
    run(async () => {
      try {
        await api.moveEvidence({ linkId, claimId })
      } catch (error) {
        setMove(linkId, null)
        throw error
      }
    })
  }
  // The board carries no highlight ids (see board-view): the passage to open is asked for on the click.
  const passageOf = async (linkId: string) => {
    const { highlight } = await api.getEvidence({ linkId })
    return { articleId: highlight.articleId, highlightId: highlight.id }
  }
  const openEvidence = (linkId: string) =>
    passageOf(linkId).then(
      (p) => onOpenEvidence(p.articleId, p.highlightId),
      (e: Error) => onError(e.message),
    )
  // Only as many as there are reader panes to show them in.
  const openSources = (linkIds: string[]) => Promise.all(linkIds.slice(0, MAX_PANES).map(passageOf)).then(onOpenSources, (e: Error) => onError(e.message))
  const toggleExpanded = useCallback(
    (claimId: string, open: boolean) =>
      setExpanded((current) => {
        const next = new Set(current)
        if (open) next.add(claimId)
        else next.delete(claimId)
        return next
      }),
    [],
  )

  return (
    <>
      <header className="board-header">
        <h2>Claims</h2>
        <div className="board-actions">
          <button type="button" onClick={() => setDraft('')}>
            New claim
          </button>
          <button
            type="button"
            disabled={filterWaits}
            onClick={() => onExportCsv(filter ? shown.map((c) => c.claim.id) : null)}
            title={filter ? 'Exports the claims the filter shows' : 'Exports every claim'}
          >
            Export CSV
          </button>
        </div>
      </header>
      <div className="board-controls">
        <input type="search" aria-label="Filter claims" placeholder="Text, tag, source, status" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <select aria-label="Group claims by" value={groupBy} onChange={(e) => setGroupBy(e.target.value as BoardGrouping)}>
          <option value="status">By status</option>
          <option value="tag">By tag</option>
        </select>
        <select aria-label="Sort claims by" value={sortBy} onChange={(e) => setSortBy(e.target.value as BoardSorting)}>
          <option value="sources">Most sources</option>
          <option value="changed">Last changed</option>
        </select>
        <div role="group" aria-label="Board view" className="view-switch">
          <button type="button" aria-pressed={view === 'cards'} onClick={() => onViewChange('cards')}>
            Cards
          </button>
          <button type="button" aria-pressed={view === 'matrix'} onClick={() => onViewChange('matrix')}>
            Matrix
          </button>
        </div>
      </div>
      <GradeLegend />
      {filter && (
        <p className="filter-count" role="status" aria-label="Claims shown">
          {filterWaits ? 'Filtering once the evidence of every claim has loaded…' : `${shown.length} of ${cards.length} claims`}
        </p>
      )}
      {draft !== null && (
        <form
          className="new-claim"
          onSubmit={(e) => {
            e.preventDefault()
            const text = draft.trim()
            if (!text) return
            run(async () => {
              await api.createClaim({ text })
              setDraft(null)
            })
          }}
        >
          <input
            autoFocus
            aria-label="Claim statement"
            placeholder="e.g. Officials met in Baku on July 12"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setDraft(null)}
          />
          <button type="submit" disabled={!draft.trim()}>
            Save claim
          </button>
        </form>
      )}
      {cards.length === 0 && draft === null && <p className="placeholder">No claims yet. Select a passage in a reader and tag it to a claim.</p>}
      {lanes.map((lane) => (
        <ClaimLane
          key={lane.key}
          title={lane.title}
          cards={lane.cards}
          renderCard={(card, placement) => (
            <ClaimCardView
              key={card.claim.id}
              card={card}
              board={board}
              placement={placement}
              expanded={expanded.has(card.claim.id)}
              onExpandedChange={toggleExpanded}
              claimChoices={claimChoices}
              api={api}
              run={run}
              onMoveEvidence={moveEvidence}
              onOpenEvidence={openEvidence}
              onOpenSources={openSources}
            />
          )}
        />
      ))}
    </>
  )
})
