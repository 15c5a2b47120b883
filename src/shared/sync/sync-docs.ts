// How the store's records travel as CouchDB documents (issue 19). Pure: no Node, no PouchDB.
//
// One document per record, with a stable id that names its kind: `claim:<id>`, `highlight:<id>`,
// `link:<id>`, `source:<sourceKey>`, `article:<contentHash>`, `text:<contentHash>`, `entity:<id>`. A document's body is what the team
// shares; the revision fields (`_id`, `_rev`) and the author of the revision sit beside it and never
// count when two versions are compared. Kept apart from the store's own shapes on purpose:
// - a highlight travels with its article's content hash instead of the local article id, so a
//   teammate's highlight lands on the same text in their copy, whatever id their import gave it
//   (same hash, same text: the position, quote and context all hold as they are);
// - an article travels only as the metadata fields the analyst corrected by hand, keyed by its
//   content hash; its text stays home unless the team turns text sharing on, when each text travels
//   once as its own document (`text:<contentHash>`, with what its importer read of title, outlet,
//   date), so a teammate who never imported the file gets the article;
// - a deletion travels as a CouchDB tombstone (`_deleted: true`) carrying its author.

import { z } from 'zod'
import type { EntityDecision } from '../entities/cluster-entities'
import { OUTLET_SOURCES } from '../provenance/outlet-source'
import { EDITABLE_ARTICLE_FIELDS, type Article, type Claim, type EditableArticleField, type EvidenceLink, type Highlight, type SourceGrade } from '../model'

export const SYNC_KINDS = ['article', 'highlight', 'claim', 'link', 'source', 'text', 'entity'] as const
export type SyncKind = (typeof SYNC_KINDS)[number]

/** What is shared of a record: its kind, the article's content hash where it matters, the record. */
export interface SyncBody {
  kind: SyncKind
  /** Highlights and articles: the sha256 of the article's text, which is the same in every copy. */
  contentHash?: string
  record: Record<string, unknown>
}

/** A highlight as it travels: everything but the local article id. */
export type SyncedHighlight = Omit<Highlight, 'articleId'>
/** An article as it travels: the fields corrected by hand, and which those are. */
export interface SyncedArticleEdits {
  fields: Partial<Pick<Article, EditableArticleField>>
  edited: EditableArticleField[]
}

export function docIdOf(kind: SyncKind, key: string): string {
  return `${kind}:${key}`
}

/** The kind and key of a document id, or null for an id that is not one of ours (a design doc, another app's). */
export function parseDocId(id: string): { kind: SyncKind; key: string } | null {
  const at = id.indexOf(':')
  if (at <= 0) return null
  const kind = id.slice(0, at) as SyncKind
  return SYNC_KINDS.includes(kind) && at < id.length - 1 ? { kind, key: id.slice(at + 1) } : null
}

export function claimBody(claim: Claim): SyncBody {
  return { kind: 'claim', record: { ...claim } }
}

export function linkBody(link: EvidenceLink): SyncBody {
  return { kind: 'link', record: { ...link } }
}

export function sourceBody(grade: SourceGrade): SyncBody {
  return { kind: 'source', record: { ...grade } }
}

/**
 * An analyst's entity decision (merge, split, rename, type, delete: issue 17). An entity's id comes
 * from its names (entityIdOf), and a decision names variants by their spelling keys, so the same
 * decision means the same entity in every copy whatever each imported.
 */
export function entityBody(decision: EntityDecision): SyncBody {
  return { kind: 'entity', record: { ...decision } }
}

export function highlightBody(highlight: Highlight, contentHash: string): SyncBody {
  const { articleId: _local, ...record } = highlight
  return { kind: 'highlight', contentHash, record }
}

/**
 * An article's text as it travels when the team shares texts: the text, and what the sender's
 * importer read of it. A text never changes under its content hash, so the document is written once;
 * two analysts who both shared it send the same text, and their versions are one (foldable).
 */
export const syncedTextSchema = z.object({
  text: z.string(),
  title: z.string().min(1).max(2000),
  outlet: z.string().max(500).nullable(),
  outletSource: z.enum(OUTLET_SOURCES).nullable().default(null),
  date: z.string().max(100).nullable(),
  author: z.string().max(500).nullable(),
  url: z.string().max(4000).nullable(),
  wordCount: z.number().int().min(0),
})
export type SyncedText = z.infer<typeof syncedTextSchema>

export function textBody(article: Article, text: string): SyncBody {
  const record: SyncedText = {
    text,
    title: article.title,
    outlet: article.outlet,
    outletSource: article.outletSource,
    date: article.date,
    author: article.author,
    url: article.url,
    wordCount: article.wordCount,
  }
  return { kind: 'text', contentHash: article.contentHash, record: { ...record } }
}

/**
 * A shared text as a new article of this store (it has no file here: no paths). Its id is taken
 * from the text as the importer's is, so the article has the same id as in the sender's copy
 * unless that id is taken here.
 */
