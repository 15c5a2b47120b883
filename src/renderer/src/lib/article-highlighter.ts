// The mark.js adapter, and the only module that touches mark.js (for find in article). Builds an
// article's DOM from plain text (text nodes only: article text is never parsed as HTML), draws
// highlight segments as marks, and maps DOM selections back to offsets in the article text. The DOM's text equals the article text
// character for character (line breaks included), so offsets mean the same on both sides.

import Mark from 'mark.js'
import { splitArticleLines, segmentsByLine, type ArticleLine, type LineSegment } from '../../../shared/anchoring/article-lines'
import { segmentHighlights, type Span } from '../../../shared/anchoring/highlight-segments'

export interface MarkedRange {
  start: number
  end: number
}

/** What a container shows, so the next render can redraw only the lines that changed. */
interface DrawnArticle {
  text: string
  boilerplateKey: string
  lines: ArticleLine[]
  elements: HTMLElement[]
  /** Per line, what its highlights looked like when drawn (see lineKey); null: never drawn. */
  drawn: (string | null)[]
}

const drawnArticles = new WeakMap<HTMLElement, DrawnArticle>()

/**
 * Renders the article: one block per line; boilerplate lines get the class "boilerplate" (collapsed
 * by CSS until revealed), a boilerplate part of a line (a date prefix) an inline "boilerplate-part".
 * Lines holding a highlight are never collapsed, so hiding boilerplate never hides evidence.
 *
 * Called again for the same text, it redraws only the lines whose highlights (or their labels)
 * changed, so a new highlight costs one line, not the article. A redrawn line loses its find marks
 * and its "selected" marks: the caller puts those back.
 */
export function renderArticle(
  container: HTMLElement,
  text: string,
  highlights: readonly Span[],
  labels: ReadonlyMap<string, string>,
  boilerplate: readonly MarkedRange[] = [],
): void {
  const boilerplateKey = boilerplate.map((b) => `${b.start}-${b.end}`).join(',')
  let article = drawnArticles.get(container)
  const stillShown = article && article.text === text && article.boilerplateKey === boilerplateKey && article.elements.every((el) => el.parentNode === container)
  const fresh = !article || !stillShown
  if (fresh) {
    const lines = splitArticleLines(text, boilerplate)
    const estimate = lineHeightEstimator(container)
    const elements = lines.map((line) => {
      const element = document.createElement('span')
      element.style.containIntrinsicSize = `auto ${estimate(line.text.length)}px`
      return element
    })
    article = { text, boilerplateKey, lines, elements, drawn: lines.map(() => null) }
    drawnArticles.set(container, article)
  }
  const shown = article!
  const segmentsOf = segmentsByLine(shown.lines, segmentHighlights(highlights))
  shown.lines.forEach((line, i) => {
    const segments = segmentsOf[i]!
    const key = lineKey(segments, labels)
    if (shown.drawn[i] === key) return
    drawLine(shown.elements[i]!, line, segments, labels)
    shown.drawn[i] = key
  })
  // A new article's lines are filled while still out of the document, then put in at once: filling
  // them in place was one change to the live (editable) text per line, and cost more than building them.
  if (fresh) container.replaceChildren(...shown.elements)
}

// Lines are laid out only near the view (CSS: content-visibility: auto on .line). Laying out all of
// a 10,000-word article was most of the time it took to open it (about 20 ms of the renderer's CPU
// with 300 highlights); the text stays in the DOM, so selection, find, mark.js and the accessibility
// tree see all of it. A line not laid out yet takes the height estimated here, so the scroll bar and
// a jump to a far highlight are about right before it is drawn; once drawn, the browser keeps its
// real height ("auto"), and scroll anchoring keeps the view still when a line near it is drawn.

/** Widest average character the estimate assumes, as a share of the font size (serif prose: ~0.45–0.5). */
const AVERAGE_CHAR_EM = 0.48
/** When the container cannot be measured (not in the document yet): about a paragraph. */
const FALLBACK_LINE_HEIGHT_PX = 100

/** The estimated height in pixels of a line of `chars` characters, wrapped at the container's width. */
function lineHeightEstimator(container: HTMLElement): (chars: number) => number {
  const { charsPerRow, rowHeight } = textMeasures(container) ?? { charsPerRow: 0, rowHeight: 0 }
  if (!(charsPerRow > 0)) return () => FALLBACK_LINE_HEIGHT_PX
  return (chars) => Math.max(1, Math.ceil(chars / charsPerRow)) * rowHeight
}

