// The analyst's decisions on entities as changes to decision records: merge, split, rename, change
// type, delete. Pure: each returns the records to put and the ids to remove, computed from the entities
// as the index shows them now; the service stores them as one undoable command.
//
// A decision remembers variants (variantKey of each spelling), never article ids or positions: that
// is what lets it outlive a re-import (the text changed, the spelling did not) and reach new articles.

import type { EntityType } from './find-candidates'
import type { Entity, EntityDecision } from './cluster-entities'
import { variantKey } from './name-folding'

export interface DecisionChange {
  put: EntityDecision[]
  del: string[]
}

export type EntityEdit =
  | { kind: 'merge'; intoId: string; fromId: string }
  | { kind: 'split'; id: string; variant: string }
  | { kind: 'rename'; id: string; name: string }
  | { kind: 'retype'; id: string; type: EntityType }
  | { kind: 'delete'; id: string }

export class EntityEditError extends Error {}

/** The decision an entity already has, or a new one holding its variants as they are now (with the entity's id). */
function decisionOf(entity: Entity, decisions: readonly EntityDecision[], at: string): EntityDecision {
  const existing = decisions.find((d) => d.id === entity.id)
  const variants = [...new Set([...(existing?.variants ?? []), ...entity.variants.map(variantKey)])]
  return { id: entity.id, name: existing?.name ?? null, type: existing?.type ?? null, variants, deleted: existing?.deleted ?? false, updatedAt: at }
}

export function planEntityEdit(edit: EntityEdit, entities: readonly Entity[], decisions: readonly EntityDecision[], at: string): DecisionChange {
  const find = (id: string): Entity => {
    const entity = entities.find((e) => e.id === id)
    if (!entity) throw new EntityEditError(`No entity with id ${id}; the list may have changed since. Run "entities" to see the current ids.`)
    return entity
  }
  switch (edit.kind) {
    case 'merge': {
      if (edit.intoId === edit.fromId) throw new EntityEditError('An entity cannot be merged with itself; give two different ids.')
      const intoEntity = find(edit.intoId)
      const into = decisionOf(intoEntity, decisions, at)
      const from = decisionOf(find(edit.fromId), decisions, at)
      // The merged entity keeps the name and type it had ("Merge Ron Dermer into Ahmed al-Sharaa"
      // leaves Ahmed al-Sharaa), fixed in the decision: left to the index, the name would be the
      // most mentioned full spelling of the union, which may be the other entity's.
      const merged: EntityDecision = {
        ...into,
        name: into.name ?? intoEntity.name,
        type: into.type ?? intoEntity.type,
        variants: [...new Set([...into.variants, ...from.variants])],
      }
      return { put: [merged], del: decisions.some((d) => d.id === from.id) ? [from.id] : [] }
    }
    case 'split': {
      const entity = find(edit.id)
      const key = variantKey(edit.variant)
      const variant = entity.variants.find((v) => variantKey(v) === key)
      if (!variant) throw new EntityEditError(`"${edit.variant}" is not a variant of ${entity.name}; its variants are: ${entity.variants.join(', ')}.`)
      const sameKey = entity.variants.filter((v) => variantKey(v) !== key)
      if (sameKey.length === 0) throw new EntityEditError(`"${edit.variant}" is the only variant of ${entity.name}; there is nothing to split it from.`)
      const rest = decisionOf(entity, decisions, at)
      const kept: EntityDecision = { ...rest, variants: rest.variants.filter((v) => v !== key) }
      const split: EntityDecision = {
        id: `${entity.id}_${key.replace(/[^a-z0-9]+/g, '-').slice(0, 30)}`,
        name: variant,
        type: entity.type,
        variants: [key],
        deleted: false,
        updatedAt: at,
      }
      return { put: [kept, split], del: [] }
    }
    case 'rename':
      return { put: [{ ...decisionOf(find(edit.id), decisions, at), name: edit.name }], del: [] }
    case 'retype':
      return { put: [{ ...decisionOf(find(edit.id), decisions, at), type: edit.type }], del: [] }
    case 'delete':
      return { put: [{ ...decisionOf(find(edit.id), decisions, at), deleted: true }], del: [] }
  }
}

/** What the undo bar says for an edit. */
export function labelOfEntityEdit(edit: EntityEdit, entities: readonly Entity[]): string {
  const nameOf = (id: string) => entities.find((e) => e.id === id)?.name ?? id
  switch (edit.kind) {
    case 'merge':
      return `Merge ${nameOf(edit.fromId)} into ${nameOf(edit.intoId)}`
    case 'split':
      return `Split ${edit.variant} from ${nameOf(edit.id)}`
    case 'rename':
      return `Rename ${nameOf(edit.id)} to ${edit.name}`
    case 'retype':
      return `Make ${nameOf(edit.id)} ${edit.type === 'organisation' ? 'an' : 'a'} ${edit.type}`
    case 'delete':
      return `Delete entity ${nameOf(edit.id)}`
  }
}
