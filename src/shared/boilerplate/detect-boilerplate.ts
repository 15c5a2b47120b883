// Finds the lines of a scraped article that are not the article: a metadata line glued to the top,
// photo captions, lines a scraper picked up twice, teasers for other stories, comment prompts and
// newsletter pitches. It only marks them (ranges into the text); the text itself is never changed,
// so highlights and hashes stay valid and the analyst can see what was set aside. Pure TypeScript:
// it runs in the main process and in the renderer alike.
//
// The checks run from the surest to the most heuristic: a line's own shape (line-patterns), then
// exact repetition, then teasers cut off by an ellipsis, and last the block of other stories'
// headlines at the end, which needs the article's vocabulary (topic-overlap).

import {
  endsCutOff,
  isCaption,
  isCommentPrompt,
  isMetadataLine,
  isNewsletterPitch,
  isRelatedLink,
  metadataPrefixLength,
  TOP_METADATA_LINES,
  withoutEllipsis,
} from './line-patterns'
import { splitLines, type TextLine } from './text-lines'
import { isOnTopic, prefixVocabularies, vocabularyOf, withoutLine, type Vocabulary } from './topic-overlap'
import * as fnv1a from '../fnv1a'
import { isWhitespace } from '../whitespace'

// Read once into this module's own constants: run from source (tsx: CommonJS), an imported binding
// is read through a getter at each use, and V8 left that getter uninlined in the hashing loops,
// a quarter of a preparation worker's time (profiled: 0.8 of 3.1 s).
const FNV_OFFSET = fnv1a.FNV_OFFSET
const FNV_PRIME = fnv1a.FNV_PRIME

export type BoilerplateKind = 'metadata' | 'teaser' | 'duplicate-line' | 'comment-prompt' | 'newsletter' | 'caption'

/**
 * Offsets into the text, sorted and never overlapping. A range covers whole lines (from a line's
 * start to the end of a line, before its "\n"), with one exception: a metadata prefix glued to the
 * first line (" date 2025-07-30 A Syrian official…") covers the prefix only, since the rest of that
 * line is the article's first paragraph, or a caption with a range of its own.
 */
export interface BoilerplateRange {
  start: number
  end: number
  kind: BoilerplateKind
}

/** Article lines that must come before a block of teasers: the article's vocabulary needs a few paragraphs to show. */
const MIN_BODY_LINES = 3
/** Shorter than this, a repeated line is a separator or a subheading, harmless to read twice. */
const MIN_DUPLICATE_CHARS = 20
/** A teaser is a headline or a one-sentence summary; a longer line in the tail is prose. */
const MAX_TEASER_CHARS = 300
/** Without a cut-off or repeated teaser as evidence, only a run of this many bare headlines counts as a block. */
const MIN_HEADLINE_BLOCK = 3
/** A bare headline: short and without sentence punctuation at its end. */
const MAX_HEADLINE_CHARS = 120
/** Teaser lists sit at the end: only this many last lines are searched, which bounds the work on long texts. */
const TAIL_LINES_SEARCHED = 80

/** A non-blank line of the text and what it was found to be. */
interface Line extends TextLine {
  kind: BoilerplateKind | null
  /** A first line whose metadata prefix was split off: it has its ranges already and is not judged again. */
  split: boolean
}

export function detectBoilerplate(text: string): BoilerplateRange[] {
  const lines: Line[] = splitLines(text)
    .filter((line) => HAS_NON_WHITESPACE.test(line.text))
    .map((line) => ({ start: line.start, end: line.end, text: line.text, kind: null, split: false }))
  const splitRanges = markTopMetadata(lines)
  markLineShapes(lines)
  markDuplicates(lines, text)
  markCutOffTeasers(lines)
  markTeaserBlock(lines)
  return toRanges(lines, splitRanges)
}

/**
 * Metadata lines among the first lines. A date prefix glued to a paragraph or a caption marks only
 * itself, and the rest of the line is looked at as a caption; those ranges are returned, since they
 * are not whole lines.
 */
function markTopMetadata(lines: Line[]): BoilerplateRange[] {
  const ranges: BoilerplateRange[] = []
  for (const line of lines.slice(0, TOP_METADATA_LINES)) {
    const prefix = metadataPrefixLength(line.text)
    const rest = line.text.slice(prefix)
    if (prefix > 0 && rest.trim() !== '') {
      line.split = true
      ranges.push({ start: line.start, end: line.start + prefix, kind: 'metadata' })
      if (isCaption(rest)) {
        line.kind = 'caption'
        ranges.push({ start: line.start + prefix, end: line.end, kind: 'caption' })
      }
    } else if (prefix > 0 || isMetadataLine(line.text)) line.kind = 'metadata'
  }
  return ranges
}

