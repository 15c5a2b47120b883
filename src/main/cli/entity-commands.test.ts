import { execFile } from 'node:child_process'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ENTITIES_CSV_COLUMNS } from '../export/entities-csv'
import { readCsvWithPython } from '../test-support/python-readers'
import { SEEDS_DIR, tempDir } from '../test-support/temp-dir'

const run = promisify(execFile)
const ROOT = resolve(__dirname, '../../..')
/** Each CLI run starts tsx, which takes seconds on a loaded two-core machine. */
const CLI_TIMEOUT = 300_000
const cli = (...args: string[]) => run(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/main/cli/cli.ts'), ...args], { cwd: ROOT })

interface CliEntity {
  id: string
  name: string
  type: string
  variants: string[]
  articles: number
  mentions: number
}
const entitiesOf = async (store: string) => (JSON.parse((await cli('entities', '--store', store, '--json')).stdout) as { entities: CliEntity[] }).entities

describe('the CLI entities', () => {
  it(
    'lists entities in DECISIONS section 10’s shape, merges, splits, renames, types and deletes, and exports a CSV Python reads',
    async () => {
      const store = await tempDir()
      await cli('import', SEEDS_DIR, '--store', store, '--json')
      const entities = await entitiesOf(store)
      for (const e of entities) {
        expect(Object.keys(e).sort()).toEqual(['articles', 'id', 'mentions', 'name', 'type', 'variants'])
        expect(['person', 'place', 'organisation']).toContain(e.type)
      }
      const one = (list: CliEntity[], variant: string) => {
        const found = list.filter((e) => e.variants.includes(variant))
        expect(found, variant).toHaveLength(1)
        return found[0]!
      }
      const sharaa = one(entities, 'Al Shara')
      expect(sharaa.variants).toEqual(expect.arrayContaining(['Ahmed al-Sharaa', 'Ahmad al-Sharaa', 'Sharaa']))
      const dermer = one(entities, 'Dermer')

      await cli('entity', 'merge', sharaa.id, dermer.id, '--store', store)
      expect(one(await entitiesOf(store), 'Dermer').id).toBe(sharaa.id)
      await cli('entity', 'split', sharaa.id, '--variant', 'Dermer', '--store', store)
      await cli('entity', 'split', sharaa.id, '--variant', 'Ron Dermer', '--store', store)
      await cli('entity', 'rename', sharaa.id, 'Ahmed', 'al-Sharaa', '--store', store)
      await cli('entity', 'type', one(await entitiesOf(store), 'Shahba').id, 'organisation', '--store', store)
      await cli('entity', 'delete', one(await entitiesOf(store), 'Jordan').id, '--store', store)
      const after = await entitiesOf(store)
      expect(one(after, 'Al Shara')).toMatchObject({ id: sharaa.id, name: 'Ahmed al-Sharaa' })
      expect(one(after, 'Dermer').id).not.toBe(sharaa.id)
      expect(one(after, 'Shahba').type).toBe('organisation')
      expect(after.some((e) => e.variants.includes('Jordan'))).toBe(false)
      await expect(cli('entity', 'split', sharaa.id, '--variant', 'Moscow', '--store', store)).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringContaining('is not a variant'),
      })

      const out = join(store, 'entities.csv')
      await cli('export', 'entities', '--store', store, '--out', out)
      const rows = await readCsvWithPython(out)
      expect(rows[0]).toEqual([...ENTITIES_CSV_COLUMNS])
      const body = rows.slice(1)
      // One row per entity, spelling and article; the counts add up to the entity's mentions.
      for (const e of after) {
        const own = body.filter((r) => r[5] === e.id)
        expect(
          own.reduce((n, r) => n + Number(r[4]), 0),
          e.name,
        ).toBe(e.mentions)
        expect(new Set(own.map((r) => r[3])).size).toBe(e.articles)
      }
      expect(body.filter((r) => r[0] === 'Ahmed al-Sharaa' && r[2] === 'Sharaa').map((r) => Number(r[4]))).toContain(7)
    },
    CLI_TIMEOUT,
  )
})
