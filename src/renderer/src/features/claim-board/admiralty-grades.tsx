// What the Admiralty (NATO) grades mean, for the board's tooltips and legend: a source's
// reliability, A to F, and a piece of information's credibility, 1 to 6. The letters and digits
// alone are what analysts write; the meanings are for the rest of us.

import { useState } from 'react'
import type { Credibility, Reliability } from '../../../../shared/model'

export const RELIABILITY_MEANING: Record<Reliability, string> = {
  A: 'completely reliable',
  B: 'usually reliable',
  C: 'fairly reliable',
  D: 'not usually reliable',
  E: 'unreliable',
  F: 'reliability cannot be judged',
}

export const CREDIBILITY_MEANING: Record<Credibility, string> = {
  1: 'confirmed by other sources',
  2: 'probably true',
  3: 'possibly true',
  4: 'doubtful',
  5: 'improbable',
  6: 'truth cannot be judged',
}

/** A select's tooltip: the grade chosen, spelled out, then the scale. */
export function reliabilityTitle(grade: Reliability | null | undefined): string {
  return `Source reliability: ${grade ? `${grade}, ${RELIABILITY_MEANING[grade]}` : 'not graded'} (Admiralty code, A best to E worst; F cannot be judged)`
}

export function credibilityTitle(grade: Credibility | null | undefined): string {
  return `Credibility: ${grade ? `${grade}, ${CREDIBILITY_MEANING[grade]}` : 'not graded'} (Admiralty code, 1 confirmed to 5 improbable; 6 cannot be judged)`
}

/**
 * The legend under the board's header: both scales, one line a grade. Drawn only once opened: closed,
 * its ~40 elements were an eighth of what the board's first render built.
 */
export function GradeLegend() {
  const [open, setOpen] = useState(false)
  return (
    <details className="grade-legend" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Grades: reliability A–F, credibility 1–6</summary>
      {open && (
        <div className="grade-scales">
          <Scale title="Source reliability" meanings={RELIABILITY_MEANING} />
          <Scale title="Credibility of the information" meanings={CREDIBILITY_MEANING} />
        </div>
      )}
    </details>
  )
}

function Scale({ title, meanings }: { title: string; meanings: Record<string, string> }) {
  return (
    <div>
      <p className="grade-scale-title">{title}</p>
      <dl>
        {Object.entries(meanings).map(([grade, meaning]) => (
          <div key={grade}>
            <dt>{grade}</dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
    </div>
  )
}
