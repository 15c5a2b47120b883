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

describe('tallyClaim by origins', () => {
  it('counts evidence sharing any origin as one source, among each stance', () => {
    const afp = (key: string) => ({ sourceKey: key, stance: 'supports' as const, originKeys: ['afp'] })
    expect(tallyClaim([afp('outlet:a'), afp('outlet:b'), afp('outlet:c')])).toMatchObject({ status: 'single-source', sourceCount: 1, supportingSources: 1 })
    // Chained: a shares AFP with b, b shares SOHR with c: one group.
    const chained = tallyClaim([
      { sourceKey: 'a', stance: 'supports', originKeys: ['afp'] },
      { sourceKey: 'b', stance: 'supports', originKeys: ['afp', 'sohr'] },
      { sourceKey: 'c', stance: 'supports', originKeys: ['sohr'] },
      { sourceKey: 'd', stance: 'supports', originKeys: ['reuters'] },
    ])
    expect(chained).toMatchObject({ status: 'corroborated', supportingSources: 2, sourceCount: 2 })
    // One origin supporting and contradicting: one source overall, one in each stance.
    const split = tallyClaim([
      { sourceKey: 'a', stance: 'supports', originKeys: ['afp'] },
      { sourceKey: 'b', stance: 'contradicts', originKeys: ['afp'] },
    ])
    expect(split).toMatchObject({ status: 'contested', sourceCount: 1, supportingSources: 1, contradictingSources: 1 })
  })
})
