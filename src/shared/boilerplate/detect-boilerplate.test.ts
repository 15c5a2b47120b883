import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { detectBoilerplate, type BoilerplateKind, type BoilerplateRange } from './detect-boilerplate'

/** The shared seed articles: real scraped reports of one story, kept beside the checkout. */
const SEEDS_DIR = resolve(__dirname, '../../../../shared/seeds')

function seed(number: string): string {
  const name = readdirSync(SEEDS_DIR).find((n) => n.startsWith(`${number}_`) && n.endsWith('.txt'))
  if (!name) throw new Error(`seed ${number} not found in ${SEEDS_DIR}`)
  return readFileSync(join(SEEDS_DIR, name), 'utf8')
}

/** Each non-blank line of the text with the kind of the range covering it, if any. */
function markedLines(text: string): { line: string; kinds: BoilerplateKind[] }[] {
  const ranges = detectBoilerplate(text)
  const result: { line: string; kinds: BoilerplateKind[] }[] = []
  let start = 0
  for (const line of text.split('\n')) {
    const end = start + line.length
    if (line.trim() !== '') result.push({ line, kinds: ranges.filter((r) => r.start < end && r.end > start).map((r) => r.kind) })
    start = end + 1
  }
  return result
}

function kindsOf(text: string, line: string): BoilerplateKind[] {
  const found = markedLines(text).filter((l) => l.line === line)
  if (found.length === 0) throw new Error(`line not in text: ${line}`)
  return found.flatMap((l) => l.kinds)
}

const ARTICLE = [
  'Syrian and Israeli officials will meet in Baku on Thursday to discuss security in southern Syria, two diplomats said.',
  'The talks between Syrian Foreign Minister Asaad al-Shaibani and Israeli minister Ron Dermer follow a meeting in Paris.',
  'Israel struck Syrian army positions near Sweida last week, and the diplomats said the Baku meeting aims to stop the strikes.',
  'Azerbaijan, which has close ties to Israel and Turkey, has hosted Syrian and Israeli officials in Baku before, the diplomats said.',
]

describe('detectBoilerplate on the seed articles', () => {
  it('marks the tail of seed 002: the teasers for other stories, their repeats and the comment prompt', () => {
    const lines = markedLines(seed('002'))
    const articleEnd = lines.findIndex((l) => l.line.startsWith('These talks highlight'))
    expect(articleEnd).toBeGreaterThan(0)
    for (const { line, kinds } of lines.slice(0, articleEnd + 1)) expect({ line, kinds }).toEqual({ line, kinds: [] })
    const tail = lines.slice(articleEnd + 1)
    expect(tail.length).toBeGreaterThan(15)
    for (const { line, kinds } of tail) expect({ line, kinds: kinds.length }).toEqual({ line, kinds: 1 })
    expect(tail.filter((l) => l.line.endsWith('...')).map((l) => l.kinds[0])).toEqual(['teaser', 'teaser', 'teaser', 'teaser'])
    expect(kindsOf(seed('002'), 'What is your opinion on this topic?')).toEqual(['comment-prompt'])
    expect(kindsOf(seed('002'), 'Leave the first comment')).toEqual(['comment-prompt'])
    // A headline shown twice: the first time as a teaser, the second as a repeat.
    const natoLines = tail.filter((l) => l.line.startsWith('NATO navies'))
    expect(natoLines.map((l) => l.kinds[0])).toEqual(['teaser', 'duplicate-line'])
  })

  it('marks the date line glued to the top of seeds 003 and 004 as metadata, and 003’s photo caption as a caption', () => {
    const ranges003 = detectBoilerplate(seed('003'))
    const firstLine003 = seed('003').split('\n')[0] as string
    expect(ranges003).toEqual([
      { start: 0, end: ' date 2025-07-30 '.length, kind: 'metadata' },
      { start: ' date 2025-07-30 '.length, end: firstLine003.length, kind: 'caption' },
    ])
    // In 004 the date is glued to the article's first paragraph, which stays unmarked.
    expect(detectBoilerplate(seed('004'))).toEqual([{ start: 0, end: ' date 2025-07-12 '.length, kind: 'metadata' }])
  })

  it('marks nothing in the clean seeds 000 and 001', () => {
    expect(detectBoilerplate(seed('000'))).toEqual([])
    expect(detectBoilerplate(seed('001'))).toEqual([])
  })

  it('leaves every article line about Baku or Sweida unmarked, in every seed', () => {
    for (const number of ['000', '001', '002', '003', '004']) {
      const text = seed(number)
      const ranges = detectBoilerplate(text)
      let start = 0
      for (const line of text.split('\n')) {
        const end = start + line.length
        if (/Baku|Sweida|Suweida/.test(line)) {
          // Only a metadata prefix may sit on such a line (seed 004's first line).
          const over = ranges.filter((r) => r.start < end && r.end > start)
          for (const r of over) expect({ number, line, kind: r.kind, end: r.end }).toEqual({ number, line, kind: 'metadata', end: start + 17 })
        }
        start = end + 1
      }
    }
  })
})

