// One claim on the board: its status (derived, or the analyst's override), how many articles and
// independent sources back it, and its evidence grouped by source. A long card shows its first few
// pieces of evidence and a "Show all" button: a card of 40 quotes would otherwise fill the lane and
// cost 40 rows of controls. Evidence can be dragged onto another card (or moved with the keyboard
// through "Move to"), regraded, or removed; every change can be undone.

import { ClaimDatesLine } from '../timeline/ClaimDatesLine'
import { useState } from 'react'
import { parseTagList } from '../../../../shared/claims/tag-list'
import type { BoardClaim, BoardEvidence, BoardView } from '../../../../shared/claims/board-view'
import { STATUS_LABELS } from '../../../../shared/claims/claim-status'
import { evidenceCountOf } from '../../../../shared/claims/first-screen-board'
import { describeCounts, describeGroup } from '../../../../shared/provenance/claim-origins'
import { RELIABILITY_GRADES, STANCES, type ClaimStatus, type Credibility, type Reliability, type Stance } from '../../../../shared/model'
import type { Api } from '../../lib/api-client'
import { CREDIBILITY_MEANING, credibilityTitle, RELIABILITY_MEANING, reliabilityTitle } from './admiralty-grades'
import { focusCardWhenShown, neighbourCardLabel } from './card-focus'
import type { CardPlacement } from './ClaimLane'
import { ClaimFiguresView } from '../figures/ClaimFiguresView'
import { LazySelect, type Choice } from './LazySelect'

export const STANCE_MARK: Record<Stance, string> = { supports: '✓', contradicts: '✗', context: '•' }
export const EVIDENCE_DRAG_TYPE = 'application/x-triangulate-evidence'
const STATUSES = Object.keys(STATUS_LABELS) as ClaimStatus[]
/** Evidence a collapsed card shows: enough to judge the claim at a glance. */
export const EVIDENCE_SHOWN_COLLAPSED = 3

// The pickers' choices, built once: each card shows only the chosen one until a picker is opened.
const CREDIBILITY_GRADES: readonly Credibility[] = [1, 2, 3, 4, 5, 6]
const NOT_GRADED: Choice = { value: '', label: '–', title: 'not graded', spoken: 'not graded' }
const RELIABILITY_CHOICES: readonly Choice[] = [NOT_GRADED, ...RELIABILITY_GRADES.map((g) => ({ value: g, label: g, title: RELIABILITY_MEANING[g] }))]
const CREDIBILITY_CHOICES: readonly Choice[] = [NOT_GRADED, ...CREDIBILITY_GRADES.map((n) => ({ value: String(n), label: String(n), title: CREDIBILITY_MEANING[n] }))]
const STANCE_CHOICES: readonly Choice[] = STANCES.map((s) => ({ value: s, label: `${STANCE_MARK[s]} ${s}`, spoken: s }))

export interface ClaimChoice {
  id: string
  text: string
}

interface Props {
  card: BoardClaim
  board: Pick<BoardView, 'articles' | 'sources' | 'partial'>
  placement: CardPlacement
  expanded: boolean
  onExpandedChange: (claimId: string, expanded: boolean) => void
  /** Every claim, asked for only when a picker opens. */
  claimChoices: () => readonly ClaimChoice[]
  api: Api
  run: (work: () => Promise<unknown>) => void
  onMoveEvidence: (linkId: string, claimId: string) => void
  onOpenEvidence: (linkId: string) => void
  onOpenSources: (linkIds: string[]) => void
}

export function ClaimCardView(props: Props) {
  return props.card.outline ? <OutlineCard card={props.card} placement={props.placement} /> : <WholeCard {...props} />
}

/** Where a card sits in its virtualised lane: its measuring ref, its place in the list for assistive technology, its offset. */
function placementAttributes(placement: CardPlacement) {
  return { ref: placement.ref, 'data-index': placement.index, 'aria-posinset': placement.index + 1, 'aria-setsize': placement.setSize, style: placement.style }
}

/**
 * A card the first screen carries as an outline (past the top of its lane): its statement and counts,
 * marked busy until the full board, asked for as soon as the first screen is drawn, brings the rest.
 */
function OutlineCard({ card, placement }: Pick<Props, 'card' | 'placement'>) {
  return (
    <li {...placementAttributes(placement)} className={`claim-card status-${card.status}`} aria-label={card.claim.text} aria-busy="true" tabIndex={-1}>
      <p className="claim-text">{card.claim.text}</p>
      <p className="claim-summary">
        <span className="status-badge">
          {STATUS_LABELS[card.status]}
          {card.claim.statusOverride && ' (analyst)'}
        </span>{' '}
        <span className="source-count">{describeCounts(card.articleCount, card.outlets, card.sourceCount)}</span>
      </p>
      <p className="placeholder">Loading its {evidenceCountOf(card) === 1 ? 'one piece' : `${evidenceCountOf(card)} pieces`} of evidence…</p>
    </li>
  )
}

