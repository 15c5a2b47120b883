// Whether a line is about what the text above it is about, judged by shared vocabulary. Used to tell
// the last paragraph of an article from a list of other stories' headlines after it: those share
// almost none of the article's recurring names ("Syria", "Baku") and content words. Pure string code.

/**
 * Words are compared by their first six letters, a crude stem that needs no language: "Israel" and
 * "Israeli", "Azerbaijan" and "Azerbaijani", "Russia" and "Russian" meet.
 */
const STEM_LENGTH = 6
/** Shorter words are mostly function words in any language. */
const MIN_WORD_LENGTH = 3
/**
 * A line sharing at least this share of its stems with the text above it is on topic. Measured on
 * the seeds: the unrelated headlines after seed 002 share at most 0.19, and at most one recurring
 * stem; article paragraphs mostly share 0.2–0.75. The few paragraphs that fail both tests (a new turn
 * in the story) sit mid-article, where a block of teasers, which must run to the end, cannot take them.
 */
const ON_TOPIC_SHARE = 0.25
/** …or at least this many of its recurring stems (found in two lines or more): the story's names. */
const MIN_SHARED_RECURRING = 2
/** Fewer stems than this and a line says too little to judge (a subheading, "Photos"). */
const MIN_STEMS_TO_JUDGE = 3

// Frequent English words that carry no topic: without them any two news lines share "said" and "after".
const STOPWORDS = new Set(
  `the and but for with from that this these those its their his her they she him them was were are has have had not
  will would could should said says say also after before over into than then there which who whom what when where while
  about amid more most other such only some any all can may since during two one new last first week year years month
  told according our your you been very just still even how why out off per via did does being here now`.split(/\s+/),
)

/** How many lines of some body of text each stem occurs in. */
export interface Vocabulary {
  linesWith(stem: string): number
}

export function lineStems(line: string): string[] {
  const words = line.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
  const stems = new Set<string>()
  for (const word of words) {
    if (word.length < MIN_WORD_LENGTH || STOPWORDS.has(word) || /^\p{N}+$/u.test(word)) continue
    stems.add(word.slice(0, STEM_LENGTH))
  }
  return [...stems]
}

export function vocabularyOf(lines: Iterable<string>): Vocabulary {
  const counts = new Map<string, number>()
  for (const line of lines) for (const stem of lineStems(line)) counts.set(stem, (counts.get(stem) ?? 0) + 1)
  return { linesWith: (stem) => counts.get(stem) ?? 0 }
}

/** The vocabulary without one of its lines: to judge a line against all the others. */
export function withoutLine(vocabulary: Vocabulary, line: string): Vocabulary {
  const own = new Set(lineStems(line))
  return { linesWith: (stem) => vocabulary.linesWith(stem) - (own.has(stem) ? 1 : 0) }
}

/**
 * The vocabularies of every beginning of a list of lines, built once: `before(n)` is the vocabulary
 * of lines 0 to n - 1, skipping nulls (lines that are not article text).
 */
export function prefixVocabularies(lines: readonly (string | null)[]): { before(end: number): Vocabulary } {
  const occurrences = new Map<string, number[]>() // stem → indices of the lines it occurs in, ascending
  lines.forEach((line, index) => {
    if (line === null) return
    for (const stem of lineStems(line)) {
      const list = occurrences.get(stem)
      if (list) list.push(index)
      else occurrences.set(stem, [index])
    }
  })
  return {
    before: (end) => ({ linesWith: (stem) => countBelow(occurrences.get(stem) ?? [], end) }),
  }
}

/** true: on topic; false: off topic; null: too short to tell. */
export function isOnTopic(line: string, body: Vocabulary): boolean | null {
  const stems = lineStems(line)
  if (stems.length < MIN_STEMS_TO_JUDGE) return null
  const shared = stems.filter((stem) => body.linesWith(stem) > 0).length
  const recurring = stems.filter((stem) => body.linesWith(stem) >= 2).length
  return shared / stems.length >= ON_TOPIC_SHARE || recurring >= MIN_SHARED_RECURRING
}

/** How many values of an ascending list are below the limit (binary search). */
function countBelow(sorted: readonly number[], limit: number): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((sorted[middle] as number) < limit) low = middle + 1
    else high = middle
  }
  return low
}
