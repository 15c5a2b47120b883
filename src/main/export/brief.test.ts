import { parseHTML } from 'linkedom'
import { describe, expect, it } from 'vitest'
import { serviceWithImports } from '../test-support/seeded-service'
import { escapeMarkdown } from './brief-markdown'

/** The seeds with three claims: one single-source with a graded source, one with the analyst's verdict, one with no evidence. */
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
    expect(html).toContain('MNTV · reliability B')
    expect(html).toContain(`Supports · credibility 2 — ${mntv.title}`)

    // Markdown: a section per status, in the board's lane order, each claim a heading under it.
    const headings = markdown.split('\n').filter((line) => line.startsWith('#'))
    expect(headings).toEqual([
      '# Claims brief',
      '## Single source',
      '### \\# \\<img src=x onerror=alert(1)\\> \\[click\\](http://x) \\*over\\* 1,400 died',
      '#### MNTV · reliability B',
      '## Corroborated',
      '### Talks were held in Baku',
      '#### MNTV · reliability B',
      '## No evidence',
      '### No one has reported this yet',
    ])
    expect(markdown).toContain(`- **Supports** · credibility 2 — ${escapeMarkdown(mntv.title)}`)
    expect(markdown).toContain('    > over 1,400 dead\n\n    \\- per local sources')
    expect(markdown).toContain("Analyst's verdict: Confirmed by phone (from the evidence alone: Single source)")
    expect(markdown).toContain('| Talks were held in Baku | Corroborated (analyst) | 1 | 1 |')
    expect(markdown).not.toMatch(/(?<!\\)<img/)
  })

  it('escapes Markdown so analyst text is never markup', () => {
    expect(escapeMarkdown('1. not a list')).toBe('1\\. not a list')
    expect(escapeMarkdown('+ a | b & c_d')).toBe('\\+ a \\| b \\& c\\_d')
    expect(escapeMarkdown('plain 1,400 words.')).toBe('plain 1,400 words.')
  })
})
