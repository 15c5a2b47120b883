// REFI-QDA project exchange (.qdpx), so qualitative-analysis tools (ATLAS.ti, MAXQDA, NVivo,
// QualCoder) can open the analyst's work: a zip holding project.qde (QDA-XML, namespace
// urn:QDA-XML:project:1.0, valid against the published Project-mrt2019.xsd) and a sources/ folder
// with each article's text as a plain-text file.
//
// Mapping: an article is a TextSource; a claim is a Code in the CodeBook (its status and note in
// the Description); a highlight is a PlainTextSelection, coded (Coding → CodeRef) with each claim it
// is evidence for; the stance of each piece of evidence is a Link from the selection to the code,
// named "supports", "contradicts" or "context", its note and credibility in a Note the Link refers
// to. Outlet, date, author and URL are Variables on each source. GUIDs are derived from our ids
// (stable-guid), so exporting twice gives the same GUIDs.
//
// Positions: REFI-QDA counts characters (Unicode code points) in the plain-text file from 0, end
// exclusive; ours are UTF-16 code units, converted here. The files hold exactly the text we count
// in: UTF-8 without BOM, NFC, line breaks LF (the importer's normalisation), each LF one character.
// An orphaned highlight (its quote no longer found in the text) has no place, so it is left out.

import { strToU8, zipSync, type Zippable } from 'fflate'
import { codePointCounter } from '../../shared/anchoring/code-points'
import { STATUS_LABELS } from '../../shared/claims/claim-status'
import type { Article, ClaimCard, EvidenceLink, Highlight } from '../../shared/model'
import { stableGuid } from './stable-guid'

export const QDA_PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0'
/** The standard's name for the folder of source files inside the zip (case matters to some tools). */
export const QDPX_SOURCES_FOLDER = 'sources'

export interface QdpxInput {
  projectName: string
  /** Written as the project's origin: which program made the file. */
  origin: string
  exportedAt: string
  articles: readonly { article: Article; text: string }[]
  highlights: readonly Highlight[]
  cards: readonly ClaimCard[]
  links: readonly EvidenceLink[]
}

/** What a receiving tool sees for each stance: Link colours follow the claim board's. */
const STANCE_COLOUR = { supports: '#1F7A3A', contradicts: '#B3261E', context: '#5D6773' } as const
const STATUS_COLOUR = {
  corroborated: '#1F7A3A',
  'single-source': '#8A5A00',
  contested: '#B3261E',
  contradicted: '#B3261E',
  'no-evidence': '#5D6773',
} as const

const VARIABLES = [
  { key: 'outlet', name: 'Outlet', type: 'Text' },
  { key: 'date', name: 'Date published', type: 'Date' },
  { key: 'author', name: 'Author', type: 'Text' },
  { key: 'url', name: 'URL', type: 'Text' },
] as const

const guid = {
  user: () => stableGuid('user', 'triangulate'),
  article: (id: string) => stableGuid('article', id),
  claim: (id: string) => stableGuid('claim', id),
  highlight: (id: string) => stableGuid('highlight', id),
  coding: (linkId: string) => stableGuid('coding', linkId),
  link: (linkId: string) => stableGuid('link', linkId),
  note: (linkId: string) => stableGuid('link-note', linkId),
  variable: (key: string) => stableGuid('variable', key),
}

/** The .qdpx file: a zip of project.qde and sources/<guid>.txt. */
export function buildQdpx(input: QdpxInput): Uint8Array {
  const sources: Zippable = {}
  for (const { article, text } of input.articles) sources[`${guid.article(article.id)}.txt`] = strToU8(text)
  return zipSync({ 'project.qde': strToU8(projectQde(input)), [QDPX_SOURCES_FOLDER]: sources })
}

