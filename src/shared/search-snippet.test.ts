import { describe, expect, it } from 'vitest'
import { foldText } from '../main/search/search-terms'
import { findSnippet, findTerm } from './search-snippet'

describe('search snippets', () => {
  it('finds a term as a whole word, not inside a longer one', () => {
    const text = 'Sweidaville is elsewhere. Clashes in Sweida left many dead.'
    const hit = findTerm(text, ['sweida'], foldText)
    expect(text.slice(hit!.start, hit!.end)).toBe('Sweida')
    expect(hit!.start).toBe(text.lastIndexOf('Sweida'))
  })

  it('finds the first of several terms, accented or in another case', () => {
    const text = 'Talks in Bakú, then in DAMASCUS.'
    expect(text.slice(findTerm(text, ['damascus', 'baku'], foldText)!.start).startsWith('Bakú')).toBe(true)
  })

  it('finds a term written with transliteration marks, where folding shortens the text', () => {
    const text = 'President al-Sharaʿa spoke. Then al-Sharaa again.'
    const hit = findTerm(text, ['sharaa'], foldText)
    expect(text.slice(hit!.start, hit!.end)).toBe('Sharaʿa')
  })

  it('cuts a snippet around the hit and places the hit inside it', () => {
    const text = `${'word '.repeat(40)}the   toll rose to 1,400 in Suweida ${'more '.repeat(40)}`
    const snippet = findSnippet(text, ['suweida'], foldText)!
    expect(snippet.text.slice(snippet.hitStart, snippet.hitEnd)).toBe('Suweida')
    expect(text.slice(snippet.start, snippet.end)).toBe('Suweida')
    expect(snippet.text).not.toMatch(/\s{2}/)
    expect(findSnippet(text, ['xylophone'], foldText)).toBeNull()
  })
})
