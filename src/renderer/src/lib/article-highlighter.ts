// The mark.js adapter, and the only module that touches mark.js. Builds an article's DOM from plain
// text (textContent only: article text is never parsed as HTML), marks highlight segments, and maps
// DOM selections back to offsets in the article text. The DOM's text equals the article text
// character for character (line breaks included), so offsets mean the same on both sides.

import Mark from 'mark.js'
import { segmentHighlights, type Span } from '../../../shared/anchoring/highlight-segments'

export interface MarkedRange {
  start: number
  end: number
}

/**
 * Renders the article: one block per line; boilerplate lines get the class "boilerplate" (collapsed
 * by CSS until revealed), a boilerplate part of a line (a date prefix) an inline "boilerplate-part".
 * Lines holding a highlight are never collapsed, so hiding boilerplate never hides evidence.
 */
export function renderArticle(
  container: HTMLElement,
  text: string,
  highlights: readonly Span[],
  labels: ReadonlyMap<string, string>,
  boilerplate: readonly MarkedRange[] = [],
): void {
  const lines = text.split('\n')
  const fragment = document.createDocumentFragment()
  let lineStart = 0
  lines.forEach((line, i) => {
    const el = document.createElement('span')
    const lineEnd = lineStart + line.length
    const parts = boilerplate.filter((b) => b.start < lineEnd && b.end > lineStart)
    const whole = parts.some((b) => b.start <= lineStart && b.end >= lineEnd)
    const holdsHighlight = highlights.some((h) => h.start < lineEnd && h.end > lineStart)
    el.className = line.trim() === '' ? 'line blank' : whole ? (holdsHighlight ? 'line boilerplate kept' : 'line boilerplate') : 'line'
    const content = i < lines.length - 1 ? `${line}\n` : line
    if (!whole && parts.length > 0) {
      // Split the line's text at the boilerplate part; offsets are unchanged (same characters, in order).
      let at = lineStart
      for (const b of parts) {
        const from = Math.max(b.start, lineStart)
        if (from > at) el.append(text.slice(at, from))
        const part = document.createElement('span')
        part.className = 'boilerplate-part'
        part.textContent = text.slice(from, Math.min(b.end, lineEnd))
        el.append(part)
        at = Math.min(b.end, lineEnd)
      }
      el.append(content.slice(at - lineStart))
    } else {
      el.textContent = content
    }
    fragment.append(el)
    lineStart = lineEnd + 1
  })
  container.replaceChildren(fragment)

  const ranges = segmentHighlights(highlights).map((s) => ({ start: s.start, length: s.end - s.start, ids: s.ids }))
  new Mark(container).markRanges(ranges, {
    element: 'mark',
    className: 'highlight',
    each: (element: Element, range: unknown) => {
      const { ids } = range as { ids: string[] }
      const mark = element as HTMLElement
      mark.dataset.highlightIds = ids.join(' ')
      const highlightIds = ids.filter((id) => labels.has(id))
      if (highlightIds.length === 0) mark.classList.add('passage')
      if (highlightIds.length > 1) mark.classList.add('overlap')
      mark.title = ids.map((id) => labels.get(id) ?? '').filter(Boolean).join('\n')
    },
  } as Mark.MarkRangesOptions)
}

/** The selection inside `container` as article offsets, whitespace trimmed off both ends; null if none. */
export function selectionOffsets(container: HTMLElement, text: string): { start: number; end: number } | null {
  const selection = window.getSelection()
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null
  const range = selection.getRangeAt(0)
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null
  let start = offsetOf(container, range.startContainer, range.startOffset)
  let end = offsetOf(container, range.endContainer, range.endOffset)
  while (start < end && /\s/.test(text[start] ?? '')) start++
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--
  return end > start ? { start, end } : null
}

function offsetOf(container: HTMLElement, node: Node, offset: number): number {
  const before = document.createRange()
  before.setStart(container, 0)
  before.setEnd(node, offset)
  return before.toString().length
}

export function highlightIdsAt(target: EventTarget | null): string[] {
  const mark = (target as HTMLElement | null)?.closest?.('mark[data-highlight-ids]') as HTMLElement | null
  return mark?.dataset.highlightIds?.split(' ') ?? []
}

export function scrollToHighlight(container: HTMLElement, highlightId: string): HTMLElement | null {
  const mark = [...container.querySelectorAll<HTMLElement>('mark[data-highlight-ids]')].find((m) =>
    m.dataset.highlightIds?.split(' ').includes(highlightId),
  )
  mark?.scrollIntoView({ block: 'center' })
  return mark ?? null
}

export function markSelected(container: HTMLElement, highlightId: string | null): void {
  for (const mark of container.querySelectorAll<HTMLElement>('mark[data-highlight-ids]')) {
    mark.classList.toggle('selected', highlightId !== null && (mark.dataset.highlightIds?.split(' ').includes(highlightId) ?? false))
  }
}

/**
 * Marks every occurrence of `term` in the article (case and accents ignored) and returns the marks
 * in reading order; an empty term clears them. Highlights are untouched: find marks are their own class.
 */
export function findInArticle(container: HTMLElement, term: string): HTMLElement[] {
  const marker = new Mark(container)
  marker.unmark({ className: 'find-hit' } as Mark.MarkOptions)
  if (term.trim() === '') return []
  marker.mark(term.trim(), {
    className: 'find-hit',
    element: 'mark',
    separateWordSearch: false,
    acrossElements: true,
    diacritics: true,
    caseSensitive: false,
  } as Mark.MarkOptions)
  return [...container.querySelectorAll<HTMLElement>('mark.find-hit')]
}
