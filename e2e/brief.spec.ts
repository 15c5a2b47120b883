// The printable brief opens in a browser on its own: every claim and its evidence, markup in the
// analyst's text shown as text, and not one network request.

import { readFile } from 'node:fs/promises'
import { expect, importThroughUi, SEEDS_DIR, selectPhrase, test } from './fixtures'

test('the brief renders in Chromium with no network requests', async ({ workbench }) => {
  const page = workbench.page
  const library = page.getByRole('region', { name: 'Library' })
  await importThroughUi(page, SEEDS_DIR, '5 imported')
  await library.getByRole('listitem', { name: /resume secret talks in Baku/ }).getByRole('button', { name: 'Open in Reader 1' }).click()
  await selectPhrase(page, 'Reader 1', 'more than 1,400 deaths')
  const popover = page.getByRole('dialog', { name: 'Tag selection' })
  await popover.getByRole('textbox', { name: 'Claim' }).fill('<img src=x onerror=alert(1)> Over 1,400 died')
  await popover.getByRole('button', { name: 'Create claim' }).click()
  await expect(page.getByRole('region', { name: 'Claim board' })).toContainText('Over 1,400 died')

  const board = page.getByRole('region', { name: 'Claim board' })
  await board.getByText('Exports and project files').click()
  const file = await workbench.captureExport(() => board.getByRole('button', { name: 'Export printable brief' }).click())
  const html = await readFile(file, 'utf8')

  const brief = await page.context().newPage()
  const requests: string[] = []
  brief.on('request', (r) => requests.push(r.url()))
  await brief.setContent(html)
  await expect(brief.getByRole('heading', { name: 'Claims brief' })).toBeVisible()
  await expect(brief.getByRole('heading', { level: 2 })).toHaveText(['<img src=x onerror=alert(1)> Over 1,400 died'])
  await expect(brief.locator('blockquote')).toHaveText(['more than 1,400 deaths'])
  await expect(brief.locator('img')).toHaveCount(0)
  expect(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:'))).toEqual([])
  await brief.close()
})
