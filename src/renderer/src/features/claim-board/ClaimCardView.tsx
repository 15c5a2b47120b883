// One claim on the board: its status (derived, or the analyst's override), how many articles and
// independent sources back it, and its evidence grouped by source. Evidence can be dragged onto
// another card (or moved with the keyboard through "Move to"), regraded, or removed; every change
// can be undone.

import { useState } from 'react'
import { STATUS_LABELS } from '../../../../shared/claims/claim-status'
import { RELIABILITY_GRADES, STANCES, type ClaimCard, type ClaimStatus, type Credibility, type Reliability, type Stance } from '../../../../shared/model'
import type { Api } from '../../lib/api-client'
import type { UndoStack } from '../../lib/undo-stack'

export const STANCE_MARK: Record<Stance, string> = { supports: '✓', contradicts: '✗', context: '•' }
export const EVIDENCE_DRAG_TYPE = 'application/x-triangulate-evidence'
const STATUSES = Object.keys(STATUS_LABELS) as ClaimStatus[]

interface Props {
  onOpenSources: (evidence: { articleId: string; highlightId: string }[]) => void
  card: ClaimCard
  otherClaims: { id: string; text: string }[]
  api: Api
  undo: UndoStack
  run: (work: () => Promise<unknown>) => void
  onOpenEvidence: (articleId: string, highlightId: string) => void
}

