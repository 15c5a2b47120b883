// The corpus's time line: every dated event from every article on one axis, grouped by day (or by
// week, month or year, as precisely as the text dates it), each with its outlet and sentence;
// events that need an article date the article lacks are listed apart with the reason. Filtered by
// claim, outlet or entity (the events said in a sentence that mentions it). Clicking an event opens
// its sentence in a reader. Article text is shown as text, never as HTML.

import { useEffect, useMemo, useState } from 'react'
import type { TimelineEventView, TimelineView } from '../../../../shared/chronology/timeline'
import type { Entity } from '../../../../shared/entities/cluster-entities'
import type { Claim } from '../../../../shared/model'
import type { Api } from '../../lib/api-client'
import './timeline.css'

interface Props {
  api: Api
  /** Bumped after every change: a new date on an article moves its events. */
  revision: number
  claims: readonly Claim[]
  /** The entity chosen in the entities view, offered in the entity filter even if it is not among the most mentioned. */
  selectedEntity?: Entity | null
  onOpenEvent: (event: TimelineEventView) => void
  onError: (message: string) => void
}

/** While the dates index is still reading new articles, the view asks again this often. */
const POLL_WHILE_INDEXING_MS = 1_000

/** Entities offered in the filter: the most mentioned; the entities view finds any other. */
const ENTITY_CHOICES = 200

const PRECISION_LABEL = { day: 'Day', week: 'Week of', month: 'Month', year: 'Year' } as const

function groupLabel(event: TimelineEventView): string {
  const prefix = PRECISION_LABEL[event.precision]
  const range = event.dateEnd ? ` to ${event.dateEnd}` : ''
  return event.precision === 'day' ? `${event.date}${range}` : `${prefix} ${event.date}${range}`
}

/** The sentence with its date expression set apart, as text nodes. */
function Sentence({ event }: { event: TimelineEventView }) {
  const at = event.sentence.indexOf(event.expression)
  if (at < 0) return <span className="timeline-sentence">{event.sentence}</span>
  return (
    <span className="timeline-sentence">
      {event.sentence.slice(0, at)}
      <strong>{event.expression}</strong>
      {event.sentence.slice(at + event.expression.length)}
    </span>
  )
}

function EventRow({ event, onOpen }: { event: TimelineEventView; onOpen: () => void }) {
  return (
    <li className="timeline-event">
      <button type="button" className="timeline-open" onClick={onOpen} aria-label={`Open “${event.expression}” in ${event.title}`}>
        <span className="timeline-outlet">{event.outlet ?? 'Unknown outlet'}</span>
        <span className="timeline-title">{event.title}</span>
        <Sentence event={event} />
      </button>
      {event.basis === 'unresolved' ? <p className="timeline-reason">{event.reason}</p> : null}
    </li>
  )
}

