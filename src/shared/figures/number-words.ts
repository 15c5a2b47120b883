// Numbers written as English words: "twelve", "a dozen", "twenty-five", "two hundred and six",
// "1.4 million"'s word half ("million"). Reads the longest well-formed run of number words starting
// at a position and says where it ends; an ill-formed run ("one two") stops where it goes wrong.
// Pure.

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
}
const TEENS: Record<string, number> = {
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
}
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
}
/** Scale words that multiply what came before them, largest last so a run can only go down. */
export const SCALE_WORDS: Record<string, number> = {
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
}

const NUMBER_WORDS = [...Object.keys(UNITS), ...Object.keys(TEENS), ...Object.keys(TENS), 'hundred', 'dozen', ...Object.keys(SCALE_WORDS)]

/** Finds where a run of number words may start; the run itself is read by `readNumberWords`. */
export const NUMBER_WORD_START = new RegExp(`\\b(?:(?:an?|half\\s+an?)\\s+)?(?:${NUMBER_WORDS.join('|')})\\b`, 'giu')

const NEXT_WORD = /(\s*-\s*|\s+(?:and\s+)?|\s+)(\p{L}+)/uy

export interface WordNumber {
  value: number
  end: number
}

type Last = 'none' | 'unit' | 'teen' | 'tens' | 'hundred' | 'scale' | 'dozen'

/** Reads the number words at `start` (where NUMBER_WORD_START matched); null when they make no number. */
export function readNumberWords(text: string, start: number): WordNumber | null {
  const head = /(?:(a|an|half\s+an?)\s+)?(\p{L}+)/iuy
  head.lastIndex = start
  const m = head.exec(text)
  if (!m) return null
  const article = m[1]?.toLowerCase().replace(/\s+/g, ' ') ?? null
  let total = 0
  let current = 0
  let last: Last = 'none'
  let lastScale = Infinity
  let end = start
  let word = (m[2] ?? '').toLowerCase()
  let pos = head.lastIndex
  let connector = ''
  let taken = 0
  for (;;) {
    const step = take(word, connector)
    if (!step) break
    taken++
    end = pos
    NEXT_WORD.lastIndex = pos
    const next = NEXT_WORD.exec(text)
    if (!next) break
    connector = next[1] ?? ''
    word = (next[2] ?? '').toLowerCase()
    pos = NEXT_WORD.lastIndex
  }
  if (taken === 0) return null
  const value = total + current
  if (article?.startsWith('half')) return { value: value / 2, end }
  return { value, end }

  function take(w: string, joiner: string): boolean {
    const isAnd = /\band\b/i.test(joiner)
    if (isAnd && last !== 'hundred' && last !== 'scale') return false
    if (w in UNITS) {
      if (last !== 'none' && last !== 'tens' && last !== 'hundred' && last !== 'scale') return false
      if (last === 'tens' && (UNITS[w] === 0 || isAnd)) return false
      if (w === 'zero' && last !== 'none') return false
      if (article && last === 'none') return false // "a one" is not a number
      current += UNITS[w] ?? 0
      last = 'unit'
      return true
    }
    if (w in TEENS) {
      if (last !== 'none' && last !== 'hundred' && last !== 'scale') return false
      if (article && last === 'none') return false
      current += TEENS[w] ?? 0
      last = 'teen'
      return true
    }
    if (w in TENS) {
      if (last !== 'none' && last !== 'hundred' && last !== 'scale') return false
      if (article && last === 'none') return false
      current += TENS[w] ?? 0
      last = 'tens'
      return true
    }
    if (isAnd) return false
    if (w === 'hundred') {
      if (last !== 'none' && last !== 'unit' && last !== 'teen') return false
      if (current >= 100) return false // "one hundred two hundred"
      if (last === 'none' && !article) return false // a bare "hundred" is not a figure
      current = (current || 1) * 100
      last = 'hundred'
      return true
    }
    if (w === 'dozen') {
      if (last !== 'none' && last !== 'unit') return false
      if (last === 'none' && !article) return false
      current = (current || 1) * 12
      last = 'dozen'
      return true
    }
    if (w in SCALE_WORDS) {
      const scale = SCALE_WORDS[w] ?? 1
      if (scale >= lastScale || last === 'scale' || last === 'dozen') return false
      if (last === 'none' && !article) return false
      total += (current || 1) * scale
      current = 0
      lastScale = scale
      last = 'scale'
      return true
    }
    return false
  }
}
