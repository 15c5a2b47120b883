import { describe, expect, it } from 'vitest'
import { extractArticle } from './extract-article'

const extractMd = (text: string) => extractArticle('article.md', new TextEncoder().encode(text))

describe('extractArticle on Markdown', () => {
  it('takes YAML front matter as metadata and out of the text, keeping the Markdown body as written', async () => {
    const result = await extractMd(
      [
        '---',
        'title: "Talks in Baku: what we know"',
        'date: 2025-07-30T09:15:00+04:00',
        'source: The Paper',
        'url: https://example.org/talks',
        'authors: [Jane Doe, John Roe]',
        'tags: [syria, israel]',
        '---',
        '',
        '# Talks in Baku',
        '',
        'A **bold** claim, with a [link](https://example.org).',
        '',
      ].join('\r\n'),
    )
    expect(result).toEqual({
      ok: true,
      article: {
        text: '# Talks in Baku\n\nA **bold** claim, with a [link](https://example.org).\n',
        encoding: 'utf-8',
        metadata: {
          title: 'Talks in Baku: what we know',
          date: '2025-07-30',
          outlet: 'The Paper',
          url: 'https://example.org/talks',
          author: 'Jane Doe, John Roe',
        },
        warnings: [],
      },
    })
  })

  it('reads other spellings of the fields and dates', async () => {
    const result = await extractMd('---\nHeadline: Quake\nPublished: July 30, 2025\nPublisher: Wire\nByline:\n  name: Ann\nLink: https://x.test/q\n...\nBody')
    expect(result).toMatchObject({
      ok: true,
      article: { text: 'Body', metadata: { title: 'Quake', date: '2025-07-30', outlet: 'Wire', author: 'Ann', url: 'https://x.test/q' } },
    })
  })

  it('leaves out a date it cannot read, and says so', async () => {
    const result = await extractMd('---\ntitle: T\ndate: 03/04/2025\n---\nBody')
    expect(result).toMatchObject({ ok: true, article: { text: 'Body', metadata: { title: 'T' } } })
    expect(result.ok && result.article.metadata.date).toBeUndefined()
    expect(result.ok && result.article.warnings).toEqual(['the front matter date "03/04/2025" is not a date this importer reads (use YYYY-MM-DD); it was left out'])
  })

  it('keeps broken front matter in the text with a warning', async () => {
    const text = '---\ntitle: [unclosed\ndate: 2025-07-30\n---\nBody'
    const result = await extractMd(text)
    expect(result).toMatchObject({ ok: true, article: { text, metadata: {} } })
    expect(result.ok && result.article.warnings[0]).toMatch(/^the front matter is not valid YAML/)
  })

  it('treats a rule above prose, or an opening fence with no closing one, as text', async () => {
    for (const text of ['---\nJust a paragraph under a rule.\n---\nMore text.', '---\ntitle: never closed\nBody']) {
      expect(await extractMd(text)).toEqual({ ok: true, article: { text, encoding: 'utf-8', metadata: {}, warnings: [] } })
    }
  })

  it('does not construct objects or run code from YAML tags', async () => {
    const result = await extractMd('---\ntitle: !!js/function "function () { globalThis.ran = true }"\n---\nBody')
    expect((globalThis as { ran?: boolean }).ran).toBeUndefined()
    expect(result).toMatchObject({ ok: true, article: { text: 'Body' } })
  })

  it('refuses a file that is only front matter', async () => {
    expect(await extractMd('---\ntitle: Nothing else\n---\n')).toEqual({ ok: false, reason: 'file contains no text' })
  })
})
