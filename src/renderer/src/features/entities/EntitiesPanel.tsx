// The entities panel: the people, places and organisations of the corpus, one entry however they
// are spelled, filterable by words and type, with their variants and article and mention counts.
// Selecting one filters the library to the articles that mention it and marks its mentions in the
// readers (App holds the selection). The analyst's decisions (merge, split, rename, change type,
// delete) are commands of the service's history: the undo bar and Ctrl+Z take them back.

import { useEffect, useMemo, useRef, useState } from 'react'
import type { Entity } from '../../../../shared/entities/cluster-entities'
import type { EntityType } from '../../../../shared/entities/find-candidates'
import type { Api } from '../../lib/api-client'
import './entities.css'

export interface EntitySelection {
  entity: Entity
  /** Mentions by article id. */
  mentions: ReadonlyMap<string, readonly { start: number; end: number }[]>
}

interface Props {
  api: Api
  revision: number
  selected: EntitySelection | null
  onSelect: (selection: EntitySelection | null) => void
  onChanged: () => void
  onError: (message: string) => void
}

const TYPE_LABELS: Record<EntityType, string> = { person: 'Person', place: 'Place', organisation: 'Organisation' }
/** While the index builds, the list is asked for again this often, so counts grow as articles are analysed. */
const PROGRESS_POLL_MS = 1_000
/** Rows drawn at once: the list is for finding one entity, the filter narrows it. */
const MAX_ROWS = 200

