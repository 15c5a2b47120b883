import { appendFile, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Claim, EvidenceLink } from '../../shared/model'
import * as claims from '../claims/claim-commands'
import { tempDir } from '../test-support/temp-dir'
import { applyChanges, diffAnnotations, parseJournal, snapshotOf } from './annotations-journal'
import { ANNOTATIONS_FILE, ANNOTATIONS_JOURNAL_FILE, CorpusStore, DAMAGED_DIR, STORE_SCHEMA_VERSION } from './corpus-store'
import type { AnnotationsFile } from './store-schema'

const AT = '2031-05-17T00:00:00.000Z'
const claim = (n: number): Claim => ({ id: `c${n}`, text: `claim ${n}`, tags: [], note: '', statusOverride: null, createdAt: AT, updatedAt: AT })
const link = (n: number, claimId: string): EvidenceLink => ({
  id: `l${n}`,
  claimId,
  highlightId: `h${n}`,
  stance: 'supports',
  credibility: null,
  note: '',
  createdAt: AT,
})
const empty = (): AnnotationsFile => ({ schemaVersion: STORE_SCHEMA_VERSION, highlights: [], claims: [], links: [], sources: [], entities: [] })
const copy = (data: AnnotationsFile): AnnotationsFile => ({
  ...data,
  highlights: [...data.highlights],
  claims: [...data.claims],
  links: [...data.links],
  sources: [...data.sources],
  entities: [...data.entities],
})

/** The operations the claims module and the store perform, as they perform them: records replaced, never edited in place. */
const operation = fc.oneof(
  fc.record({ kind: fc.constant('add-claim' as const), n: fc.nat(30) }),
  fc.record({ kind: fc.constant('edit-claim' as const), n: fc.nat(30), text: fc.string() }),
  fc.record({ kind: fc.constant('delete-claim' as const), n: fc.nat(30) }),
  fc.record({ kind: fc.constant('add-link' as const), n: fc.nat(60), to: fc.nat(30) }),
  fc.record({ kind: fc.constant('move-link' as const), n: fc.nat(60), to: fc.nat(30) }),
  fc.record({ kind: fc.constant('remove-link' as const), n: fc.nat(60) }),
  fc.record({ kind: fc.constant('grade' as const), source: fc.constantFrom('a', 'b', 'c'), reliability: fc.constantFrom('A', 'C', 'F') }),
)
type Operation = typeof operation extends fc.Arbitrary<infer O> ? O : never

function perform(data: AnnotationsFile, op: Operation): void {
  const has = (id: string) => data.claims.some((c) => c.id === id)
  switch (op.kind) {
    case 'add-claim':
      if (!has(`c${op.n}`)) data.claims.push(claim(op.n))
      return
    case 'edit-claim':
      if (has(`c${op.n}`)) claims.editClaim(data, `c${op.n}`, { text: op.text }, AT)
      return
    case 'delete-claim':
      if (has(`c${op.n}`)) claims.deleteClaim(data, `c${op.n}`)
      return
    case 'add-link':
      if (has(`c${op.to}`) && !data.links.some((l) => l.id === `l${op.n}`)) data.links.push(link(op.n, `c${op.to}`))
      return
    case 'move-link':
      if (has(`c${op.to}`) && data.links.some((l) => l.id === `l${op.n}` && l.claimId !== `c${op.to}`)) {
        data.links = data.links.map((l) => (l.id === `l${op.n}` ? { ...l, claimId: `c${op.to}` } : l))
      }
      return
    case 'remove-link':
      data.links = data.links.filter((l) => l.id !== `l${op.n}`)
      return
    case 'grade':
      claims.gradeSource(data, op.source, op.reliability)
  }
}

/** Records in key order: a change that removes and re-adds a key in one step (a source regraded) may replay it in its old place. */
function byKey(data: AnnotationsFile) {
  const sorted = <T>(records: T[], key: (r: T) => string) => [...records].sort((a, b) => key(a).localeCompare(key(b)))
  return {
    highlights: sorted(data.highlights, (r) => r.id),
    claims: sorted(data.claims, (r) => r.id),
    links: sorted(data.links, (r) => r.id),
    sources: sorted(data.sources, (r) => r.sourceKey),
  }
}

