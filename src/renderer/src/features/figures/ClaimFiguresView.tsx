// The figures a claim's evidence gives, on its card: grouped by what they count, each with its
// sources; figures that agree are one line ("over 1,400 · MNTV, Ahram Online"), figures that cannot
// both be true are flagged with both sides and why. The analyst can accept one as the claim's value,
// with a reason; it shows on the card until cleared. The comparison is the shared pure one
// (src/shared/figures/compare-figures.ts), run on the figures the board carries with each quote.

import { useMemo, useState } from 'react'
import type { BoardClaim, BoardView } from '../../../../shared/claims/board-view'
import { compareFigures, type MergedFigure, type SourcedFigure } from '../../../../shared/figures/compare-figures'
import { figurePhrase } from '../../../../shared/figures/figure'

interface Props {
  card: BoardClaim
  board: Pick<BoardView, 'articles' | 'sources'>
  onAccept: (figure: { linkId: string; index: number }, reason: string) => void
  onClear: () => void
}

/** A title used as a source label is cut to this: the card is narrow. */
const SOURCE_LABEL_CHARS = 32

function shortLabel(label: string): string {
  return label.length > SOURCE_LABEL_CHARS ? `${label.slice(0, SOURCE_LABEL_CHARS - 1)}…` : label
}

function sourcesOf(m: MergedFigure): string {
  return [...new Set(m.sources.map((s) => shortLabel(s.sourceLabel)))].join(', ')
}

export function ClaimFiguresView({ card, board, onAccept, onClear }: Props) {
  const [accepting, setAccepting] = useState<{ figure: MergedFigure; reason: string } | null>(null)
  const { comparison, indexOf } = useMemo(() => {
    const sourced: SourcedFigure[] = []
    const position = new Map<SourcedFigure['figure'], { linkId: string; index: number }>()
    for (const group of card.groups) {
      for (const e of group.evidence) {
        const article = board.articles[e.article]
        const source = article && board.sources[article.source]
        ;(e.figures ?? []).forEach((figure, index) => {
          sourced.push({ figure, articleId: article?.id ?? '', linkId: e.linkId, sourceLabel: source?.label ?? article?.title ?? '' })
          position.set(figure, { linkId: e.linkId, index })
        })
      }
    }
    return { comparison: compareFigures(sourced), indexOf: (m: MergedFigure) => position.get(m.figure) }
  }, [card, board])
  const accepted = card.claim.acceptedFigure
  if (comparison.groups.length === 0 && !accepted) return null
  const conflicted = new Set(comparison.conflicts.flatMap((c) => [c.a, c.b]))

  return (
    <section className="claim-figures" aria-label="Figures">
      {accepted && (
        <p className="accepted-figure" aria-label="Accepted figure">
          Accepted: <strong>{accepted.label}</strong> — {accepted.reason}{' '}
          <button type="button" className="link-button" onClick={onClear}>
            Clear accepted figure
          </button>
        </p>
      )}
      {comparison.groups.map((g) => {
        const counted = g.kind === 'percent' ? 'percent' : g.kind === 'money' ? (g.currency ?? 'money') : (g.counted ?? 'number')
        return (
          <div key={`${g.kind}|${g.counted}|${g.currency}`} className="figure-group">
            <span className="figure-kind">{counted}</span>
            <ul aria-label={`Figures: ${counted}`}>
              {g.figures.map((m) => (
                <li key={m.label + sourcesOf(m)} className={`figure${conflicted.has(m) ? ' conflict' : ''}`} aria-label={`${m.label} · ${sourcesOf(m)}`}>
                  <strong>{m.label}</strong> · {sourcesOf(m)}
                  {indexOf(m) && (
                    <button type="button" className="link-button" aria-label={`Accept ${figurePhrase(m.figure)}`} onClick={() => setAccepting({ figure: m, reason: '' })}>
                      Accept
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </div>
        )
      })}
      {comparison.conflicts.map((c) => (
        <p key={`${c.a.label}|${c.b.label}`} className="figure-conflict" role="note" aria-label="Figures conflict">
          ⚠ {figurePhrase(c.a.figure)} ({sourcesOf(c.a)}) vs {figurePhrase(c.b.figure)} ({sourcesOf(c.b)}): {c.reason}
        </p>
      ))}
      {accepting && (
        <form
          className="accept-figure"
          onSubmit={(e) => {
            e.preventDefault()
            const at = indexOf(accepting.figure)
            if (at && accepting.reason.trim()) onAccept(at, accepting.reason.trim())
            setAccepting(null)
          }}
        >
          <label>
            Why {figurePhrase(accepting.figure.figure)}?
            <input
              aria-label="Reason for accepting the figure"
              value={accepting.reason}
              autoFocus
              onChange={(e) => setAccepting({ ...accepting, reason: e.target.value })}
            />
          </label>
          <button type="submit" disabled={!accepting.reason.trim()}>
            Accept figure
          </button>
          <button type="button" onClick={() => setAccepting(null)}>
            Cancel
          </button>
        </form>
      )}
    </section>
  )
}
