// The cheap pass of entity extraction: capitalised word sequences in the readable part of a text,
// stripped of titles and possessives, with a type where the words themselves say it (a country, an
// organisation word, a title before a person). Pure string work, a fraction of a millisecond per
// article; the tagger (compromise, ~23 ms per article) then runs only on the sentences that hold a
// candidate this pass could not type.

import { DEMONYMS, NAME_CONNECTORS, NOT_NAMES, ORGANISATION_WORDS, PORTFOLIO_END_WORDS, TITLE_WORDS, COUNTRY_NAMES } from './name-words'
import { NAME_PARTICLES, nameTokens } from './name-folding'

export type EntityType = 'person' | 'place' | 'organisation'
export const ENTITY_TYPES: readonly EntityType[] = ['person', 'place', 'organisation']

export interface TextRange {
  start: number
  end: number
}

export interface Candidate extends TextRange {
  /** The name as written, without title or possessive: "Ron Dermer", "al-Shaibani". */
  surface: string
  /** The type the words give, or null when only a tagger can tell. */
  type: EntityType | null
  /** A title or office stood before it ("President", "Foreign Minister"): a person, whatever its type says. */
  titled: boolean
  /** The sentence it is in, for the tagger. */
  sentence: TextRange
  /** The first word of its sentence: capitalised for grammar's sake, so it counts only if known elsewhere. */
  sentenceInitial: boolean
}

interface Token extends TextRange {
  word: string
  lower: string
}

/**
 * The parts of the text outside the given skipped ranges (page furniture), in order. Only the ranges
 * themselves are skipped, never the rest of a line they sit on: seed 004's lede shares its line with
 * a ` date 2025-07-12` prefix.
 */
export function readableRanges(textLength: number, skipped: readonly TextRange[]): TextRange[] {
  const sorted = [...skipped].sort((a, b) => a.start - b.start)
  const out: TextRange[] = []
  let at = 0
  for (const r of sorted) {
    if (r.start > at) out.push({ start: at, end: r.start })
    at = Math.max(at, r.end)
  }
  if (at < textLength) out.push({ start: at, end: textLength })
  return out
}

