// Child-process entry for the store-open figure: in a fresh Node process (cold JIT, no state left by
// the import), opens the store and asks the service for the library's first page, as the app does
// at start (the list is virtualised and pages through the service), and prints one JSON line. Modules are loaded before the clock starts: the figure is the store's.
// Usage: tsx bench/store-open-probe.ts <storeDir>

import { openSession } from './store-session'

/** The library's page (ARTICLE_PAGE_SIZE in the renderer's article-pages.ts, which imports React). */
const FIRST_PAGE_ROWS = 100

async function main(): Promise<void> {
  const storeDir = process.argv[2]
  if (!storeDir) throw new Error('usage: store-open-probe <storeDir>')
  const started = performance.now()
  const session = await openSession(storeDir)
  const opened = performance.now()
  const page = await session.service.listArticles({ offset: 0, limit: FIRST_PAGE_ROWS, sort: 'newest' })
  const listed = performance.now()
  await session.close()
  console.log(
    JSON.stringify({
      ms: listed - started,
      openMs: opened - started,
      listMs: listed - opened,
      articles: page.total,
      pageRows: page.articles.length,
      rssMB: process.memoryUsage().rss / 1024 / 1024,
    }),
  )
}

main().catch((error: unknown) => {
  console.error(`store-open-probe: ${(error as Error).stack ?? error}`)
  process.exit(1)
})