function WholeCard({ card, board, placement, expanded, onExpandedChange, claimChoices, api, run, onMoveEvidence, onOpenEvidence, onOpenSources }: Props) {
  const { claim } = card
  const [editing, setEditing] = useState(false)
  const [dropping, setDropping] = useState(false)
  const evidenceCount = evidenceCountOf(card)
  const otherClaims = () => claimChoices().filter((c) => c.id !== claim.id)
  const canPick = claimChoices().length > 1
  const articleOf = (e: BoardEvidence) => board.articles[e.article]!
  // Accepting a figure (or clearing it) is a command of the service: Ctrl+Z puts back the one before.
  const acceptFigure = (figure: { linkId: string; index: number } | null, reason: string) => api.setClaimFigure({ claimId: claim.id, figure, reason })

  // Groups cut to the collapsed budget, in order: a group past it is not drawn at all.
  // A first-screen board carries only a collapsed card's evidence: "Show all" shows the rest when the
  // full board (asked for as soon as the first screen is drawn) arrives.
  let budget = expanded && !board.partial ? Infinity : EVIDENCE_SHOWN_COLLAPSED
  const shownGroups = card.groups.flatMap((group) => {
    if (budget <= 0) return []
    const evidence = group.evidence.slice(0, budget)
    budget -= evidence.length
    return [{ group, source: board.sources[group.source]!, evidence }]
  })

  return (
    <li
      {...placementAttributes(placement)}
      className={`claim-card status-${card.status}${dropping ? ' drop-target' : ''}`}
      aria-label={claim.text}
      tabIndex={-1}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(EVIDENCE_DRAG_TYPE)) return
        e.preventDefault()
        setDropping(true)
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={(e) => {
        setDropping(false)
        const linkId = e.dataTransfer.getData(EVIDENCE_DRAG_TYPE)
        if (linkId) onMoveEvidence(linkId, claim.id)
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
        <ClaimEditor
          card={card}
          onCancel={() => setEditing(false)}
          onSave={(edit) =>
            run(async () => {
              await api.updateClaim({ id: claim.id, ...edit })
              setEditing(false)
            })
          }
        />
      ) : (
        <p className="claim-text">{claim.text}</p>
      )}
      <p className="claim-summary">
        <span
          className="status-badge"
          title={claim.statusOverride ? `Analyst's verdict: ${claim.statusOverride.reason} (evidence alone: ${STATUS_LABELS[card.derivedStatus]})` : undefined}
        >
          {STATUS_LABELS[card.status]}
          {claim.statusOverride && ' (analyst)'}
        </span>{' '}
        <span className="source-count">
          {describeCounts(card.articleCount, card.outlets, card.sourceCount)}
          {card.groups.length > 0 &&
            `: ${card.groups.map((g) => describeGroup({ label: board.sources[g.source]!.label, articles: Array.from({ length: g.articleCount }), copies: g.copies })).join(', ')}`}
        </span>
      </p>
      <ClaimFiguresView
        card={card}
        board={board}
        onAccept={(figure, reason) => run(() => acceptFigure(figure, reason))}
        onClear={() => run(() => acceptFigure(null, ''))}
      />
      <ClaimDatesLine card={card} board={board} api={api} run={run} />
      {card.entities && card.entities.length > 0 && (
        <p className="claim-entities" aria-label="Entities mentioned">
          {card.entities.join(' · ')}
        </p>
      )}
      {shownGroups.map(({ group, source, evidence }) => (
        <div key={group.source} className="source-group">
          <h3>
            {source.label}
            {group.articleCount > 1 && <span className="copies"> ({group.articleCount} articles, one origin)</span>}
            {group.overridden && (
              <span className="copies" title="An analyst split or joined this origin group">
                {' '}
                (analyst)
              </span>
            )}
            <LazySelect
              label={`Reliability of ${source.label}`}
              title={reliabilityTitle(source.reliability)}
              value={source.reliability ?? ''}
              choices={RELIABILITY_CHOICES}
              onChoose={(grade) => run(() => api.gradeSource({ sourceKey: source.key, reliability: (grade || null) as Reliability | null }))}
            />
          </h3>
          <ul>
            {evidence.map((e) => (
              <li
                key={e.linkId}
                className={`evidence stance-${e.stance}`}
                draggable
                onDragStart={(event) => {
                  event.dataTransfer.setData(EVIDENCE_DRAG_TYPE, e.linkId)
                  event.dataTransfer.effectAllowed = 'move'
                }}
              >
                <LazySelect
                  className="stance-select"
                  label={`Stance of “${e.quote}”`}
                  title={`Stance: ${e.stance}`}
                  value={e.stance}
                  choices={STANCE_CHOICES}
                  onChoose={(stance) => run(() => api.updateEvidence({ linkId: e.linkId, stance: stance as Stance }))}
                />
                <button
                  type="button"
                  className="evidence-quote"
                  aria-label={`Open evidence: ${e.quote}`}
                  title={`${articleOf(e).title}: open in a reader`}
                  onClick={() => onOpenEvidence(e.linkId)}
                >
                  “{e.quote}”{e.orphaned && <span className="orphan-badge"> (orphaned: not in the current text)</span>}
                </button>
                <span className="origin-chain">
                  {e.chain ?? board.sources[articleOf(e).source]!.label} ({articleOf(e).outlet ?? articleOf(e).title})
                </span>
                <EvidenceNote note={e.note ?? ''} label={`Note on “${e.quote}”`} onSave={(note) => run(() => api.updateEvidence({ linkId: e.linkId, note }))} />
                <div className="evidence-tools">
                  <LazySelect
                    label={`Credibility of “${e.quote}”`}
                    title={credibilityTitle(e.credibility)}
                    value={e.credibility ? String(e.credibility) : ''}
                    choices={CREDIBILITY_CHOICES}
                    onChoose={(grade) => run(() => api.updateEvidence({ linkId: e.linkId, credibility: grade ? (Number(grade) as Credibility) : null }))}
                  />
                  {canPick && (
                    <ClaimPicker label={`Move to another claim: “${e.quote}”`} prompt="Move to…" claims={otherClaims} onPick={(id) => onMoveEvidence(e.linkId, id)} />
                  )}
                  <button
                    type="button"
                    className="unlink split-off"
                    title="Split off into a new claim"
                    aria-label={`Split off into a new claim: ${e.quote}`}
                    onClick={() => {
                      // The new claim's card (named after the quote) takes the focus, once drawn.
                      focusCardWhenShown(e.quote)
                      run(() => api.splitEvidence({ linkId: e.linkId }))
                    }}
                  >
                    Split off
                  </button>
                  <button
                    type="button"
                    className="unlink remove"
                    aria-label={`Remove evidence: ${e.quote}`}
                    title="Remove this evidence from the claim (the highlight stays; Ctrl+Z puts it back)"
                    onClick={() => run(() => api.unlinkEvidence({ linkId: e.linkId }))}
                  >
                    Remove
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {evidenceCount > EVIDENCE_SHOWN_COLLAPSED && (
        <button type="button" className="link-button show-all" aria-expanded={expanded} onClick={() => onExpandedChange(claim.id, !expanded)}>
          {expanded ? 'Show fewer' : `Show all ${evidenceCount}`}
        </button>
      )}
      <div className="card-actions">
        {card.groups.length > 0 && (
          <button
            type="button"
            aria-label={`Open sources side by side: ${claim.text}`}
            title="Each article's account in its own reader, scrolled to the passage (articles of one origin too: they are what is compared)"
            onClick={() => onOpenSources(firstEvidencePerArticle(card.groups.flatMap((g) => g.evidence)))}
          >
            Side by side
          </button>
        )}
        <button type="button" onClick={() => setEditing(true)} aria-label={`Edit claim: ${claim.text}`}>
          Edit
        </button>
        {canPick && (
          <ClaimPicker
            label={`Merge into another claim: “${claim.text}”`}
            prompt="Merge into…"
            claims={otherClaims}
            onPick={(intoId) => run(() => api.mergeClaims({ intoId, fromId: claim.id }))}
          />
        )}
        <button
          type="button"
          aria-label={`Delete claim: ${claim.text}`}
          onClick={(event) => {
            // The next card takes the focus, once this one is gone.
            focusCardWhenShown(neighbourCardLabel(event.currentTarget))
            run(() => api.deleteClaim({ id: claim.id }))
          }}
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
        <button type="button" className="link-button" aria-label={`${note ? 'Edit' : 'Add'} ${label.replace(/^Note/, 'note')}`} onClick={() => setDraft(note)}>
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
function ClaimPicker({ label, prompt, claims, onPick }: { label: string; prompt: string; claims: () => readonly ClaimChoice[]; onPick: (claimId: string) => void }) {
  const [open, setOpen] = useState(false)
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
      {claims().map((c) => (
        <option key={c.id} value={c.id}>
          {c.text}
        </option>
      ))}
    </select>
  )
}

function ClaimEditor({
  card,
  onSave,
  onCancel,
}: {
  card: BoardClaim
  onSave: (edit: { text: string; tags: string[]; statusOverride: { status: ClaimStatus; reason: string } | null }) => void
  onCancel: () => void
}) {
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
          tags: parseTagList(tags),
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
      {override && (
        <input
          aria-label="Reason for the override"
          placeholder="Why the evidence alone does not decide it"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
        />
      )}
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

/** The first piece of evidence of each article, in the card's order: one reader per account. */
function firstEvidencePerArticle(evidence: readonly BoardEvidence[]): string[] {
  const seen = new Set<number>()
  return evidence.filter((e) => !seen.has(e.article) && seen.add(e.article)).map((e) => e.linkId)
}
