// The popover shown over a fresh selection: tag it to a new or existing claim, with a stance, or
// keep it as a plain highlight. Type-ahead narrows the existing claims; Enter creates, Escape closes.

import { useEffect, useMemo, useRef, useState } from 'react'
import type { StanceSuggestion } from '../../../../shared/figures/compare-figures'
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
  /** Whether the selection's figures contradict a claim's (issue 20): the stance picker suggests it. */
  suggestStance?: (claimId: string) => Promise<StanceSuggestion | null>
}

/** Existing claims listed at once: enough to pick from, short enough to fit under the selection. */
const MAX_SUGGESTIONS = 6

export function TagPopover({ quote, claims, position, onCreateClaim, onAddToClaim, onHighlightOnly, onCancel, suggestStance }: Props) {
  const [text, setText] = useState(quote)
  const [stance, setStanceState] = useState<Stance>('supports')
  const stanceTouched = useRef(false)
  const setStance = (s: Stance) => {
    stanceTouched.current = true
    setStanceState(s)
  }
  const [suggestions, setSuggestions] = useState<ReadonlyMap<string, StanceSuggestion>>(new Map())
  const [tags, setTags] = useState('')
  const [note, setNote] = useState('')
  const details = (): HighlightDetails => ({
    tags: [
      ...new Set(
        tags
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ],
    note: note.trim(),
  })
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => input.current?.select(), [])

  const matches = useMemo(() => {
    const words = text
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w.length > 2)
    const score = (c: Claim) => words.filter((w) => c.text.toLowerCase().includes(w)).length
    return [...claims]
      .map((c) => ({ claim: c, score: score(c) }))
      .sort((a, b) => b.score - a.score || b.claim.updatedAt.localeCompare(a.claim.updatedAt))
      .slice(0, MAX_SUGGESTIONS)
      .map((m) => m.claim)
  }, [claims, text])

  // The listed claims whose figures the selection contradicts; the best match's suggestion sets the
  // stance picker, unless the analyst chose a stance already.
  const listed = matches.map((c) => c.id).join(' ')
  useEffect(() => {
    if (!suggestStance || !listed) return
    let live = true
    const ids = listed.split(' ')
    Promise.all(
      ids.map((id) =>
        suggestStance(id).then(
          (s) => [id, s] as const,
          () => [id, null] as const,
        ),
      ),
    ).then((found) => {
      if (!live) return
      const next = new Map<string, StanceSuggestion>()
      for (const [id, s] of found) if (s) next.set(id, s)
      setSuggestions(next)
      const top = next.get(ids[0] ?? '')
      if (top && !stanceTouched.current) setStanceState(top.stance)
    })
    return () => {
      live = false
    }
  }, [listed, suggestStance])
  const topSuggestion = matches[0] ? suggestions.get(matches[0].id) : undefined

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
        {topSuggestion && matches[0] && (
          <p className="stance-suggestion" role="note" aria-label="Suggested stance">
            Suggested for “{matches[0].text}”: <strong>{topSuggestion.stance}</strong>. {topSuggestion.reason}
          </p>
        )}
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
              {suggestions.get(c.id) && c.id !== matches[0]?.id && (
                <p className="stance-suggestion" role="note">
                  Suggested: <strong>{suggestions.get(c.id)!.stance}</strong>. {suggestions.get(c.id)!.reason}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
