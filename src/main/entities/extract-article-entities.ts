// One article's entities as the index stores them: page furniture detected, then extraction with
// compromise. The entity index's analysis (entity-index.ts), the same in its worker threads and on
// the main thread; no store, no file system.

import type { DerivedArticle } from '../derived/derived-worker-protocol'
import { detectBoilerplate } from '../../shared/boilerplate/detect-boilerplate'
import { createRequire } from 'node:module'
import { compromiseTagger, type Compromise } from '../../shared/entities/compromise-tagger'
import { extractEntities, type ArticleName, type EntityType, type KnownTypes } from '../../shared/entities/extract-entities'

/** Stored compactly: 10,000 articles hold some 300,000 mentions. */
export interface StoredName {
  /** The article's fullest form of the name. */
  n: string
  t: EntityType | null
  /** Mentions: [start, end, index into `v`]. */
  m: [number, number, number][]
  /** Surface forms. */
  v: string[]
}

/**
 * Name types learnt from the articles this thread has analysed: the tagger runs on a name's first
 * sentences only (extract-entities.ts), and a name typed once is not tagged again. One per thread.
 */
const knownTypes: KnownTypes = new Map()

/**
 * compromise, loaded the first time an article is analysed on this thread: loading it costs about
 * 0.6 s of CPU and 34 MB, which every service start (the app's, each CLI command's) paid before any
 * entity was asked for, although the analysis runs in the derived index's workers.
 */
let compromise: Compromise | null = null
const tagger = compromiseTagger(() => (compromise ??= createRequire(__filename)('compromise') as Compromise))

/** The entity index's analysis of one article (a DerivedIndexSpec's `analyse`). */
export function analyseEntities(article: DerivedArticle): StoredName[] {
  return extractForIndex(article.text, knownTypes)
}

export function extractForIndex(text: string, knownTypes: KnownTypes): StoredName[] {
  return extractEntities(text, { skipped: detectBoilerplate(text), tagger, knownTypes }).map(toStored)
}

function toStored(name: ArticleName): StoredName {
  const v: string[] = []
  const m = name.mentions.map((mention): [number, number, number] => {
    let i = v.indexOf(mention.surface)
    if (i < 0) i = v.push(mention.surface) - 1
    return [mention.start, mention.end, i]
  })
  return { n: name.name, t: name.type, m, v }
}

export function fromStored(stored: readonly StoredName[]): ArticleName[] {
  return stored.map((s) => ({ name: s.n, type: s.t, mentions: s.m.map(([start, end, i]) => ({ start, end, surface: s.v[i]! })) }))
}