describe('detectBoilerplate on the sample corpus', () => {
  const SAMPLE_CORPUS_DIR = resolve(__dirname, '../../../resources/sample-corpus')

  it('marks only the page furniture around a short syndicated copy, never its last paragraphs', () => {
    const text = readFileSync(join(SAMPLE_CORPUS_DIR, 'Valley Herald', 'bridge-collapse-vessen.txt'), 'utf8')
    const marked = markedLines(text).filter((l) => l.kinds.length > 0)
    expect(marked.map((l) => [l.line.slice(0, 30), l.kinds])).toEqual([
      [' date 2031-05-18 Rescuers sear', ['metadata', 'caption']],
      ['More from the Valley Herald', ['teaser']],
      ['Subscribe to our morning newsl', ['newsletter']],
      ['What do you think? Leave a com', ['comment-prompt']],
    ])
  })
})

describe('detectBoilerplate on each kind', () => {
  it('metadata: a date line, a byline and a published line at the top only', () => {
    const text = ['By Jane Doe and John Roe, Reuters', 'Published: 30 July 2025 10:12 GMT', ...ARTICLE, 'By Jane Doe'].join('\n')
    expect(kindsOf(text, 'By Jane Doe and John Roe, Reuters')).toEqual(['metadata'])
    expect(kindsOf(text, 'Published: 30 July 2025 10:12 GMT')).toEqual(['metadata'])
    expect(kindsOf(text, 'By Jane Doe')).toEqual([]) // at the end it is not where metadata sits
    expect(detectBoilerplate(' date 2025-07-30\nHeadline here\nBody text.')).toEqual([{ start: 0, end: 16, kind: 'metadata' }])
    expect(detectBoilerplate('By Thursday, the talks had collapsed.\nMore text here.')).toEqual([])
    expect(kindsOf('Updated: Tuesday 30 July 2025\nHeadline\nBody.', 'Updated: Tuesday 30 July 2025')).toEqual(['metadata'])
    expect(kindsOf('Posted on Tue 29 Jul 2025\nHeadline\nBody.', 'Posted on Tue 29 Jul 2025')).toEqual(['metadata'])
    expect(detectBoilerplate('Updated figures show 40 people were hurt\nBody.')).toEqual([])
  })

  it('caption: a short line ending in a photo credit, anywhere', () => {
    for (const caption of [
      'Officials arrive for the talks in Baku on Thursday [Getty]',
      'Shaibani and Dermer met in Paris last week (Photo: AFP)',
      'The presidential palace in Damascus. Photograph: Ann Lee/Reuters',
    ]) {
      const text = [ARTICLE[0], caption, ...ARTICLE.slice(1)].join('\n')
      expect(kindsOf(text, caption)).toEqual(['caption'])
    }
    // An editor's insertion at the end of a quote is not a credit.
    expect(detectBoilerplate([ARTICLE[0], '“We will meet,” said [the minister]', ...ARTICLE.slice(1)].join('\n'))).toEqual([])
  })

  it('duplicate-line: the second and later copies of a line, not the first', () => {
    const text = [...ARTICLE, ARTICLE[1], ARTICLE[1]].join('\n')
    expect(markedLines(text).map((l) => l.kinds)).toEqual([[], [], [], [], ['duplicate-line'], ['duplicate-line']])
    expect(detectBoilerplate([...ARTICLE, 'Background', ...ARTICLE.slice(0, 1).map((s) => `${s} Later.`), 'Background'].join('\n'))).toEqual([])
  })

  it('duplicate-line: a copy that differs only in its whitespace is a copy; one that differs between the same ends is not', () => {
    const line = ARTICLE[1]!
    const respaced = `  ${line.replace(' ', '  \t').replace(/ (\S+)$/, '\u00a0$1')} `
    expect(markedLines([...ARTICLE, respaced].join('\n')).map((l) => l.kinds)).toEqual([[], [], [], [], ['duplicate-line']])
    const middle = Math.floor(line.length / 2)
    const edited = `${line.slice(0, middle)}x${line.slice(middle)}`
    expect(detectBoilerplate([...ARTICLE, edited].join('\n'))).toEqual([])
  })

  it('teaser: a line cut off by an ellipsis that is about another story, or cut from another line', () => {
    const unrelated = 'Wildfires spread across the Portuguese hillside villages as firefighters battle strong w...'
    expect(kindsOf([...ARTICLE, unrelated].join('\n'), unrelated)).toEqual(['teaser'])
    const cutFromBelow = `${ARTICLE[2]!.slice(0, 60)}...`
    expect(kindsOf([ARTICLE[0], cutFromBelow, ...ARTICLE.slice(1)].join('\n'), cutFromBelow)).toEqual(['teaser'])
    // A quote trailing off, on topic, stays.
    const trailing = '“The Baku meeting between Syrian and Israeli officials may bring a deal, or it may not…'
    expect(kindsOf([...ARTICLE.slice(0, 2), trailing, ...ARTICLE.slice(2)].join('\n'), trailing)).toEqual([])
  })

  it('teaser: the block of other stories after a "Related stories" heading', () => {
    const block = [
      'Related stories',
      'Wildfires spread across Portuguese hillside villages as firefighters battle strong winds',
      'Central bank raises interest rates for the third time this year to curb inflation',
      'Champions League final moved to a new stadium after safety concerns',
    ]
    const lines = markedLines([...ARTICLE, ...block].join('\n'))
    expect(lines.map((l) => l.kinds)).toEqual([[], [], [], [], ['teaser'], ['teaser'], ['teaser'], ['teaser']])
    expect(detectBoilerplate([...ARTICLE, ...block].join('\n'))).toHaveLength(1) // one block, one range
  })

  it('teaser: a run of bare headlines at the end, without other evidence, only from three on', () => {
    const headlines = [
      'Wildfires spread across Portuguese hillside villages',
      'Central bank raises interest rates again to curb inflation',
      'Champions League final moved after stadium safety concerns',
    ]
    expect(markedLines([...ARTICLE, ...headlines].join('\n')).map((l) => l.kinds.length)).toEqual([0, 0, 0, 0, 1, 1, 1])
    expect(detectBoilerplate([...ARTICLE, ...headlines.slice(1)].join('\n'))).toEqual([])
  })

  it('does not take an article’s last paragraphs for teasers when they turn to a new subject', () => {
    const turn = [
      'Meanwhile, Russian foreign ministry spokeswoman Maria Zakharova said Moscow would host Lebanese envoys next month.',
      'Oil prices rose on Thursday as traders weighed supply disruptions in the Red Sea shipping lanes.',
    ]
    expect(detectBoilerplate([...ARTICLE, ...turn].join('\n'))).toEqual([])
  })

  it('comment-prompt and newsletter lines', () => {
    const prompts = ['Join the conversation', '12 comments', 'What is your view on this?', 'Be the first to comment']
    const pitches = [
      'Subscribe to our newsletter for the latest updates',
      'Sign up for our daily briefing',
      'Get the best of our journalism delivered to your inbox every morning',
    ]
    const text = [...ARTICLE.slice(0, 2), pitches[0], ...ARTICLE.slice(2), ...pitches.slice(1), ...prompts].join('\n')
    for (const prompt of prompts) expect(kindsOf(text, prompt)).toEqual(['comment-prompt'])
    for (const pitch of pitches) expect(kindsOf(text, pitch)).toEqual(['newsletter'])
    // Reported speech about a newsletter is article text.
    const reported =
      'The ministry said it would ask citizens to sign up for a new emergency alert service, which it described as a vital tool for civil defence in the south of the country.'
    expect(kindsOf([...ARTICLE, reported].join('\n'), reported)).toEqual([])
  })
})

