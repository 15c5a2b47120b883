import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findCredits } from './credits'
import { analyseArticleCredits } from './article-credits'
import { splitParagraphs } from './sentences'
import { sourceKey } from './source-names'

/** The credits of a one-sentence text, as kind:label. */
const creditsIn = (sentence: string) => findCredits(sentence, { start: 0, end: sentence.length }).map((c) => `${c.kind}:${c.label}`)

describe('findCredits: wire agencies in every usual form', () => {
  it.each([
    ['LONDON (Reuters) - Oil prices rose on Monday as supply worries grew.', 'wire:Reuters'],
    ['GENEVA (AFP) — Talks resumed on Tuesday after a week-long pause.', 'wire:AFP'],
    ['Reporting by Reuters; Editing by Jane Doe', 'wire:Reuters'],
    ['Additional reporting by Agence France-Presse.', 'wire:AFP'],
    ['The minister will travel on Thursday, a diplomat told AFP.', 'wire:AFP'],
    ['The minister will travel on Thursday, according to AFP.', 'wire:AFP'],
    ['Reuters reported that the port had reopened.', 'wire:Reuters'],
    ['The Associated Press reported that the port had reopened.', 'wire:AP'],
    ['The port had reopened, Xinhua reported.', 'wire:Xinhua'],
    ['The vote was delayed, dpa said.', 'wire:dpa'],
    ['The vote was delayed, as reported by Anadolu Agency.', 'wire:Anadolu'],
    ['Three people were hurt, Kyodo News reported.', 'wire:Kyodo'],
    ['The talks ended without a deal, TASS said.', 'wire:TASS'],
    ['The strike continued, EFE reported, citing union officials.', 'wire:EFE'],
  ])('%s', (sentence, expected) => {
    expect(creditsIn(sentence)).toContain(expected)
  })

  it('keeps an agency named inside a longer name out of it ("Reuters Institute" is not Reuters)', () => {
    expect(creditsIn('The Reuters Institute said trust in news had fallen.')).not.toContain('wire:Reuters')
  })
})

describe('findCredits: outlets, named sources and anonymous credits', () => {
  it('credits another outlet', () => {
    expect(creditsIn('The meeting is set for Thursday, according to The Times of Israel.')).toContain('outlet:The Times of Israel')
    expect(creditsIn('Axios first reported that the envoy had arranged the meeting.')).toContain('outlet:Axios')
    expect(creditsIn('A diplomat said so while talking to aze.media on Monday.')).toContain('outlet:aze.media')
  })

  it('credits named primary sources, with one identity however written', () => {
    const observatory = findCredits('Clashes killed over 1400 people, according to the Syrian Observatory for Human Rights monitor.', { start: 0, end: 95 })
    expect(observatory.map((c) => [c.kind, c.label])).toContainEqual(['primary-source', 'SOHR'])
    const based = creditsIn('More than 1,400 died, as reported by the UK-based Syrian Observatory for Human Rights, with clashes spreading.')
    expect(based).toContain('primary-source:SOHR')
    expect(sourceKey('the UK-based Syrian Observatory for Human Rights')).toBe(sourceKey('SOHR'))
    expect(creditsIn('Syrian state television said the convoy had arrived.')).toContain('primary-source:Syrian state television')
    expect(creditsIn('The Paris meeting focused on security, according to Syrian state television.')).toContain('primary-source:Syrian state television')
    expect(creditsIn('The Harbour Workers Union said the strike would go on.')).toContain('primary-source:Harbour Workers Union')
    expect(creditsIn('The talks would cover bases, Russian Foreign Ministry spokesperson Maria Zakharova said.')).toContain(
      'primary-source:Russian Foreign Ministry spokesperson Maria Zakharova',
    )
  })

  it('records anonymous credits as anonymous, never as a name', () => {
    for (const sentence of [
      'Sources revealed that the envoys had met in Baku on July 12.',
      'According to diplomatic sources, the two ministers met on 12 July.',
      'The fighting reportedly resulted in hundreds of casualties.',
      'A third source in Jordan said the meeting was arranged shortly before a deadline.',
      'It will take place after the visit, added the diplomat, who requested anonymity.',
    ]) {
      const credits = creditsIn(sentence)
      expect(credits.length, sentence).toBeGreaterThan(0)
      expect(
        credits.every((c) => c === 'anonymous:anonymous'),
        `${sentence}: ${credits.join(', ')}`,
      ).toBe(true)
    }
  })

  it('finds no credit in a sentence that credits nobody', () => {
    expect(creditsIn('Before the violence in Suweida, Syrian and Israeli officials had met in Baku on July 12.')).toEqual([])
    expect(creditsIn('Israel and Syria have technically been at war since 1948.')).toEqual([])
  })

  it('gives offsets that hold the name, inside the sentence, for any text around it (property)', () => {
    const forms = [
      'a diplomat told AFP',
      'according to the Syrian Observatory for Human Rights',
      'Reuters reported',
      '(Reuters) - it rose',
      'Syrian state television said',
    ]
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.constantFrom(...forms), fc.string({ maxLength: 40 }), (before, form, after) => {
        const text = `${before} ${form} ${after}`
        const sentence = { start: 0, end: text.length }
        for (const credit of findCredits(text, sentence)) {
          expect(credit.start).toBeGreaterThanOrEqual(0)
          expect(credit.end).toBeLessThanOrEqual(text.length)
          expect(text.slice(credit.start, credit.end)).toBe(credit.name)
        }
      }),
    )
  })

  it('never throws and keeps sentences inside their paragraph, in order, for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        let last = 0
        for (const p of splitParagraphs(text)) {
          for (const s of p.sentences) {
            expect(s.start).toBeGreaterThanOrEqual(Math.max(last, p.start))
            expect(s.end).toBeLessThanOrEqual(p.end)
            expect(s.end).toBeGreaterThan(s.start)
            last = s.end
          }
        }
        analyseArticleCredits(text, [])
      }),
    )
  })
})

describe('analyseArticleCredits: an article own credits', () => {
  it('takes the dateline, the lede and the sign-off as the article own, and nothing in between', () => {
    const text = [
      'Port reopens after strike',
      'LONDON (Reuters) - The port reopened on Monday after a week-long strike, the operator said.',
      'Dockers returned to work, the Harbour Workers Union said.',
      'Ships queued outside the harbour for most of the day.',
      'Reporting by Jane Doe; Editing by John Roe',
    ].join('\n')
    const own = analyseArticleCredits(text, []).filter((c) => c.own)
    expect(own.map((c) => [c.own, c.label])).toEqual([['dateline', 'Reuters']])
    const union = analyseArticleCredits(text, []).find((c) => c.label === 'Harbour Workers Union')
    expect(union).toMatchObject({ own: null, kind: 'primary-source' })
    expect(text.slice(union!.sentence.start, union!.sentence.end)).toBe('Dockers returned to work, the Harbour Workers Union said.')
    const signed = analyseArticleCredits(`${text.split('\n').slice(0, 4).join('\n')}\nAdditional reporting by AFP`, []).filter((c) => c.own === 'sign-off')
    expect(signed.map((c) => c.label)).toEqual(['AFP'])
  })
})
