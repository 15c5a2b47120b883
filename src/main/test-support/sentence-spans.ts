// Sentence-like spans of a real text, for tests that highlight many passages of an article: runs of
// 60 or more characters between full stops, one in every `every`, at most `max`.

export function sentenceSpans(text: string, max: number, every: number): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = []
  let at = 0
  let n = 0
  while (spans.length < max) {
    const end = text.indexOf('. ', at)
    if (end < 0) break
    const start = at
    at = end + 2
    const trimmed = text.slice(start, end).trim()
    if (trimmed.length < 60 || n++ % every !== 0) continue
    const from = text.indexOf(trimmed, start)
    spans.push({ start: from, end: from + trimmed.length })
  }
  return spans
}
