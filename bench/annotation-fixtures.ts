// Grows a store's annotations to the sizes the claim-board and CSV figures need (1,000 claims with
// 10,000 or 100,000 evidence links). This is fixture set-up, not a measurement, and it does not go
// through the service: each service call rewrites the whole annotations.json durably, so creating
// 100,000 links one by one is quadratic (hours). Instead new records are cloned from ones the
// service itself wrote (so every field the current schema has is there, with the service's
// defaults), their quotes made by the app's describeQuote over real article texts, and appended to
// annotations.json as the store wrote it (sealed with its checksum); the next CorpusStore.open
// validates and reads them through the real code. Run only while no session holds the store open.

import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { openSealedJson, sealJson } from '../src/main/store/sealed-json'
import { describeQuote } from '../src/shared/anchoring/text-quote'
import type { Claim, EvidenceLink, Highlight, Stance } from '../src/shared/model'
import { TextModel } from './corpus-generator'
import { derivedRandom, type Random } from './seeded-random'
import { openSession } from './store-session'
import { indexWords, pickWordSpan, type Word } from './text-spans'

/** Articles that evidence is drawn from: spread over the library, enough for 40 outlets × 50. */
const EVIDENCE_ARTICLES = 2_000

export interface AnnotationTarget {
  claims: number
  links: number
}

export interface AnnotationFixture {
  claims: number
  links: number
  highlights: number
  annotationsMB: number
  ms: number
}

interface AnnotationsFile {
  highlights: Highlight[]
  claims: Claim[]
  links: EvidenceLink[]
  [other: string]: unknown
}

interface PoolArticle {
  id: string
  text: string
  words: Word[]
}

/**
 * Adds claims until there are `target.claims`, then links (each to a new highlight) until there are
 * `target.links`, handed out to the claims in turn so every claim gets the same share.
 */
export async function growAnnotations(storeDir: string, seed: number, target: AnnotationTarget): Promise<AnnotationFixture> {
  const started = performance.now()
  const path = join(storeDir, 'annotations.json')
  const pool = await loadEvidencePool(storeDir)
  const data = await readAnnotations(path)
  const model = new TextModel(seed)
  const random = derivedRandom(seed, `annotations:${data.links.length}->${target.links}`)
  const createdAt = new Date().toISOString()

  const template = templatesOf(data, path)
  while (data.claims.length < target.claims) {
    data.claims.push({ ...template.claim, id: fixtureId('c', data.claims.length), text: model.sentence(random), createdAt, updatedAt: createdAt })
  }
  const claimIds = data.claims.map((c) => c.id)
  for (let n = data.links.length; n < target.links; n++) {
    const article = random.pick(pool)
    const span = pickWordSpan(article.words, random)
    const highlight: Highlight = {
      ...template.highlight,
      id: fixtureId('h', data.highlights.length),
      articleId: article.id,
      start: span.start,
      end: span.end,
      ...describeQuote(article.text, span.start, span.end),
      createdAt,
    }
    data.highlights.push(highlight)
    data.links.push({
      ...template.link,
      id: fixtureId('l', n),
      claimId: claimIds[n % claimIds.length] as string,
      highlightId: highlight.id,
      stance: stanceOf(random),
      createdAt,
    })
  }
  // Sealed as the store seals it (its checksum inside the file): an unsealed or mismatched file is damage, restored from the backup.
  await writeFile(path, sealJson(JSON.stringify(data)))
  return {
    claims: data.claims.length,
    links: data.links.length,
    highlights: data.highlights.length,
    annotationsMB: (await stat(path)).size / 1e6,
    ms: performance.now() - started,
  }
}

/** Articles spread evenly over the library list, with their texts, read through the service. */
async function loadEvidencePool(storeDir: string): Promise<PoolArticle[]> {
  const session = await openSession(storeDir)
  try {
    const library = (await session.service.listArticles({})).articles
    const step = Math.max(1, Math.floor(library.length / EVIDENCE_ARTICLES))
    const pool: PoolArticle[] = []
    for (let i = 0; i < library.length && pool.length < EVIDENCE_ARTICLES; i += step) {
      const id = (library[i] as { id: string }).id
      const { text } = await session.service.getArticle({ id })
      pool.push({ id, text, words: indexWords(text) })
    }
    return pool
  } finally {
    await session.close()
  }
}

async function readAnnotations(path: string): Promise<AnnotationsFile> {
  let raw: string
  try {
    raw = await readFile(path, 'utf8')
  } catch {
    throw new Error(`${path} does not exist yet: the store writes it on the first highlight, so create one through the service first`)
  }
  const read = openSealedJson(raw)
  if (read.kind !== 'ok') throw new Error(`${path} cannot be read as the store wrote it: ${read.reason}`)
  return read.data as unknown as AnnotationsFile
}

/** The first claim, highlight and link the service wrote: every fixture record is one of these, cloned. */
function templatesOf(data: AnnotationsFile, path: string): { claim: Claim; highlight: Highlight; link: EvidenceLink } {
  const [claim, highlight, link] = [data.claims[0], data.highlights[0], data.links[0]]
  if (!claim || !highlight || !link) {
    throw new Error(`${path} needs at least one claim, highlight and evidence link made through the service, to copy their shape`)
  }
  return { claim, highlight, link }
}

/** Ids shaped like the service's (`h_` + 16 hex digits), so the JSON is as large as real data. */
function fixtureId(prefix: 'h' | 'c' | 'l', n: number): string {
  return `${prefix}_f${n.toString(16).padStart(15, '0')}`
}

/** Most evidence supports a claim; a quarter contradicts, the rest is context. */
function stanceOf(random: Random): Stance {
  const r = random.next()
  return r < 0.6 ? 'supports' : r < 0.85 ? 'contradicts' : 'context'
}
