// The printable brief opens in a browser on its own: every claim and its evidence, markup in the
// analyst's text shown as text, and not one network request. The Markdown brief and the REFI-QDA
// project come from the same menu.

import { readFile } from 'node:fs/promises'
import { strFromU8, unzipSync } from 'fflate'
import { expect, importThroughUi, openInReader, SEEDS_DIR, selectPhrase, test } from './fixtures'

test('the brief renders in Chromium with no network requests', async ({ workbench }) => {
  const page = workbench.page
  await importThroughUi(page, SEEDS_DIR, '5 imported')
  await openInReader(page, /resume secret talks in Baku/, 1)
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

  const markdown = await readFile(await workbench.captureExport(() => board.getByRole('button', { name: 'Export brief as Markdown' }).click()), 'utf8')
  expect(markdown).toMatch(/^# Claims brief\n/)
  expect(markdown).toContain('### \\<img src=x onerror=alert(1)\\> Over 1,400 died')
  expect(markdown).toContain('    > more than 1,400 deaths')

  const qdpx = unzipSync(new Uint8Array(await readFile(await workbench.captureExport(() => board.getByRole('button', { name: 'Export REFI-QDA project' }).click()))))
  const qde = strFromU8(qdpx['project.qde']!)
  expect(qde).toContain('name="&lt;img src=x onerror=alert(1)&gt; Over 1,400 died"')
  expect(qde).toMatch(/<PlainTextSelection [^>]*name="more than 1,400 deaths"/)
  expect(Object.keys(qdpx).filter((f) => f.startsWith('sources/') && f.endsWith('.txt'))).toHaveLength(5)
})

test('the desktop app saves the brief as a PDF printed from the same HTML', async ({ workbench }, testInfo) => {
  test.skip(
    testInfo.project.name !== 'electron',
    'printing to PDF is the desktop app’s (Chromium’s printToPDF in the main process); a browser prints the HTML brief itself',
  )
  const page = workbench.page
  await importThroughUi(page, SEEDS_DIR, '5 imported')
  const board = page.getByRole('region', { name: 'Claim board' })
  await board.getByText('Exports and project files').click()
  const pdf = await readFile(await workbench.captureExport(() => board.getByRole('button', { name: 'Save brief as PDF' }).click()))
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  expect(pdf.length).toBeGreaterThan(1000)
})
