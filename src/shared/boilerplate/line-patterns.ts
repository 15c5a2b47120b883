// What a single line's own shape gives away: a metadata prefix, a comment prompt, a newsletter
// pitch, a photo caption's credit, a teaser cut off by an ellipsis, a "Related stories" heading.
// Each pattern is anchored and paired with a length limit, because the same words inside a long
// paragraph are article text. Pure string code; English-language page furniture only.

/** Lines at the top where metadata (a date line, a byline) may sit: above the headline or just below it. */
export const TOP_METADATA_LINES = 3
/** Longer than this, a line is prose however it ends: captions, prompts and pitches are a sentence or two. */
const MAX_CAPTION_CHARS = 250
const MAX_PROMPT_CHARS = 100
const MAX_PITCH_CHARS = 200
const MAX_BYLINE_CHARS = 80
const MAX_HEADING_CHARS = 60

// " date 2025-07-30 " as some scrapers write the date before the text (the seeds' own form).
const DATE_PREFIX = /^\s*date\s+\d{4}-\d{2}-\d{2}\b[ \t]*/i
// "Published: 30 July 2025 10:12", "Updated 12:30 GMT", "Posted on Tue 29 Jul": a colon or a date
// follows the word; "Updated figures show 40 hurt" is a sentence.
const PUBLISHED_LINE =
  /^\s*(?:first\s+)?(?:published|updated|last\s+updated|posted)(?:\s+on)?\s*(?::|(?=(?:\d|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)))(?=.*\d)/i
// "By Jane Doe", "By Jane Doe and John Roe, Reuters"; "By Thursday, talks had…" ends like a sentence.
const BYLINE = /^\s*by\s+\p{Lu}[\p{L}.'’-]*(?:[\s,&]+(?:and\s+)?[\p{L}.'’-]+){0,7}\s*$/iu
const BYLINE_NAME_START = /^\s*[Bb]y\s+\p{Lu}/u

const COMMENT_PROMPTS = [
  /^what(?:'s|’s| is| are) your (?:opinion|view|views|take|thoughts?)\b.*\?$/i,
  /^what do you think\?/i,
  /^(?:leave|post|add|write|share) (?:a|the first|your) comments?\b/i,
  /\b(?:leave|post|add) (?:a|the first|your) comment\W*$/i,
  /^(?:be the first to comment|join the (?:conversation|discussion|debate)|have your say|tell us what you think|comments are closed)\b/i,
  /^(?:show|view|hide|load|read) (?:all )?(?:\d+ )?comments?\b/i,
  /^(?:\d+\s+)?comments?\s*(?:\(\d+\))?:?$/i,
]

const PITCH_OPENING = /^(?:subscribe|sign up|sign-up|register|join)\b/i
const PITCH_NEWSLETTER = /\b(?:newsletter|newsletters|inbox)\b/i
const PITCH_ACTION = /\b(?:subscribe|sign up|sign-up|get|receive|delivered)\b/i

// A credit closing a caption: "… last week [Getty]", "(Photo: AFP)", "Photograph: Ann Lee/Reuters".
const CAPTION_CREDITS = [
  /\[\p{Lu}[^\]\n]{1,39}\]\s*$/u,
  /\((?:(?:AP|AFP|EPA|Reuters|Getty)\s+)?(?:photo|image|picture|photograph|credit|file photo)\b[^)\n]{0,60}\)\s*$/i,
  /(?:^|[\s.,;—–-])(?:Photo|Photograph|Image|Picture|Credit)s?(?:\s+by|:)\s+\p{Lu}[^\n]{0,60}$/u,
  /\bGetty Images\)?\s*$/,
]

// A teaser cut at a fixed length: the ellipsis follows a letter or digit directly ("…the r...").
const CUT_OFF_END = /[\p{L}\p{N}](?:\.{3}|…)\s*$/u

const RELATED_HEADING =
  /^(?:related(?: stories| articles| news| coverage| content)?|read more|more (?:stories|news|on this story|from [\p{L} ]+)|you (?:may|might) (?:also )?like|recommended(?: for you)?|most (?:read|popular|viewed)|trending(?: now)?|latest (?:news|stories)|see also|also read|read next|don't miss|don’t miss)\s*:?$/iu
const RELATED_LINK = /^(?:read more|related|see also|also read|read next|more)\s*:\s*\S/i

/** Length of a date-line prefix (" date 2025-07-30 ") at the start of the line, or 0. */
export function metadataPrefixLength(line: string): number {
  return DATE_PREFIX.exec(line)?.[0].length ?? 0
}

/** A line that is metadata as a whole: a dateline of publication or a byline. */
export function isMetadataLine(line: string): boolean {
  const text = line.trim()
  if (text.length > MAX_BYLINE_CHARS) return false
  if (PUBLISHED_LINE.test(text)) return true
  return BYLINE_NAME_START.test(text) && BYLINE.test(text) && !/[.!?]$/.test(text)
}

export function isCommentPrompt(line: string): boolean {
  const text = line.trim()
  return text.length <= MAX_PROMPT_CHARS && COMMENT_PROMPTS.some((pattern) => pattern.test(text))
}

export function isNewsletterPitch(line: string): boolean {
  const text = line.trim()
  if (text.length > MAX_PITCH_CHARS) return false
  // An imperative "Subscribe…" opening a line is addressed to the reader, not reported.
  return PITCH_OPENING.test(text) || (PITCH_NEWSLETTER.test(text) && PITCH_ACTION.test(text))
}

export function isCaption(line: string): boolean {
  const text = line.trim()
  return text.length > 0 && text.length <= MAX_CAPTION_CHARS && CAPTION_CREDITS.some((pattern) => pattern.test(text))
}

export function endsCutOff(line: string): boolean {
  return CUT_OFF_END.test(line)
}

/** "Related stories", "Read more: …": the start of, or an entry in, a list of links to other stories. */
export function isRelatedLink(line: string): boolean {
  const text = line.trim()
  return (text.length <= MAX_HEADING_CHARS && RELATED_HEADING.test(text)) || (text.length <= MAX_PITCH_CHARS && RELATED_LINK.test(text))
}

/** The text of a cut-off line without its ellipsis, to find the whole line it was cut from. */
export function withoutEllipsis(line: string): string {
  return line.trim().replace(/(?:\.{3}|…)$/, '')
}
