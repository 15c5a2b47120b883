// Clear states (issue 15), in the browser shell at 1024×700: first-run text naming every format, a
// folder chooser listing this machine's folders with recent ones remembered, "already in the
// library" on a re-import, a stale token explained, search hits opening in the chosen reader or the
// one used least recently, and the Admiralty grades spelled out.

import { basename, dirname } from 'node:path'
import { expect, importThroughUi, openInReader, SEEDS_DIR, selectPhrase, test } from './fixtures'
import { cutPlaceholders, overlappingControls } from './screen-checks'

test.describe.configure({ timeout: 180_000 })

test('first run names every format; the folder chooser lists folders and remembers recent ones; a re-import is "already in the library"', async ({ workbench }) => {
  const page = workbench.page
  await page.setViewportSize({ width: 1024, height: 700 })
  const library = page.getByRole('region', { name: 'Library' })
  for (const format of ['.txt', '.md', '.html', '.docx', '.pdf']) await expect(library).toContainText(format)
  expect(await cutPlaceholders(page)).toEqual([])
  expect(await overlappingControls(page)).toEqual([])

  // Start from the folder above the seeds, walk into it, choose it.
  const path = library.getByRole('textbox', { name: 'Folder path' })
  await path.fill(dirname(SEEDS_DIR))
  await library.getByRole('button', { name: 'Browse…' }).click()
  const chooser = library.getByRole('dialog', { name: 'Choose a folder' })
  await expect(chooser).toContainText(dirname(SEEDS_DIR))
  await chooser
    .getByRole('list', { name: `Folders in ${dirname(SEEDS_DIR)}` })
    .getByRole('button', { name: basename(SEEDS_DIR), exact: true })
    .click()
  await expect(chooser.getByText(SEEDS_DIR, { exact: true })).toBeVisible()
  await expect(chooser).toContainText('No folders inside this one.')
  expect(await overlappingControls(page)).toEqual([])
  await chooser.getByRole('button', { name: 'Choose this folder' }).click()
  await expect(chooser).toBeHidden()
  await expect(path).toHaveValue(SEEDS_DIR)
  await library.getByRole('button', { name: 'Import folder' }).click()
  const report = library.getByRole('status', { name: 'Import report' })
  await expect(report).toContainText('5 imported')

  // The same folder again: nothing new, and the report says so in those words.
  await importThroughUi(page, SEEDS_DIR, '0 imported')
  await expect(report).toContainText('5 already in the library')
  await expect(report).not.toContainText(/\d duplicates/)

  // Recent folders, one click away; "Up" and the keyboard walk the tree.
  await path.fill('')
  await library.getByRole('button', { name: 'Browse…' }).click()
  const recent = chooser.getByRole('region', { name: 'Recent folders' })
  await expect(recent.getByRole('button', { name: SEEDS_DIR, exact: true })).toBeVisible()
  await recent.getByRole('button', { name: SEEDS_DIR, exact: true }).click()
  await expect(path).toHaveValue(SEEDS_DIR)
  await library.getByRole('button', { name: 'Browse…' }).click()
  await chooser.getByRole('button', { name: 'Up to the parent folder' }).click()
  await expect(chooser.getByText(dirname(SEEDS_DIR), { exact: true })).toBeVisible()
  const folders = chooser.getByRole('list', { name: `Folders in ${dirname(SEEDS_DIR)}` }).getByRole('button')
  await folders.first().focus()
  await page.keyboard.press('End')
  await expect(folders.last()).toBeFocused()
  await page.keyboard.press('Home')
  await expect(folders.first()).toBeFocused()
  // One tab stop for the whole list.
  expect(await folders.evaluateAll((buttons) => buttons.filter((b) => b.tabIndex === 0).length)).toBe(1)
  await page.keyboard.press('Escape')
  await expect(chooser).toBeHidden()
})

