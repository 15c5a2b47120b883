// Reads an article's title, date and outlet from what its text offers. Pure string code; the
// importer adds what the file system knows (the folder an article sits in).

export interface ArticleMetadata {
  title: string
  date: string | null
  outlet: string | null
}

/** Lines looked at for metadata: a headline, a date line and a dateline all sit at the top. */
const HEADER_LINES = 4
/** Longer than this, a first line is a paragraph, not a headline. */
const MAX_HEADLINE_LENGTH = 160
/** A title made from the first sentence is cut near here, at a word boundary. */
const DERIVED_TITLE_LENGTH = 90

const DATE_LINE = /^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*/i
// "BAKU, Azerbaijan (MNTV) —": a place in capitals, the outlet in brackets, a dash.
const DATELINE = /^[A-Z][A-Z .'-]+(?:,\s*[A-Za-z .'-]+)?\s*\(([^)]{2,40})\)\s*[—–-]/
// A photo caption ends with its credit: "… last week [Getty]" or "(Photo: AFP)".
const CAPTION_CREDIT = /(\[[^\]]{2,40}\]|\((?:photo|image|picture)[^)]*\))\s*$/i

export function extractMetadata(text: string, fallback: { fileName: string; folderOutlet: string | null }): ArticleMetadata {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
  const header = lines.slice(0, HEADER_LINES)

  let date: string | null = null
  let outlet: string | null = null
  for (const line of header) {
    date ??= DATE_LINE.exec(line)?.[1] ?? null
    outlet ??= DATELINE.exec(line)?.[1]?.trim() ?? null
  }

  const first = (lines[0] ?? '').replace(DATE_LINE, '')
  const title = looksLikeHeadline(first) ? first : deriveTitle(lines, fallback.fileName)
  return { title, date: date && isRealDate(date) ? date : null, outlet: outlet ?? fallback.folderOutlet }
}

function looksLikeHeadline(line: string): boolean {
  return (
    line.length > 0 &&
    line.length <= MAX_HEADLINE_LENGTH &&
    !/[.!?:;,"”]$/.test(line) &&
    !CAPTION_CREDIT.test(line) &&
    !DATELINE.test(line)
  )
}

/** No headline: the first sentence of the first real paragraph, shortened. */
function deriveTitle(lines: string[], fileName: string): string {
  const paragraph = lines
    .map((l) => l.replace(DATE_LINE, '').replace(DATELINE, '').trim())
    .find((l) => l.length > 0 && !CAPTION_CREDIT.test(l))
  if (!paragraph) return fileName
  const sentence = /^.+?[.!?](?=\s|$)/.exec(paragraph)?.[0] ?? paragraph
  if (sentence.length <= DERIVED_TITLE_LENGTH) return sentence.replace(/\.$/, '')
  const cut = sentence.lastIndexOf(' ', DERIVED_TITLE_LENGTH)
  return `${sentence.slice(0, cut > 0 ? cut : DERIVED_TITLE_LENGTH).replace(/[,;:]$/, '')}…`
}

function isRealDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso)
}

/** Runs of non-whitespace, as text.split(/\s+/) counts them (without the empty ends), in one pass without the array. */
export function countWords(text: string): number {
  let words = 0
  let inWord = false
  for (let i = 0; i < text.length; i++) {
    const space = isWhitespace(text.charCodeAt(i))
    if (!space && !inWord) words++
    inWord = !space
  }
  return words
}

/** What \s matches: ASCII tab to carriage return and space, and Unicode's space separators, line and paragraph separators and the BOM. */
function isWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d)
  if (code < 0xa0) return false
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  )
}
