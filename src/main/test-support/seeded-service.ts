// A real store and service for tests, with folders imported through the import job as the app does
// it, and a way to highlight a phrase wherever it stands in the imported articles.

import { CorpusStore } from '../store/corpus-store'
import { createTriangulateService } from '../service/triangulate-service'
import { SAMPLE_CORPUS_DIR, SEEDS_DIR, tempDir } from './temp-dir'

export async function serviceWithImports(folders: readonly string[] = [SEEDS_DIR], dir?: string) {
  const store = await CorpusStore.open(dir ?? (await tempDir()))
  const service = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
  for (const path of folders) {
    await service.startImport({ path })
    await service.importJobs.idle()
  }
  /** Highlights the first place `phrase` appears, in the first article holding it. */
  const highlight = async (phrase: string) => {
    for (const a of (await service.listArticles({})).articles) {
      const { text } = await service.getArticle({ id: a.id })
      const start = text.indexOf(phrase)
      if (start >= 0) return service.createHighlight({ articleId: a.id, start, end: start + phrase.length })
    }
    throw new Error(`not in the store: ${phrase}`)
  }
  return { store, service, highlight }
}
