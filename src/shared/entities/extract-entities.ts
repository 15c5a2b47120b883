// Entity extraction for one article: the cheap pass (find-candidates), a tagger only on the
// sentences whose candidates the words alone could not type, then grouping within the article and a
// second pass that finds every known variant of a name already found. Pure: the tagger is passed in
// (compromise in the index worker, a fake in tests), and so are the ranges to skip (page furniture).
//
// Within one article a surname alone ("Sharaa", "Dermer", "al-Shaibani") is the full name the article
// uses with that surname ("Ahmed al-Sharaa"); if two full names share it (relatives, "Bashar" and
// "Hafez al-Assad"), the surname goes to the nearest full name before it, as a reader takes it.
// Across articles (cluster-entities) the same idea runs again with the whole corpus.

import { findCandidates, type Candidate, type EntityType, type TextRange } from './find-candidates'
import { looseTokenMatch, nameKey, nameTokens, NAME_PARTICLES, plainName } from './name-folding'

export type { EntityType, TextRange } from './find-candidates'

/** What a tagger says about one sentence: names it recognised, with offsets into the sentence. */
export interface TaggedSpan extends TextRange {
  type: EntityType
}
export type Tagger = (sentence: string) => TaggedSpan[]

export interface Mention extends TextRange {
  /** The name as written here: "al-Shaibani", "Sharaa". */
  surface: string
}

/** One name of the article with all its mentions; the type is null when nothing could tell it. */
export interface ArticleName {
  /** The fullest form the article uses: "Ahmed al-Sharaa" for its "Sharaa"s. */
  name: string
  type: EntityType | null
  mentions: Mention[]
}

export interface ExtractOptions {
  /** Page furniture (boilerplate ranges): skipped, and only those ranges. */
  skipped?: readonly TextRange[]
  tagger: Tagger
  /**
   * What the tagger said of a name before (name key → its type, or how many sentences it has read
   * the name in without typing it), filled as it goes. One worker passes one map to every article it
   * extracts, so the tagger runs on a name's first sentences only: a corpus about one story names the
   * same people again and again, and the tagger is most of the cost (DECISIONS section 1). The
   * trade-off: a name is typed by the first sentence that typed it, not by a vote (the analyst's
   * "change type" is the remedy), and a name the tagger missed in its first MAX_TAGGER_TRIES
   * sentences is left untyped everywhere after (it still joins an entity the words or another
   * spelling typed).
   */
  knownTypes?: KnownTypes
}

export type KnownTypes = Map<string, EntityType | number>

/** Sentences the tagger is given to type a name before the name is left untyped: see knownTypes. */
export const MAX_TAGGER_TRIES = 3

/** Characters of context given to the tagger around the names it must type: a title before, a verb after. */
const TAGGER_CONTEXT_BEFORE = 60
const TAGGER_CONTEXT_AFTER = 40

export function extractEntities(text: string, { skipped = [], tagger, knownTypes = new Map() as KnownTypes }: ExtractOptions): ArticleName[] {
  const candidates = findCandidates(text, skipped)
  typeWithTagger(text, candidates, tagger, knownTypes)
  const names = groupWithinArticle(candidates)
  findKnownVariants(text, skipped, names)
  for (const n of names) n.mentions.sort((a, b) => a.start - b.start)
  return names.filter((n) => n.mentions.length > 0)
}

/**
 * Runs the tagger once per sentence that holds an untyped candidate, and types each such candidate
 * by the tagged span that overlaps it most. A candidate the tagger does not recognise stays untyped:
 * it may still be a known name's variant (a surname alone, a sentence-initial name).
 */
function typeWithTagger(text: string, candidates: Candidate[], tagger: Tagger, knownTypes: KnownTypes): void {
  /** A type already known, null when the name has had its tries, undefined when it should be tagged. */
  const known = (key: string): EntityType | null | undefined => {
    const k = knownTypes.get(key)
    if (typeof k === 'string') return k
    return (k ?? 0) >= MAX_TAGGER_TRIES ? null : undefined
  }
  const bySentence = new Map<number, Candidate[]>()
  for (const c of candidates) {
    if (c.type !== null) continue
    const type = known(nameKey(c.surface))
    if (type) {
      c.type = type
      continue
    }
    // The words around a name are read every time, even for a name the tagger gave up on: cheap.
    const byContext = placeByContext(text, c)
    if (byContext) {
      c.type = byContext
      knownTypes.set(nameKey(c.surface), byContext)
      continue
    }
    if (type === null) continue
    const list = bySentence.get(c.sentence.start) ?? []
    list.push(c)
    bySentence.set(c.sentence.start, list)
  }
  for (const list of bySentence.values()) {
    // Names typed by an earlier sentence of this article are not tagged again.
    const untyped = list.filter((c) => known(nameKey(c.surface)) === undefined)
    if (untyped.length === 0) {
      for (const c of list) c.type = known(nameKey(c.surface)) ?? null
      continue
    }
    const window = taggerWindow(text, list[0]!.sentence, untyped)
    const spans = tagger(text.slice(window.start, window.end))
    for (const c of list) {
      const key = nameKey(c.surface)
      const type = known(key)
      if (type !== undefined) {
        c.type = type
        continue
      }
      let best: TaggedSpan | null = null
      let bestOverlap = 0
      for (const s of spans) {
        const overlap = Math.min(c.end, window.start + s.end) - Math.max(c.start, window.start + s.start)
        if (overlap > bestOverlap) {
          best = s
          bestOverlap = overlap
        }
      }
      const found = best?.type ?? placeByContext(text, c)
      c.type = found
      const tries = knownTypes.get(key)
      knownTypes.set(key, found ?? (typeof tries === 'number' ? tries : 0) + 1)
    }
  }
}

