// Traces a piece of evidence to its deepest known origins and groups evidence that shares any origin
// (DECISIONS section 9). The order, from the surest to the last resort:
//   1. the named sources its own sentence credits ("according to the Syrian Observatory…");
//   2. else its article's own credits (dateline, byline, lede, sign-off: "(Reuters) -", "told AFP");
//   3. else, for a passage copied from another article, that article's origins for it (or, when no
//      appearance is credited or dated first, the copies' shared passage: one origin, no root);
//   4. else, for a near-duplicate article (a syndicated copy), its original's origins;
//   5. else its outlet (or, with no outlet known, the article itself, so unattributed articles never merge).
// Anonymous credits ("sources said", "reportedly") are never origins and never replace anything; an
// outlet credit naming the article's own outlet ("told The National" in The National) is a
// self-reference, not a credit. Pure: the board, the exports and the CLI share it.

import { sourceKey } from './source-names'
import type { ArticleCredit } from './article-credits'
import type { TextSpan } from './sentences'

export type { OriginKind } from '../model'
import type { OriginKind } from '../model'

export interface Origin {
  /** Identity shared by every mention of one source, whatever its kind (source-names sourceKey). */
  key: string
  label: string
  kind: OriginKind
}

export interface TracedEvidence {
  origins: Origin[]
  /** How the evidence reaches its origins, for the card: "SOHR via AFP", "AFP", "Reuters (copied from Northern Post)". */
  chain: string
}

/** A passage of an article found nearly verbatim in articles of other outlets (passage reuse). */
export interface PassageCopy extends TextSpan {
  /** Identity of the set of copies. */
  cluster: string
  /** The appearance it is traced to (credited, or earliest dated); null when this is it, or when none decides. */
  root: { articleId: string; start: number; end: number } | null
  /** This appearance is the root of its copies. */
  isRoot: boolean
  /** How many articles hold the passage. */
  articles: number
}

export interface ArticleProvenance {
  credits: readonly ArticleCredit[]
  copies: readonly PassageCopy[]
}

export interface OriginArticle {
  id: string
  title: string
  outlet: string | null
  nearDuplicateOf: string | null
}

export interface OriginContext {
  article(id: string): OriginArticle | undefined
  /** The article's credits and copied passages; undefined while the provenance index has not reached it. */
  provenance(id: string): ArticleProvenance | undefined
}

/** Copies of copies are followed this far, no further: a longer chain is broken data. */
const MAX_TRACE_DEPTH = 8

