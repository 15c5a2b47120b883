// Opens a store folder the way the CLI and the browser shell do (CorpusStore.open, then the service
// over it) and closes it again (releasing the store's one-writer lock), so a phase can hand the
// folder to another process or rewrite a fixture file while nothing holds it open.

import { join, resolve } from 'node:path'
import { createTriangulateService, type TriangulateService } from '../src/main/service/triangulate-service'
import { CorpusStore } from '../src/main/store/corpus-store'

export const PROJECT_ROOT = resolve(__dirname, '..')
const SAMPLE_CORPUS_DIR = join(PROJECT_ROOT, 'resources', 'sample-corpus')

export interface StoreSession {
  store: CorpusStore
  service: TriangulateService
  close(): Promise<void>
}

/** Named in the store's lock file, so a process refused the store is told who holds it. */
const LOCK_OWNER = 'Triangulate bench'

export async function openSession(storeDir: string): Promise<StoreSession> {
  const store = await CorpusStore.open(storeDir, { app: LOCK_OWNER })
  const service = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
  return {
    store,
    service,
    close: async () => {
      await service.importJobs.idle()
      await store.close()
    },
  }
}