export function TimelinePanel({ api, revision, claims, selectedEntity = null, onOpenEvent, onError }: Props) {
  const [view, setView] = useState<TimelineView | null>(null)
  const [claimId, setClaimId] = useState('')
  const [outlet, setOutlet] = useState('')
  const [outlets, setOutlets] = useState<string[]>([])
  const [entityId, setEntityId] = useState('')
  const [entities, setEntities] = useState<Entity[]>([])
  const [poll, setPoll] = useState(0)

  useEffect(() => {
    let live = true
    api.getTimeline({ ...(claimId ? { claimId } : {}), ...(outlet ? { outlet } : {}), ...(entityId ? { entityId } : {}) }).then(
      (v) => {
        if (!live) return
        setView(v)
        if (!claimId && !outlet && !entityId) setOutlets([...new Set([...v.events, ...v.unresolved].flatMap((e) => (e.outlet ? [e.outlet] : [])))].sort())
      },
      (e: Error) => live && onError(e.message),
    )
    return () => {
      live = false
    }
  }, [api, revision, claimId, outlet, entityId, poll, onError])

  // The entities to filter by; asked again while the entity index is still analysing new articles.
  const [entityPoll, setEntityPoll] = useState(0)
  useEffect(() => {
    let live = true
    let timer: ReturnType<typeof setTimeout> | undefined
    api.listEntities({}).then(
      (result) => {
        if (!live) return
        setEntities(result.entities.slice(0, ENTITY_CHOICES))
        if (result.progress) timer = setTimeout(() => setEntityPoll((p) => p + 1), POLL_WHILE_INDEXING_MS)
      },
      (e: Error) => live && onError(e.message),
    )
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [api, revision, entityPoll, onError])

  const entityChoices = useMemo(
    () => (selectedEntity && !entities.some((e) => e.id === selectedEntity.id) ? [selectedEntity, ...entities] : entities),
    [entities, selectedEntity],
  )
  // An entity merged away or deleted since it was chosen: back to all entities.
  useEffect(() => {
    if (entityId && entities.length > 0 && !entityChoices.some((e) => e.id === entityId)) setEntityId('')
  }, [entityId, entities, entityChoices])

  // New articles are read for dates in the background: show what is there and ask again until done.
  useEffect(() => {
    if (!view || view.indexed.done >= view.indexed.total) return
    const timer = setTimeout(() => setPoll((p) => p + 1), POLL_WHILE_INDEXING_MS)
    return () => clearTimeout(timer)
  }, [view])

  const groups = useMemo(() => {
    const byKey = new Map<string, TimelineEventView[]>()
    for (const e of view?.events ?? []) {
      const key = groupLabel(e)
      byKey.set(key, [...(byKey.get(key) ?? []), e])
    }
    return [...byKey.entries()]
  }, [view])

  return (
    <section className="timeline-panel" aria-label="Timeline">
      <header className="timeline-header">
        <h2>Timeline</h2>
        <label>
          Claim
          <select value={claimId} onChange={(e) => setClaimId(e.target.value)}>
            <option value="">All claims</option>
            {claims.map((c) => (
              <option key={c.id} value={c.id}>
                {c.text.length > 60 ? `${c.text.slice(0, 59)}…` : c.text}
              </option>
            ))}
          </select>
        </label>
        <label>
          Outlet
          <select value={outlet} onChange={(e) => setOutlet(e.target.value)}>
            <option value="">All outlets</option>
            {outlets.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <label>
          Entity
          <select value={entityId} onChange={(e) => setEntityId(e.target.value)}>
            <option value="">All entities</option>
            {entityChoices.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </label>
      </header>
      {view && view.indexed.done < view.indexed.total ? (
        <div className="timeline-progress" role="status">
          <span>
            Finding dates: {view.indexed.done.toLocaleString()} of {view.indexed.total.toLocaleString()} articles
          </span>
          <progress max={view.indexed.total} value={view.indexed.done} aria-label="Finding dates" />
        </div>
      ) : null}
      {view === null ? <p className="placeholder">Reading dates…</p> : null}
      {view && view.events.length === 0 && view.unresolved.length === 0 ? <p className="placeholder">No dates found in these articles.</p> : null}
      <ol className="timeline-days" aria-label="Dated events">
        {groups.map(([label, events]) => (
          <li key={label} className="timeline-day">
            <h3>{label}</h3>
            <ul>
              {events.map((e) => (
                <EventRow key={`${e.articleId}:${e.start}`} event={e} onOpen={() => onOpenEvent(e)} />
              ))}
            </ul>
          </li>
        ))}
      </ol>
      {view && view.unresolved.length > 0 ? (
        <section className="timeline-unresolved" aria-label="Unresolved dates">
          <h3>Not yet placed ({view.unresolved.length})</h3>
          <p className="hint">These need their article’s date. Give the article a date in its details and they take their place on the line.</p>
          <ul>
            {view.unresolved.map((e) => (
              <EventRow key={`${e.articleId}:${e.start}`} event={e} onOpen={() => onOpenEvent(e)} />
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  )
}
