// Tags as an analyst types them: "Baku, talks , Baku" is two tags. One reading for the tag popover,
// the claim editor and the CLI's --tags, so a tag typed anywhere is the same tag everywhere.

/** The distinct, trimmed, non-empty tags of a comma-separated list, in the order first typed. */
export function parseTagList(typed: string | undefined): string[] {
  if (typed === undefined) return []
  return [
    ...new Set(
      typed
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== ''),
    ),
  ]
}
