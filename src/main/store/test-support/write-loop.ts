// Child process for the crash tests: opens a store and writes as fast as it can, printing "ack N"
// only after write N is durable. The parent kills it at a random moment. What it writes:
//   claims    one claim per write (the annotations journal)
//   articles  one article per write: its body, then its metadata (body packs, then the library)

import { createHash } from 'node:crypto'
import { CorpusStore } from '../corpus-store'
import { crashTestArticleText } from './crash-test-texts'

async function main(): Promise<void> {
  const [dir, first, kind = 'claims'] = process.argv.slice(2)
  if (!dir || first === undefined) throw new Error('usage: write-loop <store-dir> <first-id> [claims|articles]')
  const store = await CorpusStore.open(dir, { app: 'write-loop' })
  for (let n = Number(first); ; n++) {
    const at = new Date().toISOString()
    if (kind === 'articles') {
      const text = crashTestArticleText(n)
      const contentHash = createHash('sha256').update(text).digest('hex')
      await store.writeBody(contentHash, text)
      await store.saveArticles([
        {
          id: `a_${n}`,
          title: `Article ${n}`,
          outlet: null,
          date: null,
          author: null,
          url: null,
          nearDuplicateOf: null,
          edited: [],
          outletSource: null,
          paths: [`/crash/${n}.txt`],
          wordCount: 0,
          contentHash,
          fileHash: contentHash,
          importedAt: at,
        },
      ])
    } else {
      await store.addClaim({ id: `c_${n}`, text: `claim ${n}`, tags: [], note: '', statusOverride: null, createdAt: at, updatedAt: at })
    }
    process.stdout.write(`ack ${n}\n`)
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`write-loop: ${(error as Error).stack}\n`)
  process.exit(1)
})
