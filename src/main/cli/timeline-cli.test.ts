import { execFile } from 'node:child_process'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { TIMELINE_CSV_COLUMNS } from '../export/timeline-csv'
import { readCsvWithPython } from '../test-support/python-readers'
import { SEEDS_DIR, tempDir } from '../test-support/temp-dir'

const run = promisify(execFile)
const ROOT = resolve(__dirname, '../../..')
/** Each CLI run starts tsx, which takes seconds on a loaded two-core machine. */
const CLI_TIMEOUT = 180_000
const cli = (...args: string[]) => run(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/main/cli/cli.ts'), ...args], { cwd: ROOT })

describe('the CLI time line', () => {
  it(
    'prints every event in the shape DECISIONS section 10 fixes, and exports it as CSV that Python reads',
    async () => {
      const store = await tempDir()
      await cli('import', SEEDS_DIR, '--store', store, '--json')
      const { events } = JSON.parse((await cli('timeline', '--store', store, '--json')).stdout) as { events: Record<string, unknown>[] }
      expect(events.length).toBeGreaterThan(20)
      for (const e of events) {
        expect(Object.keys(e).sort()).toEqual(['articleId', 'basis', 'date', 'dateEnd', 'end', 'expression', 'precision', 'reason', 'sentence', 'start'])
        expect(['day', 'week', 'month', 'year']).toContain(e.precision)
        expect(['explicit', 'article-date', 'unresolved']).toContain(e.basis)
        if (e.date !== null)
          expect(e.date).toMatch(e.precision === 'day' || e.precision === 'week' ? /^\d{4}-\d{2}-\d{2}$/ : e.precision === 'month' ? /^\d{4}-\d{2}$/ : /^\d{4}$/)
        else expect(e.basis).toBe('unresolved')
      }
      // 003's "set to take place Thursday" (dated 2025-07-30), 004's "later on Saturday" (2025-07-12).
      expect(events.find((e) => String(e.sentence).includes('set to take place Thursday') && e.expression === 'Thursday')).toMatchObject({
        date: '2025-07-31',
        precision: 'day',
      })
      expect(events.find((e) => e.expression === 'Saturday')).toMatchObject({ date: '2025-07-12' })
      // A week is dated by its Monday.
      for (const e of events.filter((x) => x.precision === 'week' && x.date)) expect(new Date(`${e.date}T00:00:00Z`).getUTCDay()).toBe(1)

      const out = join(store, 'timeline.csv')
      await cli('export', 'timeline', '--store', store, '--out', out)
      const rows = await readCsvWithPython(out)
      expect(rows[0]).toEqual([...TIMELINE_CSV_COLUMNS])
      expect(rows).toHaveLength(events.length + 1)
      for (const row of rows.slice(1)) expect(row).toHaveLength(TIMELINE_CSV_COLUMNS.length)
      const col = (name: (typeof TIMELINE_CSV_COLUMNS)[number]) => TIMELINE_CSV_COLUMNS.indexOf(name)
      const saturday = rows.find((r) => r[col('expression')] === 'Saturday')!
      expect(saturday[col('date')]).toBe('2025-07-12')
      expect(saturday[col('sentence')]).toContain('later on Saturday')

      // --entity keeps the events said in a sentence naming the entity, however spelled.
      const { entities } = JSON.parse((await cli('entities', '--store', store, '--json')).stdout) as { entities: { id: string; name: string }[] }
      const shaibani = entities.find((e) => e.name === 'Asaad al-Shaibani')!
      const filtered = (JSON.parse((await cli('timeline', '--store', store, '--entity', shaibani.id, '--json')).stdout) as { events: Record<string, unknown>[] }).events
      expect(filtered.length).toBeGreaterThan(0)
      expect(filtered.length).toBeLessThan(events.length)
      for (const e of filtered) expect(String(e.sentence)).toMatch(/Shaibani/i)
    },
    CLI_TIMEOUT,
  )
})
