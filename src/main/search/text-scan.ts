// One pass over the characters of a folded text. Search needs its terms; the import also needs, of
// the same article, its word count and the hashes of its words for the near-duplicate signature.
// Each was a pass of its own over every character (with a lower-cased copy for the hashes), and the
// three together were most of what a preparation worker spent on a file beside reading it. Here one
// loop gives all three when asked (a WordTally), each exactly as its own definition gives it:
// terms as textTerms splits them, words as countWords counts them (runs between whitespace), word
// hashes as the near-duplicate signature takes them (runs of letters and digits, FNV-1a over their
// UTF-16 code units). The import's texts are scanned as they are, furniture and all: the scan lower-
// cases ASCII letters and steps over the furniture's ranges itself, which is what folding a text that
// needs nothing else (foldsByLowerCasing) and blanking its furniture would have made of it, without
// making either string. Pure computation.

import * as fnv1a from '../../shared/fnv1a'
import { isWhitespace } from '../../shared/whitespace'
import { SEPARATOR_CHARACTERS } from './search-terms'

// Read once into this module's own constants: run from source (tsx: CommonJS), an imported binding
// is read through a getter at each use, and V8 left that getter uninlined in the hashing loops,
// a quarter of a preparation worker's time (profiled: 0.8 of 3.1 s).
const FNV_OFFSET = fnv1a.FNV_OFFSET
const FNV_PRIME = fnv1a.FNV_PRIME

/** Separates terms: what textTerms splits on. */
const TERM_SEPARATOR = new RegExp(`^[${SEPARATOR_CHARACTERS}]$`, 'u')
/** Belongs to a near-duplicate word: a letter or a digit. */
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u

/** A character's classes, as bits. */
const KNOWN = 1
const SEPARATOR = 2
const WHITESPACE = 4
const WORD = 8
/** A blanked range's classes: a space's. */
const BLANK = KNOWN | SEPARATOR | WHITESPACE

/** What the import counts of a text beside its terms, in the same pass; reused from text to text. */
export class WordTally {
  /** Runs of characters between whitespace: countWords's count. */
  words = 0
  private hashes = new Int32Array(1024)
  private hashCount = 0

  /** Letter-and-digit words' FNV-1a hashes, in text order: a view the next scan overwrites. */
  wordHashes(): Int32Array {
    return this.hashes.subarray(0, this.hashCount)
  }

  /** Starts a text of `length` code units: a word and the character after it take at least two. */
  reset(length: number): void {
    this.words = 0
    this.hashCount = 0
    if (this.hashes.length < (length >> 1) + 1) this.hashes = new Int32Array((length >> 1) + 1)
  }

  pushWordHash(hash: number): void {
    this.hashes[this.hashCount++] = hash
  }
}

/**
 * Stretches of a text the scan reads as blank (page furniture, what withoutFurniture blanks), as
 * start, end pairs: a typed array, so the scan's loop sees one kind of object whatever made the
 * ranges (an array of range objects of varying shapes made V8 re-optimise it again and again, and
 * left it nearly twice as slow).
 */
export type BlankRanges = Int32Array

const NO_BLANKS: BlankRanges = new Int32Array(0)

/** Ranges in order, none empty and none overlapping, as BlankRanges. */
export function blankRanges(ranges: readonly { start: number; end: number }[]): BlankRanges {
  const pairs = new Int32Array(ranges.length * 2)
  ranges.forEach(({ start, end }, i) => {
    pairs[2 * i] = start
    pairs[2 * i + 1] = end
  })
  return pairs
}

/**
 * Calls `onTerm` with each term of a text, in order: its range and its hash. The text is folded
 * (foldText) but for the case of its ASCII letters, which the scan lower-cases as it reads: a folded
 * text, or a text that folds by lower-casing (foldsByLowerCasing). A term is a run of characters that
 * are not separators (what textTerms splits on); the hash is FNV-1a over its folded UTF-16 code units.
 * `blanks` (in order, none empty, none overlapping) are read as spaces, as if withoutFurniture had
 * blanked them. With a tally, also counts the text's words and hashes its letter-and-digit words.
 */
