// Text full of characters outside the Basic Multilingual Plane, through the real service: offsets
// inside a surrogate pair are refused by createHighlight, by undo (a tampered history) and by project
// import; every JSON export is read by Python's strict json module (no lone surrogate), even for
// highlights whose context an older version cut in the middle of a character.

import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { splitsSurrogatePair } from '../../shared/anchoring/code-points'
import { readJsonWithPython } from '../test-support/python-readers'
import { serviceWithImports } from '../test-support/seeded-service'
import { SAMPLE_CORPUS_DIR, tempDir } from '../test-support/temp-dir'
import { COMMAND_HISTORY_FILE } from '../commands/command-history'
import { createTriangulateService } from '../service/triangulate-service'

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

async function astralStore() {
  const [body] = fc.sample(
    fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom('😀', '𝄞', '𠀋', '𐌰', '👍🏽') }, { weight: 2, arbitrary: fc.constantFrom('a', ' ', 'word ', '\n', 'é') }), {
      minLength: 300,
      maxLength: 300,
    }),
    { numRuns: 1, seed: 1313 },
  )
  const folder = await tempDir()
  await mkdir(join(folder, 'Emoji Wire'))
  await writeFile(join(folder, 'Emoji Wire', 'astral.txt'), `Astral report\n\n${body!.join('')}\n`)
  const { store, service } = await serviceWithImports([folder])
  const [article] = (await service.listArticles({})).articles
  const { text } = await service.getArticle({ id: article!.id })
  return { store, service, articleId: article!.id, text }
}

async function strictJson(content: string) {
  const file = join(await tempDir(), 'export.json')
  await writeFile(file, content)
  return readJsonWithPython(file)
}

describe('offsets and exports on text full of astral characters', () => {
  it('createHighlight refuses exactly the offsets inside a pair; every export reads strictly', async () => {
    const { store, service, articleId, text } = await astralStore()
    const spans = fc.sample(fc.tuple(fc.integer({ min: 0, max: text.length - 2 }), fc.integer({ min: 1, max: 40 })), { numRuns: 150, seed: 7 })
    const claim = await service.createClaim({ text: 'An astral claim 😀' })
    let refused = 0
    for (const [start, length] of spans) {
      const end = Math.min(text.length, start + length)
      const splits = splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)
      const made = await service.createHighlight({ articleId, start, end }).catch((error: Error) => error)
      if (splits) {
        refused++
        expect(made).toBeInstanceOf(Error)
        expect((made as Error).message).toMatch(/falls inside a character outside the Basic Multilingual Plane/)
        continue
      }
      expect(made).not.toBeInstanceOf(Error)
      const h = made as { id: string; exact: string; prefix: string; suffix: string }
      expect(LONE_SURROGATE.test(h.exact + h.prefix + h.suffix)).toBe(false)
      if (refused % 3 === 0) await service.linkEvidence({ claimId: claim.id, highlightId: h.id, stance: 'supports' }).catch(() => undefined)
    }
    expect(refused).toBeGreaterThan(10)
    expect(store.highlights.length).toBe(spans.length - refused)

    // A highlight an older version made, its context cut mid-character, is mended on the way out.
    const legacy = store.highlights[0]!
    await store.changeAnnotations((data) => {
      data.highlights = data.highlights.map((h) => (h.id === legacy.id ? { ...h, prefix: `\uDE00${h.prefix}`, suffix: `${h.suffix}\uD83D` } : h))
    })

    const project = (await strictJson((await service.exportProject({ includeTexts: true })).content)) as { highlights: { id: string; prefix: string }[] }
    expect(project.highlights).toHaveLength(store.highlights.length)
    const annotations = (await strictJson((await service.exportWebAnnotations({})).content)) as { first: { items: unknown[] } }
    expect(annotations.first.items.length).toBeGreaterThan(store.highlights.length)
    await store.close()
  })

  it('undo and project import refuse a position inside a pair', async () => {
    const { store, service, articleId, text } = await astralStore()
    const inside = [...Array(text.length).keys()].find((i) => splitsSurrogatePair(text, i))!
    await expect(service.createHighlight({ articleId, start: inside, end: inside + 5 })).rejects.toThrow(`The selection's start (${inside}) falls inside a character`)
    const good = await service.createHighlight({ articleId, start: inside - 1, end: inside + 5 })
    await service.deleteHighlight({ id: good.id })
    // The undo history is a file beside the store: a highlight in it moved inside a pair is refused.
    const historyFile = join(store.dir, COMMAND_HISTORY_FILE)
    const history = JSON.parse(await readFile(historyFile, 'utf8'))
    const saved = history.undo.at(-1).changes.find((c: { collection: string }) => c.collection === 'highlights')
    saved.before = { ...saved.before, start: inside }
    await writeFile(historyFile, JSON.stringify(history))
    const reopened = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
    await expect(reopened.undo({})).rejects.toThrow(
      `The highlight to restore's start (${inside}) falls inside a character outside the Basic Multilingual Plane (an emoji or similar, two UTF-16 code units); use ${inside - 1} or ${inside + 1}.`,
    )
    expect(store.highlights).toHaveLength(0)
    expect((await reopened.getHistory({})).undoLabel).toBe('Highlighted a passage (6 characters)')
    await reopened.createHighlight({ articleId, start: inside - 1, end: inside + 5 })

    const exported = JSON.parse((await service.exportProject({ includeTexts: true })).content)
    await store.close()
    exported.highlights.push({ ...exported.highlights[0], id: 'h_split', start: inside })
    const file = join(await tempDir(), 'project.json')
    await writeFile(file, JSON.stringify(exported))
    const other = await serviceWithImports([])
    const report = await other.service.importProject({ path: file })
    expect(report.added.highlight).toBe(1)
    expect(report.skipped).toEqual([
      {
        kind: 'highlight',
        id: 'h_split',
        reason: `its start (${inside}) falls inside a character outside the Basic Multilingual Plane (two UTF-16 code units); positions must fall between characters`,
      },
    ])
    await other.store.close()
  })
})
