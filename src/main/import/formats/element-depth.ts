// How deeply a page's elements nest, measured by the tokenizer linkedom itself parses with
// (htmlparser2, with linkedom's options), so it counts the tree linkedom would build: implied end
// tags close elements, void elements open none. A single linear pass that builds no tree and stops
// at the limit, so a page nested 100,000 deep costs milliseconds here instead of hours in Readability.

/**
 * Whether `html`'s elements nest deeper than `limit`. The tokenizer is loaded when a page first comes:
 * an import of plain text never needs it, and loading it was a tenth of an import worker's start.
 */
export async function nestsDeeperThan(html: string, limit: number): Promise<boolean> {
  const { Parser } = await import('htmlparser2')
  let depth = 0
  let tooDeep = false
  const parser = new Parser(
    {
      onopentag() {
        depth++
        if (depth > limit && !tooDeep) {
          tooDeep = true
          parser.pause()
        }
      },
      onclosetag() {
        depth--
      },
    },
    { lowerCaseAttributeNames: false, decodeEntities: true },
  )
  parser.write(html)
  if (!tooDeep) parser.end()
  return tooDeep
}
