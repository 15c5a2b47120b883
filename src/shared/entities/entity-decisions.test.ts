import { describe, expect, it } from 'vitest'
import { clusterEntities, type ArticleNames, type EntityDecision } from './cluster-entities'
import type { ArticleName } from './extract-entities'
import { planEntityEdit, type EntityEdit } from './entity-decisions'

const m = (surface: string, start = 0) => ({ start, end: start + surface.length, surface })
const person = (name: string, ...mentions: string[]): ArticleName => ({ name, type: 'person', mentions: [name, ...mentions].map((s, i) => m(s, i * 100)) })
const place = (name: string): ArticleName => ({ name, type: 'place', mentions: [m(name)] })

/** Applies an edit as the service does: plan against the current list, then store the change. */
function apply(corpus: ArticleNames[], decisions: EntityDecision[], edit: EntityEdit): EntityDecision[] {
  const entities = clusterEntities(corpus, decisions).map((e) => e.entity)
  const change = planEntityEdit(edit, entities, decisions, new Date(Date.UTC(2026, 0, 1, 0, 0, decisions.length)).toISOString())
  const ids = new Set([...change.del, ...change.put.map((d) => d.id)])
  return [...decisions.filter((d) => !ids.has(d.id)), ...change.put]
}
const idOf = (corpus: ArticleNames[], decisions: EntityDecision[], variant: string) =>
  clusterEntities(corpus, decisions).find((e) => e.entity.variants.includes(variant))!.entity.id

describe('analyst decisions', () => {
  const corpus: ArticleNames[] = [
    { articleId: 'a', names: [person('Ahmed al-Sharaa', 'Sharaa'), place('Sweida')] },
    { articleId: 'b', names: [person('Abu Mohammed al-Jolani'), place('Suweida')] },
  ]

  it('merge joins two entities and keeps the first one’s id; a new article with another spelling joins it', () => {
    const into = idOf(corpus, [], 'Ahmed al-Sharaa')
    const decisions = apply(corpus, [], { kind: 'merge', intoId: into, fromId: idOf(corpus, [], 'Abu Mohammed al-Jolani') })
    const merged = clusterEntities(corpus, decisions).find((e) => e.entity.id === into)!.entity
    expect(merged.variants).toEqual(expect.arrayContaining(['Ahmed al-Sharaa', 'Sharaa', 'Abu Mohammed al-Jolani']))
    // A new import: "Al-Sharaa" and "Ahmad al-Sharaa", spellings the decision never saw.
    const later = [...corpus, { articleId: 'c', names: [person('Ahmad al-Sharaa', 'Al-Sharaa')] }]
    const after = clusterEntities(later, decisions).find((e) => e.entity.id === into)!.entity
    expect(after.articles).toBe(3)
    expect(after.variants).toEqual(expect.arrayContaining(['Al-Sharaa', 'Ahmad al-Sharaa', 'Abu Mohammed al-Jolani']))
  })

  it('merge keeps the target’s name and type even when the other entity is mentioned more', () => {
    // Ron Dermer in full three times, al-Sharaa's full name spread over two spellings: left to the
    // index, the union would be named after its most mentioned full spelling, Ron Dermer.
    const names: ArticleNames[] = [
      { articleId: 'a', names: [person('Ahmed al-Sharaa'), person('Ron Dermer', 'Ron Dermer', 'Ron Dermer')] },
      { articleId: 'b', names: [person('Ahmad al-Sharaa')] },
    ]
    const into = idOf(names, [], 'Ahmed al-Sharaa')
    const before = clusterEntities(names).find((e) => e.entity.id === into)!.entity
    expect(before.name).toMatch(/^Ahm[ae]d al-Sharaa$/)
    const decisions = apply(names, [], { kind: 'merge', intoId: into, fromId: idOf(names, [], 'Ron Dermer') })
    const merged = clusterEntities(names, decisions).find((e) => e.entity.id === into)!.entity
    expect([merged.name, merged.type]).toEqual([before.name, 'person'])
    expect(merged.variants).toContain('Ron Dermer')
    // A place merged into a person does not turn it into a place by weight of mentions.
    const withPlace: ArticleNames[] = [...names, { articleId: 'c', names: [place('Sweida'), place('Sweida'), place('Sweida'), place('Sweida')] }]
    const d2 = apply(withPlace, [], { kind: 'merge', intoId: into, fromId: idOf(withPlace, [], 'Sweida') })
    expect(clusterEntities(withPlace, d2).find((e) => e.entity.id === into)!.entity.type).toBe('person')
  })

  it('split takes one spelling out, with its mentions', () => {
    const id = idOf(corpus, [], 'Ahmed al-Sharaa')
    const decisions = apply(corpus, [], { kind: 'split', id, variant: 'Sharaa' })
    const entities = clusterEntities(corpus, decisions).map((e) => e.entity)
    expect(entities.find((e) => e.id === id)!.variants).toEqual(['Ahmed al-Sharaa'])
    expect(entities.find((e) => e.variants.includes('Sharaa'))!.id).not.toBe(id)
  })

  it('rename, change type and delete', () => {
    const id = idOf(corpus, [], 'Sweida')
    let decisions = apply(corpus, [], { kind: 'rename', id, name: 'As-Suwayda' })
    decisions = apply(corpus, decisions, { kind: 'retype', id, type: 'organisation' })
    const e = clusterEntities(corpus, decisions).find((x) => x.entity.id === id)!.entity
    expect([e.name, e.type, e.variants.sort()]).toEqual(['As-Suwayda', 'organisation', ['Suweida', 'Sweida']])
    decisions = apply(corpus, decisions, { kind: 'delete', id })
    expect(clusterEntities(corpus, decisions).some((x) => x.entity.id === id)).toBe(false)
    expect(clusterEntities(corpus, decisions).some((x) => x.entity.variants.includes('Suweida'))).toBe(false)
  })

  it('refuses what cannot be done, with the reason', () => {
    const id = idOf(corpus, [], 'Sweida')
    expect(() => apply(corpus, [], { kind: 'merge', intoId: id, fromId: id })).toThrow(/itself/)
    expect(() => apply(corpus, [], { kind: 'split', id, variant: 'Damascus' })).toThrow(/not a variant/)
    expect(() => apply(corpus, [], { kind: 'rename', id: 'e_nope', name: 'x' })).toThrow(/No entity with id e_nope/)
  })
})
