// Child-process entry of a service group (service-groups.ts): a fresh Node process opens the store and
// runs the group's phases, logging them to stderr as the bench does, then prints one JSON line: the
// group's figures, its failures, its memory after each phase and its peak RSS.
// Usage: tsx bench/service-group-child.ts <import|session|board|csv|long-session> <input.json> [--search-indexed]

import { readFile } from 'node:fs/promises'
import { BenchPhases } from './bench-phases'
import { boardGroup, csvGroup, type GroupInput, type GroupOutcome, importGroup, longSession, sessionGroup } from './service-groups'

async function main(): Promise<void> {
  const [group, inputFile, flag] = process.argv.slice(2)
  if (!group || !inputFile) throw new Error('usage: service-group-child <group> <input.json> [--search-indexed]')
  const input = JSON.parse(await readFile(inputFile, 'utf8')) as GroupInput
  const phases = new BenchPhases(`bench ${group}`)
  let figures: unknown
  if (group === 'import') figures = await importGroup(input, phases)
  else if (group === 'session') figures = await sessionGroup(input, phases, flag === '--search-indexed')
  else if (group === 'board') figures = await boardGroup(input, phases)
  else if (group === 'csv') figures = await csvGroup(input, phases)
  else if (group === 'long-session') figures = await longSession(input, phases)
  else throw new Error(`no service group "${group}"`)
  const outcome: GroupOutcome<unknown> = {
    figures,
    failures: phases.failures,
    memoryByPhase: phases.memoryByPhase,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  }
  console.log(JSON.stringify(outcome))
}

main().catch((error: unknown) => {
  console.error(`service-group-child: ${(error as Error).stack ?? error}`)
  process.exit(1)
})
