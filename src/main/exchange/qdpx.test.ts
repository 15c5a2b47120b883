import { readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { DOMParser, XMLSerializer } from '@xmldom/xmldom'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { validateXML } from 'xmllint-wasm'
import { serviceWithImports } from '../test-support/seeded-service'
import { SEEDS_DIR, tempDir } from '../test-support/temp-dir'
import { QDA_PROJECT_NAMESPACE } from './qdpx'
import { stableGuid } from './stable-guid'

const XSD = resolve(__dirname, '../../../resources/refi-qda/Project-mrt2019.xsd')

/** Astral characters (two UTF-16 units, one code point) before and inside highlights; CRLF in the file. */
const ASTRAL_ARTICLE = 'Emoji wire 😀 report\r\nThe 𝄞 clef came first.\r\nThen 😀 smiled at 中文 readers, 🇺🇸 too.\r\n'

async function analystStore() {
  const extra = await tempDir()
  await writeFile(join(extra, 'astral.txt'), ASTRAL_ARTICLE)
  return serviceWithImports([SEEDS_DIR, extra])
}

/**
 * Validates with libxml2 (xmllint compiled to WebAssembly, from npm: no system package) against the
 * vendored REFI-QDA schema; resolves to xmllint's report.
 */
async function validateAgainstXsd(qde: string): Promise<{ ok: boolean; report: string }> {
  const result = await validateXML({
    xml: { fileName: 'project.qde', contents: qde },
    schema: { fileName: 'Project-mrt2019.xsd', contents: await readFile(XSD, 'utf8') },
  })
  return { ok: result.valid, report: result.rawOutput }
}

/** Elements by name in the QDA-XML namespace (xmldom's lists are not iterable). */
function all(node: Document | Element, name: string): Element[] {
  const list = node.getElementsByTagNameNS(QDA_PROJECT_NAMESPACE, name)
  return Array.from({ length: list.length }, (_, i) => list.item(i)!)
}

function unzipQdpx(base64: string) {
  const files = unzipSync(new Uint8Array(Buffer.from(base64, 'base64')))
  const qde = strFromU8(files['project.qde']!)
  const doc = new DOMParser().parseFromString(qde, 'text/xml')
  return { files, qde, doc }
}

describe('REFI-QDA export (.qdpx)', () => {
  it('writes sources whose code-point positions give back each quote, claims as codes, stances as links, valid against the XSD', async () => {
    const { service, highlight } = await analystStore()
    const toll = await service.createClaim({ text: 'The toll exceeds 1,400 <&> "quoted"' })
    const smile = await service.createClaim({ text: 'Someone smiled 😀' })
    await service.createClaim({ text: 'A claim without evidence' })
    const h1 = await highlight('more than 1,400 deaths')
    const h2 = await highlight('killed over 1400 people')
    const h3 = await highlight('😀 smiled at 中文')
    const h4 = await highlight('🇺🇸 too')
    const h5 = await highlight('clef came first') // highlighted, evidence for nothing
    const supports = await service.linkEvidence({ claimId: toll.id, highlightId: h1.id, stance: 'supports' })
    await service.linkEvidence({ claimId: toll.id, highlightId: h2.id, stance: 'contradicts' })
    await service.updateEvidence({ linkId: supports.id, credibility: 2, note: 'Per the ministry;\nsecond line' })
    await service.linkEvidence({ claimId: smile.id, highlightId: h3.id, stance: 'supports' })
    await service.linkEvidence({ claimId: toll.id, highlightId: h3.id, stance: 'context' })
    await service.linkEvidence({ claimId: smile.id, highlightId: h4.id, stance: 'context' })

    const exported = await service.exportQdpx({})
    expect(exported.fileName).toMatch(/\.qdpx$/)
    const { files, qde, doc } = unzipQdpx(exported.contentBase64)

    // The zip: project.qde and one plain-text file per article under a lowercase sources/.
    const articles = (await service.listArticles({})).articles
    expect(Object.keys(files).sort()).toEqual(['project.qde', 'sources/', ...articles.map((a) => `sources/${stableGuid('article', a.id)}.txt`)].sort())
    expect(doc.documentElement.getAttribute('xmlns')).toBe(QDA_PROJECT_NAMESPACE)

    // Every source file is the article text as stored (LF line ends: positions count each as one).
    const textBySource = new Map<string, string>()
    for (const source of all(doc, 'TextSource')) {
      const path = source.getAttribute('plainTextPath')!
      expect(path).toMatch(/^internal:\/\/[0-9a-f-]{36}\.txt$/)
      const text = strFromU8(files[`sources/${path.slice('internal://'.length)}`]!)
      expect(text).not.toContain('\r')
      textBySource.set(source.getAttribute('guid')!, text)
    }
    for (const a of articles) expect(textBySource.get(stableGuid('article', a.id))).toBe((await service.getArticle({ id: a.id })).text)

    // Each selection's code-point span of its source file is the highlight's quote.
    const highlights = new Map([h1, h2, h3, h4, h5].map((h) => [stableGuid('highlight', h.id), h]))
    const selections = all(doc, 'PlainTextSelection')
    expect(selections).toHaveLength(5)
    for (const selection of selections) {
      const h = highlights.get(selection.getAttribute('guid')!)!
      const text = textBySource.get((selection.parentNode as Element).getAttribute('guid')!)!
      const [start, end] = [Number(selection.getAttribute('startPosition')), Number(selection.getAttribute('endPosition'))]
      expect([...text].slice(start, end).join('')).toBe(h.exact)
    }
    // The astral article really exercises the conversion: code points and code units differ there.
    const astral = selections.find((s) => s.getAttribute('guid') === stableGuid('highlight', h3.id))!
    expect(Number(astral.getAttribute('startPosition'))).toBeLessThan(h3.start)

    // Claims are codes; each selection is coded with its claims; each evidence link is a Link named by its stance.
    const codes = all(doc, 'Code').map((c) => c.getAttribute('name'))
    expect(codes).toEqual(expect.arrayContaining(['The toll exceeds 1,400 <&> "quoted"', 'Someone smiled 😀', 'A claim without evidence']))
    const codedWith = (h: { id: string }) =>
      all(
        selections.find((s) => s.getAttribute('guid') === stableGuid('highlight', h.id))!,
        'CodeRef',
      )
        .map((r) => r.getAttribute('targetGUID'))
        .sort()
    expect(codedWith(h3)).toEqual([stableGuid('claim', toll.id), stableGuid('claim', smile.id)].sort())
    expect(codedWith(h5)).toEqual([])
    const links = all(doc, 'Link').map((l) => ({ name: l.getAttribute('name'), from: l.getAttribute('originGUID'), to: l.getAttribute('targetGUID') }))
    expect(links).toHaveLength(5)
    expect(links).toContainEqual({ name: 'contradicts', from: stableGuid('highlight', h2.id), to: stableGuid('claim', toll.id) })
    expect(all(doc, 'PlainTextContent')[0]!.textContent).toBe('Credibility (Admiralty 1–6): 2\nPer the ministry;\nsecond line')

    // Valid against the published schema.
    const validation = await validateAgainstXsd(qde)
    expect(validation.report).toMatch(/validates/)
    expect(validation.ok).toBe(true)

    // Exporting again gives the same GUIDs: a receiving tool sees the same records.
    const again = unzipQdpx((await service.exportQdpx({})).contentBase64)
    const guids = (d: Document) => [...new XMLSerializer().serializeToString(d).matchAll(/ guid="([^"]+)"/g)].map((m) => m[1])
    expect(guids(again.doc)).toEqual(guids(doc))
  })

  it('is valid with no claims and no highlights, and the schema check does reject a malformed file', async () => {
    const { service } = await analystStore()
    const { qde } = unzipQdpx((await service.exportQdpx({})).contentBase64)
    expect((await validateAgainstXsd(qde)).ok).toBe(true)
    const broken = await validateAgainstXsd(qde.replace(/guid="[0-9a-f-]{36}"/, 'guid="h_0123456789abcdef"'))
    expect(broken).toMatchObject({ ok: false, report: expect.stringMatching(/attribute 'guid': \[facet 'pattern'\]/) })
  })
})
