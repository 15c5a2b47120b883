import { describe, expect, it } from 'vitest'
import { pagesCovering, pagesToDrop } from './article-pages'

describe('pagesCovering', () => {
  it('names the pages holding the rows in view, within the list', () => {
    expect(pagesCovering(0, 17, 10_000, 100)).toEqual([0])
    expect(pagesCovering(95, 105, 10_000, 100)).toEqual([0, 1])
    expect(pagesCovering(9_990, 10_020, 10_000, 100)).toEqual([99])
  })

  it('asks for nothing in an empty list', () => {
    expect(pagesCovering(0, 0, 0, 100)).toEqual([])
  })
})

describe('pagesToDrop', () => {
  it('lets the pages farthest from those in view go first, never one in view', () => {
    expect(pagesToDrop([0, 1, 2, 3, 10, 11], [10, 11], 4)).toEqual([0, 1])
    expect(pagesToDrop([0, 1, 2], [1], 4)).toEqual([])
  })
})
