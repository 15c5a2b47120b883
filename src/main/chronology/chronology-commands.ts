// The analyst's chronology decisions as commands (src/main/commands/command-kind.ts): setting a
// claim's event date, and dismissing (or bringing back) its date conflict. Undoable and redoable
// like every other change; the history restores the claim record whole.

import { conflictSignature } from '../../shared/chronology/claim-date-decisions'
import type { ClaimDates } from '../../shared/chronology/timeline'
import type { Claim } from '../../shared/model'
import { UserError } from '../../shared/result'
import { claimLabel, registerCommand } from '../commands/command-kind'
import type { AnnotationsFile } from '../store/store-schema'

function replaceClaim(data: AnnotationsFile, id: string, change: (claim: Claim) => Claim): Claim {
  const claim = data.claims.find((c) => c.id === id)
  if (!claim) throw new UserError('not-found', `No claim with id ${id}; it may have been deleted.`)
  const updated = change(claim)
  data.claims = data.claims.map((c) => (c.id === id ? updated : c))
  return updated
}

export interface SetEventDateArgs {
  claimId: string
  /** YYYY-MM-DD, YYYY-MM or YYYY; null clears it. */
  eventDate: string | null
}

export const setEventDateCommand = registerCommand({
  kind: 'claim.set-event-date',
  label: ({ claimId, eventDate }: SetEventDateArgs, store) =>
    eventDate ? `Set event date of ${claimLabel(store, claimId)} to ${eventDate}` : `Cleared the event date of ${claimLabel(store, claimId)}`,
  apply: (ctx, { claimId, eventDate }: SetEventDateArgs) =>
    ctx.changeAnnotations((data) => replaceClaim(data, claimId, (claim) => ({ ...claim, eventDate, updatedAt: ctx.now() }))),
})

export interface DismissDateConflictArgs {
  claimId: string
  /** The conflict as the analyst saw it; null brings a dismissed conflict back. */
  dates: ClaimDates | null
}

export const dismissDateConflictCommand = registerCommand({
  kind: 'claim.dismiss-date-conflict',
  label: ({ claimId, dates }: DismissDateConflictArgs, store) =>
    dates ? `Dismissed the date conflict of ${claimLabel(store, claimId)}` : `Flagged the date conflict of ${claimLabel(store, claimId)} again`,
  apply: (ctx, { claimId, dates }: DismissDateConflictArgs) =>
    ctx.changeAnnotations((data) =>
      replaceClaim(data, claimId, (claim) => ({ ...claim, dateConflictDismissed: dates ? conflictSignature(dates) : null, updatedAt: ctx.now() })),
    ),
})
