// The analyst's changes to highlights, claims, evidence and source grades, as commands (see
// src/main/commands/command-kind.ts): each one is undoable, redoable and labelled for the undo bar.
// The rules live in claim-commands.ts; this file names each change and says how it reads.

import { assertCodePointBoundaries } from '../../shared/anchoring/code-points'
import { describeQuote } from '../../shared/anchoring/text-quote'
import { sourceKeyOf } from '../../shared/claims/claim-status'
import type { Claim, ClaimStatus, EvidenceLink, Highlight, Reliability, Stance } from '../../shared/model'
import { UserError } from '../../shared/result'
import { claimLabel, quoteForLabel, registerCommand, type CommandContext } from '../commands/command-kind'
import type { CorpusStore } from '../store/corpus-store'
import * as claims from './claim-commands'

export interface PassageArgs {
  articleId: string
  start: number
  end: number
  note?: string
}

/** A new highlight over [start, end) of an article, with its quote and context for re-anchoring. */
async function newHighlight(ctx: CommandContext, { articleId, start, end, note }: PassageArgs): Promise<Highlight> {
  const article = ctx.store.requireArticle(articleId)
  const text = await ctx.store.readBody(article)
  if (end > text.length) {
    throw new UserError('invalid-argument', `The selection ends at ${end}, past the end of the article (${text.length} characters).`)
  }
  refuseSplitCharacters(text, { start, end }, 'The selection')
  return { id: ctx.newId('h'), articleId, start, end, ...describeQuote(text, start, end), orphaned: false, note: note ?? '', createdAt: ctx.now() }
}

function newClaim(ctx: CommandContext, text: string, tags: readonly string[] = []): Claim {
  return { id: ctx.newId('c'), text, tags: [...new Set(tags)], note: '', statusOverride: null, createdAt: ctx.now(), updatedAt: ctx.now() }
}

function newLink(ctx: CommandContext, claimId: string, highlightId: string, stance: Stance): EvidenceLink {
  return { id: ctx.newId('l'), claimId, highlightId, stance, credibility: null, note: '', createdAt: ctx.now() }
}

function linkQuote(store: CorpusStore, linkId: string): string {
  const link = store.links.find((l) => l.id === linkId)
  const highlight = link && store.highlights.find((h) => h.id === link.highlightId)
  return highlight ? quoteForLabel(highlight.exact) : 'evidence'
}

export const createHighlightCommand = registerCommand({
  kind: 'highlight.create',
  label: (args: PassageArgs) => `Highlighted a passage (${args.end - args.start} characters)`,
  apply: async (ctx, args: PassageArgs) => {
    const highlight = await newHighlight(ctx, args)
    return ctx.changeAnnotations((data) => {
      data.highlights = [...data.highlights, highlight]
      return highlight
    })
  },
})

export const deleteHighlightCommand = registerCommand({
  kind: 'highlight.delete',
  label: ({ id }: { id: string }, store) => {
    const h = store.highlights.find((x) => x.id === id)
    return `Deleted highlight ${h ? quoteForLabel(h.exact) : id}`
  },
  apply: (ctx, { id }: { id: string }) => {
    const highlight = ctx.store.requireHighlight(id)
    return ctx.changeAnnotations((data) => {
      const links = data.links.filter((l) => l.highlightId === id)
      data.highlights = data.highlights.filter((h) => h.id !== id)
      data.links = data.links.filter((l) => l.highlightId !== id)
      return { highlight, links }
    })
  },
})

export interface TagPassageArgs extends PassageArgs {
  /** An existing claim, or the statement of a new one. */
  claim: { id: string } | { text: string }
  stance: Stance
  /** Tags for the claim (new or existing): tags belong to claims. */
  tags?: string[]
}

