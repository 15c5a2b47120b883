// One row of the metadata table: an article's editable metadata, where its outlet came from, and the
// origins its own credits name (or its outlet). Plain data, shared by the service and the renderer.

import type { OutletSource } from './outlet-source'

export interface ArticleMetadataRow {
  id: string
  title: string
  outlet: string | null
  outletSource: OutletSource | null
  date: string | null
  author: string | null
  url: string | null
  /** The article's inferred origins: its own wire and outlet credits, else its outlet (provenance index). */
  origins: string[]
}

/** What a bulk edit may set, per article: a field left out is left alone; null clears it. */
export interface ArticleMetadataChange {
  id: string
  title?: string
  outlet?: string | null
  date?: string | null
  author?: string | null
  url?: string | null
}
