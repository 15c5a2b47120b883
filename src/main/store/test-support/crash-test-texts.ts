// What the crash test's child writes as article N, so the parent can check every text it reads back.

/** A body of a few kilobytes: a handful fill one pack write, as an import's do. */
export function crashTestArticleText(n: number): string {
  return `Article ${n}\n${`Paragraph of article ${n}, with words enough to be a body. `.repeat(40)}`
}