interface TextMeasures {
  /** The text's width inside the container (its content box), in pixels. */
  width: number
  charsPerRow: number
  rowHeight: number
}

/**
 * The container's text width and row height, measured the first time and kept until its width
 * changes (a ResizeObserver, told after layout, drops them). Measuring reads the layout, and at that
 * point of an open the page has just changed (the pane's header), so each open paid for a layout of
 * the old article only to learn a width that had not changed.
 */
const keptMeasures = new WeakMap<HTMLElement, TextMeasures>()
const widthWatchers = new WeakMap<HTMLElement, ResizeObserver>()

function textMeasures(container: HTMLElement): TextMeasures | null {
  const kept = keptMeasures.get(container)
  if (kept) return kept
  const style = getComputedStyle(container)
  const fontSize = parseFloat(style.fontSize)
  const rowHeight = parseFloat(style.lineHeight) || fontSize * 1.5
  const width = container.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
  if (!(fontSize > 0) || !(width > 0)) return null
  const measures = { width, charsPerRow: Math.max(1, Math.floor(width / (fontSize * AVERAGE_CHAR_EM))), rowHeight }
  keptMeasures.set(container, measures)
  if (!widthWatchers.has(container) && typeof ResizeObserver !== 'undefined') {
    const watcher = new ResizeObserver(([entry]) => {
      const now = keptMeasures.get(container)
      if (now && entry && Math.abs(entry.contentRect.width - now.width) >= 1) keptMeasures.delete(container)
    })
    watcher.observe(container)
    widthWatchers.set(container, watcher)
  }
  return measures
}

/**
 * Where the analyst is in the article a container shows: the line at the top of the view and how
 * far past its top (negative in the padding above it). Kept as a line, not as pixels: the next
 * time the article is drawn its lines far from the view have estimated heights, so the same
 * scrollTop would show other text.
 */
export type ReadingPlace =
  | {
      line: number
      offset: number
    }
  /** Not scrolled at all: known without measuring anything, so opening an article at its top forces no layout. */
  | 'top'

export function readingPlaceOf(container: HTMLElement): ReadingPlace | null {
  const article = drawnArticles.get(container)
  if (!article) return null
  if (container.scrollTop === 0) return 'top'
  const viewTop = container.getBoundingClientRect().top + container.clientTop
  for (const [line, element] of article.elements.entries()) {
    const box = element.getBoundingClientRect()
    // Collapsed lines (blank, boilerplate) have no box.
    if (box.height === 0) continue
    if (box.bottom > viewTop) return { line, offset: viewTop - box.top }
  }
  return null
}

/** Scrolls the container so `place` is at the top again (the top of the text when it has no such line). */
export function scrollToReadingPlace(container: HTMLElement, place: ReadingPlace | null | undefined): void {
  const element = place && place !== 'top' ? drawnArticles.get(container)?.elements[place.line] : undefined
  if (!place || place === 'top' || !element) {
    container.scrollTop = 0
    return
  }
  layOutLinesUpTo(container, element)
  const viewTop = container.getBoundingClientRect().top + container.clientTop
  container.scrollTop += element.getBoundingClientRect().top - viewTop + place.offset
}

/** Scrolls a mark of the article (a highlight, a find hit, an entity mention) into view, exactly. */
export function scrollToMark(container: HTMLElement, mark: HTMLElement | null | undefined): void {
  if (!mark) return
  layOutLinesUpTo(container, mark)
  mark.scrollIntoView({ block: 'center' })
}

/**
 * Lays out every line from the top down to the one holding `node`, so a scroll to it lands where it
 * is asked to: a line above it still at its estimated height would change height once drawn, and
 * move it. Costs what laying out those lines costs (all of them before content-visibility), only
 * when the reader jumps into the text; the lines after it are still laid out only near the view.
 */
function layOutLinesUpTo(container: HTMLElement, node: Node): void {
  for (const element of drawnArticles.get(container)?.elements ?? []) {
    element.style.contentVisibility = 'visible'
    if (element.contains(node)) return
  }
}

/** Everything a line's drawing depends on besides its text: where its marks go and what they say. */
function lineKey(segments: readonly LineSegment[], labels: ReadonlyMap<string, string>): string {
  return segments.map((s) => `${s.start}-${s.end}:${s.ids.map((id) => `${id}=${labels.get(id) ?? ''}`).join('|')}`).join(';')
}

