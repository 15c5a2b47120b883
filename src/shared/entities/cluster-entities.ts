// From every article's names to one entity per real-world thing, then the analyst's decisions on
// top. Pure: the service runs it over the derived index, the tests over hand-made names.
//
// The rule, from surest to loosest (name-folding.ts explains the spelling side):
// 1. People with a given name and a surname are one person when both names match loosely
//    (Ahmed/Ahmad al-Sharaa, Ahmad Al Shara). Two given names that differ by a consonant are two
//    people, however alike the surname: relatives (Bashar and Hafez al-Assad) stay apart.
// 2. Places and organisations are one when their spelling keys are equal (Sweida/Suweida); a letter
//    that is not a transliteration alternation keeps them apart (Iran/Iraq, Niger/Nigeria).
// 3. A surname alone was already joined to its article's full name by extract-entities. One left
//    alone (an article that only says "Shaibani") joins the one person of the corpus with that
//    surname; if the corpus has two (relatives), it stays its own entry rather than guess, and the
//    analyst can merge it.
// 4. A word the tagger could not type joins an entity of the same key, or is dropped: capitalised
//    words nobody recognised ("National" of "The National") are not listed.
// Type is the type most mentions were given; a country of the gazetteer is always a place.
// Then decisions (merge, split, rename, change type, delete) reassign variants: see applyDecisions.

import type { ArticleName, EntityType, Mention } from './extract-entities'
import { consonantSkeleton, looseTokenMatch, nameKey as nameKeyOf, nameTokens as nameTokensOf, spellingKey, variantKey as variantKeyOf } from './name-folding'
import { COUNTRY_NAMES } from './name-words'

export interface ArticleNames {
  articleId: string
  names: readonly ArticleName[]
}

/** An analyst's decision about one entity: which variants it is, and what it is called and is. */
export interface EntityDecision {
  id: string
  /** The name the analyst gave it, or null to keep the one the index finds. */
  name: string | null
  type: EntityType | null
  /** Variant keys (variantKey of each surface form) that belong to this entity, whatever the rule says. */
  variants: string[]
  /** A false positive: its mentions are not listed or marked. */
  deleted: boolean
  updatedAt: string
}

export interface Entity {
  id: string
  name: string
  type: EntityType
  /** Surface forms as written, most mentioned first. */
  variants: string[]
  articles: number
  mentions: number
  /** True when an analyst's decision shapes it. */
  decided: boolean
}

export interface EntityMentions {
  entity: Entity
  /** Mentions by article id, in text order. */
  byArticle: Map<string, Mention[]>
}

interface Cluster {
  /** Key for the id: a person's surname skeleton and given name, or a place's spelling key. */
  idKey: string
  person: boolean
  /** Full names' tokens in this cluster (people), each spelling once, for matching given names. */
  fullNames: string[][]
  /** The spellings fullNames holds: a corpus repeats a name thousands of times, and each mention scanned them all. */
  fullNameSpellings: Set<string>
  names: { articleId: string; name: ArticleName }[]
}

