// The analyst's decision about a claim's figures: accepting one figure of its evidence as the claim's
// value, with a reason, or clearing it. A pure change over the annotation records (replacing the
// claim, never editing it in place), run as an undoable command by the service.

import { figurePhrase, type Figure } from '../../shared/figures/figure'
import type { AcceptedFigure } from '../../shared/figures/claim-figures'
import type { Claim, EvidenceLink, Highlight } from '../../shared/model'
import { UserError } from '../../shared/result'
import { claimLabel, registerCommand } from '../commands/command-kind'
import type { AnnotationsFile } from '../store/store-schema'

export interface AcceptFigureArgs {
  claimId: string
  /** Which figure: the evidence link and the figure's index among that evidence's figures; null clears. */
  figure: { linkId: string; index: number } | null
  reason: string
}

/**
 * Resolves the args to the figure to store, reading the evidence's figures with `figuresOf`; throws
 * a UserError the analyst can act on when the evidence or the figure is not there.
 */
export function acceptedFigureOf(
  data: { links: readonly EvidenceLink[]; highlights: readonly Highlight[] },
  args: AcceptFigureArgs,
  figuresOf: (highlight: Highlight) => readonly Figure[],
): AcceptedFigure | null {
  if (!args.figure) return null
  const { linkId, index } = args.figure
  const link = data.links.find((l) => l.id === linkId)
  if (!link) throw new UserError('not-found', `No evidence link with id ${linkId}; it may have been removed. Refresh the board.`)
  if (link.claimId !== args.claimId) throw new UserError('invalid-argument', 'That evidence belongs to another claim: accept a figure from this claim’s own evidence.')
  const highlight = data.highlights.find((h) => h.id === link.highlightId)
  const figure = highlight ? figuresOf(highlight)[index] : undefined
  if (!highlight || !figure) throw new UserError('not-found', `That evidence has no figure number ${index + 1}; its quote may have changed. Refresh the board.`)
  return { figure, label: figurePhrase(figure), reason: args.reason.trim(), linkId, articleId: highlight.articleId }
}

/** Sets (or clears) a claim's accepted figure. */
export function setAcceptedFigure(data: AnnotationsFile, claimId: string, accepted: AcceptedFigure | null, now: string): Claim {
  const index = data.claims.findIndex((c) => c.id === claimId)
  const claim = data.claims[index]
  if (!claim) throw new UserError('not-found', `No claim with id ${claimId}; it may have been deleted.`)
  const updated: Claim = { ...claim, acceptedFigure: accepted, updatedAt: now }
  data.claims = data.claims.map((c, i) => (i === index ? updated : c))
  return updated
}

export interface SetClaimFigureArgs {
  claimId: string
  /** The figure resolved from the evidence by acceptedFigureOf, or null to clear. */
  accepted: AcceptedFigure | null
}

/** Accepting (or clearing) a claim's figure as a command: undoable, redoable, labelled (DECISIONS section 4). */
export const setClaimFigureCommand = registerCommand({
  kind: 'figure.accept',
  label: ({ claimId, accepted }: SetClaimFigureArgs, store) =>
    accepted ? `Accepted ${accepted.label} for ${claimLabel(store, claimId)}` : `Cleared the accepted figure of ${claimLabel(store, claimId)}`,
  apply: (ctx, { claimId, accepted }: SetClaimFigureArgs) => ctx.changeAnnotations((data) => setAcceptedFigure(data, claimId, accepted, ctx.now())),
})