/** Sentences inside the readable ranges: split at end punctuation followed by space, and at line breaks. */
export function sentencesOf(text: string, readable: readonly TextRange[]): TextRange[] {
  const out: TextRange[] = []
  const boundary = /[.!?]["”’)\]]*\s+|\n+/g
  for (const range of readable) {
    const part = text.slice(range.start, range.end)
    let from = 0
    boundary.lastIndex = 0
    for (let m = boundary.exec(part); m; m = boundary.exec(part)) {
      const end = m.index + m[0].length
      push(from, end)
      from = end
    }
    push(from, part.length)
    function push(s: number, e: number): void {
      // Trim spaces so offsets point at words.
      while (s < e && /\s/.test(part[s]!)) s++
      while (e > s && /\s/.test(part[e - 1]!)) e--
      if (e > s) out.push({ start: range.start + s, end: range.start + e })
    }
  }
  return out
}

/** Words with their offsets: letters and digits, with inner hyphens and apostrophes ("al-Sharaa", "Sharaa’s"). */
function tokensOf(text: string, sentence: TextRange): Token[] {
  const out: Token[] = []
  const word = /[\p{L}\p{N}]+(?:['’\-‐][\p{L}\p{N}]+)*/gu
  const part = text.slice(sentence.start, sentence.end)
  for (let m = word.exec(part); m; m = word.exec(part)) {
    out.push({ start: sentence.start + m.index, end: sentence.start + m.index + m[0].length, word: m[0], lower: m[0].toLowerCase() })
  }
  return out
}

/** "Sharaa’s" → "Sharaa": a possessive ends a name (and the name sequence). */
const POSSESSIVE = /['’]s$/u

/** A word that begins with a capital, or a particle glued to one ("al-Sharaa", "el-Sisi"). */
function isCapitalised(token: Token): boolean {
  const glued = /^([a-z]+)[-‐]([\p{Lu}])/u.exec(token.word)
  if (glued !== null) return NAME_PARTICLES.has(glued[1]!)
  const first = token.word[0]!
  if (first === first.toLowerCase() || first !== first.toUpperCase()) return false
  // "Druze-majority", "UN-patrolled", "UK-based": a compound adjective, not a name.
  return !token.word.split(/[-‐]/u).some((part, i) => i > 0 && part[0] === part[0]!.toLowerCase() && part[0] !== part[0]!.toUpperCase())
}

function isStandaloneParticle(token: Token): boolean {
  return token.word === token.lower && NAME_PARTICLES.has(token.lower)
}

/** Two tokens belong to one name only if a single space (no comma, bracket, line break) separates them. */
function adjacent(text: string, a: Token, b: Token): boolean {
  if (b.start - a.end === 1) return text[a.end] === ' '
  // An editor's bracket inside a quote: "[Syria's President Ahmad] Al Shara" is one name.
  return b.start - a.end === 2 && text.slice(a.end, b.start) === '] '
}

/** Capitalised sequences of one sentence, as token lists. */
function sequencesOf(text: string, tokens: readonly Token[]): Token[][] {
  const sequences: Token[][] = []
  let current: Token[] = []
  const close = () => {
    // A name never ends on a particle or a connector: "Syria and" is "Syria".
    while (current.length > 0 && !isCapitalised(current[current.length - 1]!)) current.pop()
    if (current.length > 0) sequences.push(current)
    current = []
  }
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    const previous = current[current.length - 1]
    if (previous && !adjacent(text, previous, token)) close()
    if (isCapitalised(token)) {
      current.push(token)
      if (POSSESSIVE.test(token.word)) close()
      continue
    }
    const next = tokens[i + 1]
    const nextJoins = next !== undefined && isCapitalised(next) && adjacent(text, token, next)
    if (current.length > 0 && nextJoins && isStandaloneParticle(token)) {
      current.push(token)
      continue
    }
    // "for", "of", "and" continue a name only after an organisation word or a title:
    // "Observatory for Human Rights", "Minister for Strategic Affairs", never "Syria and Israel".
    if (current.length > 0 && nextJoins && NAME_CONNECTORS.has(token.lower) && previous && (ORGANISATION_WORDS.has(previous.lower) || TITLE_WORDS.has(previous.lower))) {
      current.push(token)
      continue
    }
    if (current.length === 0 && nextJoins && isStandaloneParticle(token) && token.lower !== 'de') {
      // "al Assad" written with a lower-case, separate particle.
      current.push(token)
      continue
    }
    close()
  }
  close()
  return sequences
}

interface Stripped {
  tokens: Token[]
  titled: boolean
}

/**
 * Removes what comes before a name and is not the name: sentence-start function words ("But"),
 * nationality and office ("Syrian President", "Israeli Minister for Strategic Affairs"), keeping a
 * nationality that opens an organisation's name ("Syrian Observatory for Human Rights").
 */
function stripTitles(sequence: Token[]): Stripped {
  let tokens = sequence
  let titled = false
  while (tokens.length > 0 && NOT_NAMES.has(bare(tokens[0]!))) tokens = tokens.slice(1)
  if (tokens.some((t) => ORGANISATION_WORDS.has(bare(t)))) return { tokens, titled: false }
  for (;;) {
    const first = tokens[0]
    if (!first) break
    const lower = bare(first)
    if (DEMONYMS.has(lower) || TITLE_WORDS.has(lower)) {
      if (TITLE_WORDS.has(lower) && !DEMONYMS.has(lower)) titled = true
      tokens = tokens.slice(1)
      continue
    }
    // "Minister for Strategic Affairs Ron Dermer": the portfolio runs to its last portfolio word.
    if (titled && NAME_CONNECTORS.has(lower)) {
      let last = -1
      tokens.forEach((t, i) => {
        if (PORTFOLIO_END_WORDS.has(bare(t))) last = i
      })
      tokens = last >= 0 ? tokens.slice(last + 1) : tokens.slice(1)
      continue
    }
    break
  }
  return { tokens, titled }
}

const bare = (t: Token) => t.lower.replace(POSSESSIVE, '')

/** "Israelis" → "israeli": a plural nationality is a nationality. */
function singularDemonym(word: string): string {
  return word.endsWith('s') && DEMONYMS.has(word.slice(0, -1)) ? word.slice(0, -1) : word
}

/** Splits a leading country off a run of names: "Syria Tom Barrack" (after "envoy to") is two names. */
function splitLeadingCountry(tokens: Token[]): Token[][] {
  if (tokens.length < 2 || !COUNTRY_NAMES.has(bare(tokens[0]!))) return [tokens]
  if (tokens.some((t) => ORGANISATION_WORDS.has(bare(t)))) return [tokens]
  return [[tokens[0]!], tokens.slice(1)]
}

/** The cheap pass over one text: every candidate name, with a type where its own words give one. */
export function findCandidates(text: string, skipped: readonly TextRange[]): Candidate[] {
  const out: Candidate[] = []
  for (const sentence of sentencesOf(text, readableRanges(text.length, skipped))) {
    const tokens = tokensOf(text, sentence)
    for (const sequence of sequencesOf(text, tokens)) {
      const { tokens: named, titled } = stripTitles(sequence)
      const parts = splitLeadingCountry(named)
      parts.forEach((part, i) => {
        // A title belongs to the name it stands before: the last part ("envoy to Syria Tom Barrack" has none).
        const candidate = candidateOf(text, sentence, part, titled && i === parts.length - 1, tokens[0])
        if (candidate) out.push(candidate)
      })
    }
  }
  return out
}

function candidateOf(text: string, sentence: TextRange, part: Token[], titled: boolean, firstOfSentence: Token | undefined): Candidate | null {
  // Trim particles and connectors left at either edge.
  let tokens = part
  while (tokens.length > 0 && !isCapitalised(tokens[tokens.length - 1]!)) tokens = tokens.slice(0, -1)
  while (tokens.length > 1 && NAME_CONNECTORS.has(tokens[0]!.lower)) tokens = tokens.slice(1)
  if (tokens.length === 0) return null
  const last = tokens[tokens.length - 1]!
  const start = tokens[0]!.start
  const end = last.end - (POSSESSIVE.exec(last.word)?.[0].length ?? 0)
  // Words joined by one space: an editor's bracket inside the span is not part of the name.
  const surface = tokens.map((t, i) => (i === tokens.length - 1 ? t.word.replace(POSSESSIVE, '') : t.word)).join(' ')
  // Hyphenated compounds count word by word: "Syrian-Russian" is two nationalities, not a name.
  const words = tokens.flatMap((t) => bare(t).split(/[-‐]/u)).map(singularDemonym)
  // Nothing but titles, nationalities and ordinary words: "Foreign Minister", "Syrian", "The".
  if (words.every((w) => TITLE_WORDS.has(w) || DEMONYMS.has(w) || NOT_NAMES.has(w) || NAME_PARTICLES.has(w) || NAME_CONNECTORS.has(w))) return null
  const core = nameTokens(surface)
  // Initials and single letters ("U", "S" of U.S.) are not names on their own.
  if (core.every((w) => w.length < 2)) return null
  // A name in capitals throughout is kept only if short (a dateline's "BAKU"); a shouted heading is not names.
  if (tokens.length > 2 && tokens.every((t) => t.word === t.word.toUpperCase() && t.word.length > 1)) return null
  return {
    start,
    end,
    surface,
    type: typeFromWords(words, titled),
    titled,
    sentence,
    sentenceInitial: firstOfSentence !== undefined && firstOfSentence.start === start,
  }
}

function typeFromWords(words: readonly string[], titled: boolean): EntityType | null {
  const core = words.filter((w) => !NAME_PARTICLES.has(w))
  if (core.length === 1 && COUNTRY_NAMES.has(core[0]!)) return 'place'
  if (words.some((w) => ORGANISATION_WORDS.has(w))) return 'organisation'
  if (titled) return 'person'
  return null
}
