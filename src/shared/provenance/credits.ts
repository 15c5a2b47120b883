// Finds who a sentence credits for what it says, in the forms news copy uses:
//   wire agencies   "(Reuters) -", "told AFP", "according to AFP", "Reuters reported", "Reporting by Reuters"
//   other outlets   "according to The Times of Israel", "Axios first reported", "told The National"
//   named sources   "according to the Syrian Observatory for Human Rights", "Syrian state television said"
//   anonymous       "sources said", "a diplomat told", "reportedly": recorded, never an origin
// Each credit is the name as written, its kind, and where the name stands. Whether an outlet credit
// is the article's own outlet (a self-reference, "told The National" in The National) is decided when
// origins are traced, since it depends on the article's metadata, not its text. Pure string code.

import { displayName, sourceKey, wireAgencyOf } from './source-names'
import type { TextSpan } from './sentences'

export type CreditKind = 'wire' | 'outlet' | 'primary-source' | 'anonymous'

export interface Credit extends TextSpan {
  /** The source as a card shows it: "AFP", "SOHR", "The Times of Israel", "Syrian state television"; "anonymous" for anonymous credits. */
  label: string
  /** The name as the text writes it (start, end are its place in the text): "the UK-based Syrian Observatory…". */
  name: string
  /** The source's identity however it is written (source-names sourceKey); empty for an anonymous credit. */
  key: string
  kind: CreditKind
}

interface Token extends TextSpan {
  text: string
}

/** Verbs that attribute a statement to their subject ("Reuters reported", "Israel said"). */
const SAYING_VERBS = new Set(
  'said says reported reports announced confirmed stated added told revealed quoted cited wrote tweeted claimed admitted warned insisted noted estimated documented recorded disclosed'.split(
    ' ',
  ),
)
/** Words between a subject and its verb that do not end the subject ("AFP first reported", "Israel has confirmed"). */
const VERB_LEADS = new Set('first also later earlier previously has had have was were further initially separately'.split(' '))
/** Lower-case words that may sit inside a name ("Syrian Observatory for Human Rights", "Times of Israel"). */
const NAME_CONNECTORS = new Set(['of', 'for', 'and', 'on', 'de', 'du', 'des', 'del', 'la', 'al', 'el'])
/** Lower-case nouns and modifiers that make a name with a capitalised word before them ("Syrian state television", "Azerbaijani presidency"). */
const INSTITUTION_WORDS = new Set(
  'state state-run official public national news agency television tv media radio broadcaster ministry presidency army military police monitor government spokesperson spokesman spokeswoman office council foreign interior defence defense health'.split(
    ' ',
  ),
)
/** Capitalised words that are not names at the start of a subject: sentence-initial common words. */
const NOT_NAMES = new Set(
  'the a an he she they it we i you his her their its this that these those one two three some several many most other another meanwhile however but and also earlier later then there here according'.split(
    ' ',
  ),
)
/** Nouns that make a credit anonymous ("diplomatic sources", "a diplomat familiar with the matter"). */
const ANONYMOUS_NOUNS =
  'sources?|diplomats?|officials?|spokes(?:person|man|woman)|insiders?|witnesses|witness|residents?|analysts?|observers?|activists?|people familiar|person familiar|authorities|reports'
const ANONYMOUS = new RegExp(
  `\\b(?:(?:a|an|one|two|three|the|several|other|senior|diplomatic|western|security|military|government|local|informed|unnamed|anonymous|knowledgeable)\\s+)*(?:${ANONYMOUS_NOUNS})\\b(?=[^.]{0,60}?\\b(?:said|say|says|told|revealed|confirmed|added|familiar|quoted|indicated|stressed)\\b)|\\baccording to (?:(?:the|a|an) )?(?:[\\p{L}-]+ )?(?:${ANONYMOUS_NOUNS})\\b|\\breportedly\\b|\\bit is understood\\b|\\b(?:said|added|according to) the (?:source|diplomat|official)\\b`,
  'giu',
)
/** Days and months: "said Thursday" names a time, not a source. */
const TIME_WORDS =
  /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Today|Yesterday|Tomorrow)$/

const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}’'.&-]*[\p{L}\p{N}]|[\p{L}\p{N}]|[^\s]/gu

function tokenize(text: string, span: TextSpan): Token[] {
  const tokens: Token[] = []
  TOKEN.lastIndex = 0
  const sentence = text.slice(span.start, span.end)
  for (let m = TOKEN.exec(sentence); m; m = TOKEN.exec(sentence)) {
    tokens.push({ text: m[0], start: span.start + m.index, end: span.start + m.index + m[0].length })
  }
  return tokens
}

const isCapitalised = (word: string) => /^\p{Lu}/u.test(word) || /^(?:al|el)-\p{Lu}/u.test(word)
const isWordToken = (t: Token | undefined) => t !== undefined && /^[\p{L}\p{N}]/u.test(t.text)
const isDomain = (word: string) => /^[a-z0-9-]+\.(?:com|net|org|media|news|info|az|co\.uk|io|tv)$/i.test(word)

