// The claim board: claims in lanes by status (or an evidence matrix), filtered by text, tag, source
// or status. Evidence opens its article in a reader, scrolled to the passage.

import { useState } from 'react'
import { STATUS_LABELS } from '../../../../shared/claims/claim-status'
import type { ClaimCard, ClaimStatus } from '../../../../shared/model'
import type { Api } from '../../lib/api-client'
import type { UndoStack } from '../../lib/undo-stack'
import { ClaimCardView } from './ClaimCardView'
import { EvidenceMatrix } from './EvidenceMatrix'

/** Lane order: what needs the analyst's attention first. */
const LANES: ClaimStatus[] = ['contested', 'contradicted', 'single-source', 'corroborated', 'no-evidence']

interface Props {
  cards: ClaimCard[]
  api: Api
  undo: UndoStack
  run: (work: () => Promise<unknown>) => void
  view: 'cards' | 'matrix'
  onViewChange: (view: 'cards' | 'matrix') => void
  onOpenEvidence: (articleId: string, highlightId: string) => void
  onOpenSources: (evidence: { articleId: string; highlightId: string }[]) => void
  onExportCsv: (claimIds: string[] | null) => void
}

export function ClaimBoard({ cards, api, undo, run, view, onViewChange, onOpenEvidence, onOpenSources, onExportCsv }: Props) {
  const [draft, setDraft] = useState<string | null>(null)
  const [filter, setFilter] = useState('')

  const words = filter.toLowerCase().split(/\s+/).filter(Boolean)
  const matches = (card: ClaimCard) => {
    const haystack = [card.claim.text, card.claim.tags.join(' '), STATUS_LABELS[card.status], ...card.sources.map((g) => g.sourceLabel), ...card.sources.flatMap((g) => g.evidence.map((e) => `${e.stance} ${e.highlight.exact}`))]
      .join(' ')
      .toLowerCase()
    return words.every((w) => haystack.includes(w))
  }
  const shown = cards.filter(matches)
  const others = (id: string) => cards.filter((c) => c.claim.id !== id).map((c) => ({ id: c.claim.id, text: c.claim.text }))

  return (
    <>
      <header className="board-header">
        <h2>Claims</h2>
        <div className="board-actions">
          <button type="button" onClick={() => setDraft('')}>
            New claim
          </button>
          <button type="button" onClick={() => onExportCsv(filter ? shown.map((c) => c.claim.id) : null)} title={filter ? 'Exports the claims the filter shows' : 'Exports every claim'}>
            Export CSV
          </button>
        </div>
      </header>
      <div className="board-controls">
        <input type="search" aria-label="Filter claims" placeholder="Filter: text, tag, source, status, stance" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <div role="group" aria-label="Board view" className="view-switch">
          <button type="button" aria-pressed={view === 'cards'} onClick={() => onViewChange('cards')}>
            Cards
          </button>
          <button type="button" aria-pressed={view === 'matrix'} onClick={() => onViewChange('matrix')}>
            Matrix
          </button>
        </div>
      </div>
      {draft !== null && (
        <form
          className="new-claim"
          onSubmit={(e) => {
            e.preventDefault()
            const text = draft.trim()
            if (!text) return
            run(async () => {
              const claim = await api.createClaim({ text })
              undo.push({ label: 'Created claim', undo: () => api.deleteClaim({ id: claim.id }) })
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
      {view === 'matrix' ? (
        <EvidenceMatrix cards={shown} onOpenEvidence={onOpenEvidence} />
      ) : (
        LANES.map((status) => {
          const lane = shown.filter((c) => c.status === status)
          if (lane.length === 0) return null
          return (
            <section key={status} className="lane" aria-label={`${STATUS_LABELS[status]} claims`}>
              <h3 className="lane-title">
                {STATUS_LABELS[status]} <span className="lane-count">{lane.length}</span>
              </h3>
              <ul className="claim-cards" aria-label={`${STATUS_LABELS[status]} claims`}>
                {lane.map((card) => (
                  <ClaimCardView key={card.claim.id} card={card} otherClaims={others(card.claim.id)} api={api} undo={undo} run={run} onOpenEvidence={onOpenEvidence} onOpenSources={onOpenSources} />
                ))}
              </ul>
            </section>
          )
        })
      )}
    </>
  )
}
