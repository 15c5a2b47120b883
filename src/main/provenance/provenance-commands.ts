// The analyst's provenance decisions as commands of the service's undo mechanism (DECISIONS section 4,
// src/main/commands/command-kind.ts): bulk metadata edits (the metadata table) and splits and joins
// of a claim's origin groups with a reason. Undo and redo restore the records these touch.

import { EDITABLE_ARTICLE_FIELDS, type Article, type Claim } from '../../shared/model'
import type { ArticleCredit, ArticleCreditView } from '../../shared/provenance/article-credits'
import type { ArticleMetadataChange, ArticleMetadataRow } from '../../shared/provenance/metadata-row'
import type { OriginOverride } from '../../shared/provenance/origin-groups'
import { traceOrigins } from '../../shared/provenance/origins'
import { UserError } from '../../shared/result'
import { claimLabel, registerCommand } from '../commands/command-kind'
import type { AnnotationsFile } from '../store/store-schema'
import type { CorpusStore } from '../store/corpus-store'
import type { ProvenanceIndex } from './provenance-index'

/** Every article's row of the metadata table, its inferred origins traced at article level. */
export function metadataRows(store: CorpusStore, provenance: ProvenanceIndex): ArticleMetadataRow[] {
  const context = provenance.context()
  return store.listArticles().map((a) => ({
    id: a.id,
    title: a.title,
    outlet: a.outlet,
    outletSource: a.outletSource,
    date: a.date,
    author: a.author,
    url: a.url,
    // A span of no sentence: the article's own credits, else its original's, else its outlet.
    origins: traceOrigins(context, a.id, { start: -1, end: -1 }).origins.map((o) => o.label),
  }))
}

/**
 * Sets the given fields of many articles in one durable write, as one undoable step. Each field set is
 * marked as the analyst's (kept across re-imports), an outlet's source becomes "analyst"; a blank
 * becomes null. Undo puts the articles back whole (the command history keeps them as they were).
 */
export const updateArticlesCommand = registerCommand({
  kind: 'article.update-many',
  label: ({ changes }: { changes: readonly ArticleMetadataChange[] }) => {
    const fields = [...new Set(changes.flatMap((c) => EDITABLE_ARTICLE_FIELDS.filter((f) => c[f] !== undefined)))]
    return `Set ${fields.join(' and ') || 'details'} of ${changes.length} ${changes.length === 1 ? 'article' : 'articles'}`
  },
  apply: async (ctx, { changes }: { changes: readonly ArticleMetadataChange[] }): Promise<{ updated: number; retitled: string[] }> => {
    const updated: Article[] = []
    const retitled: string[] = []
    for (const change of changes) {
      const article = ctx.store.requireArticle(change.id)
      const fields = EDITABLE_ARTICLE_FIELDS.filter((f) => change[f] !== undefined)
      if (fields.length === 0) continue
      const blankToNull = (v: string | null | undefined) => (v === '' ? null : (v ?? null))
      updated.push({
        ...article,
        ...Object.fromEntries(fields.map((f) => [f, f === 'title' ? change.title : blankToNull(change[f])])),
        edited: [...new Set([...article.edited, ...fields])],
        ...(fields.includes('outlet') ? { outletSource: 'analyst' as const } : {}),
      })
      if (fields.includes('title')) retitled.push(article.id)
    }
    await ctx.saveArticles(updated)
    return { updated: updated.length, retitled }
  },
})

export interface OriginOverrideArgs {
  claimId: string
  action: 'split' | 'join'
  linkIds: string[]
  reason: string
}

/** The analyst's split or join of a claim's origin groups, with a reason: one undoable step. */
export const overrideOriginsCommand = registerCommand({
  kind: 'origin.override',
  label: ({ claimId, action, linkIds }: OriginOverrideArgs, store) =>
    `${action === 'split' ? 'Split' : 'Joined'} ${linkIds.length} ${linkIds.length === 1 ? 'piece' : 'pieces'} of evidence ${action === 'split' ? 'off their origin on' : 'into one origin on'} ${claimLabel(store, claimId)}`,
  apply: (ctx, { claimId, action, linkIds, reason }: OriginOverrideArgs): Promise<Claim> =>
    ctx.changeAnnotations((data) => addOriginOverride(data, claimId, { id: ctx.newId('o'), action, linkIds, reason, createdAt: ctx.now() })),
})

/** Takes one of a claim's origin overrides off again. */
export const removeOriginOverrideCommand = registerCommand({
  kind: 'origin.remove-override',
  label: ({ claimId }: { claimId: string; overrideId: string }, store) => `Removed an origin override on ${claimLabel(store, claimId)}`,
  apply: (ctx, { claimId, overrideId }: { claimId: string; overrideId: string }): Promise<Claim> =>
    ctx.changeAnnotations((data) => removeOriginOverride(data, claimId, overrideId)),
})

/** Adds a split or a join of the claim's origin groups; the links must be the claim's evidence. */
export function addOriginOverride(data: AnnotationsFile, claimId: string, override: OriginOverride): Claim {
  const claim = requireClaim(data, claimId)
  const own = new Set(data.links.filter((l) => l.claimId === claimId).map((l) => l.id))
  const foreign = override.linkIds.filter((id) => !own.has(id))
  if (foreign.length > 0) throw new UserError('invalid-argument', `Evidence ${foreign.join(', ')} is not on this claim; refresh the board and try again.`)
  if (override.action === 'join' && override.linkIds.length < 2) throw new UserError('invalid-argument', 'Joining needs at least two pieces of evidence.')
  const changed: Claim = { ...claim, originOverrides: [...(claim.originOverrides ?? []), override], updatedAt: override.createdAt }
  data.claims = data.claims.map((c) => (c.id === claimId ? changed : c))
  return changed
}

export function removeOriginOverride(data: AnnotationsFile, claimId: string, overrideId: string): Claim {
  const claim = requireClaim(data, claimId)
  if (!(claim.originOverrides ?? []).some((o) => o.id === overrideId)) {
    throw new UserError('conflict', 'That origin override is no longer on this claim (removed since?); nothing was changed.')
  }
  const changed: Claim = { ...claim, originOverrides: (claim.originOverrides ?? []).filter((o) => o.id !== overrideId) }
  data.claims = data.claims.map((c) => (c.id === claimId ? changed : c))
  return changed
}

function requireClaim(data: AnnotationsFile, claimId: string): Claim {
  const claim = data.claims.find((c) => c.id === claimId)
  if (!claim) throw new UserError('not-found', `No claim with id ${claimId}; it may have been deleted.`)
  return claim
}

/** Credits as the CLI and the article's details show them, each with its sentence's text. */
export function creditViews(text: string, credits: readonly ArticleCredit[]): ArticleCreditView[] {
  return credits.map((c) => ({ label: c.label, kind: c.kind, sentence: text.slice(c.sentence.start, c.sentence.end), start: c.start, end: c.end, own: c.own }))
}