/** Every credit in one sentence of `text`. */
export function findCredits(text: string, sentence: TextSpan): Credit[] {
  const tokens = tokenize(text, sentence)
  const credits: Credit[] = []
  const add = (found: Credit | null) => {
    if (!found || credits.some((c) => c.start === found.start && c.end === found.end)) return
    // The name exactly as written (tokens lose the spacing between them).
    const name = text.slice(found.start, found.end)
    credits.push({ ...found, name, key: sourceKey(name), label: found.kind === 'wire' ? (wireAgencyOf(name) ?? found.label) : displayName(name) })
  }

  for (let i = 0; i < tokens.length; i++) {
    const word = (tokens[i] as Token).text
    const lower = word.toLowerCase()
    // "(Reuters) -", "BAKU, Azerbaijan (MNTV) —": a name in brackets followed by a dash.
    if (word === '(') {
      const close = tokens.findIndex((t, j) => j > i && t.text === ')')
      if (close > i + 1 && close <= i + 6 && /^[-—–]$/.test(tokens[close + 1]?.text ?? '')) add(namedCredit(tokens.slice(i + 1, close), 'outlet'))
    }
    // "told AFP", "talking to aze.media", "spoke to The National".
    if (lower === 'told' || ((lower === 'talking' || lower === 'speaking' || lower === 'spoke') && tokens[i + 1]?.text.toLowerCase() === 'to')) {
      const from = lower === 'told' ? i + 1 : i + 2
      add(objectCredit(tokens, from, 'outlet'))
    }
    // "according to X"
    if (lower === 'according' && tokens[i + 1]?.text.toLowerCase() === 'to') add(objectCredit(tokens, i + 2, 'primary-source'))
    // "as reported by X", "cited by X", "quoted by X"
    if ((lower === 'reported' || lower === 'cited' || lower === 'quoted') && tokens[i + 1]?.text.toLowerCase() === 'by')
      add(objectCredit(tokens, i + 2, 'primary-source'))
    // "Reporting by Reuters; Editing by …", "Additional reporting by AFP", "with AFP", "AFP contributed to this report"
    if (lower === 'reporting' && tokens[i + 1]?.text.toLowerCase() === 'by') {
      for (let j = i + 2; j < tokens.length && tokens[j]?.text !== ';'; j++) add(agencyAt(tokens, j))
    }
    if ((lower === 'with' || lower === 'via') && (i === tokens.length - 2 || tokens[i + 2]?.text === ')' || tokens[i + 2]?.text === '.')) add(agencyAt(tokens, i + 1))
    if (lower === 'contributed' && i > 0) add(agencyAt(tokens, i - 1))
    // "X reported", "Israel has confirmed", "Syrian state television said"; ", said Maria Zakharova".
    if (SAYING_VERBS.has(lower) && tokens[i + 1]?.text.toLowerCase() !== 'by') {
      add(subjectCredit(tokens, i))
      if (lower !== 'told') add(trailingCredit(tokens, i + 1))
    }
  }
  // Anonymous credits: recorded, so the analyst sees them, but never an origin.
  const sentenceText = text.slice(sentence.start, sentence.end)
  ANONYMOUS.lastIndex = 0
  for (let m = ANONYMOUS.exec(sentenceText); m; m = ANONYMOUS.exec(sentenceText)) {
    const start = sentence.start + m.index
    const end = start + m[0].length
    if (!credits.some((c) => c.start < end && start < c.end)) credits.push({ label: 'anonymous', name: m[0], key: '', kind: 'anonymous', start, end })
  }
  return credits.sort((a, b) => a.start - b.start)
}

/** The agency named at tokens[at] (one or more tokens: "Associated Press"), or null. */
function agencyAt(tokens: readonly Token[], at: number): Credit | null {
  for (let length = 4; length >= 1; length--) {
    const span = tokens.slice(at, at + length)
    if (span.length < length || !span.every(isWordToken)) continue
    const name = textOf(span)
    if (wireAgencyOf(name)) return credit(span, 'wire')
  }
  return null
}

/** The credit named by the object of "according to", "told", "reported by": a name, or an anonymous phrase (null here). */
function objectCredit(tokens: readonly Token[], from: number, fallback: CreditKind): Credit | null {
  let at = from
  // "the Syrian Observatory…": a lower-case article before a name is not part of it ("The Times of Israel" keeps its The).
  while (at < tokens.length && /^(?:the|a|an)$/.test(tokens[at]?.text ?? '')) at++
  const first = tokens[at]
  if (!first) return null
  if (isDomain(first.text)) return credit([first], 'outlet')
  // "The Times of Israel", "AFP": a name starting right here.
  const agency = agencyAt(tokens, at)
  if (agency) return agency
  if (!isCapitalised(first.text) || TIME_WORDS.test(first.text)) {
    // "a statement from the Azerbaijani presidency": a capitalised name soon after, before the clause ends.
    for (let j = at; j < Math.min(tokens.length, at + 5); j++) {
      const t = tokens[j] as Token
      if (!isWordToken(t) || /^(?:who|which|that|said|says)$/i.test(t.text)) return null
      if (/^(?:from|by|of)$/i.test(t.text) && tokens[j + 1]) return objectCredit(tokens, j + 1, fallback)
    }
    return null
  }
  return namedCredit(nameRun(tokens, at), fallback)
}

