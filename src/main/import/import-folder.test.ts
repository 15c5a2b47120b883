import { chmod, copyFile, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CorpusStore, NEAR_DUPLICATES_FILE } from '../store/corpus-store'
import { SAMPLE_CORPUS_DIR, SEEDS_DIR, tempDir } from '../test-support/temp-dir'
import { buildDocx, buildPdf } from './formats/test-documents'
import { importFolder } from './import-folder'

async function freshStore() {
  return CorpusStore.open(await tempDir('triangulate-store-'))
}

describe('importFolder on the seed articles', () => {
  it('imports all five with titles, dates and an outlet from the dateline', async () => {
    const store = await freshStore()
    const report = await importFolder(store, SEEDS_DIR)
    expect(report).toMatchObject({ imported: 5, duplicates: 0, skipped: [] })
    const byFile = (n: string) => store.listArticles().find((a) => a.paths[0]?.includes(`/${n}_`))
    expect(byFile('001')).toMatchObject({ title: 'Syria and Israel reportedly resume secret talks in Baku amid Sweida crisis', outlet: 'MNTV', outletSource: 'dateline' })
    // "… senior diplomats have told The National": the article names its own outlet.
    expect(byFile('000')).toMatchObject({ outlet: 'The National', outletSource: 'text' })
    // "… a diplomat told AFP": a wire credit, not the article's outlet.
    expect(byFile('003')).toMatchObject({ outlet: null, outletSource: null })
    expect(byFile('003')?.date).toBe('2025-07-30')
    expect(byFile('004')?.date).toBe('2025-07-12')
    // A photo caption glued to a date line is not a headline.
    expect(byFile('003')?.title).toMatch(/^A Syrian-Israeli ministerial meeting/)
    expect(byFile('000')?.title).toMatch(/^Israeli and Syrian officials will meet/)
  })

  it('adds nothing the second time', async () => {
    const store = await freshStore()
    await importFolder(store, SEEDS_DIR)
    const again = await importFolder(store, SEEDS_DIR)
    expect(again).toMatchObject({ imported: 0, duplicates: 5, updated: 0 })
    expect(store.listArticles()).toHaveLength(5)
  })

  it('stores the body text exactly as the file holds it', async () => {
    const store = await freshStore()
    await importFolder(store, SEEDS_DIR)
    const seed = store.listArticles().find((a) => a.paths[0]?.includes('/002_'))
    expect(seed).toBeDefined()
    const body = await store.readBody(seed!)
    expect(body).toContain('The fighting reportedly resulted in hundreds of casualties.')
    expect(body.endsWith('Leave the first comment')).toBe(true)
  })
})