describe('detectBoilerplate ranges', () => {
  const seedLines = ['000', '001', '002', '003', '004'].flatMap((n) => seed(n).split('\n'))
  const line = fc.oneof(
    fc.constantFrom(...seedLines),
    fc.constantFrom(
      '',
      '   ',
      'Related stories',
      'Leave the first comment',
      'Sign up for our newsletter',
      ' date 2025-07-30 Caption here [Getty]',
      'A cut-off teaser about something els...',
    ),
    fc.string({ maxLength: 60 }),
  )
  const text = fc.array(line, { maxLength: 40 }).map((lines) => lines.join('\n'))

  function isLineStart(t: string, offset: number) {
    return offset === 0 || t[offset - 1] === '\n'
  }
  function isLineEnd(t: string, offset: number) {
    return offset === t.length || t[offset] === '\n'
  }

  it('are sorted, non-overlapping, non-empty, inside the text and aligned to lines', () => {
    fc.assert(
      fc.property(text, (t) => {
        const ranges = detectBoilerplate(t)
        ranges.forEach((range: BoilerplateRange, i) => {
          expect(range.start).toBeGreaterThanOrEqual(0)
          expect(range.end).toBeLessThanOrEqual(t.length)
          expect(range.end).toBeGreaterThan(range.start)
          const previous = ranges[i - 1]
          if (previous) expect(range.start).toBeGreaterThanOrEqual(previous.end)
          // Whole lines, but for a metadata prefix and the caption that may follow it on its line.
          const afterPrefix = previous?.kind === 'metadata' && previous.end === range.start
          expect(isLineStart(t, range.start) || afterPrefix).toBe(true)
          expect(isLineEnd(t, range.end) || range.kind === 'metadata').toBe(true)
        })
      }),
      { numRuns: 300 },
    )
  })
})