test('a stale access token says so and how to reconnect, instead of "Opening the store…"', async ({ workbench }) => {
  const page = workbench.page
  const origin = new URL(page.url()).origin
  await page.goto(`${origin}/#token=from-an-earlier-run`)
  // Only the address's #fragment changed: load the page again, as reopening the tab would.
  await page.reload()
  const alert = page.getByRole('alert', { name: 'Cannot open the store' })
  await expect(alert).toContainText('access token is not valid')
  await expect(alert).toContainText('npm run serve')
  await expect(page.getByText('Opening the store…')).toHaveCount(0)
})

test('search hits open in the chosen reader, else the least recently used; the grades are spelled out', async ({ workbench }) => {
  const page = workbench.page
  await page.setViewportSize({ width: 1024, height: 700 })
  await importThroughUi(page, SEEDS_DIR, '5 imported')
  const library = page.getByRole('region', { name: 'Library' })
  const heading = (reader: string) => page.getByRole('region', { name: reader }).getByRole('heading', { level: 2 })
  await openInReader(page, /^Israeli and Syrian officials will meet/, 1)
  await openInReader(page, /high-level ministerial meeting/, 2)
  await expect(heading('Reader 2')).toContainText('high-level ministerial meeting')

  const search = page.getByRole('search', { name: 'Search corpus' })
  const results = library.getByRole('list', { name: 'Search results' }).getByRole('listitem')
  const find = async (term: string) => {
    await search.getByRole('searchbox', { name: 'Search corpus' }).fill(term)
    await search.getByRole('button', { name: 'Search' }).click()
    await expect(results).toHaveCount(1)
  }
  // Reader 1 was used least recently: the hit goes there, not over Reader 2.
  await find('Lavrov')
  await results.first().getByRole('button').first().click()
  await expect(heading('Reader 1')).toContainText('resume secret talks in Baku')
  await expect(page.getByRole('region', { name: 'Reader 1' }).locator('mark.passage')).toHaveText('Lavrov')
  // Now Reader 2 is.
  await find('Aliyev')
  await results.first().getByRole('button').first().click()
  await expect(heading('Reader 2')).toContainText('expected to meet in Baku later on Saturday')
  await expect(heading('Reader 1')).toContainText('resume secret talks in Baku')
  // Or the reader the analyst names.
  await find('Lavrov')
  await results.first().getByRole('button', { name: 'Open in Reader 2' }).click()
  await expect(heading('Reader 2')).toContainText('resume secret talks in Baku')

  // The Admiralty grades: a legend on the board, and each select says what its grade means.
  await selectPhrase(page, 'Reader 2', 'Sergey Lavrov')
  const popover = page.getByRole('dialog', { name: 'Tag selection' })
  await popover.getByRole('textbox', { name: 'Claim' }).fill('Shaibani meets Lavrov in Moscow')
  await popover.getByRole('button', { name: 'Create claim' }).click()
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Claims' }).click()
  const board = page.getByRole('region', { name: 'Claim board' })
  await board.getByText('Grades: reliability A–F, credibility 1–6').click()
  await expect(board.locator('.grade-legend')).toContainText('completely reliable')
  await expect(board.locator('.grade-legend')).toContainText('truth cannot be judged')
  const card = board.getByRole('listitem', { name: 'Shaibani meets Lavrov in Moscow' })
  // The grade belongs to the evidence's origin (here the wire MNTV credits), named in the select.
  // Each picker is a button showing its grade until clicked, when it becomes the select.
  await expect(card.getByRole('button', { name: /^Reliability of / }).first()).toHaveAttribute('title', /not graded/)
  await card
    .getByRole('button', { name: /^Reliability of / })
    .first()
    .click()
  const reliability = card.getByRole('combobox', { name: /^Reliability of / })
  await reliability.selectOption('B')
  await expect(reliability).toHaveAttribute('title', /B, usually reliable/)
  await card.getByRole('button', { name: 'Credibility of “Sergey Lavrov”' }).click()
  const credibility = card.getByRole('combobox', { name: 'Credibility of “Sergey Lavrov”' })
  await credibility.selectOption('2')
  await expect(credibility).toHaveAttribute('title', /2, probably true/)
})