describe('importFolder on the sample corpus', () => {
  it('flags the syndicated copy as a near-duplicate of the wire story', async () => {
    const store = await freshStore()
    const report = await importFolder(store, SAMPLE_CORPUS_DIR)
    expect(report.nearDuplicates).toHaveLength(1)
    const [flag] = report.nearDuplicates
    expect(flag!.path).toMatch(/Valley Herald/)
    expect(store.getArticle(flag!.of)!.paths[0]).toMatch(/Harbour Wire/)
    expect(store.getArticle(flag!.articleId)!.nearDuplicateOf).toBe(flag!.of)
    expect(flag!.similarity).toBeGreaterThan(0.8)
    // The index is kept beside the store, so the next import checks new files against all of these.
    const again = await importFolder(store, SEEDS_DIR)
    expect(again.nearDuplicates).toEqual([])
  })

  it('rebuilds a near-duplicate index saved by an older version instead of comparing unlike signatures', async () => {
    const wireOnly = await tempDir()
    await mkdir(join(wireOnly, 'Harbour Wire'))
    await copyFile(join(SAMPLE_CORPUS_DIR, 'Harbour Wire', 'vessen-bridge.txt'), join(wireOnly, 'Harbour Wire', 'vessen-bridge.txt'))
    const store = await freshStore()
    await importFolder(store, wireOnly)
    const [wire] = store.listArticles()
    // Format 1 signatures came from 126 hash functions; read as today's, this one would match nothing.
    const formatOne = { format: 1, threshold: 0.8, articles: [{ id: wire!.id, shingles: 120, signature: Buffer.alloc(126 * 4).toString('base64') }] }
    await writeFile(join(store.dir, NEAR_DUPLICATES_FILE), JSON.stringify(formatOne))
    const report = await importFolder(store, SAMPLE_CORPUS_DIR)
    expect(report.nearDuplicates.map((flag) => [flag.path.slice(SAMPLE_CORPUS_DIR.length + 1), flag.of])).toEqual([
      ['Valley Herald/bridge-collapse-vessen.txt', wire!.id],
    ])
    expect(JSON.parse(await readFile(join(store.dir, NEAR_DUPLICATES_FILE), 'utf8'))).toMatchObject({ format: 2 })
  })

  it('catches up a near-duplicate index saved behind the library: articles added since are indexed from their texts, removed ones dropped', async () => {
    const folder = async (...files: [string, string][]) => {
      const dir = await tempDir()
      for (const [outlet, name] of files) {
        await mkdir(join(dir, outlet), { recursive: true })
        await copyFile(join(SAMPLE_CORPUS_DIR, outlet, name), join(dir, outlet, name))
      }
      return dir
    }
    const store = await freshStore()
    await importFolder(store, await folder(['Northline Radio', (await readdir(join(SAMPLE_CORPUS_DIR, 'Northline Radio')))[0]!]))
    // The index as an import that stopped before its end leaves it: without the wire story imported after it…
    const behind = JSON.parse(await readFile(join(store.dir, NEAR_DUPLICATES_FILE), 'utf8')) as { articles: { id: string }[] }
    await importFolder(store, await folder(['Harbour Wire', 'vessen-bridge.txt']))
    const wire = store.listArticles().find((a) => a.paths[0]!.includes('Harbour Wire'))!
    // …and holding an article no longer in the library, with the wire story's signature.
    const saved = JSON.parse(await readFile(join(store.dir, NEAR_DUPLICATES_FILE), 'utf8')) as { articles: { id: string }[] }
    const gone = { ...saved.articles.find((entry) => entry.id === wire.id)!, id: 'removed-article' }
    await writeFile(join(store.dir, NEAR_DUPLICATES_FILE), JSON.stringify({ ...behind, articles: [...behind.articles, gone] }))

    const report = await importFolder(store, await folder(['Valley Herald', 'bridge-collapse-vessen.txt']))
    expect(report.nearDuplicates.map((flag) => flag.of)).toEqual([wire.id])
    const after = JSON.parse(await readFile(join(store.dir, NEAR_DUPLICATES_FILE), 'utf8')) as { articles: { id: string }[] }
    expect(after.articles.map((entry) => entry.id).sort()).toEqual(
      store
        .listArticles()
        .map((a) => a.id)
        .sort(),
    )
  })

  it('takes the outlet from the folder unless the dateline names one', async () => {
    const store = await freshStore()
    const report = await importFolder(store, SAMPLE_CORPUS_DIR)
    expect(report.imported).toBe(5)
    const outlets = store
      .listArticles()
      .map((a) => a.outlet)
      .sort()
    // The Valley Herald copy carries Harbour Wire's dateline: it is Harbour Wire's story.
    expect(outlets).toEqual(['Harbour Wire', 'Harbour Wire', 'Northline Radio', 'The Ledger', 'Vessen Courier'])
    // A title made from the first sentence leaves the dateline out.
    const wire = store.listArticles().find((a) => a.paths[0]?.includes('Harbour Wire'))
    // Stored whole, never with a literal ellipsis: the screen cuts it to its width.
    expect(wire?.title).toMatch(/^At least 20 people were injured when a pedestrian bridge collapsed in the centre of Vessen\S* /)
    expect(store.listArticles().some((a) => a.title.includes('…'))).toBe(false)
    expect(wire?.outletSource).toBe('dateline')
    expect(store.listArticles().find((a) => a.paths[0]?.includes('Northline Radio'))?.outletSource).toBe('folder')
  })
})

