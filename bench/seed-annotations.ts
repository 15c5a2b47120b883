// Child-process entry that grows a store's annotations (see annotation-fixtures), so the fixture's
// memory never counts towards the bench process's peak RSS. Prints one JSON line.
// Usage: tsx bench/seed-annotations.ts <storeDir> <seed> <claims> <links>

import { growAnnotations } from './annotation-fixtures'

async function main(): Promise<void> {
  const [storeDir, seed, claims, links] = process.argv.slice(2)
  if (!storeDir || !seed || !claims || !links) throw new Error('usage: seed-annotations <storeDir> <seed> <claims> <links>')
  const fixture = await growAnnotations(storeDir, Number(seed), { claims: Number(claims), links: Number(links) })
  console.log(JSON.stringify(fixture))
}

main().catch((error: unknown) => {
  console.error(`seed-annotations: ${(error as Error).stack ?? error}`)
  process.exit(1)
})
