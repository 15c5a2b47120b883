// Saved web pages: the article's text, without the page around it (navigation, footers, teasers),
// picked by Mozilla's Readability (Firefox's Reader View) over a linkedom DOM, plus the metadata the
// page states in its <head>. linkedom only parses: it never runs a script, applies a style or loads
// a resource, so a hostile page cannot do anything here. The charset comes from a BOM, then the
// page's own <meta charset>, then detection.

import type { Readability as ReadabilityClass } from '@mozilla/readability'
import { decodeText } from '../decode-text'
import { nestsDeeperThan } from './element-depth'
import type { ExtractedMetadata, ExtractResult } from './extract-result'
import { elementText, type TextNodeLike } from './html-text'
import { normaliseDate } from './normalise-date'
import { DEFAULT_EXTRACTION_LIMITS, tooDeepReason, type ExtractionLimits } from './text-limits'

/** The HTML standard looks for a <meta charset> in the first 1024 bytes; so do we. */
const CHARSET_PRESCAN_BYTES = 1024
const META_CHARSET = /<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i
const XML_ENCODING = /^<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)/i
/**
 * Removed before Readability reads the page: site navigation, footers, sidebars, forms and anything
 * executable or embedded. Readability drops most of these itself; removing them first makes sure a
 * page that is nothing but chrome yields no text rather than its menu. JSON-LD stays: Readability
 * reads the publisher and author from it (it is data, and nothing here runs scripts anyway).
 */
const PAGE_CHROME =
  'script:not([type="application/ld+json"]), style, noscript, template, iframe, object, embed, nav, footer, aside, form, [role="navigation"], [role="contentinfo"], [role="complementary"]'

/** Meta tags read for each field, best first: Open Graph, then article:, then classic names. */
const META_KEYS: Readonly<Record<keyof ExtractedMetadata, readonly string[]>> = {
  title: ['og:title', 'twitter:title', 'dc.title'],
  date: [
    'article:published_time',
    'og:published_time',
    'datepublished',
    'date',
    'pubdate',
    'publishdate',
    'dc.date',
    'dcterms.date',
    'parsely-pub-date',
    'sailthru.date',
  ],
  outlet: ['og:site_name', 'application-name'],
  author: ['author', 'article:author', 'dc.creator', 'parsely-author', 'sailthru.author'],
  url: ['og:url'],
}

/** The part of linkedom's DOM this module uses (the Node typings here have no DOM library). */
interface PageElement extends TextNodeLike {
  getAttribute(name: string): string | null
  querySelectorAll(selectors: string): ArrayLike<PageElement>
  remove(): void
  textContent: string | null
}
interface PageDocument {
  documentElement: PageElement | null
  body: PageElement | null
  title: string
  querySelectorAll(selectors: string): ArrayLike<PageElement>
}

export async function extractHtml(bytes: Uint8Array, limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS): Promise<ExtractResult> {
  const declared = declaredHtmlCharset(bytes)
  const decoded = decodeText(bytes, declared ? { declaredEncoding: declared } : {})
  if (!decoded.ok) return decoded
  // Before any tree is built: Readability's time grows with the cube of the depth.
  if (await nestsDeeperThan(decoded.text, limits.maxElementDepth)) return { ok: false, reason: tooDeepReason(limits) }

  const document = await parseDocument(decoded.text)
  const stated = pageMetadata(document)
  for (const element of Array.from(document.querySelectorAll(PAGE_CHROME))) element.remove()

  const { Readability } = await import('@mozilla/readability')
  const Reader = Readability as unknown as new (
    document: PageDocument,
    options: { serializer: (node: PageElement) => PageElement },
  ) => Pick<ReadabilityClass<PageElement>, 'parse'>
  const article = new Reader(document, { serializer: (node) => node }).parse()
  const text = article?.content ? elementText(article.content) : ''
  if (text.trim() === '') return { ok: false, reason: 'HTML page has no readable article text' }

  // Readability also reads JSON-LD and cleans the <title> ("Headline | Site"): second choice.
  const metadata: ExtractedMetadata = {
    title: stated.title ?? article?.title ?? (document.title || undefined),
    date: stated.date ?? normaliseDate(article?.publishedTime ?? '') ?? undefined,
    outlet: stated.outlet ?? article?.siteName ?? undefined,
    author: stated.author ?? withoutBy(article?.byline),
    url: stated.url,
  }
  return { ok: true, article: { text, encoding: decoded.encoding, metadata, warnings: decoded.warnings ?? [] } }
}

/** The charset a page declares in its first bytes (<meta charset>, http-equiv, or an XML declaration), if any. */
export function declaredHtmlCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, CHARSET_PRESCAN_BYTES))
  const label = META_CHARSET.exec(head)?.[1] ?? XML_ENCODING.exec(head)?.[1]
  if (!label) return null
  // A page readable as ASCII to find its meta is not UTF-16, whatever it says (HTML standard).
  return /^utf-?16/i.test(label) ? 'utf-8' : label
}

async function parseDocument(html: string): Promise<PageDocument> {
  const { parseHTML } = await import('linkedom')
  const document = parseHTML(html).document as unknown as PageDocument
  if (document.documentElement?.nodeName.toUpperCase() === 'HTML' && document.body) return document
  // linkedom makes a bare fragment ("<p>…</p>") its document element: give it a page to live in.
  return parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`).document as unknown as PageDocument
}

function pageMetadata(document: PageDocument): ExtractedMetadata {
  const metas = new Map<string, string>()
  for (const meta of Array.from(document.querySelectorAll('meta'))) {
    const key = (meta.getAttribute('property') ?? meta.getAttribute('name') ?? meta.getAttribute('itemprop'))?.trim().toLowerCase()
    const content = meta.getAttribute('content')?.trim()
    if (key && content && !metas.has(key)) metas.set(key, content)
  }
  const first = (field: keyof ExtractedMetadata) => META_KEYS[field].map((key) => metas.get(key)).find((v) => v !== undefined)

  const dates = [...META_KEYS.date.map((key) => metas.get(key)), ...Array.from(document.querySelectorAll('time[datetime]'), (t) => t.getAttribute('datetime'))]
  const author = first('author')
  const canonical = Array.from(document.querySelectorAll('link[rel]')).find((link) => (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'))
  return {
    title: first('title'),
    date: dates.map((d) => (d ? normaliseDate(d) : null)).find((d) => d !== null) ?? undefined,
    outlet: first('outlet'),
    // article:author is often a profile URL, which names no one.
    author: author && !isWebAddress(author) ? author : undefined,
    url: [first('url'), canonical?.getAttribute('href')].find((u): u is string => !!u && isWebAddress(u)),
  }
}

function isWebAddress(value: string): boolean {
  return /^https?:\/\/\S+$/i.test(value.trim())
}

function withoutBy(byline: string | null | undefined): string | undefined {
  return byline?.replace(/^\s*by\s+/i, '').trim() || undefined
}