/** The longest name starting at tokens[at]: capitalised words, connectors inside, institution words at the end. */
function nameRun(tokens: readonly Token[], at: number): Token[] {
  const run: Token[] = []
  for (let j = at; j < tokens.length; j++) {
    const t = tokens[j] as Token
    if (!isWordToken(t)) break
    const lower = t.text.toLowerCase()
    if (isCapitalised(t.text) && !TIME_WORDS.test(t.text)) run.push(t)
    else if ((NAME_CONNECTORS.has(lower) || lower === 'the') && isCapitalised(tokens[j + 1]?.text ?? '') && run.length > 0) run.push(t)
    else if (INSTITUTION_WORDS.has(lower) && run.length > 0) run.push(t)
    else break
  }
  return run
}

/** The name that ends right before the saying verb at tokens[verb] ("AFP first reported", "Syrian state television said"). */
function subjectCredit(tokens: readonly Token[], verb: number): Credit | null {
  let end = verb - 1
  while (end >= 0 && VERB_LEADS.has((tokens[end] as Token).text.toLowerCase())) end--
  // An agency, however written ("dpa said", "Agence France-Presse reported").
  for (let length = 4; length >= 1; length--) {
    if (end - length + 1 < 0) continue
    const agency = agencyAt(tokens, end - length + 1)
    if (agency && agency.end === (tokens[end] as Token).end) return agency
  }
  let start = end
  while (start >= 0) {
    const t = tokens[start] as Token
    if (!isWordToken(t)) break
    const lower = t.text.toLowerCase()
    if (isCapitalised(t.text) || INSTITUTION_WORDS.has(lower) || isDomain(t.text)) start--
    else if (NAME_CONNECTORS.has(lower) && start < end && isCapitalised(tokens[start - 1]?.text ?? '')) start--
    else break
  }
  let run = tokens.slice(start + 1, end + 1) as Token[]
  // Sentence-initial common words ("The", "Meanwhile") are not part of a name.
  while (run.length > 0 && NOT_NAMES.has((run[0] as Token).text.toLowerCase())) run = run.slice(1)
  if (run.length === 0 || !run.some((t) => isCapitalised(t.text) || isDomain(t.text))) return null
  // "A third source in Jordan said": a place after an anonymous noun names where the source is, not who.
  const before = tokens[start]
  if (before && /^(?:in|from|at|near)$/i.test(before.text) && new RegExp(`^(?:${ANONYMOUS_NOUNS})$`, 'i').test(tokens[start - 1]?.text ?? '')) return null
  if (new RegExp(`^(?:${ANONYMOUS_NOUNS})$`, 'i').test((run[0] as Token).text) && run.length === 1) return null
  return namedCredit(run, 'primary-source')
}

/** ", said Maria Zakharova", "said the Syrian Observatory": a name right after the verb. */
function trailingCredit(tokens: readonly Token[], from: number): Credit | null {
  let at = from
  if (/^the$/i.test(tokens[at]?.text ?? '')) at++
  const first = tokens[at]
  if (!first || !isCapitalised(first.text) || TIME_WORDS.test(first.text)) return null
  // "said Israel would …" is a subject of its own clause, not the speaker; a speaker ends the sentence or its clause.
  const run = nameRun(tokens, at)
  const after = tokens[at + run.length]
  if (after && isWordToken(after)) return null
  return namedCredit(run, 'primary-source')
}

/** A credit for a name made of these tokens; its kind from what it names (an agency is always a wire credit). */
function namedCredit(run: readonly Token[], kind: CreditKind): Credit | null {
  if (run.length === 0) return null
  const name = textOf(run)
  if (!/\p{L}{2,}/u.test(name)) return null
  if (wireAgencyOf(name)) return credit(run, 'wire')
  return credit(run, looksLikeOutlet(name) ? 'outlet' : kind)
}

/** Names that are publications by their form: "The Times of Israel", "Axios", "aze.media", "Al Jazeera". */
function looksLikeOutlet(name: string): boolean {
  return (
    isDomain(name) ||
    /\b(?:Times|Post|News|Journal|Herald|Daily|Tribune|Gazette|Telegraph|Guardian|Independent|Observer|Chronicle|Economist|Monitor|Wire|Press|Axios|Politico|Haaretz|CNN|BBC|Al Jazeera|Al Arabiya|Sky News|Bloomberg|Financial Times|The National)\b/.test(
      name,
    ) ||
    /^The \p{Lu}\p{Ll}+$/u.test(name)
  )
}

function credit(run: readonly Token[], kind: CreditKind): Credit {
  const name = textOf(run)
  return { label: displayName(name), name, key: sourceKey(name), kind, start: (run[0] as Token).start, end: (run[run.length - 1] as Token).end }
}

/** Tokens' text as written, single-spaced. */
function textOf(run: readonly Token[]): string {
  return run
    .map((t) => t.text)
    .join(' ')
    .replace(/ ([’'])/g, '$1')
}