export function clusterEntities(articles: readonly ArticleNames[], decisions: readonly EntityDecision[] = []): EntityMentions[] {
  // The same names recur across a corpus; fold each spelling once.
  const nameTokens = memoized(nameTokensOf)
  const nameKey = memoized(nameKeyOf)
  const surnameBucket = memoized(surnameBucketOf)
  const looseMatch = memoizedPair(looseTokenMatch)
  const clusters: Cluster[] = []
  // A bucket's version grows when it gains a cluster or a cluster of it a spelling: a full name met
  // again while its bucket is unchanged finds the cluster it found before without scanning them all.
  const personBySurname = new Map<string, { clusters: Cluster[]; version: number }>()
  const clusterOfSpelling = new Map<string, { version: number; cluster: Cluster }>()
  const byKey = new Map<string, Cluster>()
  const singles: { articleId: string; name: ArticleName }[] = []

  // 1. People with a given name and a surname.
  for (const { articleId, names } of articles) {
    for (const name of names) {
      const tokens = nameTokens(name.name)
      if (name.type === 'person' && tokens.length >= 2) {
        const bucketKey = surnameBucket(tokens[tokens.length - 1]!)
        let bucket = personBySurname.get(bucketKey)
        if (!bucket) personBySurname.set(bucketKey, (bucket = { clusters: [], version: 0 }))
        const spelling = tokens.join(' ')
        const known = clusterOfSpelling.get(spelling)
        let cluster =
          known?.version === bucket.version
            ? known.cluster
            : bucket.clusters.find((c) => c.fullNames.some((f) => looseMatch(f[f.length - 1]!, tokens[tokens.length - 1]!) && looseMatch(f[0]!, tokens[0]!)))
        if (!cluster) {
          cluster = { idKey: `person ${nameKey(name.name)}`, person: true, fullNames: [], fullNameSpellings: new Set(), names: [] }
          bucket.clusters.push(cluster)
          bucket.version++
          clusters.push(cluster)
        }
        if (!cluster.fullNameSpellings.has(spelling)) {
          cluster.fullNameSpellings.add(spelling)
          cluster.fullNames.push(tokens)
          bucket.version++
        }
        // What a search would find now: clusters before this one still do not match, and this one does.
        clusterOfSpelling.set(spelling, { version: bucket.version, cluster })
        cluster.names.push({ articleId, name })
        continue
      }
      // 2. Places and organisations of several words (and any typed non-person name) by spelling key.
      // A single word the tagger called an organisation waits with the singles: often a surname
      // read with the words around it ("Al Assad government").
      if (name.type !== null && name.type !== 'person' && (tokens.length >= 2 || name.type === 'place')) {
        addByKey(articleId, name)
        continue
      }
      singles.push({ articleId, name })
    }
  }

  function addByKey(articleId: string, name: ArticleName): void {
    const key = nameKey(name.name)
    let cluster = byKey.get(key)
    if (!cluster) {
      cluster = { idKey: `name ${key}`, person: false, fullNames: [], fullNameSpellings: new Set(), names: [] }
      byKey.set(key, cluster)
      clusters.push(cluster)
    }
    cluster.names.push({ articleId, name })
  }

  // 3 and 4. Single words: a place already known, the one person of that surname, else their own.
  // The people buckets are complete now: each surname alone is matched against them once.
  const peopleOfSurname = memoized((surname) =>
    (personBySurname.get(surnameBucket(surname))?.clusters ?? []).filter((c) => c.fullNames.some((f) => looseMatch(f[f.length - 1]!, surname))),
  )
  const typedSingles = singles.filter((s) => s.name.type !== null)
  const untypedSingles = singles.filter((s) => s.name.type === null)
  for (const single of [...typedSingles, ...untypedSingles]) {
    const tokens = nameTokens(single.name.name)
    const key = nameKey(single.name.name)
    const place = byKey.get(key)
    if (place && single.name.type !== 'person') {
      place.names.push(single)
      continue
    }
    if (tokens.length === 1) {
      const people = peopleOfSurname(tokens[0]!)
      if (people.length === 1) {
        people[0]!.names.push(single)
        continue
      }
    }
    if (place) {
      place.names.push(single)
      continue
    }
    if (single.name.type === null) continue
    addByKey(single.articleId, single.name)
  }

  return applyDecisions(clusters, decisions, nameTokens)
}

/** A pure function of a string, computed once per distinct string for the length of one clustering. */
function memoized<T>(fn: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>()
  return (text) => {
    let value = known.get(text)
    if (value === undefined && !known.has(text)) {
      value = fn(text)
      known.set(text, value)
    }
    return value as T
  }
}

/** A pure function of two strings, computed once per distinct pair (no key string built per call). */
function memoizedPair(fn: (a: string, b: string) => boolean): (a: string, b: string) => boolean {
  const known = new Map<string, Map<string, boolean>>()
  return (a, b) => {
    let withA = known.get(a)
    if (!withA) known.set(a, (withA = new Map()))
    let value = withA.get(b)
    if (value === undefined) withA.set(b, (value = fn(a, b)))
    return value
  }
}

function surnameBucketOf(token: string): string {
  return consonantSkeleton(spellingKey(token))
}

/** A stable id from a cluster's key: the same names give the same id on every rebuild. */
export function entityIdOf(key: string): string {
  // Two FNV-1a hashes with different offsets: 64 bits, no crypto needed for a display id.
  let a = 0x811c9dc5
  let b = 0x01000193 ^ 0x5bd1e995
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193) >>> 0
    b = Math.imul(b ^ c, 0x01000197) >>> 0
  }
  return `e_${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}`
}

interface Assigned {
  id: string
  decision: EntityDecision | null
  /** Its mentions as three parallel columns (millions in a large corpus: no object each). */
  articleIds: string[]
  mentions: Mention[]
  types: (EntityType | null)[]
  /** Id keys of the clusters it came from: the smallest names the entity when no decision does. */
  keys: Set<string>
}

