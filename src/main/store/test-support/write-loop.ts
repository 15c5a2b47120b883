// Child process for the crash test: opens a store and adds claims as fast as it can, printing
// "ack N" only after claim N is durably written. The parent kills it at a random moment.

import { CorpusStore } from '../corpus-store'

async function main(): Promise<void> {
  const [dir, first] = process.argv.slice(2)
  if (!dir || first === undefined) throw new Error('usage: write-loop <store-dir> <first-id>')
  const store = await CorpusStore.open(dir, { app: 'write-loop' })
  for (let n = Number(first); ; n++) {
    const at = new Date().toISOString()
    await store.addClaim({ id: `c_${n}`, text: `claim ${n}`, tags: [], note: '', statusOverride: null, createdAt: at, updatedAt: at })
    process.stdout.write(`ack ${n}\n`)
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`write-loop: ${(error as Error).stack}\n`)
  process.exit(1)
})
