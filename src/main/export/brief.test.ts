import { parseHTML } from 'linkedom'
import { describe, expect, it } from 'vitest'
import { serviceWithImports } from '../test-support/seeded-service'
import { buildClaimBoard } from '../../shared/claims/claim-board'
import type { Article, Claim, EvidenceLink, Highlight } from '../../shared/model'
import { briefHtml } from './brief-html'
import { briefMarkdown, escapeMarkdown } from './brief-markdown'
import { briefOf } from './brief-model'

const AT = '2031-05-17T00:00:00.000Z'

/** The seeds with three claims (both passages of 001 trace to AFP, its lede's credit): one single-source with a graded source, one with the analyst's verdict, one with no evidence. */
async function briefStore() {
  const { service } = await serviceWithImports()
  const mntv = (await service.listArticles({})).articles.find((a) => a.outlet === 'MNTV')!
  const { text } = await service.getArticle({ id: mntv.id })
  const at = (phrase: string) => service.createHighlight({ articleId: mntv.id, start: text.indexOf(phrase), end: text.indexOf(phrase) + phrase.length })
  const hostile = await service.createClaim({ text: '# <img src=x onerror=alert(1)> [click](http://x) *over* 1,400 died' })
  const toll = await at('over 1,400 dead')
  const link = await service.linkEvidence({ claimId: hostile.id, highlightId: toll.id, stance: 'supports' })
  await service.updateEvidence({ linkId: link.id, credibility: 2, note: '- per local sources' })
  const board = service.claimCards()
  await service.gradeSource({ sourceKey: board[0]!.sources[0]!.sourceKey, reliability: 'B' })
  const talks = await service.createClaim({ text: 'Talks were held in Baku' })
  await service.linkEvidence({ claimId: talks.id, highlightId: (await at('resume secret talks in Baku')).id, stance: 'supports' })
  await service.updateClaim({ id: talks.id, statusOverride: { status: 'corroborated', reason: 'Confirmed by phone' } })
  await service.createClaim({ text: 'No one has reported this yet' })
  return { service, mntv }
}

describe('the printable brief', () => {
  it('says the same in HTML and Markdown: claims by status, evidence quotes, sources, dates, grades', async () => {
    const { service, mntv } = await briefStore()
    const html = (await service.exportBrief({})).content
    const { content: markdown, fileName } = await service.exportBrief({ format: 'markdown' })
    expect(fileName).toMatch(/\.md$/)

    const { document } = parseHTML(html)
    const claimsInHtml = Array.from(document.querySelectorAll('h2')).map((h) => h.textContent)
    expect(claimsInHtml).toEqual(['# <img src=x onerror=alert(1)> [click](http://x) *over* 1,400 died', 'Talks were held in Baku', 'No one has reported this yet'])
    expect(document.querySelectorAll('img')).toHaveLength(0)
    expect(Array.from(document.querySelectorAll('blockquote')).map((q) => q.textContent)).toEqual(['over 1,400 dead', 'resume secret talks in Baku'])
    const textOf = (selector: string) => Array.from(document.querySelectorAll(selector)).map((p) => p.textContent)
    expect(textOf('p.source')).toContain('AFP · reliability B')
    expect(textOf('p.stance')).toContain(`Supports · credibility 2 — ${[mntv.title, mntv.date].filter(Boolean).join(', ')}`)
    expect(textOf('p.status')).toContain('Single source · 1 article, 1 independent source')

    // Markdown: a section per status, in the board's lane order, each claim a heading under it.
    const headings = markdown.split('\n').filter((line) => line.startsWith('#'))
    expect(headings).toEqual([
      '# Claims brief',
      '## Single source',
      '### \\# \\<img src=x onerror=alert(1)\\> \\[click\\](http://x) \\*over\\* 1,400 died',
      '#### AFP · reliability B',
      '## Corroborated',
      '### Talks were held in Baku',
      '#### AFP · reliability B',
      '## No evidence',
      '### No one has reported this yet',
    ])
    expect(markdown).toContain(`- **Supports** · credibility 2 — ${escapeMarkdown(mntv.title)}`)
    expect(markdown).toContain('    > over 1,400 dead\n\n    \\- per local sources')
    expect(markdown).toContain("Analyst's verdict: Confirmed by phone (from the evidence alone: Single source)")
    expect(markdown).toContain('| Talks were held in Baku | Corroborated (analyst) | 1 | 1 |')
    expect(markdown).not.toMatch(/(?<!\\)<img/)
  })

  it('keeps line breaks inside quotes, isolates right-to-left text and counts in the right number', async () => {
    const article: Article = {
      id: 'a1',
      title: 'تقرير المرصد',
      outlet: 'Al Wire',
      date: '2025-07-30',
      author: null,
      url: null,
      paths: ['/x.txt'],
      wordCount: 9,
      contentHash: 'a'.repeat(64),
      fileHash: 'b'.repeat(64),
      importedAt: AT,
      nearDuplicateOf: null,
      edited: [],
      outletSource: null,
    }
    const highlight: Highlight = {
      id: 'h1',
      articleId: 'a1',
      start: 0,
      end: 10,
      exact: 'قال المرصد إن 1400 شخص قتلوا.\nوأضاف أن العدد يرتفع.',
      prefix: '',
      suffix: '',
      orphaned: false,
      note: '',
      createdAt: AT,
    }
    const claim: Claim = { id: 'c1', text: 'Over 1,400 died', tags: [], note: 'line one\nline two', statusOverride: null, createdAt: AT, updatedAt: AT }
    const link: EvidenceLink = { id: 'l1', claimId: 'c1', highlightId: 'h1', stance: 'supports', credibility: null, note: '', createdAt: AT }
    const cards = buildClaimBoard({ claims: [claim], links: [link], highlights: [highlight], sourceGrades: [], articleById: () => article })
    const brief = briefOf(cards, () => article, AT)
    const { document } = parseHTML(briefHtml(brief))
    expect(document.querySelector('p.meta')!.textContent).toBe('Generated by Triangulate on 2031-05-17 · 1 claim')
    expect(document.querySelector('p.status')!.textContent).toBe('Single source · 1 article, 1 independent source')
    const quote = document.querySelector('blockquote')!
    expect(quote.getAttribute('dir')).toBe('auto')
    expect(quote.textContent).toBe(highlight.exact)
    expect(document.querySelector('p.stance bdi')!.textContent).toBe('تقرير المرصد')
    expect(document.querySelector('p.stance')!.textContent).toBe('Supports — تقرير المرصد, 2025-07-30')
    expect(document.querySelector('h2')!.getAttribute('dir')).toBe('auto')

    const markdown = briefMarkdown(brief)
    expect(markdown).toContain('1 article, 1 independent source')
    expect(markdown).toContain('· 1 claim\n')
    expect(markdown).toContain('- **Supports** — \u2068تقرير المرصد\u2069, 2025-07-30')
    expect(markdown).toContain('    > قال المرصد إن 1400 شخص قتلوا.\n    > وأضاف أن العدد يرتفع.')
    expect(briefMarkdown({ ...brief, claimCount: 2 })).toContain('· 2 claims\n')
  })

  it('escapes Markdown so analyst text is never markup', () => {
    expect(escapeMarkdown('1. not a list')).toBe('1\\. not a list')
    expect(escapeMarkdown('+ a | b & c_d')).toBe('\\+ a \\| b \\& c\\_d')
    expect(escapeMarkdown('plain 1,400 words.')).toBe('plain 1,400 words.')
  })
})
