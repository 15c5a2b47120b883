// What "Import folder" runs: importFolder, with each new text's search terms (counted by the
// preparation worker) handed to the index as the text is stored, then the index saved. "Done" means
// searchable. The service's import jobs and the bench run this one function, so the bench measures
// the job the analyst waits for.

import { importFolder, type ImportOptions } from '../import/import-folder'
import type { CorpusSearch } from '../search/corpus-search'
import type { CorpusStore } from '../store/corpus-store'
import type { ImportProgress, ImportReport } from '../../shared/model'

export async function importAndIndex(
  store: CorpusStore,
  search: CorpusSearch,
  folder: string,
  { onProgress, signal, preparation }: Pick<ImportOptions, 'onProgress' | 'signal' | 'preparation'> = {},
): Promise<ImportReport> {
  await search.ready()
  let last: ImportProgress | null = null
  let report: ImportReport
  // The index is saved while the import's last commit is written, the two files' writes and flushes
  // to disk overlapping. A save that fails here is made again below (update saves what
  // is unsaved), and one made before a commit that then fails holds texts the library does not,
  // which loading it leaves out (CorpusSearch.load).
  let saving: Promise<void> = Promise.resolve()
  try {
    report = await importFolder(store, folder, {
      onProgress: (p) => onProgress?.((last = p)),
      signal,
      preparation,
      onArticleTerms: (article, terms) => search.take(article, terms),
      onFilesProcessed: () => {
        saving = search.saveTaken().catch(() => undefined)
      },
    })
  } catch (error) {
    await saving
    // Texts of articles the failure left uncommitted must not be found.
    search.forgetMissing()
    throw error
  }
  await saving
  // Anything not taken during the import (a cancelled or reloading index) is read back here.
  await search.update(report.articleIds, {
    signal,
    onProgress: (done, total) => last && onProgress?.({ ...last, indexing: { done, total } }),
  })
  return report
}