export function EntitiesPanel({ api, revision, selected, onSelect, onChanged, onError }: Props) {
  const [filter, setFilter] = useState('')
  const [type, setType] = useState<EntityType | ''>('')
  const [entities, setEntities] = useState<Entity[]>([])
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  const [poll, setPoll] = useState(0)

  useEffect(() => {
    let live = true
    api.listEntities({ ...(filter.trim() ? { filter } : {}), ...(type ? { type } : {}) }).then(
      (result) => {
        if (!live) return
        setEntities(result.entities)
        setProgress(result.progress)
      },
      (e: Error) => live && onError(e.message),
    )
    return () => {
      live = false
    }
  }, [api, revision, filter, type, poll, onError])

  useEffect(() => {
    if (!progress) return
    const timer = setTimeout(() => setPoll((p) => p + 1), PROGRESS_POLL_MS)
    return () => clearTimeout(timer)
  }, [progress])

  // Selections are fetched, and a later one must not be overwritten by an earlier one answering
  // late (a click, then the refresh of the old selection after the analysis finished): only the
  // latest click applies. Otherwise the editor could swap entity between choosing and pressing Merge.
  const selectionRequest = useRef(0)
  const selectedRef = useRef(selected)
  selectedRef.current = selected
  // The entity clicked, while its mentions are on their way: the editor of the entity selected
  // before is not shown meanwhile, so that a merge, rename or deletion is never aimed at the entity
  // the analyst has just clicked away from.
  const [clicked, setClicked] = useState<string | null>(null)

  const select = async (entity: Entity | null) => {
    const request = ++selectionRequest.current
    if (!entity || entity.id === selected?.entity.id) {
      setClicked(null)
      return onSelect(null)
    }
    setClicked(entity.id)
    try {
      const { articles } = await api.getEntityMentions({ id: entity.id })
      if (request === selectionRequest.current) onSelect({ entity, mentions: new Map(articles.map((a) => [a.articleId, a.mentions])) })
    } catch (e) {
      onError((e as Error).message)
    } finally {
      if (request === selectionRequest.current) setClicked(null)
    }
  }

  // After a change (a merge, a new import, the analysis finishing) the selection is fetched again.
  // Its id may be gone (a rebuilt cluster keys on other names): the entity now holding its name
  // takes its place, so the analyst's selection survives the index growing under it.
  useEffect(() => {
    const current = selectedRef.current
    if (!current) return
    // Not a request of its own: a click made meanwhile wins over it.
    const request = selectionRequest.current
    void refetchSelection(api, current.entity).then((selection) => {
      if (request === selectionRequest.current && selectedRef.current?.entity.id === current.entity.id) onSelect(selection)
    })
  }, [revision])

  const edit = async (command: Parameters<Api['editEntity']>[0]['edit']) => {
    try {
      // A command of the service: the undo bar and Ctrl+Z take it back.
      await api.editEntity({ edit: command })
      onChanged()
    } catch (e) {
      onError((e as Error).message)
    }
  }

  const shown = entities.slice(0, MAX_ROWS)
  return (
    // The rail's panel is the region that names it ("Entities").
    <div className="entities-panel">
      <h2>Entities</h2>
      <div className="entities-controls">
        <input type="search" aria-label="Filter entities" placeholder="Filter people, places, organisations" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <select aria-label="Entity type" value={type} onChange={(e) => setType(e.target.value as EntityType | '')}>
          <option value="">All types</option>
          {(Object.keys(TYPE_LABELS) as EntityType[]).map((t) => (
            <option key={t} value={t}>
              {TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      {progress && (
        <p className="entities-progress" role="status">
          Analysing {progress.done.toLocaleString('en')} of {progress.total.toLocaleString('en')} articles
        </p>
      )}
      <ul className="entities-list" aria-label="Entity list">
        {shown.map((e) => (
          <li key={e.id} className={selected?.entity.id === e.id ? 'selected' : undefined}>
            <button type="button" aria-pressed={selected?.entity.id === e.id} onClick={() => void select(e)}>
              <span className="entity-name">{e.name}</span> <span className="entity-type">{TYPE_LABELS[e.type]}</span>
              <span className="entity-counts">
                Articles: {e.articles} · Mentions: {e.mentions}
              </span>
              {e.variants.length > 1 && <span className="entity-variants">{e.variants.join(' · ')}</span>}
            </button>
          </li>
        ))}
        {entities.length === 0 && <li className="placeholder">{progress ? 'Analysing…' : 'No entities yet: import articles.'}</li>}
        {entities.length > MAX_ROWS && <li className="placeholder">{entities.length - MAX_ROWS} more: filter to find them.</li>}
      </ul>
      {selected && clicked === null && (
        <EntityEditor key={selected.entity.id} entity={selected.entity} others={entities.filter((e) => e.id !== selected.entity.id)} onEdit={edit} />
      )}
    </div>
  )
}

async function refetchSelection(api: Api, entity: Entity): Promise<EntitySelection | null> {
  const asSelection = ({ entity, articles }: Awaited<ReturnType<Api['getEntityMentions']>>): EntitySelection => ({
    entity,
    mentions: new Map(articles.map((a) => [a.articleId, a.mentions])),
  })
  try {
    return asSelection(await api.getEntityMentions({ id: entity.id }))
  } catch {
    try {
      const { entities } = await api.listEntities({ filter: entity.name })
      const heir = entities.find((e) => e.variants.includes(entity.name)) ?? entities.find((e) => e.name === entity.name)
      return heir ? asSelection(await api.getEntityMentions({ id: heir.id })) : null
    } catch {
      return null
    }
  }
}

function EntityEditor({ entity, others, onEdit }: { entity: Entity; others: Entity[]; onEdit: (command: Parameters<Api['editEntity']>[0]['edit']) => Promise<void> }) {
  const [name, setName] = useState(entity.name)
  const [mergeWith, setMergeWith] = useState('')
  const [variant, setVariant] = useState(entity.variants[0] ?? '')
  const candidates = useMemo(() => others.slice(0, MAX_ROWS), [others])
  return (
    <div className="entity-editor" aria-label={`Edit ${entity.name}`} role="group">
      <label>
        Name <input aria-label="Entity name" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <button type="button" disabled={name.trim() === '' || name === entity.name} onClick={() => void onEdit({ kind: 'rename', id: entity.id, name })}>
        Rename
      </button>
      <label>
        Type{' '}
        <select aria-label="Change type" value={entity.type} onChange={(e) => void onEdit({ kind: 'retype', id: entity.id, type: e.target.value as EntityType })}>
          {(Object.keys(TYPE_LABELS) as EntityType[]).map((t) => (
            <option key={t} value={t}>
              {TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Merge with{' '}
        <select aria-label="Merge with" value={mergeWith} onChange={(e) => setMergeWith(e.target.value)}>
          <option value="">Choose an entity…</option>
          {candidates.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name} ({TYPE_LABELS[e.type]})
            </option>
          ))}
        </select>
      </label>
      <button type="button" disabled={!mergeWith} onClick={() => void onEdit({ kind: 'merge', intoId: entity.id, fromId: mergeWith })}>
        Merge
      </button>
      {entity.variants.length > 1 && (
        <>
          <label>
            Variant{' '}
            <select aria-label="Variant to split" value={variant} onChange={(e) => setVariant(e.target.value)}>
              {entity.variants.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => void onEdit({ kind: 'split', id: entity.id, variant })}>
            Split off
          </button>
        </>
      )}
      <button type="button" className="danger" onClick={() => void onEdit({ kind: 'delete', id: entity.id })}>
        Delete (not an entity)
      </button>
    </div>
  )
}
