// Our offsets are UTF-16 code units (JavaScript string indices); tools that count characters —
// REFI-QDA's PlainTextSelection, W3C's TextPositionSelector — count Unicode code points. The two
// differ once per astral character (emoji, some CJK and historic scripts), which is one code point
// but two code units.

/** Converts UTF-16 offsets into one text to code-point offsets; built once per text, each lookup a binary search. */
export function codePointCounter(text: string): (utf16Offset: number) => number {
  // Where each surrogate pair starts; a text without any converts for free.
  const pairStarts: number[] = []
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i)
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairStarts.push(i)
        i++
      }
    }
  }
  if (pairStarts.length === 0) return (offset) => offset
  return (offset) => {
    // Pairs that end at or before the offset each counted two units for one character. An offset
    // inside a pair (never made by our anchoring) rounds up to the character's end.
    let low = 0
    let high = pairStarts.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if ((pairStarts[mid] as number) + 2 <= offset) low = mid + 1
      else high = mid
    }
    return offset - low
  }
}
