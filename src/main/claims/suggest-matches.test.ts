import { describe, expect, it } from 'vitest'
import { serviceWithImports } from '../test-support/seeded-service'

describe('suggested matches on the seeds', () => {
  it('a highlight of the SOHR death toll surfaces the toll sentences of the other articles', async () => {
    const { service } = await serviceWithImports()
    const mntv = (await service.listArticles({})).articles.find((a) => a.outlet === 'MNTV')!
    const { text } = await service.getArticle({ id: mntv.id })
    const start = text.indexOf('more than 1,400 deaths')
    const highlight = await service.createHighlight({ articleId: mntv.id, start, end: start + 'more than 1,400 deaths'.length })

    const suggestions = await service.suggestMatches({ highlightId: highlight.id })
    const texts = suggestions.map((s) => s.text)
    expect(texts.some((t) => t.includes('killed over 1400 people'))).toBe(true) // "Suweida", "1400"
    expect(texts.some((t) => t.includes('hundreds of casualties'))).toBe(true) // the conflicting figure
    expect(suggestions.every((s) => s.articleId !== mntv.id)).toBe(true)
    for (const s of suggestions) expect((await service.getArticle({ id: s.articleId })).text.slice(s.start, s.end)).toBe(s.text)
    expect(suggestions.map((s) => s.score)).toEqual([...suggestions.map((s) => s.score)].sort((a, b) => b - a))
  })
})
