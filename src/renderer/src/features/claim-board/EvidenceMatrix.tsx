// Claims × sources: ✓ supports, ✗ contradicts, • context, blank for none. A cell opens that
// source's evidence for the claim in a reader. Headers stay in view while scrolling.

import type { ClaimCard } from '../../../../shared/model'
import { STANCE_MARK } from './ClaimCardView'

interface Props {
  cards: ClaimCard[]
  onOpenEvidence: (articleId: string, highlightId: string) => void
}

export function EvidenceMatrix({ cards, onOpenEvidence }: Props) {
  const sources = new Map<string, string>()
  for (const card of cards) for (const g of card.sources) sources.set(g.sourceKey, g.sourceLabel)
  const columns = [...sources.entries()].sort((a, b) => a[1].localeCompare(b[1]))

  if (cards.length === 0) return <p className="placeholder">No claims to compare yet.</p>
  return (
    <div className="matrix-scroll">
      <table className="evidence-matrix" aria-label="Evidence matrix">
        <thead>
          <tr>
            <th scope="col">Claim</th>
            {columns.map(([key, label]) => (
              <th key={key} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cards.map((card) => (
            <tr key={card.claim.id}>
              <th scope="row">{card.claim.text}</th>
              {columns.map(([key, label]) => {
                const evidence = card.sources.find((g) => g.sourceKey === key)?.evidence ?? []
                const marks = [...new Set(evidence.map((e) => STANCE_MARK[e.stance]))].join('')
                const first = evidence[0]
                return (
                  <td key={key}>
                    {first && (
                      <button
                        type="button"
                        aria-label={`${label} on “${card.claim.text}”: ${evidence.map((e) => e.stance).join(', ')}`}
                        title={evidence.map((e) => `${e.stance}: “${e.highlight.exact}”`).join('\n')}
                        onClick={() => onOpenEvidence(first.highlight.articleId, first.highlight.id)}
                      >
                        {marks}
                      </button>
                    )}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