export function forEachTerm(text: string, onTerm: (start: number, end: number, hash: number) => void, tally?: WordTally, blanks: BlankRanges = NO_BLANKS): void {
  const tallying = tally !== undefined
  if (tallying) tally.reset(text.length)
  let start = -1
  let hash = FNV_OFFSET
  let inText = false
  let inWord = false
  let wordHash = FNV_OFFSET
  let nextBlank = 0
  let blankAt = blanks.length > 0 ? blanks[0]! : text.length
  for (let i = 0; i < text.length; i++) {
    let code: number
    let units = 1
    let classes: number
    if (i >= blankAt) {
      // The whole range reads as one space: a separator and whitespace, as its blanked characters are.
      code = 0x20
      classes = BLANK
      units = Math.max(1, blanks[nextBlank + 1]! - i)
      nextBlank += 2
      blankAt = nextBlank < blanks.length ? blanks[nextBlank]! : text.length
    } else {
      code = text.charCodeAt(i)
      if (code - 0x41 < 26 && code >= 0x41) code += 0x20
      else if (code >= 0xd800 && code <= 0xdbff && i + 1 !== blankAt && isLowSurrogate(text.charCodeAt(i + 1))) units = 2
      classes = units === 2 ? classesOfPair(text.slice(i, i + 2)) : classesOf(code)
    }
    if ((classes & SEPARATOR) !== 0) {
      if (start >= 0) {
        onTerm(start, i, hash)
        start = -1
        hash = FNV_OFFSET
      }
    } else {
      if (start < 0) start = i
      hash = Math.imul(hash ^ code, FNV_PRIME)
      if (units === 2) hash = Math.imul(hash ^ text.charCodeAt(i + 1), FNV_PRIME)
    }
    if (tallying) {
      // Neither half of a surrogate pair is whitespace, so a pair counts as countWords counts it.
      if ((classes & WHITESPACE) !== 0) inText = false
      else if (!inText) {
        inText = true
        tally.words++
      }
      if ((classes & WORD) !== 0) {
        inWord = true
        wordHash = Math.imul(wordHash ^ code, FNV_PRIME)
        if (units === 2) wordHash = Math.imul(wordHash ^ text.charCodeAt(i + 1), FNV_PRIME)
      } else if (inWord) {
        tally.pushWordHash(wordHash)
        wordHash = FNV_OFFSET
        inWord = false
      }
    }
    i += units - 1
  }
  if (start >= 0) onTerm(start, text.length, hash)
  if (inWord) tally!.pushWordHash(wordHash)
}

/** A term's string from its range in a text forEachTerm scanned: ASCII letters lower-cased. */
export function foldedTerm(text: string, start: number, end: number): string {
  const term = text.slice(start, end)
  return ASCII_UPPER_CASE.test(term) ? term.replace(ASCII_UPPER_CASE_ALL, (letter) => letter.toLowerCase()) : term
}

const ASCII_UPPER_CASE = /[A-Z]/
const ASCII_UPPER_CASE_ALL = /[A-Z]/g

/**
 * FNV-1a hashes of the letter-and-digit words of an already lower-cased text (what /[\p{L}\p{N}]+/u
 * matches), in order, without making a string per word: the words of a near-duplicate signature. The
 * result is a view of `tally`'s buffer.
 */
export function letterAndDigitWordHashes(lowerCaseText: string, tally = new WordTally()): Int32Array {
  forEachTerm(lowerCaseText, ignoreTerm, tally)
  return tally.wordHashes()
}

function ignoreTerm(): void {}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

/** A BMP character's classes; asked of the regular expressions once per character, then remembered. */
function classesOf(code: number): number {
  const known = classCache[code]!
  if (known !== 0) return known
  const classes = classesOfPair(String.fromCharCode(code)) | (isWhitespace(code) ? WHITESPACE : 0)
  classCache[code] = classes
  return classes
}

/** The classes of one character given as a string (a surrogate pair: never whitespace). */
function classesOfPair(character: string): number {
  return KNOWN | (TERM_SEPARATOR.test(character) ? SEPARATOR : 0) | (LETTER_OR_DIGIT.test(character) ? WORD : 0)
}

/** Per BMP code point: 0 not looked at yet, else its classes with KNOWN set. */
const classCache = new Uint8Array(0x10000)
