// The whole analyst loop through the UI on the seed articles: import → read side by side →
// highlight → tag to claims → claim board → restart → jump to evidence → export CSV.

import { readFile } from 'node:fs/promises'
import { readCsvWithPython } from '../src/main/test-support/python-readers'
import { expect, importThroughUi, openInReader, SEEDS_DIR, selectPhrase, test } from './fixtures'

test('import, read side by side, tag evidence, see the board, export CSV', async ({ workbench }) => {
  let page = workbench.page
  const library = page.getByRole('region', { name: 'Library' })
  const board = page.getByRole('region', { name: 'Claim board' })

  await importThroughUi(page, SEEDS_DIR, '5 imported')
  await expect(library.getByRole('list', { name: 'Articles' }).getByRole('listitem')).toHaveCount(5)

  // Read two accounts side by side.
  await openInReader(page, /resume secret talks in Baku/, 1)
  await openInReader(page, /Syrian-Israeli ministerial meeting/, 2)
  await expect(page.getByRole('region', { name: 'Reader 1' }).getByRole('heading')).toHaveText(
    'Syria and Israel reportedly resume secret talks in Baku amid Sweida crisis',
  )
  await expect(page.getByRole('region', { name: 'Reader 2' }).getByRole('heading')).toContainText('A Syrian-Israeli ministerial meeting')

  // Highlight in Reader 1 and make a new claim of it.
  await selectPhrase(page, 'Reader 1', 'more than 1,400 deaths')
  const popover = page.getByRole('dialog', { name: 'Tag selection' })
  await expect(popover.getByRole('textbox', { name: 'Claim' })).toHaveValue('more than 1,400 deaths')
  await popover.getByRole('textbox', { name: 'Claim' }).fill('The Sweida clashes killed over 1,400 people')
  await popover.getByRole('button', { name: 'Create claim' }).click()
  await expect(popover).toBeHidden()
  await expect(page.getByRole('region', { name: 'Reader 1' }).locator('mark')).toHaveText(['more than 1,400 deaths'])

  const card = board.getByRole('listitem', { name: 'The Sweida clashes killed over 1,400 people' })
  await expect(card).toContainText('Single source')
  await expect(card).toContainText('1 article · 1 outlet · 1 independent origin')

  // The same fact from a second outlet, attached to the existing claim.
  await selectPhrase(page, 'Reader 2', 'killed over 1400 people')
  await popover.getByRole('button', { name: 'Add to claim: The Sweida clashes killed over 1,400 people' }).click()
  // Both credit the Syrian Observatory for Human Rights: one monitor's figure echoed, not corroboration (DECISIONS 9).
  await expect(card).toContainText('Single source')
  await expect(card).toContainText('2 articles · 2 outlets · 1 independent origin: SOHR (2 articles)')

  // A third outlet's lower figure contradicts it.
  await openInReader(page, /high-level ministerial meeting/, 2)
  await selectPhrase(page, 'Reader 2', 'hundreds of casualties')
  await popover.getByRole('combobox', { name: 'Stance' }).selectOption('contradicts')
  await popover.getByRole('button', { name: /^Add to claim: The Sweida clashes/ }).click()
  await expect(card).toContainText('Contested')
  await expect(card).toContainText('3 articles · 3 outlets · 2 independent origins')

  // Everything survives a restart.
  page = await workbench.restart()
  const cardAfter = page.getByRole('region', { name: 'Claim board' }).getByRole('listitem', { name: 'The Sweida clashes killed over 1,400 people' })
  await expect(cardAfter).toContainText('Contested')

  // Jump from evidence on the board to the passage in a reader.
  await cardAfter.getByRole('button', { name: 'Open evidence: killed over 1400 people' }).click()
  // The article opens in a reader (or the one already showing it), scrolled to the passage.
  const reader = page.getByRole('region', { name: /^Reader \d$/ }).filter({ has: page.getByRole('heading', { name: /A Syrian-Israeli ministerial meeting/ }) })
  await expect(reader).toHaveCount(1)
  const mark = reader.locator('mark.selected')
  await expect(mark).toHaveText('killed over 1400 people')
  await expect(mark).toBeInViewport()

  // Export and read the CSV back as a spreadsheet would: Python's csv module ends a record at any unquoted line break.
  const file = await workbench.captureExport(() => page.getByRole('region', { name: 'Claim board' }).getByRole('button', { name: 'Export CSV' }).click())
  const csv = await readFile(file, 'utf8')
  expect(csv.charCodeAt(0)).toBe(0xfeff)
  const [header, ...records] = await readCsvWithPython(file)
  expect(records.every((r) => r.length === header!.length)).toBe(true)
  const rows = records.map((r) => Object.fromEntries(header!.map((name, i) => [name, r[i]!])))
  expect(rows.map((r) => [r.claim, r.stance, r.quote])).toEqual(
    expect.arrayContaining([
      ['The Sweida clashes killed over 1,400 people', 'supports', 'more than 1,400 deaths'],
      ['The Sweida clashes killed over 1,400 people', 'supports', 'killed over 1400 people'],
      ['The Sweida clashes killed over 1,400 people', 'contradicts', 'hundreds of casualties'],
    ]),
  )
  expect(rows).toHaveLength(3)
  expect(new Set(rows.map((r) => r.claim_status))).toEqual(new Set(['contested']))
  // 001 (MNTV) and 003 both credit SOHR for the toll: one origin (DECISIONS section 9), the source they are counted under.
  expect(
    rows
      .filter((r) => r.source === 'SOHR')
      .map((r) => r.quote)
      .sort(),
  ).toEqual(['killed over 1400 people', 'more than 1,400 deaths'])
  expect(rows.find((r) => r.quote === 'more than 1,400 deaths')?.origins).toBe('SOHR')
})