/** Words after a name that make it a place: "Sweida province", "Shahba city". */
const PLACE_NOUNS_AFTER = /^\s+(?:province|city|governorate|region|district|town|village|county|countryside|border|airbase|port)\b/
/** Words before a name that make it a place: "in Sweida", "the city of Shahba", "besieged Sweida". */
const PLACE_WORDS_BEFORE = /\b(?:in|near|outside|across|around|into|city of|town of|province of|governorate of|village of|region of|area of|capital of|besieged)\s+$/

/**
 * The tagger's fallback for a single name: a place when the words around it say so. compromise
 * knows few Syrian towns ("Sweida" is typed in two of the eight sentences of seed 000); "in Sweida",
 * "Suweida province" are as plain a sign to a reader.
 */
function placeByContext(text: string, c: Candidate): EntityType | null {
  if (nameTokens(c.surface).length !== 1) return null
  const before = text.slice(Math.max(0, c.start - 20), c.start)
  const after = text.slice(c.end, c.end + 20)
  return PLACE_WORDS_BEFORE.test(before) || PLACE_NOUNS_AFTER.test(after) ? 'place' : null
}

/** The part of a sentence the tagger reads: the names to type with some context, cut at spaces. */
function taggerWindow(text: string, sentence: TextRange, names: readonly Candidate[]): TextRange {
  let start = Math.max(sentence.start, names[0]!.start - TAGGER_CONTEXT_BEFORE)
  let end = Math.min(sentence.end, names[names.length - 1]!.end + TAGGER_CONTEXT_AFTER)
  while (start > sentence.start && text[start - 1] !== ' ') start--
  while (end < sentence.end && text[end] !== ' ') end++
  return { start, end }
}

interface Group {
  name: ArticleName
  key: string
  /** The last core token's key (the surname of a person), for surname-only mentions. */
  tokens: string[]
}

function groupWithinArticle(candidates: readonly Candidate[]): ArticleName[] {
  const groups: Group[] = []
  const byKey = new Map<string, Group>()
  const add = (c: Candidate, type: EntityType | null): Group => {
    const key = `${type ?? '?'}|${nameKey(c.surface)}`
    let group = byKey.get(key)
    if (!group) {
      group = { name: { name: c.surface, type, mentions: [] }, key, tokens: nameTokens(c.surface) }
      byKey.set(key, group)
      groups.push(group)
    }
    group.name.mentions.push({ start: c.start, end: c.end, surface: c.surface })
    if (nameTokens(c.surface).length > group.tokens.length) group.name.name = c.surface
    return group
  }
  // Full names of people first, so a surname can find the full name before or after it.
  const fullPeople = candidates.filter((c) => c.type === 'person' && nameTokens(c.surface).length >= 2)
  for (const c of fullPeople) {
    const same = groups.find((g) => g.name.type === 'person' && samePersonTokens(g.tokens, nameTokens(c.surface)))
    if (same) {
      same.name.mentions.push({ start: c.start, end: c.end, surface: c.surface })
    } else add(c, 'person')
  }
  for (const c of candidates) {
    if (c.type === 'person' && nameTokens(c.surface).length >= 2) continue
    const tokens = nameTokens(c.surface)
    // A single word, or a person's name without a given name: the surname of a full name here?
    // The tagger's "organisation" for a surname is a phrase it read around it ("Sharaa’s government");
    // only a place (a country by the gazetteer, or the tagger's) is left to stand on its own.
    if (tokens.length === 1 && c.type !== 'place') {
      const person = nearestFullName(groups, tokens[0]!, c.start)
      if (person) {
        person.name.mentions.push({ start: c.start, end: c.end, surface: c.surface })
        continue
      }
    }
    // A sentence-initial word the tagger did not type is only kept if the article names it elsewhere.
    if (c.type === null && c.sentenceInitial) {
      const known = groups.find((g) => g.key.endsWith(`|${nameKey(c.surface)}`))
      if (known) known.name.mentions.push({ start: c.start, end: c.end, surface: c.surface })
      continue
    }
    const typedSame = c.type === null ? groups.find((g) => g.name.type !== null && g.key.endsWith(`|${nameKey(c.surface)}`)) : undefined
    if (typedSame) typedSame.name.mentions.push({ start: c.start, end: c.end, surface: c.surface })
    else add(c, c.type)
  }
  // Untyped names that a typed name of the same key turned up for later: folded into it.
  for (const g of groups.filter((x) => x.name.type === null)) {
    const typed = groups.find((x) => x.name.type !== null && x.key.endsWith(`|${g.key.slice(2)}`))
    if (typed) {
      typed.name.mentions.push(...g.name.mentions)
      g.name.mentions = []
    }
  }
  return groups.map((g) => g.name).filter((n) => n.mentions.length > 0)
}