describe('importFolder with every supported format', () => {
  it('reads text, Markdown front matter, HTML, .docx and .pdf, with what each file states', async () => {
    const root = await tempDir()
    await writeFile(join(root, 'plain.txt'), 'Plain headline\nThe body of a plain article.')
    await writeFile(
      join(root, 'front.md'),
      '---\ntitle: From front matter\ndate: 2031-05-20\nsource: The Ledger\nauthor: H. Lykke\nurl: https://example.org/a\n---\nThe inquiry opened on Tuesday.\n',
    )
    await writeFile(
      join(root, 'page.html'),
      '<html><head><title>Page title</title><meta property="og:site_name" content="Northline Radio"><script>window.x=1</script></head><body><nav>Home | World</nav><article><h1>Bridge inquiry</h1><p>The council appointed a retired judge to lead the inquiry into the collapse of the bridge on Tuesday.</p><p>The inquiry is due to report by the end of September, the council said in a statement.</p></article><footer>© Northline</footer></body></html>',
    )
    await writeFile(
      join(root, 'report.docx'),
      buildDocx({ paragraphs: ['Docx headline', 'A paragraph from a Word document.'], title: 'Docx title', creator: 'A. Writer' }),
    )
    await writeFile(join(root, 'scan.pdf'), buildPdf({ pages: [['PDF headline', 'Text on the first page.']], title: 'PDF title', author: 'B. Author' }))
    const store = await freshStore()
    const report = await importFolder(store, root)
    expect(report.skipped).toEqual([])
    expect(report.imported).toBe(5)
    const byExt = (ext: string) => store.listArticles().find((a) => a.paths[0]?.endsWith(ext))!
    expect(byExt('.md')).toMatchObject({ title: 'From front matter', date: '2031-05-20', outlet: 'The Ledger', author: 'H. Lykke', url: 'https://example.org/a' })
    expect(await store.readBody(byExt('.md'))).toBe('The inquiry opened on Tuesday.\n')
    const html = await store.readBody(byExt('.html'))
    expect(html).toContain('appointed a retired judge')
    expect(html).not.toMatch(/window\.x|Home \| World|© Northline/)
    expect(byExt('.html').outlet).toBe('Northline Radio')
    expect(await store.readBody(byExt('.docx'))).toContain('A paragraph from a Word document.')
    expect(byExt('.docx').author).toBe('A. Writer')
    expect(await store.readBody(byExt('.pdf'))).toContain('Text on the first page.')
  })
})

