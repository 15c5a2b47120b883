// Undo and redo through the service's command history, on a laptop-sized window (1024×700): a merge
// is one step that Ctrl+Z reverses (both claims back, with their evidence) and Ctrl+Shift+Z or Ctrl+Y
// makes again; the undo bar names exactly that step; the history survives a reload and a restart.

import { expect, importThroughUi, openInReader, SEEDS_DIR, showBoard, tagAsNewClaim, test } from './fixtures'
import type { Page } from '@playwright/test'

const LAPTOP = { width: 1024, height: 700 }

async function twoClaimsOnBaku(page: Page) {
  await page.setViewportSize(LAPTOP)
  await importThroughUi(page, SEEDS_DIR, '5 imported')
  await openInReader(page, /resume secret talks in Baku/, 1)
  await tagAsNewClaim(page, 'Reader 1', 'Ron Dermer', 'Dermer led the Israeli side')
  await tagAsNewClaim(page, 'Reader 1', 'more than 1,400 deaths', 'Over 1,400 died in Sweida')
  await showBoard(page)
}

test('a merge is one step: Ctrl+Z restores both claims, Ctrl+Shift+Z and Ctrl+Y merge again', async ({ workbench }) => {
  const page = workbench.page
  await twoClaimsOnBaku(page)
  const board = page.getByRole('region', { name: 'Claim board' })
  const bar = page.getByRole('status', { name: 'Last change' })
  const dermer = board.getByRole('listitem', { name: 'Dermer led the Israeli side' })
  const toll = board.getByRole('listitem', { name: 'Over 1,400 died in Sweida' })
  await expect(bar).toContainText('Created claim “Over 1,400 died in Sweida”')

  await toll.getByRole('button', { name: 'Merge into another claim: “Over 1,400 died in Sweida”' }).click()
  await toll.getByRole('combobox', { name: 'Merge into another claim: “Over 1,400 died in Sweida”' }).selectOption({ label: 'Dermer led the Israeli side' })
  await expect(toll).toHaveCount(0)
  await expect(dermer.getByRole('button', { name: /^Open evidence: / })).toHaveCount(2)
  // The bar names the merge, not the step before it.
  await expect(bar).toContainText('Merged “Over 1,400 died in Sweida” into “Dermer led the Israeli side”')

  await page.locator('body').press('Control+z')
  await expect(toll).toHaveCount(1)
  await expect(toll.getByRole('button', { name: /^Open evidence: / })).toHaveText(['“more than 1,400 deaths”'])
  await expect(dermer.getByRole('button', { name: /^Open evidence: / })).toHaveText(['“Ron Dermer”'])
  await expect(bar).toContainText('Created claim “Over 1,400 died in Sweida”')

  await page.locator('body').press('Control+Shift+z')
  await expect(toll).toHaveCount(0)
  await expect(dermer.getByRole('button', { name: /^Open evidence: / })).toHaveCount(2)
  await expect(bar).toContainText('Merged “Over 1,400 died in Sweida” into')

  // Ctrl+Y redoes too; and Ctrl+Z after a stance change (focus left on its select) still undoes.
  await page.locator('body').press('Control+z')
  await expect(toll).toHaveCount(1)
  await page.locator('body').press('Control+y')
  await expect(toll).toHaveCount(0)
  await dermer.getByRole('button', { name: 'Stance of “Ron Dermer”' }).click()
  const stance = dermer.getByRole('combobox', { name: 'Stance of “Ron Dermer”' })
  await stance.selectOption('contradicts')
  await expect(bar).toContainText('Changed stance of “Ron Dermer” to contradicts')
  // The card moved to the contested lane, its stance picker a button again: opened from the keyboard,
  // the focus is in the select when Ctrl+Z is pressed.
  const stanceButton = dermer.getByRole('button', { name: 'Stance of “Ron Dermer”' })
  await stanceButton.press('Enter')
  await stance.press('Control+z')
  await expect(stanceButton).toHaveText('✓ supports')
  await expect(bar).toContainText('Merged “Over 1,400 died in Sweida” into')
})

test('the undo history survives a reload and a restart', async ({ workbench }) => {
  let page = workbench.page
  await twoClaimsOnBaku(page)
  const bar = () => page.getByRole('status', { name: 'Last change' })
  const board = () => page.getByRole('region', { name: 'Claim board' })
  await page.locator('body').press('Control+z')
  await expect(board().getByRole('listitem', { name: 'Over 1,400 died in Sweida' })).toHaveCount(0)
  await expect(bar()).toContainText('Created claim “Dermer led the Israeli side”')

  await page.reload()
  await expect(bar()).toContainText('Created claim “Dermer led the Israeli side”')
  await expect(bar().getByRole('button', { name: 'Redo' })).toBeVisible()

  page = await workbench.restart()
  await page.setViewportSize(LAPTOP)
  await showBoard(page)
  await expect(bar()).toContainText('Created claim “Dermer led the Israeli side”')
  await bar().getByRole('button', { name: 'Redo' }).click()
  await expect(board().getByRole('listitem', { name: 'Over 1,400 died in Sweida' })).toBeVisible()
  await bar().getByRole('button', { name: 'Undo' }).click()
  // One step at a time: the second click must reach the bar once it names the step before.
  await expect(board().getByRole('listitem', { name: 'Over 1,400 died in Sweida' })).toHaveCount(0)
  await expect(bar()).toContainText('Created claim “Dermer led the Israeli side”')
  await bar().getByRole('button', { name: 'Undo' }).click()
  await expect(board().getByRole('listitem')).toHaveCount(0)
  await expect(bar()).toContainText('Undone: Created claim “Dermer led the Israeli side”')
})
