// A board's records for the board's pure property tests (kept-board-cards, board-update): articles,
// claims, highlights, links and grades that edits replace, never change in place, as the store does,
// and the edits an analyst (or a teammate's sync) makes, as fast-check values.

import fc from 'fast-check'
import type { Article, Claim, EvidenceLink, Highlight, Reliability, Stance } from '../model'
import type { BoardRecords } from './claim-board'
import { claimRecord, highlightRecord } from './test-records'

const at = '2026-01-01T00:00:00.000Z'
type BoardArticleRecord = Pick<Article, 'id' | 'title' | 'outlet' | 'nearDuplicateOf'>

/** 'WIRE' is the same origin as 'Wire' under another label: which evidence meets an origin first names it on the board. */
export const OUTLETS = ['Wire', 'Daily', 'WIRE', 'Post', null] as const
const STANCES: Stance[] = ['supports', 'contradicts', 'context']

/** A board's records that edits replace (never change in place), as the store does. */
export class Board {
  articles: BoardArticleRecord[] = []
  claims: Claim[] = []
  highlights: Highlight[] = []
  links: EvidenceLink[] = []
  sourceGrades: { sourceKey: string; reliability: Reliability }[] = []
  private n = 0

  constructor(articles: number, claims: number, highlights: number) {
    for (let i = 0; i < articles; i++) this.articles.push({ id: `a${i}`, title: `Title ${i}`, outlet: OUTLETS[i % OUTLETS.length] ?? null, nearDuplicateOf: null })
    for (let i = 0; i < claims; i++) this.claims.push(claimRecord(`c${i}`, `Claim ${i}`))
    for (let i = 0; i < highlights; i++) this.highlights.push(highlightRecord(`h${i}`, `a${i % articles}`, `quote ${i}`))
  }

  records(): BoardRecords {
    const byId = new Map(this.articles.map((a) => [a.id, a]))
    return { claims: this.claims, links: this.links, highlights: this.highlights, sourceGrades: this.sourceGrades, articleById: (id) => byId.get(id) }
  }

  link(claim: number, highlight: number, stance: Stance): void {
    this.links = [
      ...this.links,
      { id: `l${this.n++}`, claimId: `c${claim}`, highlightId: this.highlights[highlight]?.id ?? `h${highlight}`, stance, credibility: null, note: '', createdAt: at },
    ]
  }

  apply(edit: Edit): void {
    const replace = <T>(list: T[], i: number, change: (t: T) => T) => list.map((t, j) => (j === i % list.length ? change(t) : t))
    switch (edit.kind) {
      case 'link':
        return this.link(edit.claim % this.claims.length, edit.highlight % this.highlights.length, edit.stance)
      case 'unlink':
        if (this.links.length > 0) this.links = this.links.filter((_, j) => j !== edit.at % this.links.length)
        return
      case 'stance':
        if (this.links.length > 0) this.links = replace(this.links, edit.at, (l) => ({ ...l, stance: edit.stance }))
        return
      case 'claim':
        this.claims = replace(this.claims, edit.at, (c) => ({ ...c, text: `${c.text}, edited` }))
        return
      case 'orphan':
        this.highlights = replace(this.highlights, edit.at, (h) => ({ ...h, orphaned: !h.orphaned }))
        return
      case 'outlet':
        this.articles = replace(this.articles, edit.at, (a) => ({ ...a, outlet: edit.outlet }))
        return
      case 'title':
        this.articles = replace(this.articles, edit.at, (a) => ({ ...a, title: `${a.title}, retitled` }))
        return
      case 'move':
        if (this.links.length > 0) this.links = replace(this.links, edit.at, (l) => ({ ...l, claimId: `c${edit.claim % this.claims.length}` }))
        return
      case 'highlight': {
        const article = this.articles[edit.at % this.articles.length] as BoardArticleRecord
        this.highlights = [...this.highlights, highlightRecord(`added${this.n++}`, article.id, `new quote ${this.n}`)]
        return
      }
      case 'drop': {
        // A highlight deleted takes its evidence with it (as the store and a teammate's sync do).
        const doomed = this.highlights[edit.at % this.highlights.length]
        if (!doomed || this.highlights.length < 2) return
        this.highlights = this.highlights.filter((h) => h !== doomed)
        this.links = this.links.filter((l) => l.highlightId !== doomed.id)
        return
      }
      case 'relink': {
        // Undoing an unlink puts the link back at the end.
        const [first, ...rest] = this.links
        if (first) this.links = [...rest, first]
        return
      }
      case 'grade':
        this.sourceGrades = [...this.sourceGrades.filter((g) => g.sourceKey !== edit.sourceKey), { sourceKey: edit.sourceKey, reliability: edit.reliability }]
    }
  }
}

export type Edit =
  | { kind: 'link'; claim: number; highlight: number; stance: Stance }
  | { kind: 'unlink' | 'claim' | 'orphan' | 'title' | 'highlight' | 'drop' | 'relink'; at: number }
  | { kind: 'move'; at: number; claim: number }
  | { kind: 'stance'; at: number; stance: Stance }
  | { kind: 'outlet'; at: number; outlet: string | null }
  | { kind: 'grade'; sourceKey: string; reliability: Reliability }

const index = fc.nat(50)
export const stance = fc.constantFrom(...STANCES)
export const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('link' as const), claim: index, highlight: index, stance }),
  fc.record({ kind: fc.constantFrom('unlink' as const, 'claim' as const, 'orphan' as const, 'title' as const), at: index }),
  fc.record({ kind: fc.constantFrom('highlight' as const, 'drop' as const, 'relink' as const), at: index }),
  fc.record({ kind: fc.constant('move' as const), at: index, claim: index }),
  fc.record({ kind: fc.constant('stance' as const), at: index, stance }),
  fc.record({ kind: fc.constant('outlet' as const), at: index, outlet: fc.constantFrom(...OUTLETS) }),
  fc.record({
    kind: fc.constant('grade' as const),
    sourceKey: fc.constantFrom('outlet:wire', 'outlet:daily', 'outlet:post'),
    reliability: fc.constantFrom<Reliability>('A', 'C', 'F'),
  }),
)
