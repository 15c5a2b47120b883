import { describe, expect, it } from 'vitest'
import { sourceKeyOf, tallyClaim } from './claim-status'

describe('tallyClaim', () => {
  it('counts sources, not highlights', () => {
    const tally = tallyClaim([
      { sourceKey: 'outlet:a', stance: 'supports' },
      { sourceKey: 'outlet:a', stance: 'supports' },
    ])
    expect(tally).toEqual({ status: 'single-source', sourceCount: 1, supportingSources: 1, contradictingSources: 0 })
  })

  it('derives each status', () => {
    expect(tallyClaim([]).status).toBe('no-evidence')
    expect(tallyClaim([{ sourceKey: 'a', stance: 'context' }]).status).toBe('no-evidence')
    expect(
      tallyClaim([
        { sourceKey: 'a', stance: 'supports' },
        { sourceKey: 'b', stance: 'supports' },
      ]).status,
    ).toBe('corroborated')
    expect(
      tallyClaim([
        { sourceKey: 'a', stance: 'supports' },
        { sourceKey: 'b', stance: 'supports' },
        { sourceKey: 'c', stance: 'contradicts' },
      ]).status,
    ).toBe('contested')
    expect(tallyClaim([{ sourceKey: 'c', stance: 'contradicts' }]).status).toBe('contradicted')
  })
})

describe('sourceKeyOf', () => {
  it('merges one outlet spelled with different case and spacing, never unattributed articles', () => {
    expect(sourceKeyOf({ id: '1', outlet: 'Harbour  Wire' })).toBe(sourceKeyOf({ id: '2', outlet: 'harbour wire' }))
    expect(sourceKeyOf({ id: '1', outlet: null })).not.toBe(sourceKeyOf({ id: '2', outlet: null }))
  })
})
