// The CLI that tags, run as a script runs it (a child process on a real store): highlight add by
// quote, occurrence or span, claims reused by their trimmed text with tags on the claim, highlights
// --json in DECISIONS section 10's shape with each highlight's anchoring state, link and unlink, and
// the write lock: refused, naming the holder, while the app has the store open.

import { execFile } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CorpusStore } from '../store/corpus-store'
import { tempDir } from '../test-support/temp-dir'

const ROOT = resolve(__dirname, '../../..')
/** A dozen CLI runs, each starting tsx: seconds apiece on a loaded two-core machine. */
const TIMEOUT = 300_000

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/main/cli/cli.ts'), ...args], { cwd: ROOT }, (error, stdout, stderr) =>
      done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}
async function json(...args: string[]) {
  const result = await cli(...args, '--json')
  expect(result.stderr, `${args.join(' ')}`).toBe('')
  expect(result.code).toBe(0)
  return JSON.parse(result.stdout)
}

const HARBOUR = [
  'Harbour council meets',
  '',
  'The council met on Monday. The council voted to close the harbour 😀 for a week.',
  'Fishermen said the council had not asked them.',
  '',
].join('\n')
const HARBOUR_REVISED = [
  'Harbour council meets',
  '',
  'An update was added at the top of this report.',
  'The council met on Monday. The council voted to close the harbour 😀 for a week.',
  'Fishermen protested on Tuesday.',
  '',
].join('\n')

