// Every way a record enters the store other than the commands that make it (a merged project file,
// a conflict's incoming version, undo and redo from the history file beside the store) is held to
// the store's rules (record-rules.ts), through the real service and store: a highlight that ends
// before it starts or past its text, an empty claim, evidence for a claim that is not there. And an
// error about a file never quotes the file.

import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { COMMAND_HISTORY_FILE } from '../commands/command-history'
import { serviceWithImports } from '../test-support/seeded-service'
import { SAMPLE_CORPUS_DIR, tempDir } from '../test-support/temp-dir'
import { createTriangulateService } from './triangulate-service'

async function workedStore() {
  const { store, service } = await serviceWithImports([SAMPLE_CORPUS_DIR])
  const [article] = (await service.listArticles({})).articles
  const { text } = await service.getArticle({ id: article!.id })
  const highlight = await service.createHighlight({ articleId: article!.id, start: 0, end: 12 })
  const claim = await service.createClaim({ text: 'The bridge closed on Tuesday' })
  const link = await service.linkEvidence({ claimId: claim.id, highlightId: highlight.id, stance: 'supports' })
  return { store, service, articleId: article!.id, text, highlight, claim, link }
}

describe('records merged from a project file', () => {
  it('are held to the store’s rules: each bad one is skipped with its reason, the good ones added', async () => {
    const { service, store, text, highlight, claim, link } = await workedStore()
    const exported = JSON.parse((await service.exportProject({ includeTexts: true })).content)
    await store.close()
    const h = exported.highlights[0]
    exported.highlights.push(
      { ...h, id: 'h_backwards', start: 20, end: 10 },
      { ...h, id: 'h_empty', start: 10, end: 10 },
      { ...h, id: 'h_past_end', start: 5, end: text.length + 40 },
      { ...h, id: 'h_good', start: 13, end: 20 },
    )
    exported.claims.push({ ...exported.claims[0], id: 'c_empty', text: '   ' }, { ...exported.claims[0], id: 'c_good', text: 'A second claim' })
    exported.links.push(
      { ...exported.links[0], id: 'l_no_claim', claimId: 'c_missing' },
      { ...exported.links[0], id: 'l_good', claimId: 'c_good', highlightId: 'h_good' },
    )
    const file = join(await tempDir(), 'project.json')
    await writeFile(file, JSON.stringify(exported))

    const other = await serviceWithImports([SAMPLE_CORPUS_DIR])
    const report = await other.service.importProject({ path: file })
    expect(report.skipped).toEqual([
      { kind: 'highlight', id: 'h_backwards', reason: 'it covers no text (it ends at 10, before it starts)' },
      { kind: 'highlight', id: 'h_empty', reason: 'it covers no text (it ends at 10, where it starts)' },
      { kind: 'highlight', id: 'h_past_end', reason: `its position (5–${text.length + 40}) is past the end of its article (${text.length} characters)` },
      { kind: 'claim', id: 'c_empty', reason: 'it has no statement (a claim needs one)' },
      { kind: 'link', id: 'l_no_claim', reason: 'its claim is not in this store' },
    ])
    expect(other.store.highlights.map((x) => x.id).sort()).toEqual([highlight.id, 'h_good'].sort())
    expect(other.store.claims.map((x) => x.id).sort()).toEqual([claim.id, 'c_good'].sort())
    expect(other.store.links.map((x) => x.id).sort()).toEqual([link.id, 'l_good'].sort())
  })

  it('never quotes the file it was pointed at in its error', async () => {
    const { service } = await serviceWithImports([])
    const secret = join(await tempDir(), 'notes.txt')
    await writeFile(secret, 'root:x:0:0:the password is swordfish\n')
    const error = await service.importProject({ path: secret }).catch((e: Error) => e)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toBe('This is not a Triangulate project file: it is not valid JSON.')
    // JSON, but not a project: the reason names a field, never a value.
    await writeFile(secret, JSON.stringify({ format: 'swordfish', password: 'swordfish' }))
    const wrongShape = await service.importProject({ path: secret }).catch((e: Error) => e)
    expect((wrongShape as Error).message).toMatch(/^This is not a Triangulate project file \(format: /)
    expect((wrongShape as Error).message).not.toContain('swordfish')
  })

  it('reads only a regular file of sensible size: a folder or a device is refused before anything is read', async () => {
    const { service } = await serviceWithImports([])
    const folder = await tempDir()
    await expect(service.importProject({ path: folder })).rejects.toThrow(`${folder} is not a file; choose the project file (.json) itself.`)
    // A device that never ends would fill the memory if it were read.
    await expect(service.importProject({ path: '/dev/zero' })).rejects.toThrow('/dev/zero is not a file')
    await expect(service.importProject({ path: join(folder, 'missing.json') })).rejects.toThrow(/^Cannot read the project file .*missing\.json \(ENOENT\)/)
  })
})

describe('taking a conflict’s incoming version', () => {
  it('refuses a version that breaks the store’s rules, changing nothing', async () => {
    const { service, store, text, highlight, claim, link } = await workedStore()
    const before = JSON.stringify({ highlights: store.highlights, claims: store.claims, links: store.links })
    const refused = [
      [{ kind: 'highlight', id: highlight.id, incoming: { ...highlight, start: 12, end: 3 } }, 'it covers no text (it ends at 3, before it starts)'],
      [{ kind: 'highlight', id: highlight.id, incoming: { ...highlight, end: text.length + 1 } }, `past the end of its article (${text.length} characters)`],
      [{ kind: 'highlight', id: highlight.id, incoming: { ...highlight, articleId: 'a_missing' } }, 'its article is not in this store'],
      [{ kind: 'claim', id: claim.id, incoming: { ...claim, text: '' } }, 'it has no statement (a claim needs one)'],
      [{ kind: 'link', id: link.id, incoming: { ...link, claimId: 'c_missing' } }, 'its claim is not in this store'],
      [{ kind: 'link', id: link.id, incoming: { ...link, highlightId: 'h_missing' } }, 'its highlight is not in this store'],
      [{ kind: 'claim', id: claim.id, incoming: { id: claim.id } }, 'The incoming claim is not a valid record (text: '],
    ] as const
    for (const [args, message] of refused) {
      await expect(service.takeIncoming(args as never), message).rejects.toThrow(message)
    }
    expect(JSON.stringify({ highlights: store.highlights, claims: store.claims, links: store.links })).toBe(before)
    // A version within the rules is taken.
    await service.takeIncoming({ kind: 'claim', id: claim.id, incoming: { ...claim, text: 'The bridge closed on Wednesday' } })
    expect(store.claims.find((c) => c.id === claim.id)?.text).toBe('The bridge closed on Wednesday')
  })
})

describe('undo from a history file changed on disk', () => {
  /** Deletes a record, then rewrites what the history says it was before, as damage or a hand edit would. */
  async function tamperedUndo(change: (records: { highlights?: Record<string, unknown>; claims?: Record<string, unknown> }) => void) {
    const worked = await workedStore()
    await worked.service.unlinkEvidence({ linkId: worked.link.id })
    await worked.service.deleteHighlight({ id: worked.highlight.id })
    await worked.service.deleteClaim({ id: worked.claim.id })
    const historyFile = join(worked.store.dir, COMMAND_HISTORY_FILE)
    const history = JSON.parse(await readFile(historyFile, 'utf8'))
    const befores: Record<string, Record<string, unknown>> = {}
    for (const step of history.undo) for (const c of step.changes) if (c.before) befores[c.collection] = c.before
    change(befores)
    await writeFile(historyFile, JSON.stringify(history))
    return { ...worked, service: createTriangulateService({ store: worked.store, sampleCorpusDir: SAMPLE_CORPUS_DIR }) }
  }

  it('refuses to restore an empty claim', async () => {
    const { service, store } = await tamperedUndo((r) => (r.claims!.text = ' '))
    await expect(service.undo({})).rejects.toThrow(/breaks the store's rules \(it has no statement \(a claim needs one\)\)\. Nothing was changed/)
    expect(store.claims).toHaveLength(0)
  })

  it('refuses to restore a highlight that ends before it starts, or past its text', async () => {
    for (const [start, end, reason] of [
      [30, 4, 'it covers no text (it ends at 4, before it starts)'],
      [0, 1_000_000, 'is past the end of its article'],
    ] as const) {
      const { service, store } = await tamperedUndo((r) => Object.assign(r.highlights!, { start, end }))
      // The claim's deletion undoes; the highlight's is refused.
      await service.undo({})
      expect(store.claims).toHaveLength(1)
      await expect(service.undo({})).rejects.toThrow(reason)
      expect(store.highlights).toHaveLength(0)
    }
  })
})
