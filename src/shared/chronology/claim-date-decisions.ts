// The analyst's decisions on a claim's dates, as pure functions over the claim record: the event
// date they set, and a date conflict they looked at and dismissed. A dismissal names the days it
// covers, so evidence that brings a new day flags the claim again: the analyst dismissed what they
// saw, not every future disagreement.

import type { Claim } from '../model'
import type { ClaimDates } from './timeline'

/** The days a conflict is about, as stored with a dismissal: "2025-07-24|2025-07-31". */
export function conflictSignature(dates: ClaimDates): string {
  return dates.days.map((d) => d.date).join('|')
}

/** Whether the card flags a date conflict: the evidence names different days the analyst has not dismissed. */
export function showsDateConflict(claim: Pick<Claim, 'dateConflictDismissed'>, dates: ClaimDates | undefined): boolean {
  if (!dates?.conflict) return false
  return (claim.dateConflictDismissed ?? null) !== conflictSignature(dates)
}

export const EVENT_DATE_PATTERN = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/