/** project.qde: the QDA-XML document, elements in the order the schema's sequences require. */
export function projectQde(input: QdpxInput): string {
  const user = guid.user()
  const stamp = (createdAt: string) => ({ creatingUser: user, creationDateTime: createdAt })
  const linksByHighlight = new Map<string, EvidenceLink[]>()
  for (const link of input.links) linksByHighlight.set(link.highlightId, [...(linksByHighlight.get(link.highlightId) ?? []), link])
  const claimIds = new Set(input.cards.map((c) => c.claim.id))
  const highlightsByArticle = new Map<string, Highlight[]>()
  for (const h of input.highlights) {
    if (!h.orphaned) highlightsByArticle.set(h.articleId, [...(highlightsByArticle.get(h.articleId) ?? []), h])
  }
  const exportedLinks: EvidenceLink[] = []

  const codes = input.cards.map((card) =>
    element('Code', { guid: guid.claim(card.claim.id), name: card.claim.text, isCodable: 'true', color: STATUS_COLOUR[card.status] }, [
      element('Description', {}, describeClaim(card)),
    ]),
  )

  const variables = VARIABLES.map((v) => element('Variable', { guid: guid.variable(v.key), name: v.name, typeOfVariable: v.type }))

  const textSources = input.articles.map(({ article, text }) => {
    const articleGuid = guid.article(article.id)
    const toCodePoints = codePointCounter(text)
    const selections = (highlightsByArticle.get(article.id) ?? []).map((h) => {
      const codings = (linksByHighlight.get(h.id) ?? [])
        .filter((l) => claimIds.has(l.claimId))
        .map((l) => {
          exportedLinks.push(l)
          return element('Coding', { guid: guid.coding(l.id), ...stamp(l.createdAt) }, [element('CodeRef', { targetGUID: guid.claim(l.claimId) })])
        })
      const description = h.note
      return element(
        'PlainTextSelection',
        { guid: guid.highlight(h.id), name: h.exact, startPosition: toCodePoints(h.start), endPosition: toCodePoints(h.end), ...stamp(h.createdAt) },
        [...(description ? [element('Description', {}, description)] : []), ...codings],
      )
    })
    const values = VARIABLES.flatMap((v) => {
      const value = article[v.key]
      if (!value) return []
      return [
        element('VariableValue', {}, [element('VariableRef', { targetGUID: guid.variable(v.key) }), element(v.type === 'Date' ? 'DateValue' : 'TextValue', {}, value)]),
      ]
    })
    return element('TextSource', { guid: articleGuid, name: article.title, plainTextPath: `internal://${articleGuid}.txt`, ...stamp(article.importedAt) }, [
      element('Description', {}, describeArticle(article)),
      ...selections,
      ...values,
    ])
  })

  const notes = exportedLinks
    .filter((l) => l.note || l.credibility)
    .map((l) =>
      element('Note', { guid: guid.note(l.id), name: `Evidence note (${l.stance})`, ...stamp(l.createdAt) }, [
        element('PlainTextContent', {}, [l.credibility ? `Credibility (Admiralty 1–6): ${l.credibility}` : '', l.note].filter(Boolean).join('\n')),
      ]),
    )
  const links = exportedLinks.map((l) =>
    element(
      'Link',
      {
        guid: guid.link(l.id),
        name: l.stance,
        direction: 'OneWay',
        color: STANCE_COLOUR[l.stance],
        originGUID: guid.highlight(l.highlightId),
        targetGUID: guid.claim(l.claimId),
      },
      l.note || l.credibility ? [element('NoteRef', { targetGUID: guid.note(l.id) })] : [],
    ),
  )

  // Every list element the schema has requires at least one member: an empty one is left out.
  const project = element(
    'Project',
    { xmlns: QDA_PROJECT_NAMESPACE, name: input.projectName, origin: input.origin, creatingUserGUID: user, creationDateTime: input.exportedAt },
    [
      element('Users', {}, [element('User', { guid: user, name: 'Triangulate' })]),
      ...(codes.length > 0 ? [element('CodeBook', {}, [element('Codes', {}, codes)])] : []),
      element('Variables', {}, variables),
      ...(textSources.length > 0 ? [element('Sources', {}, textSources)] : []),
      ...(notes.length > 0 ? [element('Notes', {}, notes)] : []),
      ...(links.length > 0 ? [element('Links', {}, links)] : []),
      element(
        'Description',
        {},
        'Exported from Triangulate. Codes are claims; a Link from a selection to a code is a piece of evidence, named by its stance (supports, contradicts, context). Positions count Unicode code points in the LF-terminated UTF-8 files under sources/.',
      ),
    ],
  )
  return `<?xml version="1.0" encoding="utf-8"?>\n${project}\n`
}

function describeClaim(card: ClaimCard): string {
  const override = card.claim.statusOverride ? ` (analyst's verdict: ${card.claim.statusOverride.reason})` : ''
  return [
    `Status: ${STATUS_LABELS[card.status]}${override}. ${card.articleCount} articles, ${card.sourceCount} independent sources (${card.supportingSources} supporting, ${card.contradictingSources} contradicting).`,
    card.claim.tags.length > 0 ? `Tags: ${card.claim.tags.join(', ')}` : '',
    card.claim.note,
  ]
    .filter(Boolean)
    .join('\n')
}

function describeArticle(article: Article): string {
  const facts: [string, string | null][] = [
    ['Outlet', article.outlet],
    ['Published', article.date],
    ['Author', article.author],
    ['URL', article.url],
    ...article.paths.map((path): [string, string] => ['Imported from', path]),
  ]
  return facts
    .filter(([, value]) => value)
    .map(([label, value]) => `${label}: ${value}`)
    .join('\n')
}

type Attributes = Record<string, string | number>

/** One element as text; children are elements already made, or one text. */
function element(name: string, attributes: Attributes, children: string[] | string = []): string {
  const attrs = Object.entries(attributes)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v), true)}"`)
    .join('')
  if (typeof children === 'string') return `<${name}${attrs}>${escapeXml(children, false)}</${name}>`
  if (children.length === 0) return `<${name}${attrs}/>`
  return `<${name}${attrs}>\n${children.join('\n')}\n</${name}>`
}

/**
 * XML 1.0 cannot carry most control characters or unpaired surrogates at all, even escaped: they
 * become U+FFFD. In attributes, line breaks and tabs are written as character references, which a
 * parser's attribute normalisation would otherwise turn into spaces.
 */
function escapeXml(text: string, attribute: boolean): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(
      attribute ? /[&<>"\n\r\t]/g : /[&<>\r]/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' })[c] ?? c,
    )
}
