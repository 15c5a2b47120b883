// Highlights as W3C Web Annotations (JSON-LD), so other annotation tools can read them: each
// highlight targets its article with a TextQuoteSelector and a TextPositionSelector, its claims as
// tagging bodies; each evidence link is also an annotation of its own (motivation "linking") that
// carries the stance.
//
// Positions: the Web Annotation model counts a TextPositionSelector's start and end in Unicode code
// points, so ours (UTF-16 code units) are converted; the collection says so in
// triangulate:positionUnit. The TextQuoteSelector always carries the quote itself as well.

import type { Article, Claim, EvidenceLink, Highlight } from '../../shared/model'
import { exportableHighlight } from './project-file'

const CONTEXT = ['http://www.w3.org/ns/anno.jsonld', { triangulate: 'urn:triangulate:vocab#' }]

export const highlightIri = (id: string) => `urn:triangulate:highlight:${id}`
export const claimIri = (id: string) => `urn:triangulate:claim:${id}`
export const articleIri = (id: string) => `urn:triangulate:article:${id}`
const linkIri = (id: string) => `urn:triangulate:link:${id}`

export interface WebAnnotationRecords {
  highlights: readonly Highlight[]
  claims: readonly Claim[]
  links: readonly EvidenceLink[]
  articleById: (id: string) => Article | undefined
  /** Converts a UTF-16 offset in an article's text to code points (see shared/anchoring/code-points). */
  codePointsIn: (articleId: string) => (utf16Offset: number) => number
}

/** What TextPositionSelector offsets count, stated in every export. */
export const POSITION_UNIT = 'unicode-code-points'

export function toWebAnnotations({ highlights, claims, links, articleById, codePointsIn }: WebAnnotationRecords, exportedAt: string) {
  const claimById = new Map(claims.map((c) => [c.id, c]))
  const items: object[] = []
  for (const stored of highlights) {
    const h = exportableHighlight(stored)
    const article = articleById(h.articleId)
    const toCodePoints = codePointsIn(h.articleId)
    const claimBodies = links
      .filter((l) => l.highlightId === h.id)
      .map((l) => claimById.get(l.claimId))
      .filter((c): c is Claim => c !== undefined)
      // No `id` on a tagging body: a body with an id is an External Web Resource to the W3C suite,
      // which then refuses it as also being an embedded TextualBody. The claim's IRI goes alongside.
      .map((c) => ({ type: 'TextualBody', purpose: 'tagging', value: c.text, format: 'text/plain', 'triangulate:claim': claimIri(c.id) }))
    const noteBody = h.note ? [{ type: 'TextualBody', purpose: 'commenting', value: h.note, format: 'text/plain' }] : []
    items.push({
      id: highlightIri(h.id),
      type: 'Annotation',
      motivation: claimBodies.length > 0 ? 'tagging' : 'highlighting',
      created: h.createdAt,
      ...(claimBodies.length + noteBody.length > 0 ? { body: [...claimBodies, ...noteBody] } : {}),
      target: {
        source: articleIri(h.articleId),
        ...(article ? { 'triangulate:title': article.title, 'triangulate:paths': article.paths } : {}),
        selector: [
          { type: 'TextQuoteSelector', exact: h.exact, prefix: h.prefix, suffix: h.suffix },
          { type: 'TextPositionSelector', start: toCodePoints(h.start), end: toCodePoints(h.end) },
        ],
      },
      ...(h.orphaned ? { 'triangulate:orphaned': true } : {}),
    })
  }
  for (const l of links) {
    items.push({
      id: linkIri(l.id),
      type: 'Annotation',
      motivation: 'linking',
      created: l.createdAt,
      body: claimIri(l.claimId),
      target: highlightIri(l.highlightId),
      'triangulate:stance': l.stance,
      ...(l.credibility ? { 'triangulate:credibility': l.credibility } : {}),
    })
  }
  const id = `urn:triangulate:export:${exportedAt}`
  return {
    '@context': CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: 'Triangulate highlights and evidence links',
    'triangulate:positionUnit': POSITION_UNIT,
    total: items.length,
    // The whole collection is one page; the W3C model requires the page's own id.
    first: { id: `${id}:page:1`, type: 'AnnotationPage', startIndex: 0, items },
  }
}
