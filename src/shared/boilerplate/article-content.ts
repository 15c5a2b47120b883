// The article's own text, with the page furniture boilerplate detection marked (teasers, captions,
// comment prompts, a metadata prefix such as " date 2025-07-12") blanked out: what search,
// suggestions and word counts read (DECISIONS.md section 2). Each marked range is replaced by spaces
// of the same length, so every offset still points at the same place in the stored text, and only
// the marked range goes: the rest of the line it sits on (004's lede after its date prefix) stays.

import { detectBoilerplate, type BoilerplateRange } from './detect-boilerplate'

/** The text with these ranges blanked (same length; line breaks inside a range are kept). */
export function withoutFurniture(text: string, ranges: readonly Pick<BoilerplateRange, 'start' | 'end'>[]): string {
  if (ranges.length === 0) return text
  let out = ''
  let at = 0
  for (const { start, end } of ranges) {
    if (start < at) continue
    out += text.slice(at, start) + text.slice(start, end).replace(/[^\n]/g, ' ')
    at = end
  }
  return out + text.slice(at)
}

/** The article's own text, furniture blanked: detection and blanking in one. */
export function articleContent(text: string): string {
  return withoutFurniture(text, detectBoilerplate(text))
}