/** Selection → highlight → evidence for a claim (new or existing), as one step to undo. */
export const tagPassageCommand = registerCommand({
  kind: 'passage.tag',
  label: (args: TagPassageArgs, store) =>
    'id' in args.claim ? `Added evidence to ${claimLabel(store, args.claim.id)}` : `Created claim ${quoteForLabel(args.claim.text)}`,
  apply: async (ctx, args: TagPassageArgs) => {
    const highlight = await newHighlight(ctx, args)
    const created = 'text' in args.claim ? newClaim(ctx, args.claim.text, args.tags) : null
    const claimId = created?.id ?? ('id' in args.claim ? args.claim.id : '')
    const link = newLink(ctx, claimId, highlight.id, args.stance)
    return ctx.changeAnnotations((data) => {
      let claim = created
      if (!claim) {
        const existing = data.claims.find((c) => c.id === claimId)
        if (!existing) throw new UserError('not-found', `No claim with id ${claimId}; it may have been deleted.`)
        const tags = [...new Set([...existing.tags, ...(args.tags ?? [])])]
        claim = tags.length === existing.tags.length ? existing : { ...existing, tags, updatedAt: ctx.now() }
        if (claim !== existing) data.claims = data.claims.map((c) => (c.id === claimId ? claim! : c))
      } else {
        data.claims = [...data.claims, claim]
      }
      data.highlights = [...data.highlights, highlight]
      data.links = [...data.links, link]
      return { highlight, claim, link }
    })
  },
})

export const createClaimCommand = registerCommand({
  kind: 'claim.create',
  label: ({ text }: { text: string; tags?: string[] }) => `Created claim ${quoteForLabel(text)}`,
  apply: (ctx, { text, tags }: { text: string; tags?: string[] }) => {
    const claim = newClaim(ctx, text, tags)
    return ctx.changeAnnotations((data) => {
      data.claims = [...data.claims, claim]
      return claim
    })
  },
})

export const linkEvidenceCommand = registerCommand({
  kind: 'evidence.link',
  label: (args: { claimId: string; highlightId: string; stance: Stance }, store) => `Added evidence to ${claimLabel(store, args.claimId)}`,
  apply: (ctx, { claimId, highlightId, stance }: { claimId: string; highlightId: string; stance: Stance }) => {
    ctx.store.requireClaim(claimId)
    ctx.store.requireHighlight(highlightId)
    if (ctx.store.links.some((l) => l.claimId === claimId && l.highlightId === highlightId)) {
      throw new UserError('conflict', 'This highlight is already evidence for that claim.')
    }
    const link = newLink(ctx, claimId, highlightId, stance)
    return ctx.changeAnnotations((data) => {
      data.links = [...data.links, link]
      return link
    })
  },
})

export const unlinkEvidenceCommand = registerCommand({
  kind: 'evidence.unlink',
  label: ({ linkId }: { linkId: string }, store) => `Removed evidence ${linkQuote(store, linkId)}`,
  apply: (ctx, { linkId }: { linkId: string }) => {
    const link = ctx.store.links.find((l) => l.id === linkId)
    if (!link) throw new UserError('not-found', `No evidence link with id ${linkId}; it may have been removed.`)
    return ctx.changeAnnotations((data) => {
      data.links = data.links.filter((l) => l.id !== linkId)
      return link
    })
  },
})

export type UpdateClaimArgs = { id: string } & claims.ClaimEdit

export const updateClaimCommand = registerCommand({
  kind: 'claim.update',
  label: (args: UpdateClaimArgs, store) => {
    const name = claimLabel(store, args.id)
    const fields = (['text', 'tags', 'note', 'statusOverride'] as const).filter((f) => args[f] !== undefined)
    if (fields.length === 1 && fields[0] === 'statusOverride') {
      return args.statusOverride ? `Set status of ${name} to ${STATUS_WORDS[args.statusOverride.status]}` : `Cleared the status override of ${name}`
    }
    if (fields.length === 1 && fields[0] === 'tags') return `Changed tags of ${name}`
    if (fields.length === 1 && fields[0] === 'note') return `Edited note of ${name}`
    return `Edited claim ${name}`
  },
  apply: (ctx, { id, ...edit }: UpdateClaimArgs) => ctx.changeAnnotations((data) => claims.editClaim(data, id, edit, ctx.now())),
})

const STATUS_WORDS: Record<ClaimStatus, string> = {
  corroborated: 'corroborated',
  'single-source': 'single source',
  contested: 'contested',
  contradicted: 'contradicted',
  'no-evidence': 'no evidence',
}