function samePersonTokens(a: readonly string[], b: readonly string[]): boolean {
  return looseTokenMatch(a[a.length - 1]!, b[b.length - 1]!) && looseTokenMatch(a[0]!, b[0]!)
}

/** The full name (two tokens or more) whose surname this is, nearest before `at`, else the first after. */
function nearestFullName(groups: readonly Group[], surname: string, at: number): Group | null {
  let before: { group: Group; at: number } | null = null
  let after: { group: Group; at: number } | null = null
  for (const g of groups) {
    if (g.name.type !== 'person' || g.tokens.length < 2 || !looseTokenMatch(g.tokens[g.tokens.length - 1]!, surname)) continue
    for (const m of g.name.mentions) {
      if (nameTokens(m.surface).length < 2) continue
      if (m.start < at && (!before || m.start > before.at)) before = { group: g, at: m.start }
      if (m.start > at && (!after || m.start < after.at)) after = { group: g, at: m.start }
    }
  }
  return before?.group ?? after?.group ?? null
}

/**
 * The second pass: every written form of a name already found (the full name, the surname with and
 * without its particle) is looked for again, as a whole word, in the readable text. It finds what
 * the cheap pass cannot: "Sharaa" at a sentence's start, "[Sharaa] said yes", a name after a title
 * the first pass did not know. Matching is case-sensitive on the capitalised form, so "jordan" the
 * verb-like noun is never a mention.
 */
function findKnownVariants(text: string, skipped: readonly TextRange[], names: ArticleName[]): void {
  const taken: TextRange[] = names.flatMap((n) => n.mentions).sort((a, b) => a.start - b.start)
  const forms = new Map<string, ArticleName>()
  for (const n of names) {
    if (n.type === null) continue
    for (const m of n.mentions) forms.set(m.surface, forms.get(m.surface) ?? n)
    if (n.type === 'person') {
      for (const form of surnameForms(n.name)) if (!forms.has(form)) forms.set(form, n)
    }
  }
  const isInside = (r: TextRange, list: readonly TextRange[]) => list.some((x) => r.start < x.end && r.end > x.start)
  // Longest forms first, so "Ahmed al-Sharaa" is one mention, not a mention of "al-Sharaa" inside it.
  const ordered = [...forms.keys()].filter((f) => f.length >= 3).sort((a, b) => b.length - a.length)
  const added: Mention[] = []
  for (const form of ordered) {
    const owner = forms.get(form)!
    let from = 0
    for (let at = text.indexOf(form, from); at >= 0; at = text.indexOf(form, from)) {
      from = at + form.length
      const range = { start: at, end: at + form.length }
      if (!isWholeWord(text, range)) continue
      if (isInside(range, skipped) || isInside(range, taken) || isInside(range, added)) continue
      const mention = { ...range, surface: form }
      owner.mentions.push(mention)
      added.push(mention)
    }
  }
}

/** "Ahmed al-Sharaa" → "al-Sharaa", "Sharaa"; "Ron Dermer" → "Dermer". */
export function surnameForms(fullName: string): string[] {
  const words = fullName.split(/\s+/)
  if (words.length < 2) return []
  const last = words[words.length - 1]!
  const forms = [last]
  const glued = /^([a-zA-Z]+)[-‐](.+)$/u.exec(last)
  if (glued && NAME_PARTICLES.has(glued[1]!.toLowerCase())) forms.push(glued[2]!)
  const before = words[words.length - 2]!
  if (NAME_PARTICLES.has(plainName(before)) && words.length > 2) forms.push(`${before} ${last}`)
  return forms
}

function isWholeWord(text: string, { start, end }: TextRange): boolean {
  const letter = /[\p{L}\p{N}]/u
  const before = text[start - 1]
  const after = text[end]
  // A hyphen before means the form is the tail of a longer name ("al-Sharaa" holds "Sharaa").
  if (before !== undefined && (letter.test(before) || before === '-' || before === '‐')) return false
  return after === undefined || !letter.test(after)
}
