// The shape of the store's JSON files, checked on open (a file that parses but is not a store is as
// damaged as one that does not parse), and the migrations that bring older stores forward.

import { z } from 'zod'
import { moveHighlightTagsToClaims, type TaggedRecords } from '../../shared/claims/highlight-tags'
import { articleSchema, claimSchema, entityDecisionSchema, highlightSchema, linkSchema, sourceGradeSchema } from '../../shared/record-schemas'

/**
 * Version 2 added author and url to articles; 3 the orphaned flag of highlights; 4 near-duplicate
 * links between articles, credibility and notes on evidence, status overrides and source grades;
 * 5 the list of metadata fields the analyst edited by hand; 6 where each article's outlet came from
 * (outletSource: "analyst" for an outlet corrected by hand, else unknown until the next re-import);
 * 7 a claim's event date and dismissed date conflict (issue 18); 8 the figure an analyst accepted
 * for a claim (issue 20); 9 a checksum inside each of the two JSON files (sealed-json.ts) and the
 * damaged mark of an article whose stored text is lost (issue 14); 10 moved highlight tags onto the
 * claims they are evidence for (tags belong to claims, DECISIONS section 5); 11 the analyst's entity
 * decisions (issue 17).
 */
export const STORE_SCHEMA_VERSION = 11
/**
 * The oldest version whose journal lines replay as they are: 10 changed the highlight record (no tags);
 * 11 added a collection, which older lines simply do not touch. Lines of a version before 10 are folded
 * into the snapshot before it is migrated (corpus-store.ts).
 */
export const JOURNAL_SINCE_VERSION = 10

export const libraryFileSchema = z.object({ schemaVersion: z.number().int(), articles: z.array(articleSchema) })
export const annotationsFileSchema = z.object({
  schemaVersion: z.number().int(),
  highlights: z.array(highlightSchema),
  claims: z.array(claimSchema),
  links: z.array(linkSchema),
  sources: z.array(sourceGradeSchema),
  entities: z.array(entityDecisionSchema),
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
  {
    from: 3,
    library: (data) => ({ ...data, articles: (data.articles as Json[]).map((a) => ({ nearDuplicateOf: null, ...a })) }),
    annotations: (data) => ({
      ...data,
      claims: (data.claims as Json[]).map((c) => ({ statusOverride: null, ...c })),
      links: (data.links as Json[]).map((l) => ({ credibility: null, note: '', ...l })),
      sources: [],
    }),
  },
  {
    from: 4,
    library: (data) => ({ ...data, articles: (data.articles as Json[]).map((a) => ({ edited: [], ...a })) }),
  },
  {
    from: 5,
    library: (data) => ({
      ...data,
      articles: (data.articles as Json[]).map((a) => ({ outletSource: (a.edited as string[] | undefined)?.includes('outlet') ? 'analyst' : null, ...a })),
    }),
  },
  {
    // Chronology (issue 18): a claim's event date, and the date conflict the analyst dismissed.
    from: 6,
    annotations: (data) => ({ ...data, claims: (data.claims as Json[]).map((c) => ({ eventDate: null, dateConflictDismissed: null, ...c })) }),
  },
  {
    // Figures (issue 20): the figure an analyst accepted for a claim.
    from: 7,
    annotations: (data) => ({ ...data, claims: (data.claims as Json[]).map((c) => ({ acceptedFigure: null, ...c })) }),
  },
  // The checksum is written with the file; no article is known damaged until its text is read.
  { from: 8 },
  {
    // One tag model (DECISIONS section 5): highlight tags move onto their claims.
    from: 9,
    annotations: (data) => moveHighlightTagsToClaims(data as Json & TaggedRecords),
  },
  {
    // Entities (issue 17): the analyst's entity decisions.
    from: 10,
    annotations: (data) => ({ ...data, entities: [] }),
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
