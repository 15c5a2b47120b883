// The claim board: every claim with its evidence grouped by source, how many independent sources
// back it and its derived status. Evidence opens its article in a reader, scrolled to the passage.

import { useState } from 'react'
import { STATUS_LABELS } from '../../../../shared/claims/claim-status'
import type { ClaimCard, Stance } from '../../../../shared/model'

interface Props {
  cards: ClaimCard[]
  onOpenEvidence: (articleId: string, highlightId: string) => void
  onCreateClaim: (text: string) => Promise<void>
  onUnlink: (linkId: string) => void
  onExportCsv: () => void
}

const STANCE_MARK: Record<Stance, string> = { supports: '✓', contradicts: '✗', context: '•' }

export function ClaimBoard({ cards, onOpenEvidence, onCreateClaim, onUnlink, onExportCsv }: Props) {
  const [draft, setDraft] = useState<string | null>(null)

  return (
    <>
      <header className="board-header">
        <h2>Claims</h2>
        <div className="board-actions">
          <button type="button" onClick={() => setDraft('')}>
            New claim
          </button>
          <button type="button" onClick={onExportCsv}>
            Export CSV
          </button>
        </div>
      </header>
      {draft !== null && (
        <form
          className="new-claim"
          onSubmit={async (e) => {
            e.preventDefault()
            if (!draft.trim()) return
            await onCreateClaim(draft.trim())
            setDraft(null)
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
      {cards.length === 0 && draft === null && (
        <p className="placeholder">No claims yet. Select a passage in a reader and tag it to a claim.</p>
      )}
      <ul className="claim-cards" aria-label="Claims">
        {cards.map((card) => (
          <li key={card.claim.id} className={`claim-card status-${card.status}`} aria-label={card.claim.text}>
            <p className="claim-text">{card.claim.text}</p>
            <p className="claim-summary">
              <span className="status-badge">{STATUS_LABELS[card.status]}</span>{' '}
              <span className="source-count">
                {card.sourceCount} {card.sourceCount === 1 ? 'source' : 'sources'}
              </span>
            </p>
            {card.sources.map((group) => (
              <div key={group.sourceKey} className="source-group">
                <h3>{group.sourceLabel}</h3>
                <ul>
                  {group.evidence.map((e) => (
                    <li key={e.linkId} className={`evidence stance-${e.stance}`}>
                      <span className="stance-mark" aria-label={e.stance} title={e.stance}>
                        {STANCE_MARK[e.stance]}
                      </span>
                      <button
                        type="button"
                        className="evidence-quote"
                        aria-label={`Open evidence: ${e.highlight.exact}`}
                        title={`${e.articleTitle}: open in a reader`}
                        onClick={() => onOpenEvidence(e.highlight.articleId, e.highlight.id)}
                      >
                        “{e.highlight.exact}”
                        {e.highlight.orphaned && <span className="orphan-badge"> (orphaned: not in the current text)</span>}
                      </button>
                      <button type="button" className="unlink" aria-label={`Remove evidence: ${e.highlight.exact}`} onClick={() => onUnlink(e.linkId)}>
                        ×
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </li>
        ))}
      </ul>
    </>
  )
}
