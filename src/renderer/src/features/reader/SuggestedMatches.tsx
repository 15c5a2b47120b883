// Passages in other articles that likely state the same fact as the selected highlight, each one
// click away from becoming evidence for the highlight's claim, with a stance.

import { useEffect, useState } from 'react'
import { STANCES, type HighlightView, type Stance, type SuggestedMatch } from '../../../../shared/model'
import { suggestionReasonText } from '../../../../shared/claims/suggestion-reasons'
import type { Api } from '../../lib/api-client'

interface Props {
  highlight: HighlightView
  api: Api
  run: (work: () => Promise<unknown>) => void
}

export function SuggestedMatches({ highlight, api, run }: Props) {
  const [suggestions, setSuggestions] = useState<SuggestedMatch[] | null>(null)
  const [stance, setStance] = useState<Stance>('supports')
  const claim = highlight.claims[0]

  useEffect(() => {
    setSuggestions(null)
  }, [highlight.id])

  if (!claim) return null
  if (!suggestions) {
    return (
      <button type="button" onClick={() => run(async () => setSuggestions(await api.suggestMatches({ highlightId: highlight.id })))}>
        Suggest matches
      </button>
    )
  }
  return (
    <section className="suggestions" aria-label="Suggested matches">
      <h4>
        Other articles on “{claim.claimText}”
        <select aria-label="Stance for added evidence" value={stance} onChange={(e) => setStance(e.target.value as Stance)}>
          {STANCES.map((s) => (
            <option key={s} value={s}>
              as {s}
            </option>
          ))}
        </select>
      </h4>
      {suggestions.length === 0 && <p>No other article seems to state this.</p>}
      <ul>
        {suggestions.map((s) => (
          <li key={`${s.articleId}:${s.start}`}>
            <span className="suggestion-source">{s.outlet ?? s.articleTitle}</span>{' '}
            <span className="suggestion-score" title="Share of the highlight's words (and its sentence's) this sentence has, weighed by dates and tense">
              {Math.round(s.score * 100)}%
            </span>{' '}
            <q>{s.text}</q>
            <span className="suggestion-why">{suggestionReasonText(s.why)}</span>
            <button
              type="button"
              aria-label={`Add as evidence: ${s.text}`}
              onClick={() =>
                run(async () => {
                  await api.tagPassage({ articleId: s.articleId, start: s.start, end: s.end, claim: { id: claim.claimId }, stance })
                  setSuggestions((current) => current?.filter((x) => x !== s) ?? null)
                })
              }
            >
              Add
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