/**
 * Builds a line's DOM from its text: plain text nodes, a span for each boilerplate part, and a mark
 * for each highlight segment (cut where it meets a part). Built directly rather than by mark.js,
 * whose per-range walk and text-node splitting cost more than the rest of opening a long read.
 */
function drawLine(element: HTMLElement, line: ArticleLine, segments: readonly LineSegment[], labels: ReadonlyMap<string, string>): void {
  element.className = line.blank ? 'line blank' : line.boilerplate ? (segments.length > 0 ? 'line boilerplate kept' : 'line boilerplate') : 'line'
  if (segments.length === 0 && line.boilerplateParts.length === 0) {
    element.textContent = line.text
    return
  }
  const cuts = new Set([0, line.text.length])
  for (const r of [...segments, ...line.boilerplateParts]) {
    cuts.add(r.start)
    cuts.add(r.end)
  }
  const points = [...cuts].sort((a, b) => a - b)
  const fragment = document.createDocumentFragment()
  let part: HTMLElement | null = null
  let partEnd = -1
  for (const [i, start] of points.entries()) {
    const end = points[i + 1]
    if (end === undefined) break
    if (start >= partEnd) part = null
    const partHere = line.boilerplateParts.find((b) => b.start <= start && end <= b.end)
    if (partHere && !part) {
      part = document.createElement('span')
      part.className = 'boilerplate-part'
      partEnd = partHere.end
      fragment.append(part)
    }
    const piece = line.text.slice(start, end)
    const segment = segments.find((s) => s.start <= start && end <= s.end)
    ;(part ?? fragment).append(segment ? markOf(piece, segment.ids, labels) : piece)
  }
  element.replaceChildren(fragment)
}

function markOf(text: string, ids: readonly string[], labels: ReadonlyMap<string, string>): HTMLElement {
  const mark = document.createElement('mark')
  const highlightIds = ids.filter((id) => labels.has(id))
  mark.className = highlightIds.length === 0 ? 'highlight passage' : highlightIds.length > 1 ? 'highlight overlap' : 'highlight'
  mark.textContent = text
  mark.setAttribute('data-highlight-ids', ids.join(' '))
  mark.title = ids
    .map((id) => labels.get(id) ?? '')
    .filter(Boolean)
    .join('\n')
  return mark
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
  const mark = [...container.querySelectorAll<HTMLElement>('mark[data-highlight-ids]')].find((m) => m.dataset.highlightIds?.split(' ').includes(highlightId))
  scrollToMark(container, mark)
  return mark ?? null
}

export function markSelected(container: HTMLElement, highlightId: string | null): void {
  // Nothing selected and nothing marked so (every open of an article): no need to visit its 300 marks.
  if (highlightId === null && !container.querySelector('mark.selected')) return
  for (const mark of container.querySelectorAll<HTMLElement>('mark[data-highlight-ids]')) {
    mark.classList.toggle('selected', highlightId !== null && (mark.dataset.highlightIds?.split(' ').includes(highlightId) ?? false))
  }
}

/**
 * Marks every occurrence of `term` in the article (case and accents ignored) and returns the marks
 * in reading order; an empty term clears them. Highlights are untouched: find marks are their own class.
 */
export function findInArticle(container: HTMLElement, term: string): HTMLElement[] {
  // Every open of an article passes here with no term: nothing to unmark then, and mark.js would
  // still walk every element of the article to find that out.
  if (term.trim() === '' && !container.querySelector('mark.find-hit')) return []
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

/**
 * Marks an entity's mentions (article offsets) as their own layer, class "entity-mention", apart
 * from highlights and find marks; an empty list clears them. Offsets work on the DOM as on the text:
 * renderArticle keeps the two equal character for character.
 */
export function markEntityMentions(container: HTMLElement, mentions: readonly MarkedRange[]): HTMLElement[] {
  if (mentions.length === 0 && !container.querySelector('mark.entity-mention')) return []
  const marker = new Mark(container)
  marker.unmark({ className: 'entity-mention' } as Mark.MarkOptions)
  if (mentions.length === 0) return []
  marker.markRanges(
    mentions.map((m) => ({ start: m.start, length: m.end - m.start })),
    { className: 'entity-mention', element: 'mark' } as Mark.MarkRangesOptions,
  )
  return [...container.querySelectorAll<HTMLElement>('mark.entity-mention')]
}
