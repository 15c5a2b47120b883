import { describe, expect, it } from 'vitest'
import type { Article } from '../../shared/model'
import { listArticlePage } from './article-list'

function article(id: string, title: string, outlet: string | null, date: string | null, nearDuplicateOf: string | null = null): Article {
  return {
    id,
    title,
    outlet,
    date,
    author: null,
    url: null,
    paths: [`/corpus/${id}.txt`],
    wordCount: 100,
    contentHash: id,
    fileHash: id,
    importedAt: '2025-01-01T00:00:00Z',
    nearDuplicateOf,
    edited: [],
    outletSource: null,
  }
}

const articles = [
  article('a', 'Talks in Baku', 'MNTV', '2025-07-30'),
  article('b', 'Clashes in Suwayda', 'Enab Baladi', '2025-07-20'),
  article('c', 'Undated wire copy', 'Harbour Wire', null, 'a'),
  article('d', 'Ålesund report', null, '2025-07-30'),
]
const source = { articles, highlightCount: (id: string) => (id === 'a' ? 2 : 0), titleOf: (id: string) => articles.find((x) => x.id === id)?.title ?? null }

describe('listArticlePage', () => {
  it('lists newest first by default, undated last, with counts and the near-duplicate’s title', () => {
    const page = listArticlePage(source, {})
    expect(page.articles.map((a) => a.id)).toEqual(['d', 'a', 'b', 'c'])
    expect(page).toMatchObject({ offset: 0, total: 4, corpusSize: 4 })
    expect(page.articles.find((a) => a.id === 'a')?.highlightCount).toBe(2)
    expect(page.articles.find((a) => a.id === 'c')?.nearDuplicateTitle).toBe('Talks in Baku')
  })

  it('pages through the sorted list without repeating or skipping an article', () => {
    const seen = [0, 1, 2, 3].flatMap((offset) => listArticlePage(source, { offset, limit: 1, sort: 'title' }).articles.map((a) => a.title))
    expect(seen).toEqual(['Ålesund report', 'Clashes in Suwayda', 'Talks in Baku', 'Undated wire copy'])
    expect(listArticlePage(source, { offset: 10, limit: 5 })).toMatchObject({ offset: 4, articles: [], total: 4 })
  })

  it('sorts by outlet with unknown outlets last, and oldest first with undated last', () => {
    expect(listArticlePage(source, { sort: 'outlet' }).articles.map((a) => a.id)).toEqual(['b', 'c', 'a', 'd'])
    expect(listArticlePage(source, { sort: 'oldest' }).articles.map((a) => a.id)).toEqual(['b', 'd', 'a', 'c'])
  })

  it('filters on every word in the title or outlet, case and accents ignored, and counts the matches', () => {
    expect(listArticlePage(source, { filter: 'alesund' }).articles.map((a) => a.id)).toEqual(['d'])
    expect(listArticlePage(source, { filter: 'mntv BAKU' })).toMatchObject({ total: 1, corpusSize: 4, articles: [{ id: 'a' }] })
    expect(listArticlePage(source, { filter: 'nowhere' })).toMatchObject({ total: 0, corpusSize: 4, articles: [] })
  })
})

describe('listArticlePage over a changing library', () => {
  it('sorts again when a record is replaced or added, as the store does on every change', () => {
    const library = [...articles]
    const over = { ...source, articles: library }
    expect(listArticlePage(over, { sort: 'title' }).articles[0]?.id).toBe('d')
    library[3] = { ...library[3]!, title: 'Zebra crossing report' }
    expect(listArticlePage(over, { sort: 'title' }).articles.map((a) => a.id)).toEqual(['b', 'a', 'c', 'd'])
    library.push(article('e', 'Aardvark sighted', 'MNTV', null))
    expect(listArticlePage(over, { sort: 'title' }).articles[0]?.id).toBe('e')
  })
})
