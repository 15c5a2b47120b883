import { describe, expect, it } from 'vitest'
import { coverage, datelineLength, matchTerms, passageTerms, passageTokens, splitSentences, transliterationVariants } from './passage-similarity'

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

describe('why a passage matches', () => {
  it('tells transliteration variants from other words one letter apart', () => {
    for (const [a, b] of [
      ['sweida', 'suweida'],
      ['sharaa', 'shara'],
      ['ahmad', 'ahmed'],
      ['hassan', 'hasan'],
    ] as const) {
      expect(transliterationVariants(a, b), `${a} ~ ${b}`).toBe(true)
      expect(transliterationVariants(b, a), `${b} ~ ${a}`).toBe(true)
    }
    for (const [a, b] of [
      ['right', 'fight'],
      ['ahmed', 'aimed'],
      ['damascus', 'moscow'],
      ['syrian', 'syria'],
    ] as const) {
      expect(transliterationVariants(a, b), `${a} ~ ${b}`).toBe(false)
    }
  })

  it('names how each word was found', () => {
    const { terms, coverage: covered } = matchTerms(passageTerms('more than 1,400 deaths in Sweida'), passageTerms('hundreds killed in Suweida'))
    expect(terms).toEqual([
      { kind: 'figure', highlight: '1,400', match: 'hundreds' },
      { kind: 'concept', highlight: 'deaths', match: 'killed' },
      { kind: 'spelling', highlight: 'Sweida', match: 'Suweida' },
    ])
    expect(covered).toBeGreaterThan(0.5)
    expect(covered).toBeLessThan(1) // "1,400" itself is not in the candidate
  })

  it('reads a day of a month as a date, not a count', () => {
    expect(coverage(passageTokens('met on July 12'), passageTokens('met on 12 July'))).toBe(1)
    expect(passageTokens('on July 12')).not.toContain('#quantity')
    expect(passageTokens('12 people')).toContain('#quantity')
  })

  it('finds a wire dateline, and nothing in a plain sentence', () => {
    expect('BAKU, Azerbaijan (MNTV) — Senior officials met'.slice(datelineLength('BAKU, Azerbaijan (MNTV) — Senior officials met'))).toBe('Senior officials met')
    expect(datelineLength('DAMASCUS (Reuters) - Officials said')).toBe('DAMASCUS (Reuters) - '.length)
    expect(datelineLength('A Syrian-Israeli ministerial meeting is set')).toBe(0)
    expect(datelineLength('US - Israel talks resumed')).toBe(0)
  })
})