/** The origins of the evidence at [span.start, span.end) of an article. */
export function traceOrigins(context: OriginContext, articleId: string, span: TextSpan, depth = 0): TracedEvidence {
  const article = context.article(articleId)
  if (!article) return { origins: [{ key: `article:${articleId}`, label: articleId, kind: 'outlet' }], chain: articleId }
  const provenance = context.provenance(articleId)
  const ownOutlet = article.outlet ? sourceKey(article.outlet) : null
  const counts = (c: ArticleCredit) => c.kind !== 'anonymous' && c.key !== '' && c.key !== ownOutlet
  const articleCredits = (provenance?.credits ?? []).filter((c) => c.own !== null && (c.kind === 'wire' || c.kind === 'outlet') && counts(c))

  // 1. The sentence's own named sources.
  const named = (provenance?.credits ?? []).filter((c) => c.sentence.start < span.end && span.start < c.sentence.end && counts(c))
  if (named.length > 0) {
    const origins = distinct(named.map(originOfCredit))
    const via = distinct(articleCredits.map(originOfCredit)).filter((o) => !origins.some((n) => n.key === o.key))
    return { origins, chain: `${labels(origins)}${via.length > 0 ? ` via ${labels(via)}` : ''}` }
  }
  // 2. The article's own credits.
  if (articleCredits.length > 0) {
    const origins = distinct(articleCredits.map(originOfCredit))
    return { origins, chain: labels(origins) }
  }
  // 3. A copied passage.
  const copy = (provenance?.copies ?? []).find((c) => c.start < span.end && span.start < c.end && !c.isRoot)
  if (copy && depth < MAX_TRACE_DEPTH) {
    if (copy.root && copy.root.articleId !== articleId) {
      const root = traceOrigins(context, copy.root.articleId, copy.root, depth + 1)
      const from = context.article(copy.root.articleId)
      const fromLabel = from ? articleLabel(from) : copy.root.articleId
      return { origins: root.origins, chain: root.chain === fromLabel ? `${root.chain} (copied without credit)` : `${root.chain} (copied from ${fromLabel})` }
    }
    const origin: Origin = { key: `passage:${copy.cluster}`, label: `Passage shared by ${copy.articles} articles`, kind: 'copied-passage' }
    return { origins: [origin], chain: `${origin.label} (no appearance credited or dated first)` }
  }
  // 4. A near-duplicate of another article: its original speaks for it.
  if (article.nearDuplicateOf && depth < MAX_TRACE_DEPTH) {
    const original = context.article(article.nearDuplicateOf)
    if (original && original.id !== article.id) {
      const traced = traceOrigins(context, original.id, { start: 0, end: 0 }, depth + 1)
      const origins = traced.origins.map((o) => (o.kind === 'outlet' ? { ...o, kind: 'near-duplicate' as const } : o))
      return { origins, chain: `${traced.chain} (near-duplicate of ${articleLabel(original)})` }
    }
  }
  // 5. The outlet, or the article itself.
  const origin = outletOrigin(article)
  return { origins: [origin], chain: origin.label }
}

/** Traces already made, per context object: see traceOriginsKept. */
const keptTraces = new WeakMap<OriginContext, Map<string, TracedEvidence>>()

/**
 * traceOrigins, each span traced once per context object: for a context that answers the same for as
 * long as it is handed out (the provenance index gives a new one whenever the articles, the credits or
 * the copied passages change), so a board rebuilt after an edit traces only the evidence it has not
 * traced before. The result is shared: callers must not change it.
 */
export function traceOriginsKept(context: OriginContext, articleId: string, span: TextSpan): TracedEvidence {
  const traces = tracesKeptWith(context)
  const key = traceKey(articleId, span.start, span.end)
  let traced = traces.get(key)
  if (!traced) traces.set(key, (traced = traceOrigins(context, articleId, span)))
  return traced
}

/**
 * The traces kept with a context by traceOriginsKept, by traceKey: the service fills it from the
 * traces it saved beside the store for the same inputs (provenance/kept-traces.ts), and saves it.
 * Whatever is put in must be what traceOrigins gives for that span in that context.
 */
export function tracesKeptWith(context: OriginContext): Map<string, TracedEvidence> {
  let traces = keptTraces.get(context)
  if (!traces) keptTraces.set(context, (traces = new Map()))
  return traces
}

/** The key of an article's span among the traces kept with a context. */
export const traceKey = (articleId: string, start: number, end: number): string => `${articleId}\u0000${start}\u0000${end}`

export function outletOrigin(article: OriginArticle): Origin {
  const key = article.outlet ? sourceKey(article.outlet) : ''
  return key ? { key, label: article.outlet as string, kind: 'outlet' } : { key: `article:${article.id}`, label: article.title, kind: 'outlet' }
}

function originOfCredit(credit: ArticleCredit): Origin {
  return { key: credit.key, label: credit.label, kind: credit.kind === 'wire' ? 'wire' : credit.kind === 'outlet' ? 'outlet' : 'primary-source' }
}

function distinct(origins: readonly Origin[]): Origin[] {
  const seen = new Map<string, Origin>()
  for (const o of origins) if (!seen.has(o.key)) seen.set(o.key, o)
  return [...seen.values()]
}

const labels = (origins: readonly Origin[]) => origins.map((o) => o.label).join(' and ')

/** How a card names an article in a chain: its outlet, else its title. */
export function articleLabel(article: Pick<OriginArticle, 'outlet' | 'title'>): string {
  return article.outlet ?? article.title
}
