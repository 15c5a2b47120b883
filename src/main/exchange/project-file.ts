// The project file: everything an analyst made (article metadata and optionally texts, highlights,
// claims, evidence links, source grades) in one versioned JSON document, and merging such a file
// into a store. Same id means same record; a record that differs is never overwritten silently but
// listed as a conflict with both versions; importing the same file twice changes nothing.

import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { z } from 'zod'
import type { Article, Claim, EvidenceLink, Highlight, MergeReport, RecordKind, SourceGrade } from '../../shared/model'
import type { EntityDecision } from '../../shared/entities/cluster-entities'
import { articleSchema, claimSchema, entityDecisionSchema, highlightSchema, linkSchema, sourceGradeSchema } from '../../shared/record-schemas'
import { trimHalfCharacters } from '../../shared/anchoring/code-points'
import { UserError } from '../../shared/result'
import { moveHighlightTagsToClaims, type TaggedRecords } from '../../shared/claims/highlight-tags'
import type { CorpusStore } from '../store/corpus-store'
import { claimProblem, highlightProblem, linkProblem } from '../store/record-rules'

export const PROJECT_FORMAT = 'triangulate-project'
/**
 * 2: articles say where their outlet came from (outletSource); claims keep their origin overrides.
 * 3: claims may carry eventDate and dateConflictDismissed. 4: claims may carry the figure the analyst
 * accepted (issue 20). 5: the article schema knows the store's damaged mark (store version 9); an
 * export never writes it. 6: highlights carry no tags (tags belong to claims); an older file's
 * highlight tags are moved onto its claims when read. 7: the analyst's entity decisions (`entities`).
 */
export const PROJECT_VERSION = 7
/** Highlights' start and end are JavaScript string offsets into the article text; the file says so. */
export const PROJECT_POSITION_UNIT = 'utf-16-code-units'

const projectSchema = z.object({
  format: z.literal(PROJECT_FORMAT),
  version: z.number().int(),
  exportedAt: z.string(),
  /** Absent in files written before it was added; the unit was the same. */
  positionUnit: z.literal(PROJECT_POSITION_UNIT).optional(),
  articles: z.array(articleSchema.extend({ text: z.string().optional() })),
  highlights: z.array(highlightSchema),
  claims: z.array(claimSchema),
  links: z.array(linkSchema),
  sources: z.array(sourceGradeSchema),
  /** The analyst's entity decisions; absent in files of version 1. */
  entities: z.array(entityDecisionSchema).optional(),
})

export type ProjectFile = z.infer<typeof projectSchema>

/**
 * The project file's JSON Schema (draft 2020-12), for other tools reading it; published as
 * docs/project-file.schema.json, which a test keeps equal to this.
 */
export function projectJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://triangulate.invalid/schemas/project-file.schema.json',
    title: 'Triangulate project file',
    description: `Everything an analyst made in Triangulate. Highlights' start and end count ${PROJECT_POSITION_UNIT} into the article text; exact is the quote itself.`,
    ...z.toJSONSchema(projectSchema, { io: 'input' }),
  }
}

export async function exportProject(store: CorpusStore, options: { includeTexts: boolean }): Promise<ProjectFile> {
  const articles = []
  for (const stored of store.listArticles()) {
    // A damaged mark is about this store's disk, not the article: it does not travel.
    const { damaged: _damaged, ...article } = stored
    articles.push(options.includeTexts ? { ...article, text: await store.readBody(stored) } : { ...article })
  }
  return {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    exportedAt: new Date().toISOString(),
    positionUnit: PROJECT_POSITION_UNIT,
    articles,
    highlights: store.highlights.map(exportableHighlight),
    claims: [...store.claims],
    links: [...store.links],
    sources: [...store.sourceGrades],
    entities: [...store.entityDecisions],
  }
}

/**
 * A highlight as exports write it: context cut by an older Triangulate in the middle of a character
 * (half a surrogate pair at its outer edge) loses that half, so every export is well-formed Unicode
 * that strict JSON readers accept. Highlights made since are already whole.
 */
export function exportableHighlight(h: Highlight): Highlight {
  const prefix = trimHalfCharacters(h.prefix)
  const suffix = trimHalfCharacters(h.suffix)
  return prefix === h.prefix && suffix === h.suffix ? h : { ...h, prefix, suffix }
}