export function ClaimCardView({ card, otherClaims, api, undo, run, onOpenEvidence, onOpenSources }: Props) {
  const { claim } = card
  const [editing, setEditing] = useState(false)
  const [dropping, setDropping] = useState(false)

  const moveEvidence = (linkId: string, claimId: string, label = 'Moved evidence') =>
    run(async () => {
      const { fromClaimId } = await api.moveEvidence({ linkId, claimId })
      if (fromClaimId !== claimId) undo.push({ label, undo: () => api.moveEvidence({ linkId, claimId: fromClaimId }) })
    })

  return (
    <li
      className={`claim-card status-${card.status}${dropping ? ' drop-target' : ''}`}
      aria-label={claim.text}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(EVIDENCE_DRAG_TYPE)) return
        e.preventDefault()
        setDropping(true)
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={(e) => {
        setDropping(false)
        const linkId = e.dataTransfer.getData(EVIDENCE_DRAG_TYPE)
        if (linkId) moveEvidence(linkId, claim.id)
      }}
    >
      {claim.tags.length > 0 && !editing && (
        <p className="claim-tags">
          {claim.tags.map((t) => (
            <span key={t} className="tag">
              {t}
            </span>
          ))}
        </p>
      )}
      {editing ? (
        <ClaimEditor card={card} onCancel={() => setEditing(false)} onSave={(edit) => run(async () => {
          const before = { text: claim.text, tags: claim.tags, statusOverride: claim.statusOverride }
          await api.updateClaim({ id: claim.id, ...edit })
          undo.push({ label: 'Edited claim', undo: () => api.updateClaim({ id: claim.id, ...before }) })
          setEditing(false)
        })} />
      ) : (
        <p className="claim-text">{claim.text}</p>
      )}
      <p className="claim-summary">
        <span className="status-badge" title={claim.statusOverride ? `Analyst's verdict: ${claim.statusOverride.reason} (evidence alone: ${STATUS_LABELS[card.derivedStatus]})` : undefined}>
          {STATUS_LABELS[card.status]}
          {claim.statusOverride && ' (analyst)'}
        </span>{' '}
        <span className="source-count">
          {card.articleCount} {card.articleCount === 1 ? 'article' : 'articles'}, {card.sourceCount} independent {card.sourceCount === 1 ? 'source' : 'sources'}
        </span>
      </p>
      {card.sources.map((group) => (
        <div key={group.sourceKey} className="source-group">
          <h3>
            {group.sourceLabel}
            {group.articleCount > 1 && <span className="copies"> ({group.articleCount} copies)</span>}
            <select
              aria-label={`Reliability of ${group.sourceLabel}`}
              title="Source reliability (Admiralty code A–F)"
              value={group.reliability ?? ''}
              onChange={(e) => run(() => api.gradeSource({ sourceKey: group.sourceKey, reliability: (e.target.value || null) as Reliability | null }))}
            >
              <option value="">–</option>
              {RELIABILITY_GRADES.map((g) => (
                <option key={g} value={g}>
                  {g}
                </option>
              ))}
            </select>
          </h3>
          <ul>
            {group.evidence.map((e) => (
              <li
                key={e.linkId}
                className={`evidence stance-${e.stance}`}
                draggable
                onDragStart={(event) => {
                  event.dataTransfer.setData(EVIDENCE_DRAG_TYPE, e.linkId)
                  event.dataTransfer.effectAllowed = 'move'
                }}
              >
                <select
                  className="stance-select"
                  aria-label={`Stance of “${e.highlight.exact}”`}
                  value={e.stance}
                  onChange={(event) => run(async () => {
                    const before = e.stance
                    await api.updateEvidence({ linkId: e.linkId, stance: event.target.value as Stance })
                    undo.push({ label: 'Changed stance', undo: () => api.updateEvidence({ linkId: e.linkId, stance: before }) })
                  })}
                >
                  {STANCES.map((s) => (
                    <option key={s} value={s}>
                      {STANCE_MARK[s]} {s}
                    </option>
                  ))}
                </select>
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
                <EvidenceNote
                  note={e.note}
                  label={`Note on “${e.highlight.exact}”`}
                  onSave={(note) =>
                    run(async () => {
                      const before = e.note
                      await api.updateEvidence({ linkId: e.linkId, note })
                      undo.push({ label: 'Edited evidence note', undo: () => api.updateEvidence({ linkId: e.linkId, note: before }) })
                    })
                  }
                />
                <div className="evidence-tools">
                  <select
                    aria-label={`Credibility of “${e.highlight.exact}”`}
                    title="Credibility (Admiralty code 1–6)"
                    value={e.credibility ?? ''}
                    onChange={(event) => run(() => api.updateEvidence({ linkId: e.linkId, credibility: event.target.value ? (Number(event.target.value) as Credibility) : null }))}
                  >
                    <option value="">–</option>
                    {[1, 2, 3, 4, 5, 6].map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </select>
                  <ClaimPicker label={`Move “${e.highlight.exact}” to claim`} prompt="Move to…" claims={otherClaims} onPick={(id) => moveEvidence(e.linkId, id)} />
                  <button
                    type="button"
                    className="unlink"
                    title="Split off into a new claim"
                    aria-label={`Split off into a new claim: ${e.highlight.exact}`}
                    onClick={() =>
                      run(async () => {
                        const split = await api.createClaim({ text: e.highlight.exact })
                        await api.moveEvidence({ linkId: e.linkId, claimId: split.id })
                        undo.push({
                          label: 'Split off evidence',
                          undo: async () => {
                            await api.moveEvidence({ linkId: e.linkId, claimId: claim.id })
                            await api.deleteClaim({ id: split.id })
                          },
                        })
                      })
                    }
                  >
                    ⤴
                  </button>
                  <button
                    type="button"
                    className="unlink"
                    aria-label={`Remove evidence: ${e.highlight.exact}`}
                    onClick={() => run(async () => {
                      const link = await api.unlinkEvidence({ linkId: e.linkId })
                      undo.push({ label: 'Removed evidence', undo: () => api.linkEvidence({ claimId: link.claimId, highlightId: link.highlightId, stance: link.stance }) })
                    })}
                  >
                    ×
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <div className="card-actions">
        {card.sources.length > 0 && (
          <button
            type="button"
            aria-label={`Open sources side by side: ${claim.text}`}
            title="Each source's evidence in its own reader, scrolled to the passage"
            onClick={() => onOpenSources(card.sources.map((g) => ({ articleId: g.evidence[0]!.highlight.articleId, highlightId: g.evidence[0]!.highlight.id })))}
          >
            Side by side
          </button>
        )}
        <button type="button" onClick={() => setEditing(true)} aria-label={`Edit claim: ${claim.text}`}>
          Edit
        </button>
        <ClaimPicker label={`Merge “${claim.text}” into`} prompt="Merge into…" claims={otherClaims} onPick={(intoId) => run(() => api.mergeClaims({ intoId, fromId: claim.id }))} />
        <button
          type="button"
          aria-label={`Delete claim: ${claim.text}`}
          onClick={() => run(async () => {
            const deleted = await api.deleteClaim({ id: claim.id })
            undo.push({ label: 'Deleted claim', undo: () => api.restoreClaim(deleted) })
          })}
        >
          Delete
        </button>
      </div>
    </li>
  )
}

/** The analyst's note on one piece of evidence: shown under it, edited in place. */
function EvidenceNote({ note, label, onSave }: { note: string; label: string; onSave: (note: string) => void }) {
  const [draft, setDraft] = useState<string | null>(null)
  if (draft === null) {
    return (
      <span className="evidence-note">
        {note}{' '}
        <button type="button" className="link-button" aria-label={`Edit ${label}`} onClick={() => setDraft(note)}>
          {note ? 'edit note' : 'add note'}
        </button>
      </span>
    )
  }
  return (
    <form
      className="evidence-note"
      onSubmit={(e) => {
        e.preventDefault()
        onSave(draft.trim())
        setDraft(null)
      }}
    >
      <input aria-label={label} value={draft} onChange={(e) => setDraft(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setDraft(null)} autoFocus />
    </form>
  )
}

/**
 * A one-shot choice of another claim (move evidence to it, merge into it). The list of claims is built
 * only when asked for: a board of 1,000 claims would otherwise carry a 1,000-option list per card and
 * per piece of evidence, millions of elements.
 */
function ClaimPicker({ label, prompt, claims, onPick }: { label: string; prompt: string; claims: { id: string; text: string }[]; onPick: (claimId: string) => void }) {
  const [open, setOpen] = useState(false)
  if (claims.length === 0) return null
  if (!open) {
    return (
      <button type="button" className="picker-button" aria-label={label} onClick={() => setOpen(true)}>
        {prompt}
      </button>
    )
  }
  return (
    <select
      aria-label={label}
      value=""
      autoFocus
      onBlur={() => setOpen(false)}
      onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
      onChange={(e) => {
        setOpen(false)
        if (e.target.value) onPick(e.target.value)
      }}
    >
      <option value="">{prompt}</option>
      {claims.map((c) => (
        <option key={c.id} value={c.id}>
          {c.text}
        </option>
      ))}
    </select>
  )
}

function ClaimEditor({ card, onSave, onCancel }: { card: ClaimCard; onSave: (edit: { text: string; tags: string[]; statusOverride: { status: ClaimStatus; reason: string } | null }) => void; onCancel: () => void }) {
  const [text, setText] = useState(card.claim.text)
  const [tags, setTags] = useState(card.claim.tags.join(', '))
  const [override, setOverride] = useState<ClaimStatus | ''>(card.claim.statusOverride?.status ?? '')
  const [reason, setReason] = useState(card.claim.statusOverride?.reason ?? '')
  return (
    <form
      className="claim-editor"
      onSubmit={(e) => {
        e.preventDefault()
        onSave({
          text: text.trim(),
          tags: [...new Set(tags.split(',').map((t) => t.trim()).filter(Boolean))],
          statusOverride: override ? { status: override, reason: reason.trim() } : null,
        })
      }}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <textarea aria-label="Claim statement" value={text} onChange={(e) => setText(e.target.value)} rows={2} autoFocus />
      <input aria-label="Claim tags" placeholder="tags, comma separated" value={tags} onChange={(e) => setTags(e.target.value)} />
      <label>
        Status
        <select aria-label="Status override" value={override} onChange={(e) => setOverride(e.target.value as ClaimStatus | '')}>
          <option value="">From the evidence ({STATUS_LABELS[card.derivedStatus]})</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]} (analyst)
            </option>
          ))}
        </select>
      </label>
      {override && <input aria-label="Reason for the override" placeholder="Why the evidence alone does not decide it" value={reason} onChange={(e) => setReason(e.target.value)} required />}
      <div className="popover-actions">
        <button type="submit" disabled={!text.trim() || (override !== '' && !reason.trim())}>
          Save
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