describe('the CLI that tags', () => {
  it(
    'highlights by quote and span, tags claims, lists highlights with their state, links and unlinks',
    async () => {
      const corpus = await tempDir()
      await mkdir(join(corpus, 'Courier'))
      const file = join(corpus, 'Courier', 'harbour.txt')
      await writeFile(file, HARBOUR)
      const store = await tempDir()
      await json('import', corpus, '--store', store)
      const [article] = (await json('list', '--store', store)).articles
      const id = article.id as string

      // A quote found more than once is refused unless --occurrence picks one.
      const ambiguous = await cli('highlight', 'add', '--store', store, '--article', id, '--quote', 'The council', '--json')
      expect(ambiguous).toMatchObject({ code: 2, stdout: '' })
      expect(ambiguous.stderr).toBe(`triangulate: The quote occurs 2 times in article ${id}; add --occurrence N (1 to 2) to say which, or quote more of the passage.\n`)
      const second = await json(
        'highlight',
        'add',
        '--store',
        store,
        '--article',
        id,
        '--quote',
        'The council',
        '--occurrence',
        '2',
        '--claim',
        '  The harbour closes for a week ',
        '--stance',
        'supports',
        '--tags',
        'harbour, closure',
      )
      const text = HARBOUR.slice(HARBOUR.indexOf('Harbour')) // the stored text is the file's (no BOM, LF)
      const secondAt = text.indexOf('The council', text.indexOf('The council') + 1)
      expect(second.highlight).toMatchObject({ articleId: id, start: secondAt, end: secondAt + 11, exact: 'The council', state: 'anchored' })
      expect(second.highlight.prefix).toBe(text.slice(secondAt - 32, secondAt))
      expect(second.claim).toEqual({ id: expect.any(String), text: 'The harbour closes for a week', tags: ['harbour', 'closure'], created: true })
      expect(second.highlight.claims).toEqual([{ id: second.claim.id, text: 'The harbour closes for a week', stance: 'supports', linkId: expect.any(String) }])

      // An existing claim whose text equals --claim once trimmed is reused; new tags go to it.
      const byClaim = await json('claim', 'add', 'The harbour closes for a week', '--store', store, '--tags', 'closure,port')
      expect(byClaim.claim).toEqual({ id: second.claim.id, text: 'The harbour closes for a week', tags: ['harbour', 'closure', 'port'], created: false })
      const fresh = await json('claim', 'add', 'Fishermen', 'were', 'not', 'asked', '--store', store)
      expect(fresh.claim).toMatchObject({ text: 'Fishermen were not asked', tags: [], created: true })

      // By span (UTF-16 code units), with a contradicting stance; a start inside the emoji is refused.
      const emojiAt = text.indexOf('😀')
      const split = await cli('highlight', 'add', '--store', store, '--article', id, '--start', String(emojiAt + 1), '--end', String(emojiAt + 10), '--json')
      expect(split.code).toBe(2)
      expect(split.stderr).toMatch(
        new RegExp(`The selection's start \\(${emojiAt + 1}\\) falls inside a character outside the Basic Multilingual Plane .* use ${emojiAt} or ${emojiAt + 2}\\.`),
      )
      const span = await json(
        'highlight',
        'add',
        '--store',
        store,
        '--article',
        id,
        '--start',
        String(emojiAt),
        '--end',
        String(emojiAt + 11),
        '--claim',
        'The harbour closes for a week',
        '--stance',
        'contradicts',
      )
      expect(span.highlight).toMatchObject({ start: emojiAt, end: emojiAt + 11, exact: '😀 for a we' })
      expect(span.claim).toMatchObject({ id: second.claim.id, created: false })

      const third = await json('highlight', 'add', '--store', store, '--article', id, '--quote', 'the council had not asked them')
      expect(third).toMatchObject({ claim: null, highlight: { claims: [], state: 'anchored' } })
      const tagsWithoutClaim = await cli('highlight', 'add', '--store', store, '--article', id, '--quote', 'Fishermen', '--tags', 'x')
      expect(tagsWithoutClaim).toMatchObject({ code: 2, stderr: expect.stringMatching(/--tags and --stance need --claim TEXT/) })

      // link and unlink by ids.
      const linked = await json('link', '--store', store, '--claim', fresh.claim.id, '--highlight', third.highlight.id, '--stance', 'supports')
      expect(linked.link).toEqual({ id: expect.any(String), claimId: fresh.claim.id, highlightId: third.highlight.id, stance: 'supports' })
      const badStance = await cli('link', '--store', store, '--claim', fresh.claim.id, '--highlight', second.highlight.id, '--stance', 'agrees')
      expect(badStance).toMatchObject({ code: 2, stderr: expect.stringMatching(/Unknown stance "agrees"/) })
      const unlinked = await json('unlink', '--store', store, '--link', span.highlight.claims[0].linkId)
      expect(unlinked.unlinked).toMatchObject({ claimId: second.claim.id, highlightId: span.highlight.id, stance: 'contradicts' })

      const { highlights } = await json('highlights', '--store', store, '--article', id)
      expect(highlights).toHaveLength(3)
      for (const h of highlights) expect(Object.keys(h).sort()).toEqual(['articleId', 'claims', 'end', 'exact', 'id', 'prefix', 'start', 'state', 'suffix'])
      expect(highlights.find((h: { id: string }) => h.id === span.highlight.id).claims).toEqual([])
      expect(highlights.find((h: { id: string }) => h.id === third.highlight.id).claims).toEqual([
        { id: fresh.claim.id, text: 'Fishermen were not asked', stance: 'supports', linkId: linked.link.id },
      ])
      const claims = (await json('claims', '--store', store)).claims
      expect(claims.find((c: { id: string }) => c.id === second.claim.id).tags).toEqual(['harbour', 'closure', 'port'])

      // The file is revised: one highlight moves, one loses its quote, one stays where it was.
      await writeFile(file, HARBOUR_REVISED)
      expect(await json('import', corpus, '--store', store)).toMatchObject({ updated: 1, reanchored: 2, orphaned: 1 })
      const after = (await json('highlights', '--store', store)).highlights as { id: string; state: string; start: number; exact: string }[]
      const revised = HARBOUR_REVISED.slice(HARBOUR_REVISED.indexOf('Harbour'))
      expect(after.find((h) => h.id === second.highlight.id)).toMatchObject({
        state: 'reanchored',
        start: revised.indexOf('The council', revised.indexOf('The council') + 1),
      })
      expect(after.find((h) => h.id === span.highlight.id)).toMatchObject({ state: 'reanchored', start: revised.indexOf('😀') })
      expect(after.find((h) => h.id === third.highlight.id)).toMatchObject({ state: 'orphaned' })
      const late = await json('highlight', 'add', '--store', store, '--article', id, '--quote', 'Fishermen protested')
      expect(late.highlight.state).toBe('anchored')

      // While the app holds the store, every writing command is refused, naming it; reading still works.
      const app = await CorpusStore.open(store, { app: 'the Triangulate desktop app' })
      try {
        for (const args of [
          ['highlight', 'add', '--article', id, '--quote', 'Fishermen protested'],
          ['claim', 'add', 'Another claim'],
          ['unlink', '--link', linked.link.id],
        ]) {
          const refused = await cli(...args, '--store', store, '--json')
          expect(refused.code).toBe(2)
          expect(refused.stderr).toMatch(new RegExp(`is open in the Triangulate desktop app \\(process ${process.pid} on `))
        }
        expect((await json('highlights', '--store', store)).highlights).toHaveLength(4)
      } finally {
        await app.close()
      }
    },
    TIMEOUT,
  )
})
