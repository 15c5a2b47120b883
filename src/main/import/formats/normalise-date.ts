// Reads the publication date a file states (front matter, an HTML meta tag) as YYYY-MM-DD. Only
// unambiguous forms are accepted: ISO dates, "30 July 2025", "July 30, 2025", RFC 2822. A numeric
// 03/04/2025 is refused rather than guessed, since outlets write it both ways round.

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
}

// 2025-07-30, 2025/07/30, 2025.07.30, optionally followed by a time: the date is taken as written,
// in the publisher's own time zone, not moved to UTC.
const ISO_LIKE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])/
// 20250730 as in URLs and some CMS fields.
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:$|T)/
// "30 July 2025", "Wed, 30 Jul 2025 10:00:00 GMT", "30th of July, 2025".
const DAY_MONTH_YEAR = /^(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\.?,?\s+(\d{4})\b/i
// "July 30, 2025", "Wednesday, July 30 2025".
const MONTH_DAY_YEAR = /^(?:[a-z]+,?\s+)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/i

export function normaliseDate(value: string): string | null {
  const text = value.trim()
  let match = ISO_LIKE.exec(text) ?? COMPACT.exec(text)
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]))
  match = DAY_MONTH_YEAR.exec(text)
  if (match) return isoDate(Number(match[3]), monthNumber(match[2] as string), Number(match[1]))
  match = MONTH_DAY_YEAR.exec(text)
  if (match) return isoDate(Number(match[3]), monthNumber(match[1] as string), Number(match[2]))
  return null
}

function monthNumber(name: string): number {
  const lower = name.toLowerCase()
  const key = lower.startsWith('sept') ? 'sept' : lower.slice(0, 3)
  return MONTHS[key] ?? 0
}

/** The date as YYYY-MM-DD if it exists in the calendar (no 31 June), else null. */
function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return date.toISOString().slice(0, 10)
}