function markLineShapes(lines: Line[]): void {
  for (const line of unjudged(lines)) {
    if (isCommentPrompt(line.text)) line.kind = 'comment-prompt'
    else if (isNewsletterPitch(line.text)) line.kind = 'newsletter'
    else if (isCaption(line.text)) line.kind = 'caption'
    else if (isRelatedLink(line.text)) line.kind = 'teaser'
  }
}

/** A line that is not blank; found at its first visible character, without trimming a copy. */
const HAS_NON_WHITESPACE = /\S/

/**
 * Whether folding whitespace (trim, then each run to one space) would change the line: whitespace at
 * either end, two in a row, or any but a plain space. Most lines have none, and are their own key
 * without a copy. A scan of character codes: the equivalent regex cost more than the copy it saved.
 */
function needsWhitespaceFolding(text: string, start: number, end: number): boolean {
  if (end <= start) return false
  if (isWhitespace(text.charCodeAt(start)) || isWhitespace(text.charCodeAt(end - 1))) return true
  let previousSpace = false
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i)
    if (code === 0x20) {
      if (previousSpace) return true
      previousSpace = true
    } else if (isWhitespace(code)) return true
    else previousSpace = false
  }
  return false
}

/** Every occurrence of a line after its first: a scraper that read a block twice. */
function markDuplicates(lines: Line[], text: string): void {
  // Two lines that fold to the same key have the same folded ends, so lines are first grouped by a
  // hash of their ends (read from a few characters at each end), and only lines sharing a group,
  // nearly always copies, are folded whole and compared. Folding every line read every character of
  // the article: two thirds of detectBoilerplate's time, and a tenth of a preparation worker's.
  const byEnds = new Map<number, Line[]>()
  for (const line of lines) {
    // Collapsing whitespace never lengthens a line, so a line already too short is passed over unread.
    if (line.end - line.start < MIN_DUPLICATE_CHARS) continue
    const ends = foldedEndsHash(text, line.start, line.end)
    const group = byEnds.get(ends)
    if (group) group.push(line)
    else byEnds.set(ends, [line])
  }
  for (const group of byEnds.values()) {
    if (group.length < 2) continue
    const seen = new Set<string>()
    // In text order, as the lines were grouped: the first copy stays, the later ones are marked.
    for (const line of group) {
      const key = needsWhitespaceFolding(text, line.start, line.end) ? line.text.trim().replace(/\s+/g, ' ') : line.text
      if (key.length < MIN_DUPLICATE_CHARS) continue
      if (!seen.has(key)) seen.add(key)
      else if (line.kind === null && !line.split) line.kind = 'duplicate-line'
    }
  }
}

/** Characters of a line's folded form that markDuplicates groups lines by, at each end. */
const FOLDED_END_CHARS = 16

/**
 * A hash of the first and the last FOLDED_END_CHARS characters of text[start, end) once folded (trimmed,
 * each run of whitespace one space), read straight from the text without folding the rest.
 */
function foldedEndsHash(text: string, start: number, end: number): number {
  const first = hashFoldedEnd(text, start, end, 1, FNV_OFFSET)
  // The other end, read backwards; a mark between the two keeps a prefix apart from a suffix.
  return hashFoldedEnd(text, end - 1, start - 1, -1, Math.imul(first ^ 0xffff, FNV_PRIME))
}

/** `hash` with the first FOLDED_END_CHARS folded characters from `from` towards `to` (excluded) mixed in, read in steps of `step`. */
function hashFoldedEnd(text: string, from: number, to: number, step: 1 | -1, hash: number): number {
  let taken = 0
  let space = false
  for (let i = from; i !== to && taken < FOLDED_END_CHARS; i += step) {
    const code = text.charCodeAt(i)
    if (isWhitespace(code)) {
      space = taken > 0
      continue
    }
    if (space) {
      hash = Math.imul(hash ^ 0x20, FNV_PRIME)
      space = false
      if (++taken === FOLDED_END_CHARS) break
    }
    hash = Math.imul(hash ^ code, FNV_PRIME)
    taken++
  }
  return hash
}

/**
 * A line cut off by an ellipsis right after a letter is a teaser when the whole line it was cut from
 * is in the text too, or when it is about something else than the rest of the text. A quote trailing
 * off ("we will see…") is on topic and stays.
 */