describe('annotation changes as journal lines', () => {
  it('replaying the diffs of any sequence of changes rebuilds exactly the same records', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), (ops) => {
        const live = empty()
        const lines = []
        for (const op of ops) {
          const before = snapshotOf(live)
          perform(live, op)
          const change = diffAnnotations(before, live)
          if (change) lines.push(change)
        }
        const replayed = empty()
        applyChanges(replayed, lines)
        expect(byKey(replayed)).toEqual(byKey(live))
      }),
      { numRuns: 300, seed: 7 },
    )
  })

  it('replaying lines a snapshot already holds changes nothing (a crash between snapshot and truncation)', () => {
    const live = empty()
    const lines = []
    for (const op of [
      { kind: 'add-claim', n: 1 },
      { kind: 'add-link', n: 1, to: 1 },
      { kind: 'delete-claim', n: 1 },
      { kind: 'add-claim', n: 1 },
    ] as Operation[]) {
      const before = snapshotOf(live)
      perform(live, op)
      lines.push(diffAnnotations(before, live)!)
    }
    const again = copy(live)
    applyChanges(again, lines)
    expect(again).toEqual(live)
  })

  it('a line cut short by a crash is dropped; a damaged line elsewhere is reported with the good lines before it', () => {
    const good = `${JSON.stringify({ v: STORE_SCHEMA_VERSION, put: { claims: [claim(1)] }, del: {} })}\n`
    expect(parseJournal(good + '{"v":', STORE_SCHEMA_VERSION)).toEqual({ kind: 'ok', changes: [{ put: { claims: [claim(1)] }, del: {} }], tornTail: true })
    const damaged = parseJournal(`${good}{"v": oops}\n${good}`, STORE_SCHEMA_VERSION)
    expect(damaged).toMatchObject({ kind: 'damaged', line: 2, reason: 'not valid JSON' })
    expect(damaged.changes).toHaveLength(1)
    expect(parseJournal(`${JSON.stringify({ v: 99, put: {}, del: {} })}\n`, STORE_SCHEMA_VERSION)).toMatchObject({ kind: 'damaged', line: 1 })
    expect(parseJournal(`${JSON.stringify({ v: STORE_SCHEMA_VERSION, put: { claims: [{ id: 1 }] }, del: {} })}\n`, STORE_SCHEMA_VERSION)).toMatchObject({
      kind: 'damaged',
      line: 1,
    })
  })
})

describe('CorpusStore with the annotations journal', () => {
  it('a change is appended to the journal, not rewritten into the snapshot; reopening replays it, closing compacts', async () => {
    const dir = await tempDir()
    const store = await CorpusStore.open(dir)
    for (let n = 0; n < 50; n++) await store.addClaim(claim(n))
    await store.close()
    const snapshotAfterClose = await stat(join(dir, ANNOTATIONS_FILE))

    const reopened = await CorpusStore.open(dir)
    await reopened.addClaim(claim(50))
    await reopened.changeAnnotations((data) => claims.editClaim(data, 'c3', { text: 'edited' }, AT))
    const snapshot = JSON.parse(await readFile(join(dir, ANNOTATIONS_FILE), 'utf8')) as AnnotationsFile
    expect(snapshot.claims).toHaveLength(50)
    expect((await stat(join(dir, ANNOTATIONS_FILE))).mtimeMs).toBe(snapshotAfterClose.mtimeMs)
    const journal = (await readFile(join(dir, ANNOTATIONS_JOURNAL_FILE), 'utf8')).trim().split('\n')
    expect(journal).toHaveLength(2)
    expect(journal[1]).toContain('"edited"')
    expect(journal[1]).not.toContain('claim 4"')

    // A crash now: the process dies without closing. Another process opens the store.
    await writeFile(join(dir, 'store.lock'), JSON.stringify({ app: 'a crashed app', pid: 999_999_999, host: hostname(), since: AT }))
    const afterCrash = await CorpusStore.open(dir)
    expect(afterCrash.claims).toHaveLength(51)
    expect(afterCrash.claims.find((c) => c.id === 'c3')?.text).toBe('edited')
    expect(afterCrash.notices).toEqual([])
    await afterCrash.close()
    expect(await readFile(join(dir, ANNOTATIONS_JOURNAL_FILE), 'utf8')).toBe('')
    expect((JSON.parse(await readFile(join(dir, ANNOTATIONS_FILE), 'utf8')) as AnnotationsFile).claims).toHaveLength(51)
  })

  it('a damaged journal keeps the changes before the damage, is moved aside, and the analyst is told', async () => {
    const dir = await tempDir()
    const store = await CorpusStore.open(dir)
    await store.addClaim(claim(1))
    await store.close()
    const lines = [
      JSON.stringify({ v: STORE_SCHEMA_VERSION, put: { claims: [claim(2)] }, del: {} }),
      '{"v": this is not json',
      JSON.stringify({ v: STORE_SCHEMA_VERSION, put: { claims: [claim(3)] }, del: {} }),
    ]
    await appendFile(join(dir, ANNOTATIONS_JOURNAL_FILE), `${lines.join('\n')}\n`)

    const reopened = await CorpusStore.open(dir)
    expect(reopened.claims.map((c) => c.id)).toEqual(['c1', 'c2'])
    expect(reopened.notices).toHaveLength(1)
    expect(reopened.notices[0]).toMatch(/annotations\.journal was damaged at line 2 \(not valid JSON\)\. The 1 changes before that line were kept/)
    const aside = (await readdir(join(dir, DAMAGED_DIR))).filter((f) => f.startsWith(ANNOTATIONS_JOURNAL_FILE))
    expect(aside).toHaveLength(1)
    expect(await readFile(join(dir, DAMAGED_DIR, aside[0] as string), 'utf8')).toContain('claim 3')
    await reopened.addClaim(claim(4))
    await reopened.close()
    expect((await CorpusStore.open(dir, { readOnly: true })).claims.map((c) => c.id)).toEqual(['c1', 'c2', 'c4'])
  })

  it('a read-only opener sees the changes still in the journal of a store another process has open', async () => {
    const dir = await tempDir()
    const writer = await CorpusStore.open(dir)
    await writer.addClaim(claim(1))
    await writer.addLink(link(1, 'c1'))
    const reader = await CorpusStore.open(dir, { readOnly: true })
    expect(reader.claims.map((c) => c.id)).toEqual(['c1'])
    expect(reader.links.map((l) => l.id)).toEqual(['l1'])
    await writer.close()
  })
})
