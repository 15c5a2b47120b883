// The CLI commands that tag (issue 4's reader spec, DECISIONS sections 5 and 10): `highlight add`,
// `highlights`, `claim add`, `link`, `unlink`. Each goes through the service's contract (dispatch:
// the same argument checks as the app), so a script can do exactly what the tag popover does, no
// more. Tags belong to claims (section 5): `highlight add --tags` and `claim add --tags` add them to
// the claim. The writing commands run with the store's write lock (cli.ts opens the store so), and
// are refused, naming the holder, while the app has the store open.

import { contract, type ApiHandlers } from '../../shared/api'
import { parseTagList } from '../../shared/claims/tag-list'
import { STANCES, type Claim, type EvidenceLink, type Highlight, type Stance } from '../../shared/model'
import { UserError } from '../../shared/result'
import { highlightStates } from '../anchoring/reanchoring-record'
import { exportableHighlight } from '../exchange/project-file'
import { dispatch } from '../service/dispatch'
import type { CorpusStore } from '../store/corpus-store'

/** The options these commands add to the CLI's parser (strings, parsed and checked below). */
export const TAGGING_OPTIONS = {
  claim: { type: 'string' },
  stance: { type: 'string' },
  tags: { type: 'string' },
  occurrence: { type: 'string' },
  highlight: { type: 'string' },
  link: { type: 'string' },
} as const

export interface TaggingValues {
  article?: string
  quote?: string
  start?: string
  end?: string
  claim?: string
  stance?: string
  tags?: string
  occurrence?: string
  highlight?: string
  link?: string
}

export const TAGGING_HELP = `  highlight add --article ID (--quote TEXT [--occurrence N] | --start N --end N)
                [--claim TEXT] [--stance supports|contradicts|context] [--tags a,b]
                                 highlight a passage; with --claim, tag it to the claim of that text
                                 (reused if it exists, else created) with the stance (default
                                 supports); --tags go to the claim. A quote found more than once
                                 needs --occurrence (1 = the first)
  highlights [--article ID]      every highlight with its position, quote, context, claims and
                                 state (anchored, reanchored: moved by the last re-anchoring, orphaned)
  claim add TEXT [--tags a,b]    a claim (an existing one with the same text is reused, its tags added)
  link --claim ID --highlight ID --stance S   make a highlight evidence for a claim
  unlink --link ID               remove a piece of evidence (the highlight and the claim stay)
`

/** Whether a command writes the store, and so needs its write lock. */
export function isTaggingWrite(command: string): boolean {
  return command === 'highlight' || command === 'claim' || command === 'link' || command === 'unlink'
}

export interface TaggingContext {
  store: CorpusStore
  service: ApiHandlers
  values: TaggingValues
  print: (json: unknown, text: string) => void
}

/** Runs a tagging command; returns null when `command` is not one of them. */
export async function runTaggingCommand(command: string, rest: readonly string[], context: TaggingContext): Promise<number | null> {
  switch (command) {
    case 'highlight':
      if (rest[0] !== 'add') throw new UserError('invalid-argument', `Unknown command "highlight ${rest[0] ?? ''}". Did you mean highlight add, or highlights?`)
      return addHighlight(context)
    case 'highlights':
      return listHighlights(context)
    case 'claim':
      if (rest[0] !== 'add') throw new UserError('invalid-argument', `Unknown command "claim ${rest[0] ?? ''}". Did you mean claim add TEXT?`)
      return addClaim(rest.slice(1), context)
    case 'link':
      return link(context)
    case 'unlink':
      return unlink(context)
    default:
      return null
  }
}

