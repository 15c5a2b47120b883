// Runtime schemas of the stored records. The store checks its files against them on open; the API
// checks records a caller sends back (undo restores what a delete returned) against the same ones.

import { z } from 'zod'
import { acceptedFigureSchema } from './figures/figure-schema'
import { OUTLET_SOURCES } from './provenance/outlet-source'

export const claimStatusSchema = z.enum(['corroborated', 'single-source', 'contested', 'contradicted', 'no-evidence'])
export const stanceSchema = z.enum(['supports', 'contradicts', 'context'])
export const credibilitySchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)])
export const reliabilitySchema = z.enum(['A', 'B', 'C', 'D', 'E', 'F'])

export const articleSchema = z.object({
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
  nearDuplicateOf: z.string().nullable(),
  edited: z.array(z.enum(['title', 'date', 'outlet', 'author', 'url'])),
  /** Absent in project files and stores from before it was recorded. */
  outletSource: z.enum(OUTLET_SOURCES).nullable().default(null),
  damaged: z.string().optional(),
})

export const highlightSchema = z.object({
  id: z.string(),
  articleId: z.string(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  exact: z.string(),
  prefix: z.string(),
  suffix: z.string(),
  orphaned: z.boolean(),
  note: z.string(),
  createdAt: z.string(),
})

export const claimSchema = z.object({
  id: z.string(),
  text: z.string(),
  tags: z.array(z.string()),
  note: z.string(),
  statusOverride: z.object({ status: claimStatusSchema, reason: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  originOverrides: z
    .array(z.object({ id: z.string(), action: z.enum(['split', 'join']), linkIds: z.array(z.string()), reason: z.string(), createdAt: z.string() }))
    .optional(),
  eventDate: z
    .string()
    .regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, 'an event date is YYYY-MM-DD, YYYY-MM or YYYY')
    .nullable()
    .optional(),
  dateConflictDismissed: z.string().max(2000).nullable().optional(),
  acceptedFigure: acceptedFigureSchema.nullable().optional(),
})

export const linkSchema = z.object({
  id: z.string(),
  claimId: z.string(),
  highlightId: z.string(),
  stance: stanceSchema,
  credibility: credibilitySchema.nullable(),
  note: z.string(),
  createdAt: z.string(),
})

export const sourceGradeSchema = z.object({ sourceKey: z.string(), reliability: reliabilitySchema })

/** An analyst's decision about an entity (src/shared/entities/cluster-entities.ts): variants, name, type, deleted. */
export const entityDecisionSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  type: z.enum(['person', 'place', 'organisation']).nullable(),
  variants: z.array(z.string()),
  deleted: z.boolean(),
  updatedAt: z.string(),
})
