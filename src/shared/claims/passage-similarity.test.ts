import { describe, expect, it } from 'vitest'
import { coverage, passageTokens, splitSentences } from './passage-similarity'

describe('passage similarity', () => {
  it('treats number formats, spelling variants and casualty words as the same', () => {
    const a = passageTokens('more than 1,400 deaths in Sweida')
    expect(coverage(a, passageTokens('killed over 1400 people in Suweida'))).toBe(1)
    expect(coverage(passageTokens('President al-Sharaa'), passageTokens('President Al Shara'))).toBe(1)
    expect(coverage(a, passageTokens('The weather in Baku was mild'))).toBe(0)
  })

  it('weighs figures above words', () => {
    const q = passageTokens('1,400 deaths')
    expect(coverage(q, passageTokens('1400 people'))).toBeGreaterThan(coverage(q, passageTokens('hundreds of deaths')))
  })

  it('splits sentences and lines with their offsets', () => {
    const text = 'First one. Second “quoted” one!\nA line without a stop\nDr. Smith said 3.5 million.'
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text)
    expect(splitSentences(text).map((s) => s.text)).toEqual(['First one.', 'Second “quoted” one!', 'A line without a stop', 'Dr. Smith said 3.5 million.'])
  })
})