function markCutOffTeasers(lines: Line[]): void {
  const cutOff = unjudged(lines).filter((line) => endsCutOff(line.text))
  if (cutOff.length === 0) return
  // Lines by their opening characters, to find the whole line a teaser was cut from without comparing every pair.
  const byOpening = new Map<string, string[]>()
  for (const line of lines) {
    const text = line.text.trim()
    const opening = text.slice(0, MIN_DUPLICATE_CHARS)
    const same = byOpening.get(opening)
    if (same) same.push(text)
    else byOpening.set(opening, [text])
  }
  const articleText = vocabularyOf(unjudged(lines).map((line) => line.text))
  for (const line of cutOff) {
    const cut = withoutEllipsis(line.text)
    const wholeElsewhere = (byOpening.get(cut.slice(0, MIN_DUPLICATE_CHARS)) ?? []).some(
      (other) => other.length > cut.length && other.startsWith(cut) && !endsCutOff(other),
    )
    if (wholeElsewhere || isOnTopic(line.text, withoutLine(articleText, line.text)) === false) line.kind = 'teaser'
  }
}

/**
 * The block of other stories' headlines and summaries after the article. It starts at a piece of
 * evidence (a cut-off teaser, a repeated line, a "Related stories" heading) and counts only if every
 * line from there to the end is short and off topic for the article above it. It never reaches up
 * past its evidence: a short article's last paragraphs can look off topic to so little text, and
 * leaving a teaser unmarked costs less than hiding a paragraph. Without evidence, a run of bare
 * headlines at the end counts.
 */
function markTeaserBlock(lines: Line[]): void {
  const firstSearched = Math.max(MIN_BODY_LINES, lines.length - TAIL_LINES_SEARCHED)
  // Built on first use: most articles end in a paragraph, with no evidence of teasers, and never
  // need it; building it costs a stem set per line, most of what detection cost.
  const vocabularies = lazily(() => prefixVocabularies(lines.map((line) => (line.kind === null ? line.text : null))))
  let articleLines = lines.slice(0, firstSearched).filter((line) => line.kind === null).length
  for (let start = firstSearched; start < lines.length; start++) {
    const line = lines[start] as Line
    const evidence = line.kind === 'teaser' || line.kind === 'duplicate-line'
    if (evidence && articleLines >= MIN_BODY_LINES) {
      const body = vocabularies().before(start)
      if (lines.slice(start).every((later) => teaserVerdict(later, body) !== false)) {
        for (const later of unjudged(lines.slice(start))) later.kind = 'teaser'
        return
      }
    }
    if (line.kind === null) articleLines++
  }
  markHeadlineRun(lines, firstSearched, vocabularies)
}

function markHeadlineRun(lines: Line[], firstSearched: number, vocabularies: () => { before(end: number): Vocabulary }): void {
  const run: Line[] = []
  for (let i = lines.length - 1; i >= firstSearched; i--) {
    const line = lines[i] as Line
    if (line.kind !== null) continue
    const text = line.text.trim()
    const headline = text.length <= MAX_HEADLINE_CHARS && !/[.!?:;,"”]$/.test(text)
    if (!headline || teaserVerdict(line, vocabularies().before(i)) !== true) break
    run.push(line)
  }
  if (run.length >= MIN_HEADLINE_BLOCK) for (const line of run) line.kind = 'teaser'
}

/**
 * Whether a line can be a teaser after an article with the given vocabulary: true for a short line
 * off its topic, false for article text, null for nothing to judge (already marked, or too few words).
 */
function teaserVerdict(line: Line, body: Vocabulary): boolean | null {
  if (line.split) return false
  if (line.kind !== null) return null
  if (line.text.trim().length > MAX_TEASER_CHARS) return false
  const onTopic = isOnTopic(line.text, body)
  return onTopic === null ? null : !onTopic
}

function toRanges(lines: Line[], splitRanges: BoilerplateRange[]): BoilerplateRange[] {
  const ranges: BoilerplateRange[] = [...splitRanges]
  let open: BoilerplateRange | null = null // the range the previous line ended, if it may grow
  for (const line of lines) {
    if (line.kind === null || line.split) {
      open = null
      continue
    }
    // Neighbouring lines of one kind are one range: a block of teasers reads as one thing set aside.
    if (open && open.kind === line.kind) open.end = line.end
    else {
      open = { start: line.start, end: line.end, kind: line.kind }
      ranges.push(open)
    }
  }
  return ranges.sort((a, b) => a.start - b.start)
}

/** The value of `make`, made on the first call and kept. */
function lazily<T>(make: () => T): () => T {
  let made: { value: T } | null = null
  return () => (made ??= { value: make() }).value
}

/** Lines nothing has been decided about yet. */
function unjudged(lines: Line[]): Line[] {
  return lines.filter((line) => line.kind === null && !line.split)
}
