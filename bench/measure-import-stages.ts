// The import's cost stage by stage: each stage of what importFolder does to a file, run alone over
// the same files on one thread, timed in wall and CPU time, so a stage that grows shows by name
// (DECISIONS section 1: the import's budget covers reading, decoding, metadata, boilerplate,
// duplicates, writing and search). The real import runs these overlapped (a preparation worker,
// reads ahead, writes behind), so its wall time is not their sum; the stages say where the CPU goes.
// The search index stage is the index's own work, which the import job does as each text is stored.
// Uses the importer's functions as they are; writes only in its scratch folder.

import { rm } from 'node:fs/promises'
import { basename, extname, join, relative } from 'node:path'
import { detectBoilerplate } from '../src/shared/boilerplate/detect-boilerplate'
import { withoutFurniture } from '../src/shared/boilerplate/article-content'
import { InvertedIndex } from '../src/main/search/inverted-index'
import { TermVocabulary, WorkerTermNumbers } from '../src/main/search/document-terms'
import { foldsByLowerCasing, foldText } from '../src/main/search/search-terms'
import { WordTally } from '../src/main/search/text-scan'
import { readArticleFileSync } from '../src/main/import/read-ahead'
import { countWords, extractMetadata } from '../src/main/import/article-metadata'
import { extractArticle } from '../src/main/import/formats/extract-article'
import { createNearDuplicateIndex } from '../src/main/import/near-duplicates'
import { nearDuplicateEntry, nearDuplicateEntryOfWords } from '../src/main/import/near-duplicate-signature'
import { sha256 } from '../src/main/import/prepare-article-file'
import { CorpusStore, NEAR_DUPLICATES_FILE } from '../src/main/store/corpus-store'
import type { Article } from '../src/shared/model'

export interface StageCost {
  stage: string
  /** What the stage runs, for the table's reader. */
  what: string
  wallMs: number
  cpuMs: number
}

/** Articles per commit, as the importer commits at most every 500 files. */
const COMMIT_EVERY = 500
/** Body writes in flight, as the importer's write-behind. */
const WRITES_IN_FLIGHT = 64

async function stage<T>(costs: StageCost[], name: string, what: string, work: () => Promise<T> | T): Promise<T> {
  const cpu = process.cpuUsage()
  const started = performance.now()
  const value = await work()
  const wallMs = performance.now() - started
  const used = process.cpuUsage(cpu)
  costs.push({ stage: name, what, wallMs, cpuMs: (used.user + used.system) / 1000 })
  return value
}

/**
 * Runs each import stage over `files` (the corpus's files, outlet folders under `corpusDir`), storing
 * the texts into a throwaway store under `scratchDir` for the writes stage. Texts are held in memory
 * between stages (the corpus is ~60 MB at 10,000 articles).
 */
export async function measureImportStages(corpusDir: string, files: readonly string[], scratchDir: string): Promise<StageCost[]> {
  const costs: StageCost[] = []
  const bytes = await stage(costs, 'read', 'read every file synchronously, as the preparation worker reads the files it prepares', () =>
    files.map((file) => {
      const read = readArticleFileSync(file, Number.MAX_SAFE_INTEGER)
      if (read.kind !== 'read') throw new Error(`could not read ${file}: ${read.kind}`)
      return read.bytes
    }),
  )
  const texts = await stage(costs, 'decode', 'extractArticle: encoding detected, decoded, normalised (NFC, line breaks)', async () => {
    const out: string[] = []
    for (let i = 0; i < files.length; i++) {
      const result = await extractArticle(files[i] as string, bytes[i] as Uint8Array)
      out.push(result.ok ? result.article.text : '')
    }
    return out
  })
  const hashes = await stage(costs, 'hash', 'sha256 of each text (content hash; the file hash is the same bytes)', () => texts.map((t) => sha256(Buffer.from(t, 'utf8'))))
  await stage(costs, 'metadata', 'extractMetadata (title, outlet, date, byline)', () => {
    files.forEach((file, i) => {
      const parts = relative(corpusDir, file).split('/')
      extractMetadata(texts[i] as string, { fileName: basename(file, extname(file)), folderOutlet: parts.length >= 2 ? (parts[parts.length - 2] ?? null) : null })
    })
  })
  const furniture = await stage(costs, 'boilerplate', 'detectBoilerplate on each text (once: word count, shingles and search all use it)', () =>
    texts.map((t) => detectBoilerplate(t)),
  )
  const workerNumbers = new WorkerTermNumbers()
  const tally = new WordTally()
  const wordHashes: Int32Array[] = []
  const searchTerms = await stage(
    costs,
    'search terms',
    "one pass over each text, furniture blanked (in the preparation worker): its search terms counted and numbered in the worker's vocabulary, its words counted, its near-duplicate words hashed",
    () =>
      texts.map((t, i) => {
        const content = withoutFurniture(t, furniture[i]!)
        if (!foldsByLowerCasing(content)) {
          countWords(content)
          wordHashes.push(new Int32Array(0))
          return workerNumbers.numberText(foldText(content))
        }
        const terms = workerNumbers.numberText(content.toLowerCase(), tally)
        wordHashes.push(tally.wordHashes().slice())
        return terms
      }),
  )
  await stage(costs, 'search index', "the worker's new terms learned, then InvertedIndex.addTerms of each text's numbered terms (the importer's thread)", () => {
    const index = new InvertedIndex()
    const vocabulary = new TermVocabulary()
    searchTerms.forEach((terms, i) => {
      vocabulary.learn(terms)
      index.addTerms(`a${i}`, '', terms)
    })
  })
  const similar = createNearDuplicateIndex()
  await stage(costs, 'near-duplicates', 'shingles + MinHash signature from the words the search terms pass hashed, then the index lookup', () =>
    texts.forEach((t, i) =>
      similar.addEntryAndFindSimilar(`a${i}`, wordHashes[i]!.length > 0 ? nearDuplicateEntryOfWords(wordHashes[i]!) : nearDuplicateEntry(t, furniture[i])),
    ),
  )

  const storeDir = join(scratchDir, 'stage-writes-store')
  const store = await CorpusStore.open(storeDir, { app: 'Triangulate bench (import stages)' })
  try {
    const now = new Date().toISOString()
    await stage(
      costs,
      'writes',
      `bodies into packs (${WRITES_IN_FLIGHT} in flight), metadata committed every 500, the near-duplicate index saved at the end`,
      async () => {
        for (let at = 0; at < texts.length; at += COMMIT_EVERY) {
          const batch = texts.slice(at, at + COMMIT_EVERY)
          for (let i = 0; i < batch.length; i += WRITES_IN_FLIGHT) {
            await Promise.all(batch.slice(i, i + WRITES_IN_FLIGHT).map((t, j) => store.writeBody(hashes[at + i + j] as string, t)))
          }
          await store.saveArticles(
            batch.map((_, j): Article => ({
              id: `stage-${at + j}`,
              title: `Article ${at + j}`,
              outlet: null,
              date: null,
              author: null,
              url: null,
              paths: [files[at + j] as string],
              wordCount: 0,
              contentHash: hashes[at + j] as string,
              fileHash: hashes[at + j] as string,
              importedAt: now,
              nearDuplicateOf: null,
              edited: [],
              outletSource: null,
            })),
          )
        }
        await store.writeSidecarPieces(NEAR_DUPLICATES_FILE, similar.jsonPieces())
      },
    )
  } finally {
    await store.close()
    await rm(storeDir, { recursive: true, force: true })
  }
  return costs
}
