// The brief's chronology: the dated events inside the claims' evidence, in time order, each with
// its outlet and sentence, and the claims whose evidence names different days. One model, rendered
// by the HTML and the Markdown brief (brief-html.ts, brief-markdown.ts).

import type { ClaimDates, TimelineView } from '../../shared/chronology/timeline'
import type { ClaimCard } from '../../shared/model'

export interface BriefChronology {
  events: { date: string; precision: string; outlet: string; title: string; expression: string; sentence: string }[]
  conflicts: { claim: string; days: { date: string; where: string }[] }[]
  /** Event dates the analyst set on claims. */
  eventDates: { claim: string; date: string }[]
}

export function briefChronologyOf(
  view: TimelineView,
  cards: readonly ClaimCard[],
  datesByClaim: ReadonlyMap<string, ClaimDates>,
  outletOf: (articleId: string) => string,
): BriefChronology {
  const events = view.events
    .filter((e) => e.claimIds.length > 0)
    .map((e) => ({
      date: e.dateEnd ? `${e.date} to ${e.dateEnd}` : (e.date as string),
      precision: e.precision,
      outlet: e.outlet ?? 'Unknown outlet',
      title: e.title,
      expression: e.expression,
      sentence: e.sentence,
    }))
  const conflicts = cards.flatMap((card) => {
    const dates = datesByClaim.get(card.claim.id)
    // card.dateConflict leaves out a conflict the analyst dismissed.
    if (!dates?.conflict || !card.dateConflict) return []
    return [{ claim: card.claim.text, days: dates.days.map((d) => ({ date: d.date, where: [...new Set(d.articleIds.map(outletOf))].join(', ') })) }]
  })
  const eventDates = cards.flatMap((card) => (card.eventDate ? [{ claim: card.claim.text, date: card.eventDate }] : []))
  return { events, conflicts, eventDates }
}

/** `esc` is the HTML brief's own escaping (brief-html.ts), so both parts of the brief escape alike. */
export function chronologyHtml(chronology: BriefChronology | undefined, escHtml: (text: string) => string): string {
  if (!chronology || (chronology.events.length === 0 && chronology.conflicts.length === 0 && chronology.eventDates.length === 0)) return ''
  const eventDates = chronology.eventDates.map((e) => `<li><bdi>${escHtml(e.claim)}</bdi>: ${escHtml(e.date)}</li>`).join('\n')
  const conflicts = chronology.conflicts
    .map((c) => `<li><bdi>${escHtml(c.claim)}</bdi>: ${c.days.map((d) => `${escHtml(d.date)} in <bdi>${escHtml(d.where)}</bdi>`).join(' · ')}</li>`)
    .join('\n')
  const events = chronology.events
    .map((e) => `<tr><td>${escHtml(e.date)}</td><td><bdi>${escHtml(e.outlet)}</bdi></td><td dir="auto">${escHtml(e.sentence)}</td></tr>`)
    .join('\n')
  return `<section class="chronology">
<h2>Chronology</h2>
${eventDates ? `<p class="meta">Event dates set by the analyst:</p>\n<ul>\n${eventDates}\n</ul>` : ''}
${conflicts ? `<p class="meta">Claims whose evidence names different days:</p>\n<ul>\n${conflicts}\n</ul>` : ''}
${events ? `<table>\n<thead><tr><th>Date</th><th>Outlet</th><th>Sentence</th></tr></thead>\n<tbody>\n${events}\n</tbody>\n</table>` : ''}
</section>`
}

export function chronologyMarkdown(chronology: BriefChronology | undefined, inline: (text: string) => string): string[] {
  if (!chronology || (chronology.events.length === 0 && chronology.conflicts.length === 0 && chronology.eventDates.length === 0)) return []
  const lines = ['## Chronology', '']
  if (chronology.eventDates.length > 0) {
    lines.push('Event dates set by the analyst:', '')
    for (const e of chronology.eventDates) lines.push(`- ${inline(e.claim)}: ${e.date}`)
    lines.push('')
  }
  if (chronology.conflicts.length > 0) {
    lines.push('Claims whose evidence names different days:', '')
    for (const c of chronology.conflicts) lines.push(`- ${inline(c.claim)}: ${c.days.map((d) => `${d.date} in ${inline(d.where)}`).join(' · ')}`)
    lines.push('')
  }
  if (chronology.events.length > 0) {
    lines.push('| Date | Outlet | Sentence |', '| --- | --- | --- |')
    // inline() escapes "|" too, so a sentence cannot end its table cell.
    for (const e of chronology.events) lines.push(`| ${e.date} | ${inline(e.outlet)} | ${inline(e.sentence)} |`)
    lines.push('')
  }
  return lines
}