/** Why an incoming highlight's position cannot be used in its article's text, or null when it can. */
/**
 * The largest project file read: 10,000 articles with their texts take about 100 MB. A larger "file"
 * is something else (a disk image, /dev/zero) that would only fill the memory.
 */
const MAX_PROJECT_FILE_BYTES = 1024 * 1024 * 1024

/** A project file's text; a path that is not a regular file of sensible size is refused before it is read. */
export async function readProjectFile(path: string): Promise<string> {
  let size: number
  try {
    const info = await stat(path)
    if (!info.isFile()) throw new UserError('invalid-argument', `${path} is not a file; choose the project file (.json) itself.`)
    size = info.size
  } catch (error) {
    if (error instanceof UserError) throw error
    throw new UserError('not-found', `Cannot read the project file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check the path.`)
  }
  if (size > MAX_PROJECT_FILE_BYTES) throw new UserError('invalid-argument', `${path} is ${Math.round(size / 1024 / 1024)} MB, larger than any project file; not read.`)
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    throw new UserError('not-found', `Cannot read the project file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check the path.`)
  }
}

export function parseProject(json: string): ProjectFile {
  let raw: unknown
  try {
    raw = JSON.parse(json)
  } catch (error) {
    // The parser's message quotes the file's first bytes, and the file may be anything it was pointed at.
    const at = /position (\d+)/.exec((error as Error).message)?.[1]
    throw new UserError('invalid-argument', `This is not a Triangulate project file: it is not valid JSON${at ? ` (the error is at character ${at})` : ''}.`)
  }
  const parsed = projectSchema.safeParse(withTagsOnClaims(raw))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new UserError('invalid-argument', `This is not a Triangulate project file (${issue?.path.join('.') || 'format'}: ${issue?.message}).`)
  }
  if (parsed.data.version > PROJECT_VERSION) {
    throw new UserError('conflict', `This project file is version ${parsed.data.version}; this Triangulate reads up to ${PROJECT_VERSION}. Update Triangulate.`)
  }
  return parsed.data
}

/** An older file's highlight tags, moved onto the claims they are evidence for (as the store's migration does). */
function withTagsOnClaims(raw: unknown): unknown {
  const file = raw as { version?: unknown; highlights?: unknown; claims?: unknown; links?: unknown } | null
  if (!file || typeof file !== 'object' || Number(file.version) >= 6) return raw
  if (!Array.isArray(file.highlights) || !Array.isArray(file.claims) || !Array.isArray(file.links)) return raw
  return moveHighlightTagsToClaims(file as TaggedRecords)
}