async function addHighlight({ store, service, values, print }: TaggingContext): Promise<number> {
  if (!values.article) throw new UserError('invalid-argument', 'highlight add needs --article ID (see the ids in npm run cli -- list).')
  const tags = parseTagList(values.tags)
  if (values.claim === undefined && (tags.length > 0 || values.stance !== undefined)) {
    throw new UserError('invalid-argument', '--tags and --stance need --claim TEXT: tags belong to the claim a highlight is evidence for.')
  }
  const stance = stanceOf(values.stance ?? 'supports')
  const article = store.requireArticle(values.article)
  const text = await store.readBody(article)
  const { start, end } = spanOf(text, article, values)
  // The claim's text and tags are checked before anything is written, so a refused claim leaves no highlight behind.
  if (values.claim !== undefined) {
    const claimArgs = contract.createClaim.args.safeParse({ text: values.claim, tags })
    if (!claimArgs.success) throw new UserError('invalid-argument', `--claim or --tags: ${claimArgs.error.issues.map((i) => i.message).join('; ')}`)
  }

  const highlight = await call<Highlight>(service, 'createHighlight', { articleId: article.id, start, end })
  let claimOut: (ReturnType<typeof claimJson> & { created: boolean }) | null = null
  if (values.claim !== undefined) {
    const { claim, created } = await claimWithText(store, service, values.claim, tags)
    await call<EvidenceLink>(service, 'linkEvidence', { claimId: claim.id, highlightId: highlight.id, stance })
    claimOut = { ...claimJson(claim), created }
  }
  const entry = (await highlightEntries(store, [store.requireHighlight(highlight.id)]))[0]!
  print(
    { highlight: entry, claim: claimOut },
    `Highlighted ${entry.id} [${entry.start}, ${entry.end}) in ${article.id}: “${entry.exact}”${claimOut ? `\n  ${stance} ${claimOut.id}${claimOut.created ? ' (new)' : ''}: ${claimOut.text}` : ''}`,
  )
  return 0
}

async function listHighlights({ store, values, print }: TaggingContext): Promise<number> {
  if (values.article !== undefined) store.requireArticle(values.article)
  const chosen = values.article === undefined ? store.highlights : store.highlights.filter((h) => h.articleId === values.article)
  const highlights = await highlightEntries(store, chosen)
  print(
    { highlights },
    highlights
      .map((h) => `${h.id}  ${h.articleId} [${h.start}, ${h.end})  ${h.state}  “${h.exact}”${h.claims.map((c) => `\n    ${c.stance} ${c.id}: ${c.text}`).join('')}`)
      .join('\n'),
  )
  return 0
}

async function addClaim(words: readonly string[], { store, service, values, print }: TaggingContext): Promise<number> {
  const text = words.join(' ')
  if (text.trim() === '') throw new UserError('invalid-argument', 'claim add needs the claim\'s text: npm run cli -- claim add "The toll exceeds 1,400" [--tags a,b].')
  const { claim, created } = await claimWithText(store, service, text, parseTagList(values.tags))
  print(
    { claim: { ...claimJson(claim), created } },
    `${created ? 'Created' : 'Reused'} claim ${claim.id}: ${claim.text}${claim.tags.length ? ` [${claim.tags.join(', ')}]` : ''}`,
  )
  return 0
}

async function link({ service, values, print }: TaggingContext): Promise<number> {
  if (!values.claim || !values.highlight || values.stance === undefined) {
    throw new UserError('invalid-argument', 'link needs --claim ID, --highlight ID and --stance supports|contradicts|context.')
  }
  const made = await call<EvidenceLink>(service, 'linkEvidence', { claimId: values.claim, highlightId: values.highlight, stance: stanceOf(values.stance) })
  print({ link: linkJson(made) }, `Linked ${made.highlightId} to ${made.claimId} (${made.stance}) as ${made.id}.`)
  return 0
}

async function unlink({ service, values, print }: TaggingContext): Promise<number> {
  if (!values.link) throw new UserError('invalid-argument', 'unlink needs --link ID (see linkId in npm run cli -- highlights --json or claims --json).')
  const removed = await call<EvidenceLink>(service, 'unlinkEvidence', { linkId: values.link })
  print({ unlinked: linkJson(removed) }, `Removed evidence ${removed.id} (${removed.highlightId} ${removed.stance} ${removed.claimId}).`)
  return 0
}

/** Highlights in the shape of DECISIONS section 10's `highlights --json`. */
async function highlightEntries(store: CorpusStore, highlights: readonly Highlight[]) {
  const stateOf = await highlightStates(store)
  const claimById = new Map(store.claims.map((c) => [c.id, c]))
  const linksOf = new Map<string, EvidenceLink[]>()
  for (const l of store.links) linksOf.set(l.highlightId, [...(linksOf.get(l.highlightId) ?? []), l])
  return highlights.map(exportableHighlight).map((h) => ({
    id: h.id,
    articleId: h.articleId,
    start: h.start,
    end: h.end,
    exact: h.exact,
    prefix: h.prefix,
    suffix: h.suffix,
    state: stateOf(h),
    claims: (linksOf.get(h.id) ?? []).map((l) => ({ id: l.claimId, text: claimById.get(l.claimId)?.text ?? '', stance: l.stance, linkId: l.id })),
  }))
}

