import { describe, expect, it } from 'vitest'
import { suggestionReasonText } from '../../shared/claims/suggestion-reasons'
import { serviceWithImports } from '../test-support/seeded-service'

describe('suggested matches on the seeds', () => {
  it('a highlight of the SOHR death toll surfaces the toll sentences of the other articles, and says why', async () => {
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

    // Why: the same number however grouped, the spelling, the word for the same fact.
    const afp = suggestions.find((s) => s.text.includes('killed over 1400 people'))!
    expect(afp.why.terms).toEqual(
      expect.arrayContaining([
        { kind: 'number', highlight: '1,400', match: '1400' },
        { kind: 'concept', highlight: 'deaths', match: 'killed' },
        { kind: 'spelling', highlight: 'Sweida', match: 'Suweida' },
      ]),
    )
    expect(suggestionReasonText(afp.why)).toContain('number 1,400 ~ 1400')
    const casualties = suggestions.find((s) => s.text.includes('hundreds of casualties'))!
    expect(casualties.why.terms).toContainEqual({ kind: 'figure', highlight: '1,400', match: 'hundreds' })
  })

  it("ranks 000's past Baku meeting above the future meeting, the headline and the dateline for a highlight of the July 12 meeting", async () => {
    const { service, highlight } = await serviceWithImports()
    const h = await highlight('Syrian and Israeli officials had met in Baku on July 12') // 003
    const suggestions = await service.suggestMatches({ highlightId: h.id, limit: 20 })
    const rank = (fragment: string) => {
      const at = suggestions.findIndex((s) => s.text.includes(fragment))
      expect(at, fragment).toBeGreaterThanOrEqual(0)
      return at
    }
    const faceToFace = rank('conducted a face-to-face meeting in Baku last month')
    expect(faceToFace).toBeLessThan(rank('Israeli and Syrian officials will meet in the Azerbaijani capital of Baku on Thursday'))
    expect(faceToFace).toBeLessThan(rank('Syria and Israel reportedly resume secret talks in Baku'))
    expect(faceToFace).toBeLessThan(rank('BAKU, Azerbaijan (MNTV)'))

    const pastMeeting = suggestions[faceToFace]!
    expect(pastMeeting.why.tense).toEqual({ highlight: 'past', match: 'past' })
    expect(pastMeeting.why.terms).toContainEqual({ kind: 'concept', highlight: 'met', match: 'meeting' })
    const future = suggestions[rank('will meet in the Azerbaijani capital')]!
    expect(future.why.tense).toEqual({ highlight: 'past', match: 'future' })
    expect(suggestionReasonText(future.why)).toContain('ranked lower')
    // A dateline names where the report was filed: its "BAKU" is not a shared word.
    const dateline = suggestions[rank('BAKU, Azerbaijan (MNTV)')]!
    expect(dateline.why.dateline).toBe('BAKU, Azerbaijan (MNTV) —')
    expect(dateline.why.terms.map((t) => t.match)).not.toContain('BAKU')
  })

  it('the same resolved day outranks tense: 004\'s "later on Saturday" (2025-07-12) finds 003\'s "had met in Baku on July 12" first', async () => {
    const { service, highlight } = await serviceWithImports()
    await service.dateIndex.update()
    const h = await highlight('are expected to meet in Baku later on Saturday') // 004, dated 2025-07-12
    const [first] = await service.suggestMatches({ highlightId: h.id })
    expect(first!.text).toBe('Before the violence in Suweida, Syrian and Israeli officials had met in Baku on July 12.')
    expect(first!.why.dates).toEqual({ highlight: ['2025-07-12'], match: ['2025-07-12'], agree: true })
    expect(suggestionReasonText(first!.why)).toContain('same day 2025-07-12')
  })
})
