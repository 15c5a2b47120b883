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
  const [groupBy, setGroupBy] = useState<'status' | 'tag'>('status')
  const [sortBy, setSortBy] = useState<'sources' | 'changed'>('sources')

  const words = filter.toLowerCase().split(/\s+/).filter(Boolean)
  const matches = (card: ClaimCard) => {
    const haystack = [card.claim.text, card.claim.tags.join(' '), STATUS_LABELS[card.status], ...card.sources.map((g) => g.sourceLabel), ...card.sources.flatMap((g) => g.evidence.map((e) => `${e.stance} ${e.highlight.exact}`))]
      .join(' ')
      .toLowerCase()
    return words.every((w) => haystack.includes(w))
  }
  const shown = cards
    .filter(matches)
    .sort((a, b) => (sortBy === 'sources' ? b.sourceCount - a.sourceCount || b.articleCount - a.articleCount : b.claim.updatedAt.localeCompare(a.claim.updatedAt)))
  const lanes: { key: string; title: string; cards: ClaimCard[] }[] =
    groupBy === 'status'
      ? LANES.map((status) => ({ key: status, title: STATUS_LABELS[status], cards: shown.filter((c) => c.status === status) }))
      : [
          ...[...new Set(shown.flatMap((c) => c.claim.tags))].sort().map((tag) => ({ key: `tag:${tag}`, title: `#${tag}`, cards: shown.filter((c) => c.claim.tags.includes(tag)) })),
          { key: 'untagged', title: 'Untagged', cards: shown.filter((c) => c.claim.tags.length === 0) },
        ]
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
        <select aria-label="Group claims by" value={groupBy} onChange={(e) => setGroupBy(e.target.value as 'status' | 'tag')}>
          <option value="status">By status</option>
          <option value="tag">By tag</option>
        </select>
        <select aria-label="Sort claims by" value={sortBy} onChange={(e) => setSortBy(e.target.value as 'sources' | 'changed')}>
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
        lanes.map((lane) => {
          if (lane.cards.length === 0) return null
          return (
            <section key={lane.key} className="lane" aria-label={`${lane.title} claims`}>
              <h3 className="lane-title">
                {lane.title} <span className="lane-count">{lane.cards.length}</span>
              </h3>
              <ul className="claim-cards" aria-label={`${lane.title} claims`}>
                {lane.cards.map((card) => (
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