describe('importFolder with bad and awkward files', () => {
  it('skips each bad file with a specific reason and imports the rest', async () => {
    const root = await tempDir('triangulate-folder-')
    await mkdir(join(root, 'outlet'))
    await writeFile(join(root, 'outlet', 'good.txt'), 'Good headline\nA real paragraph of text.\n')
    await writeFile(join(root, 'empty.txt'), '')
    await writeFile(join(root, 'blank.txt'), '  \n\t\n')
    await writeFile(join(root, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]))
    await writeFile(join(root, 'latin1.txt'), Buffer.from('caf\xe9 au lait', 'latin1'))
    await writeFile(join(root, '.DS_Store'), 'junk')
    await writeFile(join(root, 'photo.jpg'), 'not an article')
    await writeFile(join(root, 'huge.txt'), 'x'.repeat(2048))
    await symlink(root, join(root, 'loop'))
    const store = await freshStore()
    const report = await importFolder(store, root, { maxFileBytes: 1024 })
    expect(report.imported).toBe(2) // good.txt, and latin1.txt decoded as a legacy encoding
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.path.slice(root.length + 1), s.reason]))
    expect(reasons).toEqual({
      'empty.txt': 'empty file',
      'blank.txt': 'file contains only whitespace',
      'binary.txt': 'binary file (contains NUL bytes), not text',
      '.DS_Store': 'hidden or system file',
      'photo.jpg': 'unsupported file type (.jpg)',
      'huge.txt': 'file too large (2 KB, limit 1 KB)',
      loop: 'symbolic link (not followed)',
    })
    expect(store.listArticles().find((a) => a.paths[0]?.endsWith('good.txt'))).toMatchObject({ title: 'Good headline', outlet: 'outlet' })
    const latin1 = store.listArticles().find((a) => a.paths[0]?.endsWith('latin1.txt'))
    expect(await store.readBody(latin1!)).toBe('café au lait')
  })

  // Root reads any file whatever its mode, so there is nothing to refuse there.
  it.skipIf(process.getuid?.() === 0)('reports an unreadable file and carries on', async () => {
    const root = await tempDir()
    await writeFile(join(root, 'locked.txt'), 'secret')
    await chmod(join(root, 'locked.txt'), 0o000)
    await writeFile(join(root, 'open.txt'), 'open text')
    const report = await importFolder(await freshStore(), root)
    expect(report.imported).toBe(1)
    expect(report.skipped[0]?.reason).toMatch(/could not be read/)
  })

  it('treats the same text with a BOM, UTF-16 or CRLF line endings as one article', async () => {
    const root = await tempDir()
    const text = 'Headline here\nCafé société — “quoted”.\n'
    await writeFile(join(root, 'a.txt'), text)
    await writeFile(join(root, 'b.txt'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace(/\n/g, '\r\n'))]))
    await writeFile(join(root, 'c.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))
    await writeFile(join(root, 'd.txt'), text.normalize('NFD'))
    const store = await freshStore()
    const report = await importFolder(store, root)
    expect(report).toMatchObject({ imported: 1, duplicates: 3 })
    expect(store.listArticles()[0]?.paths.map((p) => p.slice(root.length + 1))).toEqual(['a.txt', 'b.txt', 'c.txt', 'd.txt'])
  })

  it('replaces the text of a file that changed since its last import, keeping the article id', async () => {
    const root = await tempDir()
    await writeFile(join(root, 'story.txt'), 'Headline\nFirst version.')
    const store = await freshStore()
    await importFolder(store, root)
    const id = store.listArticles()[0]?.id
    await writeFile(join(root, 'story.txt'), 'Headline\nSecond version, revised.')
    const report = await importFolder(store, root)
    expect(report).toMatchObject({ imported: 0, updated: 1 })
    expect(store.listArticles()).toHaveLength(1)
    expect(await store.readBody(store.getArticle(id!)!)).toBe('Headline\nSecond version, revised.')
  })

  it('saves every article whose body reached the disk when another body cannot be written, and fails the import', async () => {
    const root = await tempDir()
    const texts = Array.from({ length: 12 }, (_, i) => `Headline ${i}\nBody of story ${i}.`)
    for (const [i, text] of texts.entries()) await writeFile(join(root, `s${String(i).padStart(2, '0')}.txt`), text)
    const store = await freshStore()
    // The disk refuses story 5's body (as a full disk would): that one write fails, the others do not.
    const blocked = createHash('sha256').update(texts[5]!).digest('hex')
    const writeBody = store.writeBody.bind(store)
    store.writeBody = (hash, text) => (hash === blocked ? Promise.reject(new Error('ENOSPC: no space left on device')) : writeBody(hash, text))
    await expect(importFolder(store, root)).rejects.toThrow(/ENOSPC/)
    await store.close()
    const reopened = await CorpusStore.open(store.dir)
    const saved = reopened.listArticles()
    expect(saved.map((a) => a.title).sort()).toEqual(
      texts
        .filter((_, i) => i !== 5)
        .map((t) => t.split('\n')[0])
        .sort(),
    )
    for (const article of saved) expect(await reopened.readBody(article)).toBe(texts.find((t) => t.startsWith(`${article.title}\n`)))
  })

  it('says clearly when the folder does not exist or is a file', async () => {
    const root = await tempDir()
    await writeFile(join(root, 'a.txt'), 'x')
    const store = await freshStore()
    await expect(importFolder(store, join(root, 'missing'))).rejects.toThrow(/Folder not found/)
    await expect(importFolder(store, join(root, 'a.txt'))).rejects.toThrow(/is a file, not a folder/)
  })

  it('keeps every file finished before a cancel and reports progress', async () => {
    const root = await tempDir()
    for (let i = 0; i < 30; i++) await writeFile(join(root, `f${String(i).padStart(2, '0')}.txt`), `Headline ${i}\nBody ${i}.`)
    const store = await freshStore()
    const controller = new AbortController()
    const seen: number[] = []
    const report = await importFolder(store, root, {
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.processed)
        if (p.processed === 10) controller.abort()
      },
    })
    expect(report.imported).toBe(10)
    expect(seen.at(-1)).toBe(10)
    await store.close()
    const reopened = await CorpusStore.open(store.dir)
    expect(reopened.listArticles()).toHaveLength(10)
  })
})

