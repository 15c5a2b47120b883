// The popover shown over a fresh selection: tag it to a new or existing claim, with a stance, or
// keep it as a plain highlight. Type-ahead narrows the existing claims; Enter creates, Escape closes.

import { useEffect, useMemo, useRef, useState } from 'react'
import type { Claim, Stance } from '../../../../shared/model'
import { STANCES } from '../../../../shared/model'

export interface HighlightDetails {
  tags: string[]
  note: string
}

interface Props {
  quote: string
  claims: Claim[]
  position: { top: number; left: number }
  onCreateClaim: (text: string, stance: Stance, details: HighlightDetails) => void
  onAddToClaim: (claimId: string, stance: Stance, details: HighlightDetails) => void
  onHighlightOnly: (details: HighlightDetails) => void
  onCancel: () => void
}

/** Existing claims listed at once: enough to pick from, short enough to fit under the selection. */
const MAX_SUGGESTIONS = 6

export function TagPopover({ quote, claims, position, onCreateClaim, onAddToClaim, onHighlightOnly, onCancel }: Props) {
  const [text, setText] = useState(quote)
  const [stance, setStance] = useState<Stance>('supports')
  const [tags, setTags] = useState('')
  const [note, setNote] = useState('')
  const details = (): HighlightDetails => ({
    tags: [...new Set(tags.split(',').map((t) => t.trim()).filter(Boolean))],
    note: note.trim(),
  })
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => input.current?.select(), [])

  const matches = useMemo(() => {
    const words = text.toLowerCase().split(/\s+/).filter((w) => w.length > 2)
    const score = (c: Claim) => words.filter((w) => c.text.toLowerCase().includes(w)).length
    return [...claims]
      .map((c) => ({ claim: c, score: score(c) }))
      .sort((a, b) => b.score - a.score || b.claim.updatedAt.localeCompare(a.claim.updatedAt))
      .slice(0, MAX_SUGGESTIONS)
      .map((m) => m.claim)
  }, [claims, text])

  return (
    <div
      role="dialog"
      aria-label="Tag selection"
      className="tag-popover"
      style={{ top: position.top, left: position.left }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          onCancel()
        }
      }}
    >
      <blockquote className="popover-quote">{quote.length > 160 ? `${quote.slice(0, 160)}…` : quote}</blockquote>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (text.trim()) onCreateClaim(text.trim(), stance, details())
        }}
      >
        <label>
          Claim
          <input ref={input} aria-label="Claim" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <label>
          Stance
          <select aria-label="Stance" value={stance} onChange={(e) => setStance(e.target.value as Stance)}>
            {STANCES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tags
          <input aria-label="Tags" placeholder="for the claim, comma separated" value={tags} onChange={(e) => setTags(e.target.value)} />
        </label>
        <label>
          Note
          <input aria-label="Note" value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <div className="popover-actions">
          <button type="submit" disabled={!text.trim()}>
            Create claim
          </button>
          <button type="button" onClick={() => onHighlightOnly(details())}>
            Highlight only
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
      {matches.length > 0 && (
        <ul className="claim-suggestions" aria-label="Existing claims">
          {matches.map((c) => (
            <li key={c.id}>
              <button type="button" aria-label={`Add to claim: ${c.text}`} onClick={() => onAddToClaim(c.id, stance, details())}>
                {c.text}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
