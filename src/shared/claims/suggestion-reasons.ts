// Why a sentence was suggested, in words an analyst reads at a glance; shared by the reader's
// suggestion list and the CLI so that both say the same thing.

import type { SuggestionReasons } from '../model'
import type { MatchedTerm } from './passage-similarity'

/** "Sweida ~ Suweida" where the two spellings differ, the word alone where they do not. */
export function termPair(term: MatchedTerm): string {
  // The same word in another form ("official", "officials") is just the word.
  return term.kind === 'word' || term.highlight.toLowerCase() === term.match.toLowerCase() ? term.match : `${term.highlight} ~ ${term.match}`
}

/** One line: shared words, then spellings, numbers and concepts matched, then tense and dateline. */
export function suggestionReasonText(why: SuggestionReasons): string {
  const parts: string[] = []
  const of = (kind: MatchedTerm['kind']) => why.terms.filter((t) => t.kind === kind).map(termPair)
  const words = of('word')
  if (words.length > 0) parts.push(`shares ${words.join(', ')}`)
  const spellings = of('spelling')
  if (spellings.length > 0) parts.push(`spelling ${spellings.join(', ')}`)
  const numbers = of('number')
  if (numbers.length > 0) parts.push(`number ${numbers.join(', ')}`)
  const figures = of('figure')
  if (figures.length > 0) parts.push(`figures ${figures.join(', ')}`)
  const concepts = of('concept')
  if (concepts.length > 0) parts.push(`same fact ${concepts.join(', ')}`)
  if (why.dates)
    parts.push(
      why.dates.agree
        ? `same day ${why.dates.match.join(', ')}`
        : `another day: ${why.dates.match.join(', ')}, highlight ${why.dates.highlight.join(', ')}: ranked lower`,
    )
  else if (why.tense)
    parts.push(why.tense.highlight === why.tense.match ? `both ${why.tense.match}` : `${why.tense.match} tense, highlight ${why.tense.highlight}: ranked lower`)
  if (why.dateline) parts.push(`dateline “${why.dateline}” not counted`)
  return parts.join(' · ')
}
