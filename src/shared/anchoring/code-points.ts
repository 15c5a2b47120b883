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

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff

/**
 * Whether a UTF-16 offset falls between the two halves of one character (a surrogate pair): no
 * position, quote or context may start or end there (DECISIONS section 3), or it holds half a
 * character, which strict JSON readers (jq, Python's json) refuse.
 */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset))
}

/** The offset moved back to the start of the character it falls inside, if any. */
export function snapBackward(text: string, offset: number): number {
  return splitsSurrogatePair(text, offset) ? offset - 1 : offset
}

/** The offset moved on to the end of the character it falls inside, if any. */
export function snapForward(text: string, offset: number): number {
  return splitsSurrogatePair(text, offset) ? offset + 1 : offset
}

/**
 * Refuses offsets inside a surrogate pair with an error that says which and what to use instead.
 * `what` names the record in the message ("The highlight").
 */
export function assertCodePointBoundaries(text: string, offsets: Record<string, number>, what: string): void {
  for (const [name, offset] of Object.entries(offsets)) {
    if (splitsSurrogatePair(text, offset)) {
      throw new SurrogateSplitError(
        `${what}'s ${name} (${offset}) falls inside a character outside the Basic Multilingual Plane (an emoji or similar, two UTF-16 code units); use ${offset - 1} or ${offset + 1}.`,
      )
    }
  }
}

export class SurrogateSplitError extends RangeError {
  constructor(message: string) {
    super(message)
    this.name = 'SurrogateSplitError'
  }
}

/** The text with any lone surrogate (half a character) replaced by U+FFFD, as String.prototype.toWellFormed does. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
}

/**
 * Context cut from a text by an older version at a code-unit count may begin with the second half
 * of a character (a prefix) or end with the first half (a suffix): those halves are dropped.
 */
export function trimHalfCharacters(context: string): string {
  let start = 0
  let end = context.length
  if (end > 0 && isLowSurrogate(context.charCodeAt(0))) start = 1
  if (end > start && isHighSurrogate(context.charCodeAt(end - 1))) end -= 1
  const trimmed = context.slice(start, end)
  return wellFormed(trimmed)
}
