// `npm run serve`: the browser shell. Opens the store, starts the loopback server over the built
// renderer and prints the URL (with this run's token) to open in a browser.

import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createTriangulateService } from '../service/triangulate-service'
import { CorpusStore } from '../store/corpus-store'
import { resolveStoreDir } from '../store/store-location'
import { startShellServer } from './shell-server'

const PROJECT_ROOT = resolve(__dirname, '../../..')

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { store: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  })
  if (values.help) {
    console.log('Usage: npm run serve -- [--store DIR] [--port N]\nServes Triangulate on http://127.0.0.1 for a browser.')
    return
  }
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${values.port}"`)

  const storeDir = resolveStoreDir(values.store)
  const store = await CorpusStore.open(storeDir, { app: 'the Triangulate browser shell' })
  for (const notice of store.notices) console.warn(`Notice: ${notice}`)
  const service = createTriangulateService({ store, sampleCorpusDir: join(PROJECT_ROOT, 'resources', 'sample-corpus') })
  const server = await startShellServer({ handlers: service, rendererDir: join(PROJECT_ROOT, 'out', 'renderer'), port })
  await service.watchedFolders.resume()
  // Team sync carries on if it was on (issue 19); credentials from the environment or an owner-only file.
  void service.sync.resumeIfEnabled()
  // Derived indexes lost, outdated or cut short by the last stop are rebuilt in the background.
  void service.derivedIndexes.updateAll()

  console.log(`Triangulate is running in your browser shell (store: ${storeDir}).`)
  console.log(`Open: ${server.url}`)
  const stop = async () => {
    await server.close()
    service.watchedFolders.close()
    await service.importJobs.shutdown()
    await service.derivedIndexes.close()
    await service.sync.close()
    await store.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(`triangulate serve: ${(error as Error).message}`)
  process.exit(1)
})