export const deleteClaimCommand = registerCommand({
  kind: 'claim.delete',
  label: ({ id }: { id: string }, store) => `Deleted claim ${claimLabel(store, id)}`,
  apply: (ctx, { id }: { id: string }) => ctx.changeAnnotations((data) => claims.deleteClaim(data, id)),
})

export const mergeClaimsCommand = registerCommand({
  kind: 'claim.merge',
  label: ({ intoId, fromId }: { intoId: string; fromId: string }, store) => `Merged ${claimLabel(store, fromId)} into ${claimLabel(store, intoId)}`,
  apply: (ctx, { intoId, fromId }: { intoId: string; fromId: string }) => ctx.changeAnnotations((data) => claims.mergeClaims(data, intoId, fromId, ctx.now())),
})

export const moveEvidenceCommand = registerCommand({
  kind: 'evidence.move',
  label: ({ linkId, claimId }: { linkId: string; claimId: string }, store) => `Moved ${linkQuote(store, linkId)} to ${claimLabel(store, claimId)}`,
  apply: (ctx, { linkId, claimId }: { linkId: string; claimId: string }) => ctx.changeAnnotations((data) => claims.moveEvidence(data, linkId, claimId)),
})

/** One piece of evidence taken off its claim into a new claim of its own (by default, its quote). */
export const splitEvidenceCommand = registerCommand({
  kind: 'evidence.split',
  label: ({ linkId }: { linkId: string; text?: string }, store) => `Split ${linkQuote(store, linkId)} off into a new claim`,
  apply: (ctx, { linkId, text }: { linkId: string; text?: string }) => {
    const link = ctx.store.links.find((l) => l.id === linkId)
    if (!link) throw new UserError('not-found', `No evidence link with id ${linkId}; it may have been removed.`)
    const quote = ctx.store.requireHighlight(link.highlightId).exact
    const claim = newClaim(ctx, (text ?? quote).trim() || quote)
    return ctx.changeAnnotations((data) => {
      data.claims = [...data.claims, claim]
      const { link: moved } = claims.moveEvidence(data, linkId, claim.id)
      return { claim, link: moved, fromClaimId: link.claimId }
    })
  },
})

export type UpdateEvidenceArgs = { linkId: string } & claims.EvidenceEdit

export const updateEvidenceCommand = registerCommand({
  kind: 'evidence.update',
  label: (args: UpdateEvidenceArgs, store) => {
    const quote = linkQuote(store, args.linkId)
    if (args.stance !== undefined && args.credibility === undefined && args.note === undefined) return `Changed stance of ${quote} to ${args.stance}`
    if (args.credibility !== undefined && args.stance === undefined && args.note === undefined) {
      return args.credibility === null ? `Cleared credibility of ${quote}` : `Set credibility of ${quote} to ${args.credibility}`
    }
    if (args.note !== undefined && args.stance === undefined && args.credibility === undefined) return `Edited note on ${quote}`
    return `Edited evidence ${quote}`
  },
  apply: (ctx, { linkId, ...edit }: UpdateEvidenceArgs) => ctx.changeAnnotations((data) => claims.editEvidence(data, linkId, edit)),
})

export const gradeSourceCommand = registerCommand({
  kind: 'source.grade',
  label: ({ sourceKey, reliability }: { sourceKey: string; reliability: Reliability | null }, store) => {
    const article = store.listArticles().find((a) => sourceKeyOf(a) === sourceKey)
    const name = article?.outlet ?? (article ? quoteForLabel(article.title) : sourceKey.replace(/^[a-z]+:/, ''))
    return reliability ? `Graded ${name} ${reliability}` : `Cleared the grade of ${name}`
  },
  apply: (ctx, { sourceKey, reliability }: { sourceKey: string; reliability: Reliability | null }) =>
    ctx.changeAnnotations((data) => claims.gradeSource(data, sourceKey, reliability)),
})

/** Offsets inside a surrogate pair are refused (DECISIONS section 3) with a message that says which. */
export function refuseSplitCharacters(text: string, offsets: Record<string, number>, what: string): void {
  try {
    assertCodePointBoundaries(text, offsets, what)
  } catch (error) {
    throw new UserError('invalid-argument', (error as Error).message)
  }
}
