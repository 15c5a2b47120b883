// The dates of a claim, on its card: the event date the analyst set; the day the evidence names when
// its sources agree; a flagged line naming each day with its sources when they do not ("2025-07-31
// in The New Arab · 2025-07-24 in The National"), with the analyst's two ways out: take one day as
// the claim's event date, or dismiss the conflict. Both are undoable commands in the service.

import { useState } from 'react'
import { EVENT_DATE_PATTERN, showsDateConflict } from '../../../../shared/chronology/claim-date-decisions'
import type { BoardClaim, BoardView } from '../../../../shared/claims/board-view'
import type { Api } from '../../lib/api-client'
import './timeline.css'

interface Props {
  card: BoardClaim
  board: Pick<BoardView, 'articles' | 'sources'>
  api: Api
  run: (work: () => Promise<unknown>) => void
}

export function ClaimDatesLine({ card, board, api, run }: Props) {
  const { claim, dates } = card
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState('')
  const eventDate = claim.eventDate ?? null
  const days = dates?.days ?? []
  if (!eventDate && days.length === 0) return null

  const sourceOf = (articleId: string) => {
    const article = board.articles.find((a) => a.id === articleId)
    return article ? (board.sources[article.source]?.label ?? article.title) : articleId
  }
  const sides = days.map((d) => ({ date: d.date, where: [...new Set(d.articleIds.map(sourceOf))].join(', ') }))
  const conflict = showsDateConflict(claim, dates)
  const setEventDate = (date: string | null) => run(() => api.setClaimEventDate({ claimId: claim.id, eventDate: date }))

  return (
    <div className={conflict ? 'claim-dates date-conflict' : 'claim-dates'}>
      {eventDate ? (
        <p>
          Event date: <strong>{eventDate}</strong> (analyst){' '}
          <button type="button" className="link-button" onClick={() => setEventDate(null)} aria-label={`Clear the event date of “${claim.text}”`}>
            Clear
          </button>
        </p>
      ) : null}
      {conflict ? (
        <p role="note" aria-label="Date conflict">
          <strong>Dates disagree:</strong> {sides.map((s) => `${s.date} in ${s.where}`).join(' · ')}
        </p>
      ) : sides.length > 0 && !eventDate ? (
        <p title="The day the evidence quotes name, resolved against each article's date">
          Evidence dates it {sides[0]!.date} ({sides[0]!.where})
        </p>
      ) : null}
      {!eventDate && sides.length > 0 ? (
        <p className="claim-dates-actions">
          {sides.map((s) => (
            <button key={s.date} type="button" onClick={() => setEventDate(s.date)} aria-label={`Set ${s.date} as the event date of “${claim.text}”`}>
              Use {s.date}
            </button>
          ))}
          <button type="button" onClick={() => setEditing((e) => !e)} aria-expanded={editing}>
            Other date…
          </button>
          {conflict ? (
            <button type="button" onClick={() => run(() => api.dismissDateConflict({ claimId: claim.id, dismiss: true }))}>
              Dismiss conflict
            </button>
          ) : null}
        </p>
      ) : null}
      {editing ? (
        <form
          className="claim-dates-form"
          onSubmit={(e) => {
            e.preventDefault()
            if (!EVENT_DATE_PATTERN.test(draft.trim())) return
            setEditing(false)
            setEventDate(draft.trim())
          }}
        >
          <label>
            Event date (YYYY-MM-DD, YYYY-MM or YYYY)
            <input value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="2025-07-31" pattern="\d{4}(-\d{2}(-\d{2})?)?" required />
          </label>
          <button type="submit">Set</button>
        </form>
      ) : null}
    </div>
  )
}
