// Child-process entry for the import's per-stage costs in `npm run bench` (measure-import-stages.ts):
// the stages hold every text in memory, which must not count towards the bench process's peak RSS.
// Prints one JSON line. Usage: tsx bench/import-stages-probe.ts <corpus dir> <scratch dir>

import { listCorpusFiles } from './measure-floors'
import { measureImportStages } from './measure-import-stages'

async function main(): Promise<void> {
  const [corpusDir, scratchDir] = process.argv.slice(2)
  if (!corpusDir || !scratchDir) throw new Error('usage: import-stages-probe <corpus dir> <scratch dir>')
  const stages = await measureImportStages(corpusDir, await listCorpusFiles(corpusDir), scratchDir)
  console.log(JSON.stringify({ stages }))
}

main().catch((error: unknown) => {
  console.error(`import-stages-probe: ${(error as Error).stack ?? error}`)
  process.exit(1)
})
