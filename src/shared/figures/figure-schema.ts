// Runtime schemas of a figure and of a claim's accepted figure, for the store's record checks and
// the API's arguments. Kept beside the types they check.

import { z } from 'zod'

const bound = z.number().finite().nullable()

export const figureSchema = z.object({
  text: z.string().max(2_000),
  start: z.number().int(),
  end: z.number().int(),
  kind: z.enum(['count', 'percent', 'money']),
  low: bound,
  high: bound,
  lowExclusive: z.boolean(),
  highExclusive: z.boolean(),
  counted: z.string().max(200).nullable(),
  currency: z.string().max(10).nullable(),
  qualifier: z.enum(['exact', 'over', 'at-least', 'nearly', 'about', 'up-to', 'under', 'range', 'vague']),
  value: bound,
  valueHigh: bound,
  vague: z.string().max(50).nullable(),
})

export const acceptedFigureSchema = z.object({
  figure: figureSchema,
  label: z.string().max(500),
  reason: z.string().max(2_000),
  linkId: z.string().nullable(),
  articleId: z.string().nullable(),
})
