// Splits an article's text into paragraphs (its lines) and sentences, with offsets into the text,
// leaving out the ranges page-furniture detection marked (DECISIONS section 2: only those ranges, so
// a lede sharing its line with a date prefix keeps its sentences). Pure string code.

export interface TextSpan {
  start: number
  end: number
}

export interface Sentence extends TextSpan {
  /** Index of the paragraph (non-blank, non-furniture line) the sentence belongs to. */
  paragraph: number
}

export interface Paragraph extends TextSpan {
  sentences: Sentence[]
}

/** Words before a full stop that do not end a sentence ("Mr. Smith", "Gen. Aoun", "Jan. 12"). */
const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof gen lt col maj capt sgt gov sen rep rev st mt ft jr sr co corp inc ltd no vs etc approx jan feb mar apr jun jul aug sep sept oct nov dec est fig'.split(
    ' ',
  ),
)

/** Paragraphs of `text` outside the `skipped` ranges (sorted, non-overlapping), each with its sentences. */
export function splitParagraphs(text: string, skipped: readonly TextSpan[] = []): Paragraph[] {
  const paragraphs: Paragraph[] = []
  for (const span of linesOutside(text, skipped)) {
    const trimmed = trimSpan(text, span)
    if (trimmed.end <= trimmed.start) continue
    const index = paragraphs.length
    paragraphs.push({ ...trimmed, sentences: splitSentences(text, trimmed).map((s) => ({ ...s, paragraph: index })) })
  }
  return paragraphs
}

/** The lines of the text with the skipped ranges cut out; a line cut by a range becomes its pieces. */
function* linesOutside(text: string, skipped: readonly TextSpan[]): Generator<TextSpan> {
  let lineStart = 0
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart)
    if (lineEnd === -1) lineEnd = text.length
    let from = lineStart
    for (const range of skipped) {
      if (range.end <= from || range.start >= lineEnd) continue
      if (range.start > from) yield { start: from, end: range.start }
      from = Math.max(from, range.end)
    }
    if (from < lineEnd) yield { start: from, end: lineEnd }
    lineStart = lineEnd + 1
  }
}

function trimSpan(text: string, { start, end }: TextSpan): TextSpan {
  while (start < end && /\s/.test(text[start] as string)) start++
  while (end > start && /\s/.test(text[end - 1] as string)) end--
  return { start, end }
}

/** Sentences of one paragraph: ends at . ! ? (and a closing quote or bracket after it) before a space and a capital, digit or quote. */
function splitSentences(text: string, paragraph: TextSpan): TextSpan[] {
  const sentences: TextSpan[] = []
  let start = paragraph.start
  for (let i = paragraph.start; i < paragraph.end; i++) {
    const c = text[i] as string
    if (c !== '.' && c !== '!' && c !== '?') continue
    let end = i + 1
    while (end < paragraph.end && /["”’')\]]/.test(text[end] as string)) end++
    if (end >= paragraph.end) break
    if (!/\s/.test(text[end] as string)) continue
    let next = end
    while (next < paragraph.end && /\s/.test(text[next] as string)) next++
    if (!/[\p{Lu}\p{N}"“‘'(\[]/u.test(text[next] as string)) continue
    if (c === '.' && isAbbreviation(text, start, i)) continue
    sentences.push(trimSpan(text, { start, end }))
    start = next
    i = next - 1
  }
  if (start < paragraph.end) sentences.push(trimSpan(text, { start, end: paragraph.end }))
  return sentences.filter((s) => s.end > s.start)
}

/** Whether the full stop at `dot` ends an abbreviation or an initial rather than a sentence. */
function isAbbreviation(text: string, sentenceStart: number, dot: number): boolean {
  let wordStart = dot
  while (wordStart > sentenceStart && /[\p{L}.]/u.test(text[wordStart - 1] as string)) wordStart--
  const word = text.slice(wordStart, dot)
  if (word.length === 1 && /\p{Lu}/u.test(word)) return true // an initial: "J. Smith"
  if (word.includes('.')) return true // "U.S.", "a.m."
  return ABBREVIATIONS.has(word.toLowerCase())
}
