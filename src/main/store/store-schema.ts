// The shape of the store's JSON files, checked on open (a file that parses but is not a store is as
// damaged as one that does not parse), and the migrations that bring older stores forward.

import { z } from 'zod'

/** Version 2 added author and url to articles; version 3 the orphaned flag of highlights. */
export const STORE_SCHEMA_VERSION = 3

const article = z.object({
  id: z.string(),
  title: z.string(),
  outlet: z.string().nullable(),
  date: z.string().nullable(),
  author: z.string().nullable(),
  url: z.string().nullable(),
  paths: z.array(z.string()),
  wordCount: z.number(),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  fileHash: z.string(),
  importedAt: z.string(),
})

const highlight = z.object({
  id: z.string(),
  articleId: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  exact: z.string(),
  prefix: z.string(),
  suffix: z.string(),
  orphaned: z.boolean(),
  tags: z.array(z.string()),
  note: z.string(),
  createdAt: z.string(),
})

const claim = z.object({
  id: z.string(),
  text: z.string(),
  tags: z.array(z.string()),
  note: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
})

const link = z.object({
  id: z.string(),
  claimId: z.string(),
  highlightId: z.string(),
  stance: z.enum(['supports', 'contradicts', 'context']),
  createdAt: z.string(),
})

export const libraryFileSchema = z.object({ schemaVersion: z.number().int(), articles: z.array(article) })
export const annotationsFileSchema = z.object({
  schemaVersion: z.number().int(),
  highlights: z.array(highlight),
  claims: z.array(claim),
  links: z.array(link),
})

export type LibraryFile = z.infer<typeof libraryFileSchema>
export type AnnotationsFile = z.infer<typeof annotationsFileSchema>

type Json = Record<string, unknown>
interface Migration {
  /** Migrates a store at exactly this version to the next. */
  from: number
  library?: (data: Json) => Json
  annotations?: (data: Json) => Json
}

const MIGRATIONS: Migration[] = [
  {
    from: 1,
    library: (data) => ({
      ...data,
      articles: (data.articles as Json[]).map((a) => ({ author: null, url: null, ...a })),
    }),
  },
  {
    from: 2,
    annotations: (data) => ({
      ...data,
      highlights: (data.highlights as Json[]).map((h) => ({ orphaned: false, ...h })),
    }),
  },
]

/** Brings a file's raw JSON from its version to the current one; the caller backs up first. */
export function migrate(kind: 'library' | 'annotations', data: Json): Json {
  let current = data
  for (let version = Number(data.schemaVersion); version < STORE_SCHEMA_VERSION; version++) {
    const step = MIGRATIONS.find((m) => m.from === version)
    if (!step) throw new Error(`no migration from store version ${version}`)
    current = { ...(step[kind]?.(current) ?? current), schemaVersion: version + 1 }
  }
  return current
}
