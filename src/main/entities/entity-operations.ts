// The entity operations of the service: the list, one entity's mentions, the analyst's edits as
// undoable commands, search expansion and the entities a claim's evidence mentions. Over the store
// and the entity index; knows nothing of transports.
//
// An edit is a command of the service's history (DECISIONS section 4, src/main/commands/): planned
// here against the entities as they stand, then applied as entityDecisionCommand, which records the
// decision records it puts and removes, so Ctrl+Z and redo restore them (and refuse if changed since).

import type { Entity, EntityDecision, EntityMentions } from '../../shared/entities/cluster-entities'
import { EntityEditError, labelOfEntityEdit, planEntityEdit, type EntityEdit } from '../../shared/entities/entity-decisions'
import { nameKey, variantKey } from '../../shared/entities/name-folding'
import type { Highlight } from '../../shared/model'
import { UserError } from '../../shared/result'
import type { CorpusStore } from '../store/corpus-store'
import type { EntityIndex, EntityIndexProgress } from './entity-index'

export interface EntityList {
  entities: Entity[]
  /** Null when the index is complete; else how far its build is. */
  progress: EntityIndexProgress | null
}

export interface EntityArticleMentions {
  articleId: string
  mentions: { start: number; end: number; surface: string }[]
}

/** An entity edit as planned against the current list: the decision records it puts and removes. */
export interface PlannedEntityEdit {
  label: string
  put: EntityDecision[]
  del: string[]
}

/** Each entity's spellings keyed, so a query is looked up rather than compared with every variant. */
interface VariantLookup {
  /** Positions in the entity list, by the variant key of a variant or of the name. */
  byVariantKey: Map<string, number[]>
  /** Positions in the entity list, by the spelling key of a variant. */
  byNameKey: Map<string, number[]>
  /** Each entity's name then variants, with their variant keys. */
  spellings: { surface: string; variantKey: string }[][]
}

/**
 * Built once per entity list (the index hands back the same array while nothing changed): keying
 * every variant costs about 20 ms at 10,000 articles (2,000 entities), which every search paid
 * while it compared each query with each variant.
 */
const variantLookups = new WeakMap<readonly EntityMentions[], VariantLookup>()

function variantLookupOf(entities: readonly EntityMentions[]): VariantLookup {
  const known = variantLookups.get(entities)
  if (known) return known
  const lookup: VariantLookup = { byVariantKey: new Map(), byNameKey: new Map(), spellings: [] }
  const add = (map: Map<string, number[]>, key: string, at: number) => {
    const list = map.get(key)
    if (!list) map.set(key, [at])
    else if (list[list.length - 1] !== at) list.push(at)
  }
  entities.forEach(({ entity }, at) => {
    const spellings = [entity.name, ...entity.variants].map((surface) => ({ surface, variantKey: variantKey(surface) }))
    lookup.spellings.push(spellings)
    add(lookup.byVariantKey, spellings[0]!.variantKey, at)
    for (const spelling of spellings.slice(1)) {
      add(lookup.byVariantKey, spelling.variantKey, at)
      add(lookup.byNameKey, nameKey(spelling.surface), at)
    }
  })
  variantLookups.set(entities, lookup)
  return lookup
}

export function entityOperations(store: CorpusStore, index: EntityIndex) {
  const current = () => index.entities(store.entityDecisions)

  async function list({ filter, type }: { filter?: string; type?: Entity['type'] }): Promise<EntityList> {
    const words = (filter ?? '').toLowerCase().split(/\s+/).filter(Boolean)
    const all = await current()
    const entities = all
      .map((e) => e.entity)
      .filter((e) => (!type || e.type === type) && words.every((w) => e.name.toLowerCase().includes(w) || e.variants.some((v) => v.toLowerCase().includes(w))))
    return { entities, progress: index.status }
  }

  async function mentionsOf(id: string): Promise<{ entity: Entity; articles: EntityArticleMentions[] }> {
    const found = (await current()).find((e) => e.entity.id === id)
    if (!found) throw new UserError('not-found', `No entity with id ${id}; the list may have changed since (a merge, a new import). Reopen the entities panel.`)
    return { entity: found.entity, articles: [...found.byArticle.entries()].map(([articleId, mentions]) => ({ articleId, mentions })) }
  }

  /** Plans an edit on the entities as they stand; the service runs it as a command (entityDecisionCommand). */
  async function plan(command: EntityEdit): Promise<PlannedEntityEdit> {
    const entities = (await current()).map((e) => e.entity)
    try {
      const change = planEntityEdit(command, entities, store.entityDecisions, new Date().toISOString())
      return { label: labelOfEntityEdit(command, entities), ...change }
    } catch (error) {
      if (error instanceof EntityEditError) throw new UserError('invalid-argument', error.message)
      throw error
    }
  }

  /**
   * Other spellings of what a query names: "Suweida" → "Sweida"; "Sharaa" → "al-Sharaa", "Ahmad Al
   * Shara". Only a query that is one entity's variant (or name) as a whole is expanded: a query of
   * several words about something else is searched as typed.
   */
  async function variantsOfQuery(query: string): Promise<string[]> {
    const key = variantKey(query)
    const folded = nameKey(query)
    if (folded === '') return []
    const lookup = variantLookupOf(await current())
    // The entities in list order, as a filter over the list would give them.
    const matches = [...new Set([...(lookup.byVariantKey.get(key) ?? []), ...(lookup.byNameKey.get(folded) ?? [])])].sort((a, b) => a - b)
    const spellings = matches.flatMap((at) => lookup.spellings[at]!)
    return [...new Set(spellings.filter((s) => s.variantKey !== key).map((s) => s.surface))]
  }

  /** The entities each highlight's passage mentions, by highlight id (a mention overlapping the passage counts). */
  /**
   * Each highlight's entities, kept with the highlight record and the entity list they were found in
   * (records are replaced, never edited in place; the index hands back the same list while nothing
   * changed): a board rebuilt after an edit looks up only the highlights it has not seen.
   */
  const keptOfHighlight = new WeakMap<Highlight, { entities: readonly EntityMentions[]; found: Entity[] }>()

  async function entitiesOfHighlights(highlights: readonly Highlight[]): Promise<Map<string, Entity[]>> {
    const all = await current()
    const missing = highlights.filter((h) => keptOfHighlight.get(h)?.entities !== all)
    if (missing.length > 0) {
      const byArticle = new Map<string, { entity: Entity; start: number; end: number }[]>()
      const wanted = new Set(missing.map((h) => h.articleId))
      for (const e of all) {
        for (const [articleId, mentions] of e.byArticle) {
          if (!wanted.has(articleId)) continue
          const list = byArticle.get(articleId) ?? []
          for (const m of mentions) list.push({ entity: e.entity, start: m.start, end: m.end })
          byArticle.set(articleId, list)
        }
      }
      for (const h of missing) {
        const found = new Map<string, Entity>()
        for (const m of byArticle.get(h.articleId) ?? []) if (m.start < h.end && m.end > h.start) found.set(m.entity.id, m.entity)
        keptOfHighlight.set(h, { entities: all, found: [...found.values()] })
      }
    }
    const out = new Map<string, Entity[]>()
    for (const h of highlights) out.set(h.id, (keptOfHighlight.get(h) as { found: Entity[] }).found)
    return out
  }

  return { list, mentionsOf, plan, variantsOfQuery, entitiesOfHighlights, current: (): Promise<EntityMentions[]> => current() }
}

export type EntityOperations = ReturnType<typeof entityOperations>
