// The entities panel on the seeds, in the browser shell: one al-Sharaa with his spellings, Sweida
// selected marks Suweida in another outlet's article, a merge undone with Ctrl+Z, and a claim card
// listing the entities its evidence mentions, found by the board's filter under the entity's name.

import { expect, importThroughUi, openInReader, SEEDS_DIR, showBoard, tagAsNewClaim, test } from './fixtures'

// Once in a CI-style run the Merge click waited out the test's two minutes (the editor's choice
// lost, most likely to the entity index refreshing under it); until that is found, one retry, which
// the report shows as flaky rather than hiding.
test.describe.configure({ retries: 1 })

test('the entities panel lists one al-Sharaa, marks Suweida for Sweida, and a merge is undone by Ctrl+Z', async ({ workbench }) => {
  test.setTimeout(120_000)
  const page = workbench.page
  await importThroughUi(page, SEEDS_DIR, '5 imported')
  // The entities view is on the rail, docked on the right beside the library it filters.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Entities' }).click()
  const panel = page.getByRole('region', { name: 'Entities' })
  const list = panel.getByRole('list', { name: 'Entity list' })

  // One entry for al-Sharaa, however the five outlets spell him.
  const sharaa = list.getByRole('button', { name: /al-Sharaa .*Person/ })
  await expect(sharaa).toHaveCount(1, { timeout: 60_000 })
  for (const spelling of ['Ahmed al-Sharaa', 'Ahmad al-Sharaa', 'Al Shara', 'Sharaa']) await expect(sharaa).toContainText(spelling)
  await expect(list.getByRole('button', { name: /^Shahba/ })).toContainText('Place')

  // Sweida: the library keeps the four articles that name it, and a reader marks "Suweida" in 003.
  await panel.getByRole('searchbox', { name: 'Filter entities' }).fill('Sweida')
  await list.getByRole('button', { name: /^Sweida/ }).click()
  const library = page.getByRole('region', { name: 'Library' })
  await expect(library.getByText('Articles mentioning Sweida')).toBeVisible()
  const rows = library.getByRole('list', { name: 'Articles' }).getByRole('listitem')
  await expect(rows).toHaveCount(4)
  const reader = page.getByRole('region', { name: 'Reader 1' })
  let suweida = 0
  for (let i = 0; i < 4; i++) {
    const title = rows.nth(i).getByRole('button').first()
    const name = (await title.textContent())!.trim()
    await rows.nth(i).getByRole('button', { name: 'Open in Reader 1' }).click()
    // Counted once the reader shows this article, not the one before it.
    await expect(reader.getByRole('heading', { level: 2 })).toHaveText(name)
    await expect(reader.locator('mark.entity-mention').first()).toBeVisible()
    suweida += await reader.locator('mark.entity-mention', { hasText: /^Suweida$/ }).count()
  }
  expect(suweida).toBe(2)
  // The marks are their own layer: no highlight was made.
  await expect(reader.locator('mark.highlight')).toHaveCount(0)

  // Merge Ron Dermer into al-Sharaa (a mistake), then Ctrl+Z puts him back.
  await panel.getByRole('searchbox', { name: 'Filter entities' }).fill('')
  await sharaa.click()
  const editor = panel.getByRole('group', { name: /^Edit / })
  await editor.getByRole('combobox', { name: 'Merge with' }).selectOption({ label: 'Ron Dermer (Person)' })
  await editor.getByRole('button', { name: 'Merge' }).click()
  await expect(list.getByRole('button', { name: /^Ron Dermer/ })).toHaveCount(0)
  await expect(sharaa).toContainText('Dermer')
  await expect(page.getByRole('status', { name: 'Last change' })).toContainText('Merge Ron Dermer into')
  await page.locator('body').press('Control+z')
  await expect(list.getByRole('button', { name: /^Ron Dermer/ })).toHaveCount(1)
  await expect(sharaa).not.toContainText('Dermer')

  // A claim lists the entities its evidence mentions: 003 writes "Suweida", the card says "Sweida",
  // and the board's filter finds the claim by that name, which no quote holds.
  if (await library.getByRole('button', { name: 'Show all' }).isVisible()) await library.getByRole('button', { name: 'Show all' }).click()
  await openInReader(page, /Syrian-Israeli ministerial meeting/, 1)
  await tagAsNewClaim(page, 'Reader 1', 'deadly sectarian clashes in southern Syria’s Druze-majority Suweida province', 'Clashes in the south')
  await tagAsNewClaim(page, 'Reader 1', 'A Syrian-Israeli ministerial meeting is set to take place Thursday', 'A meeting is planned')
  await showBoard(page)
  const board = page.getByRole('region', { name: 'Claim board' })
  const clashes = board.getByRole('listitem', { name: 'Clashes in the south' })
  await expect(clashes.getByLabel('Entities mentioned')).toContainText('Sweida')
  await expect(board.getByRole('listitem', { name: 'A meeting is planned' })).toBeVisible()
  await board.getByRole('searchbox', { name: 'Filter claims' }).fill('Sweida')
  await expect(clashes).toBeVisible()
  await expect(board.getByRole('listitem', { name: 'A meeting is planned' })).toHaveCount(0)
})
