// Which way a sentence looks from the day it was written, as far as dating one expression needs.
//
// chrono-node ignores tense: from a report of Wednesday 30 July, "met on Thursday" and "will meet on
// Thursday" both come out as 31 July. A full parse of English tense is beyond a date index; the
// cues below are the ones news copy uses around a date, and the nearest cue to the expression in its
// own clause decides. Reporting verbs ("said", "told", "reported") are not cues: "officials will
// meet on Thursday, sources said" is about the future, whatever the attribution's tense.
//
// Trade-off: an "-ed" word is taken for a past verb unless an article or determiner comes just
// before it ("an unprecedented visit", "the scheduled talks" are adjectives); other adjectives still
// pass for verbs, so the future cues, checked first at the same distance, include the common ones
// ("scheduled", "expected", "planned", "set").

import type { Tense } from './date-expression'

const FUTURE_CUES =
  /\b(?:will|won['’]t|shall|['’]ll|would|to take place|to be held|set to|set for|is set|are set|expected|scheduled|due to|due on|is to|are to|going to|plans? to|planned|planning|upcoming|coming|next|later|ahead of|tomorrow)\b/gi

const PAST_CUES =
  /\b(?:met|held|was|were|had|did|took place|happened|began|started|ended|visited|killed|died|attacked|arrived|left|signed|agreed|announced|launched|last|ago|earlier|previous|previously|since|yesterday|sent|went|came|took|gave|made|fled|fought|struck|saw|brought|won|lost|fell|rose|broke|led|flew|spoke|wrote|sought|became|reached|(?<!\b(?:a|an|the|its|their|his|her|this|that|these|those)\s+)(?!(?:said|told|reported|added|noted|stated|claimed|confirmed)\b)\p{L}+ed)\b/giu

/** Clause boundaries: a cue beyond one of these speaks of another clause's time. */
const CLAUSE_BREAK = /[;:—–]|,\s*(?:but|while|whereas|and then)\b/g

interface Cue {
  tense: Exclude<Tense, 'unknown'>
  distance: number
}

function nearestCue(text: string, pattern: RegExp, tense: Cue['tense'], anchor: number, before: boolean): Cue | null {
  let best: Cue | null = null
  for (const m of text.matchAll(pattern)) {
    const at = m.index ?? 0
    const distance = before ? anchor - (at + m[0].length) : at - anchor
    if (distance < 0) continue
    if (!best || distance < best.distance) best = { tense, distance }
  }
  return best
}

/**
 * The tense of a sentence around an expression at [start, end) (offsets into `sentence`): the
 * nearest cue before the expression within its clause, else the nearest after it, else unknown.
 */
export function sentenceTense(sentence: string, start: number, end: number): Tense {
  let clauseStart = 0
  let clauseEnd = sentence.length
  for (const m of sentence.matchAll(CLAUSE_BREAK)) {
    const at = m.index ?? 0
    if (at + m[0].length <= start) clauseStart = at + m[0].length
    else if (at >= end && clauseEnd === sentence.length) clauseEnd = at
  }
  const beforeText = sentence.slice(clauseStart, start)
  const afterText = sentence.slice(end, clauseEnd)
  // The expression's own words can carry the direction ("last week", "next Tuesday") but are read
  // by the resolver as modifiers, not here.
  const pick = (text: string, before: boolean): Tense | null => {
    const anchor = before ? text.length : 0
    const future = nearestCue(text, FUTURE_CUES, 'future', anchor, before)
    const past = nearestCue(text, PAST_CUES, 'past', anchor, before)
    if (!future && !past) return null
    if (future && (!past || future.distance <= past.distance)) return 'future'
    return 'past'
  }
  return pick(beforeText, true) ?? pick(afterText, false) ?? 'unknown'
}