/** The claim whose text equals `text` once both are trimmed, its tags extended; else a new claim. */
async function claimWithText(store: CorpusStore, service: ApiHandlers, text: string, tags: readonly string[]): Promise<{ claim: Claim; created: boolean }> {
  const wanted = text.trim()
  const existing = store.claims.find((c) => c.text.trim() === wanted)
  if (!existing) return { claim: await call<Claim>(service, 'createClaim', { text: wanted, tags: [...new Set(tags)] }), created: true }
  const missing = tags.filter((t) => !existing.tags.includes(t))
  if (missing.length === 0) return { claim: existing, created: false }
  return { claim: await call<Claim>(service, 'updateClaim', { id: existing.id, tags: [...new Set([...existing.tags, ...missing])] }), created: false }
}

/**
 * The span named by --quote (with --occurrence when it occurs more than once) or by --start and
 * --end (UTF-16 code units, end exclusive, as every offset in the CLI).
 */
function spanOf(text: string, article: { id: string; title: string }, values: TaggingValues): { start: number; end: number } {
  if (values.quote !== undefined) {
    if (values.start !== undefined || values.end !== undefined) throw new UserError('invalid-argument', 'highlight add takes --quote or --start/--end, not both.')
    const quote = values.quote
    const starts: number[] = []
    if (quote !== '') for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) starts.push(at)
    if (quote.trim() === '' || starts.length === 0)
      throw new UserError('invalid-argument', `The quote does not occur in article ${article.id} ("${article.title}"). Copy it exactly.`)
    if (values.occurrence === undefined) {
      if (starts.length > 1) {
        throw new UserError(
          'invalid-argument',
          `The quote occurs ${starts.length} times in article ${article.id}; add --occurrence N (1 to ${starts.length}) to say which, or quote more of the passage.`,
        )
      }
      return { start: starts[0]!, end: starts[0]! + quote.length }
    }
    const occurrence = wholeNumber('occurrence', values.occurrence)
    if (occurrence < 1 || occurrence > starts.length) {
      throw new UserError(
        'invalid-argument',
        `--occurrence ${occurrence} does not exist: the quote occurs ${starts.length} time${starts.length === 1 ? '' : 's'} in article ${article.id}.`,
      )
    }
    return { start: starts[occurrence - 1]!, end: starts[occurrence - 1]! + quote.length }
  }
  if (values.occurrence !== undefined) throw new UserError('invalid-argument', '--occurrence picks among the places a --quote occurs; it does not go with --start/--end.')
  if (values.start === undefined || values.end === undefined) throw new UserError('invalid-argument', 'highlight add needs --quote TEXT, or --start N and --end N.')
  const start = wholeNumber('start', values.start)
  const end = wholeNumber('end', values.end)
  if (end <= start || end > text.length)
    throw new UserError('invalid-argument', `--start and --end must satisfy 0 ≤ start < end ≤ ${text.length} (the article's length in UTF-16 code units).`)
  return { start, end }
}

function stanceOf(raw: string): Stance {
  if ((STANCES as readonly string[]).includes(raw)) return raw as Stance
  throw new UserError('invalid-argument', `Unknown stance "${raw}". Use supports, contradicts or context.`)
}

function wholeNumber(name: string, raw: string): number {
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0 || raw.trim() === '') throw new UserError('invalid-argument', `--${name} must be a whole number, not "${raw}".`)
  return value
}

const claimJson = (c: Claim) => ({ id: c.id, text: c.text, tags: c.tags })
const linkJson = (l: EvidenceLink) => ({ id: l.id, claimId: l.claimId, highlightId: l.highlightId, stance: l.stance })

/** Calls an operation through the contract's gate, as the app does; its error, if any, is the user's. */
async function call<T>(service: ApiHandlers, name: string, args: unknown): Promise<T> {
  const result = await dispatch(service, name, args)
  if (result.ok) return result.value as T
  if (result.error.code === 'internal') throw new Error(result.error.message)
  throw new UserError(result.error.code, result.error.message)
}
