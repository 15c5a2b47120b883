// What the claim board's filter box matches: every word typed must appear somewhere in a claim's
// statement, tags, status, source names, stances or quotes. Shared so the bench can tell how many
// cards a filter must leave without asking the page.

import type { BoardClaim, BoardView } from './board-view'
import { STATUS_LABELS } from './claim-status'

/** The words of a filter, lower-cased; an empty list matches every claim. */
export function filterWords(filter: string): string[] {
  return filter.toLowerCase().split(/\s+/).filter(Boolean)
}

/** Everything the filter looks at on one card, lower-cased once so each keystroke only scans strings. */
export function claimSearchText(card: BoardClaim, view: Pick<BoardView, 'sources'>): string {
  const parts = [card.claim.text, card.claim.tags.join(' '), STATUS_LABELS[card.status], ...(card.entities ?? [])]
  for (const group of card.groups) {
    parts.push(view.sources[group.source]?.label ?? '')
    for (const e of group.evidence) parts.push(`${e.stance} ${e.quote}`)
  }
  return parts.join(' ').toLowerCase()
}

export function matchesFilter(searchText: string, words: readonly string[]): boolean {
  return words.every((w) => searchText.includes(w))
}
