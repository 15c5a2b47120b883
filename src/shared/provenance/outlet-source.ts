// Where an article's outlet name came from (DECISIONS section 8's outlet_source column): what the
// file states (front matter, HTML meta such as og:site_name or a JSON-LD publisher, document
// properties), its dateline, the folder it was imported from, a self-reference in its text ("told The
// National"), or the analyst.

export const OUTLET_SOURCES = ['front matter', 'meta', 'dateline', 'folder', 'text', 'analyst'] as const
export type OutletSource = (typeof OUTLET_SOURCES)[number]

/** Where a file format's stated outlet comes from: front matter in Markdown, metadata elsewhere. */
export function statedOutletSource(path: string): OutletSource {
  return /\.(?:md|markdown)$/i.test(path) ? 'front matter' : 'meta'
}
