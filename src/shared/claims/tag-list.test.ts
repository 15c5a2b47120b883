import { describe, expect, it } from 'vitest'
import { parseTagList } from './tag-list'

describe('a typed tag list', () => {
  it('is the distinct trimmed tags in the order first typed', () => {
    expect(parseTagList(' Baku, talks ,, Baku,  ')).toEqual(['Baku', 'talks'])
    expect(parseTagList('')).toEqual([])
    expect(parseTagList(undefined)).toEqual([])
  })
})