describe('commits while files are being imported', () => {
  it('go on beside the import, and save every article once, with the copy of its file found while it was being committed', async () => {
    const folder = await tempDir('triangulate-pairs-')
    const name = (i: number) => String(i).padStart(4, '0')
    const words = (i: number) => Array.from({ length: 60 }, (_, k) => createHash('sha256').update(`${i}/${k}`).digest('hex').slice(0, 7)).join(' ')
    for (let i = 0; i < 300; i++) {
      // A file and its copy, listed one after the other: a commit starts after the file that makes
      // its batch (a copy adds no article), so its copy is found while that commit is written.
      await writeFile(join(folder, `${name(i)}-a.txt`), `Report ${i}\n\n${words(i)}\n`)
      await copyFile(join(folder, `${name(i)}-a.txt`), join(folder, `${name(i)}-b.txt`))
    }
    const store = await freshStore()
    const save = store.saveArticles.bind(store)
    let saving = 0
    let saves = 0
    let filesWhileSaving = 0
    store.saveArticles = async (changed) => {
      saving++
      saves++
      try {
        return await save(changed)
      } finally {
        saving--
      }
    }
    const report = await importFolder(store, folder, {
      commits: { everyFiles: 20, minIntervalMs: 0 },
      onProgress: (progress) => {
        if (saving > 0 && progress.processed > 0) filesWhileSaving++
      },
    })
    expect(report).toMatchObject({ imported: 300, duplicates: 300, skipped: [] })
    expect(saves).toBeGreaterThanOrEqual(2)
    expect(filesWhileSaving).toBeGreaterThan(0)
    const pairsOf = (articles: readonly { paths: string[] }[]) => articles.map((article) => article.paths.map((path) => path.slice(folder.length + 1)).join(' '))
    const expected = Array.from({ length: 300 }, (_, i) => `${name(i)}-a.txt ${name(i)}-b.txt`)
    expect(pairsOf(store.listArticles())).toEqual(expected)
    await store.close()
    const reopened = await CorpusStore.open(store.dir)
    expect(pairsOf(reopened.listArticles())).toEqual(expected)
    // Every text was indexed by the commits' flushes, though bodies were written while they ran.
    expect(reopened.notices).toEqual([])
    for (const [i, article] of reopened.listArticles().entries()) expect(await reopened.readBody(article)).toBe(`Report ${i}\n\n${words(i)}\n`)
    await reopened.close()
  })
})