export async function mergeProject(store: CorpusStore, project: ProjectFile): Promise<MergeReport> {
  const report: MergeReport = { added: { article: 0, highlight: 0, claim: 0, link: 0, source: 0, entity: 0 }, unchanged: 0, conflicts: [], skipped: [] }

  const newArticles: Article[] = []
  for (const { text, ...incoming } of project.articles) {
    const local = store.getArticle(incoming.id)
    if (local) {
      if (local.contentHash !== incoming.contentHash) report.conflicts.push({ kind: 'article', id: incoming.id, local, incoming })
      else report.unchanged++
      continue
    }
    if (text === undefined) {
      report.skipped.push({
        kind: 'article',
        id: incoming.id,
        reason: `“${incoming.title}” is not in this store and the file carries no text; import the article first.`,
      })
      continue
    }
    const hash = createHash('sha256').update(text).digest('hex')
    if (hash !== incoming.contentHash) {
      report.skipped.push({ kind: 'article', id: incoming.id, reason: `the text of “${incoming.title}” does not match its recorded hash (damaged file?)` })
      continue
    }
    await store.writeBody(hash, text)
    newArticles.push(incoming)
  }
  await store.saveArticles(newArticles)
  report.added.article = newArticles.length

  // Each new highlight's position is checked against its article's text before anything is merged.
  const positionProblems = new Map<string, string>()
  const texts = new Map<string, Promise<string>>()
  for (const h of project.highlights) {
    const article = store.getArticle(h.articleId)
    if (!article || store.highlights.some((x) => x.id === h.id)) continue
    if (!texts.has(article.id)) texts.set(article.id, store.readBody(article))
    const problem = highlightProblem(h, await texts.get(article.id)!)
    if (problem) positionProblems.set(h.id, problem)
  }

  await store.changeAnnotations((data) => {
    const mergeRecords = <T extends { id: string }>(kind: RecordKind, local: T[], incoming: readonly T[], usable: (r: T) => string | null) => {
      const byId = new Map(local.map((r) => [r.id, r]))
      for (const record of incoming) {
        const existing = byId.get(record.id)
        if (existing) {
          if (JSON.stringify(kind === 'highlight' ? exportableHighlight(existing as unknown as Highlight) : existing) === JSON.stringify(record)) report.unchanged++
          else report.conflicts.push({ kind, id: record.id, local: existing, incoming: record })
          continue
        }
        const problem = usable(record)
        if (problem) {
          report.skipped.push({ kind, id: record.id, reason: problem })
          continue
        }
        local.push(record)
        byId.set(record.id, record)
        report.added[kind]++
      }
    }
    mergeRecords<Highlight>('highlight', data.highlights, project.highlights, (h) =>
      store.getArticle(h.articleId) ? (positionProblems.get(h.id) ?? null) : 'its article is not in this store',
    )
    mergeRecords<Claim>('claim', data.claims, project.claims, claimProblem)
    const highlightIds = new Set(data.highlights.map((h) => h.id))
    const claimIds = new Set(data.claims.map((c) => c.id))
    mergeRecords<EvidenceLink>('link', data.links, project.links, (l) =>
      linkProblem(
        l,
        (id) => claimIds.has(id),
        (id) => highlightIds.has(id),
      ),
    )
    // The same passage linked to the same claim under another id (two analysts tagged it alike) is one link.
    const seen = new Set<string>()
    data.links = data.links.filter((l) => {
      const key = `${l.claimId}:${l.highlightId}`
      if (seen.has(key)) {
        report.added.link--
        report.unchanged++
        return false
      }
      seen.add(key)
      return true
    })
    const grades = data.sources.map((g) => ({ ...g, id: g.sourceKey }))
    mergeRecords<SourceGrade & { id: string }>(
      'source',
      grades,
      project.sources.map((g) => ({ ...g, id: g.sourceKey })),
      () => null,
    )
    data.sources = grades.map(({ id: _id, ...g }) => g)
    mergeRecords<EntityDecision>('entity', data.entities, project.entities ?? [], () => null)
  })
  return report
}

/** Takes the incoming version of a conflicting record: the analyst's pick after reviewing both. */
export async function takeIncoming(store: CorpusStore, conflict: { kind: RecordKind; incoming: unknown }): Promise<void> {
  const { kind } = conflict
  if (kind === 'article') throw new UserError('invalid-argument', 'An article with a different text is re-imported from its file, not taken from a project.')
  const parse = { highlight: highlightSchema, claim: claimSchema, link: linkSchema, source: sourceGradeSchema, entity: entityDecisionSchema }[kind]
  const parsed = parse.safeParse(conflict.incoming)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new UserError('invalid-argument', `The incoming ${kind} is not a valid record (${issue?.path.join('.') || kind}: ${issue?.message}); nothing was changed.`)
  }
  const record = parsed.data as { id?: string; sourceKey?: string }
  // The store's rules, as for a record merged in: the incoming version must be one the store may hold.
  let problem: string | null = null
  if (kind === 'highlight') {
    const highlight = record as Highlight
    const article = store.getArticle(highlight.articleId)
    problem = article ? highlightProblem(highlight, await store.readBody(article)) : 'its article is not in this store'
  } else if (kind === 'claim') problem = claimProblem(record as Claim)
  else if (kind === 'link')
    problem = linkProblem(
      record as EvidenceLink,
      (id) => store.claims.some((c) => c.id === id),
      (id) => store.highlights.some((h) => h.id === id),
    )
  if (problem) throw new UserError('invalid-argument', `The incoming ${kind} cannot be taken: ${problem}. Nothing was changed.`)
  await store.changeAnnotations((data) => {
    if (kind === 'highlight') data.highlights = data.highlights.map((h) => (h.id === record.id ? (record as Highlight) : h))
    if (kind === 'claim') data.claims = data.claims.map((c) => (c.id === record.id ? (record as Claim) : c))
    if (kind === 'link') data.links = data.links.map((l) => (l.id === record.id ? (record as EvidenceLink) : l))
    if (kind === 'source') data.sources = data.sources.map((g) => (g.sourceKey === record.sourceKey ? (record as SourceGrade) : g))
    if (kind === 'entity') data.entities = data.entities.map((d) => (d.id === record.id ? (record as EntityDecision) : d))
  })
}
