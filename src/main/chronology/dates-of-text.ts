// What the dates index stores per text, and the analysis that finds it: kept apart from the index so
// a worker thread loads only this and the date finder, not the runner. Pure: text in, expressions out.

import { detectBoilerplate } from '../../shared/boilerplate/detect-boilerplate'
import type { DateExpression } from '../../shared/chronology/date-expression'
import { findDateExpressions } from '../../shared/chronology/find-date-expressions'

/** The date expressions of one text, page furniture skipped (DECISIONS section 2). */
export function datesOfText(text: string): DateExpression[] {
  return findDateExpressions(text, detectBoilerplate(text))
}
