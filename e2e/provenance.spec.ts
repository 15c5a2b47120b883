// Provenance on the seeds (issue 16, DECISIONS section 9): outlets inferred at import, the 12 July
// Baku sentences of 001, 002 and 003 counted as one AFP report, and a metadata-table bulk edit of
// outlets undone by Ctrl+Z.

import { expect, importThroughUi, openInReader, SEEDS_DIR, selectPhrase, tagAsNewClaim, test } from './fixtures'

test('outlets inferred at import, one AFP report told three times, and a bulk outlet edit undone by Ctrl+Z', async ({ workbench }) => {
  const page = workbench.page
  const library = page.getByRole('region', { name: 'Library' })
  const board = page.getByRole('region', { name: 'Claim board' })
  const popover = page.getByRole('dialog', { name: 'Tag selection' })
  await importThroughUi(page, SEEDS_DIR, '5 imported')

  // 000 says "told The National"; 001's dateline names MNTV.
  await expect(library.getByRole('listitem', { name: /officials will meet in the Azerbaijani capital/ })).toContainText('The National')
  await expect(library.getByRole('listitem', { name: /resume secret talks in Baku/ })).toContainText('MNTV')

  // The 12 July meeting, from 001, 002 and 003.
  await openInReader(page, /resume secret talks in Baku/, 1)
  await openInReader(page, /high-level ministerial meeting/, 2)
  await tagAsNewClaim(page, 'Reader 1', 'Syrian and Israeli envoys had previously met in Baku on July 12', 'The ministers met in Baku on 12 July')
  await selectPhrase(page, 'Reader 2', 'Shaibani and Dermer previously met in Baku on 12 July')
  await popover.getByRole('button', { name: 'Add to claim: The ministers met in Baku on 12 July' }).click()
  await openInReader(page, /Syrian-Israeli ministerial meeting/, 2)
  await selectPhrase(page, 'Reader 2', 'Syrian and Israeli officials had met in Baku on July 12')
  await popover.getByRole('button', { name: 'Add to claim: The ministers met in Baku on 12 July' }).click()
  const card = board.getByRole('listitem', { name: 'The ministers met in Baku on 12 July' })
  await expect(card).toContainText('3 articles · 3 outlets · 1 independent origin: AFP (3 articles)')
  await expect(card).toContainText('Single source')
  await expect(card).not.toContainText('Corroborated')

  // The metadata table: set the outlet of two articles at once, then Ctrl+Z.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Metadata' }).click()
  const table = page.getByRole('region', { name: 'Metadata table' })
  const row = (name: RegExp) => table.getByRole('row', { name })
  await expect(row(/resume secret talks in Baku/)).toContainText('MNTV')
  await row(/resume secret talks in Baku/)
    .getByRole('checkbox')
    .click()
  await row(/Syrian-Israeli ministerial meeting/)
    .getByRole('checkbox')
    .click()
  await table.getByRole('textbox', { name: 'Outlet for selected articles' }).fill('Harbour Wire')
  await table.getByRole('button', { name: 'Set outlet' }).click()
  await expect(row(/resume secret talks in Baku/)).toContainText('Harbour Wire (analyst)')
  await expect(row(/Syrian-Israeli ministerial meeting/)).toContainText('Harbour Wire (analyst)')
  await page.locator('body').press('Control+z')
  await expect(row(/resume secret talks in Baku/)).toContainText('MNTV (dateline)')
  await expect(row(/Syrian-Israeli ministerial meeting/)).not.toContainText('Harbour Wire')
})