/**
 * The analyst's decisions over the clusters the rule made. A variant a decision lists goes to that
 * decision's entity, wherever the rule put it. A variant no decision lists follows its cluster: to
 * the decision that holds most of the cluster's mentions, else it stays in the cluster's own entity.
 * That is what makes a decision survive new imports: a new article's "Al-Sharaa" lands in the
 * cluster of the other al-Sharaa spellings, and so in the entity the analyst built from them.
 */
export function applyDecisions(
  clusters: readonly Cluster[],
  decisions: readonly EntityDecision[],
  nameTokens: (text: string) => string[] = memoized(nameTokensOf),
): EntityMentions[] {
  const variantKey = memoized(variantKeyOf)
  const claimedBy = new Map<string, EntityDecision>()
  for (const d of [...decisions].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))) {
    for (const v of d.variants) claimedBy.set(v, d)
  }
  const entities = new Map<string, Assigned>()
  const entityFor = (id: string, decision: EntityDecision | null): Assigned => {
    let e = entities.get(id)
    if (!e) {
      e = { id, decision, articleIds: [], mentions: [], types: [], keys: new Set() }
      entities.set(id, e)
    }
    return e
  }
  const claimOf = (mention: Mention) => (claimedBy.size > 0 ? claimedBy.get(variantKey(mention.surface)) : undefined)
  for (const cluster of clusters) {
    const weight = new Map<EntityDecision, number>()
    for (const { name } of cluster.names) {
      for (const mention of name.mentions) {
        const d = claimOf(mention)
        if (d) weight.set(d, (weight.get(d) ?? 0) + 1)
      }
    }
    const majority = [...weight.entries()].sort((a, b) => b[1] - a[1] || a[0].id.localeCompare(b[0].id))[0]?.[0] ?? null
    const ownId = entityIdOf(cluster.idKey)
    for (const { articleId, name } of cluster.names) {
      for (const mention of name.mentions) {
        const decision = claimOf(mention) ?? majority
        const entity = decision ? entityFor(decision.id, decision) : entityFor(ownId, null)
        entity.keys.add(cluster.idKey)
        entity.articleIds.push(articleId)
        entity.mentions.push(mention)
        entity.types.push(name.type)
      }
    }
  }
  const out: EntityMentions[] = []
  for (const e of entities.values()) {
    if (e.decision?.deleted) continue
    out.push(summarise(e, nameTokens))
  }
  // Most mentioned first, then by name: the order of the panel and the CLI.
  return out.sort((a, b) => b.entity.mentions - a.entity.mentions || a.entity.name.localeCompare(b.entity.name))
}

function summarise(e: Assigned, nameTokens: (text: string) => string[]): EntityMentions {
  // Each article's mentions in text order; one mention once, even if two names of an article
  // claimed the same span (the first met is kept: the sort is stable and ties go by arrival).
  const indicesByArticle = new Map<string, number[]>()
  for (let i = 0; i < e.mentions.length; i++) {
    const articleId = e.articleIds[i]!
    let indices = indicesByArticle.get(articleId)
    if (!indices) indicesByArticle.set(articleId, (indices = []))
    indices.push(i)
  }
  const byArticle = new Map<string, Mention[]>()
  const surfaceCount = new Map<string, number>()
  const fullCount = new Map<string, number>()
  const typeVotes = new Map<EntityType, number>()
  let mentions = 0
  for (const [articleId, indices] of indicesByArticle) {
    indices.sort((a, b) => e.mentions[a]!.start - e.mentions[b]!.start || a - b)
    const list: Mention[] = []
    for (const i of indices) {
      const mention = e.mentions[i]!
      if (list.length > 0 && list[list.length - 1]!.start === mention.start) continue
      list.push(mention)
      surfaceCount.set(mention.surface, (surfaceCount.get(mention.surface) ?? 0) + 1)
      if (nameTokens(mention.surface).length >= 2) fullCount.set(mention.surface, (fullCount.get(mention.surface) ?? 0) + 1)
      const type = e.types[i]
      if (type) typeVotes.set(type, (typeVotes.get(type) ?? 0) + 1)
    }
    byArticle.set(articleId, list)
    mentions += list.length
  }
  const ranked = (counts: Map<string, number>) => [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([s]) => s)
  const variants = ranked(surfaceCount)
  const name = e.decision?.name ?? ranked(fullCount)[0] ?? variants[0] ?? ''
  const voted = [...typeVotes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? 'organisation'
  const country = nameTokens(name).length === 1 && COUNTRY_NAMES.has(nameTokens(name)[0]!)
  const type = e.decision?.type ?? (country ? 'place' : voted)
  return {
    entity: { id: e.id, name, type, variants, articles: byArticle.size, mentions, decided: e.decision !== null },
    byArticle,
  }
}