export function articleFromText(text: SyncedText, contentHash: string, id: string, importedAt: string): Article {
  return {
    id,
    title: text.title,
    outlet: text.outlet,
    outletSource: text.outletSource,
    date: text.date,
    author: text.author,
    url: text.url,
    paths: [],
    wordCount: text.wordCount,
    contentHash,
    fileHash: contentHash,
    importedAt,
    nearDuplicateOf: null,
    edited: [],
  }
}

/** The hand-corrected metadata of an article, or null when the analyst corrected nothing (nothing to share). */
export function articleBody(article: Article): SyncBody | null {
  if (article.edited.length === 0) return null
  const edited = [...new Set(article.edited)].sort()
  const fields: Record<string, unknown> = {}
  for (const field of edited) fields[field] = article[field]
  return { kind: 'article', contentHash: article.contentHash, record: { fields, edited } }
}

/** A highlight as this store keeps it: the synced record placed on the local article with the same text. */
export function highlightFromBody(body: SyncBody, localArticleId: string): Highlight {
  return { ...(body.record as unknown as SyncedHighlight), articleId: localArticleId }
}

/**
 * The local article with a teammate's corrections written over it, the corrected fields marked as
 * edited. Only the fields an analyst may correct are taken, whatever else the document holds.
 */
export function articleWithEdits(article: Article, body: SyncBody): Article {
  const { fields, edited } = body.record as unknown as Partial<SyncedArticleEdits>
  const editable = (name: unknown): name is EditableArticleField => (EDITABLE_ARTICLE_FIELDS as readonly unknown[]).includes(name)
  const taken: Partial<Pick<Article, EditableArticleField>> = {}
  for (const [name, value] of Object.entries(fields ?? {})) if (editable(name)) Object.assign(taken, { [name]: value })
  const marked = [...new Set([...article.edited, ...(Array.isArray(edited) ? edited.filter(editable) : [])])]
  // An outlet the analyst set is the analyst's, here as in the copy it came from (provenance's outlet_source).
  return { ...article, ...taken, edited: marked, ...('outlet' in taken ? { outletSource: 'analyst' as const } : {}) }
}

/**
 * JSON with object keys sorted, so two bodies compare equal whatever order their fields were written
 * in (a body read back from CouchDB keeps no order promise).
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  )
}

/** Whether two bodies say the same (null: no record, or a tombstone). */
export function sameBody(a: SyncBody | null, b: SyncBody | null): boolean {
  if (a === null || b === null) return a === b
  return stableJson(a) === stableJson(b)
}

/** One revision leaf of a document: the tip of one line of its history. */
export interface LeafRevision {
  /** `N-hash`: N counts the revisions on this line. */
  rev: string
  deleted: boolean
}

/**
 * The revision every CouchDB-protocol database shows for a document with several leaves (a
 * conflict): a leaf that is not deleted beats a deleted one, then the longer history wins, then the
 * greater hash as a string. Every replica computes the same winner from the same leaves, so two
 * analysts' copies converge without talking to each other; the losing leaves are kept, not dropped.
 */
export function winningLeaf<L extends LeafRevision>(leaves: readonly L[]): L | null {
  let best: L | null = null
  for (const leaf of leaves) {
    if (best === null || compareLeaves(leaf, best) > 0) best = leaf
  }
  return best
}

function compareLeaves(a: LeafRevision, b: LeafRevision): number {
  if (a.deleted !== b.deleted) return a.deleted ? -1 : 1
  const [posA, hashA] = splitRev(a.rev)
  const [posB, hashB] = splitRev(b.rev)
  if (posA !== posB) return posA - posB
  return hashA < hashB ? -1 : hashA > hashB ? 1 : 0
}

function splitRev(rev: string): [number, string] {
  const dash = rev.indexOf('-')
  return [Number(rev.slice(0, dash)), rev.slice(dash + 1)]
}

/** A line a person reads to tell two versions of a record apart (the conflicts list, the CLI). */
export function summariseBody(body: SyncBody | null): string {
  if (body === null) return 'deleted'
  const r = body.record
  switch (body.kind) {
    case 'claim':
      return String(r.text ?? '')
    case 'highlight':
      return `“${String(r.exact ?? '')}”${r.note ? ` (note: ${String(r.note)})` : ''}`
    case 'link':
      return `${String(r.stance)}${r.credibility ? `, credibility ${String(r.credibility)}` : ''}${r.note ? ` (note: ${String(r.note)})` : ''}`
    case 'source':
      return `reliability ${String(r.reliability)}`
    case 'text':
      return `the text of “${String(r.title ?? '')}”`
    case 'entity': {
      const what = r.deleted ? 'deleted' : [r.name ? `named ${String(r.name)}` : null, r.type ? `a ${String(r.type)}` : null].filter(Boolean).join(', ')
      return `${what || 'entity'}${Array.isArray(r.variants) && r.variants.length > 0 ? ` (${r.variants.length} variants)` : ''}`
    }
    case 'article': {
      const fields = (r.fields ?? {}) as Record<string, unknown>
      return Object.entries(fields)
        .map(([k, v]) => `${k}: ${v === null ? '—' : String(v)}`)
        .join(', ')
    }
  }
}
