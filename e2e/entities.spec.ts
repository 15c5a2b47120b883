// The entities panel on the seeds, in the browser shell: one al-Sharaa with his spellings, Sweida
// selected marks Suweida in another outlet's article, a merge undone with Ctrl+Z, and a claim card
// listing the entities its evidence mentions, found by the board's filter under the entity's name.

import { expect, importThroughUi, openInReader, SEEDS_DIR, showBoard, tagAsNewClaim, test } from './fixtures'

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
  // His editor, not Sweida's: al-Sharaa's comes once his mentions have arrived.
  const editor = panel.getByRole('group', { name: /^Edit .*al-Sharaa/ })
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

test('a selection answered late does not replace the entity clicked after it', async ({ workbench }) => {
  const page = workbench.page
  await importThroughUi(page, SEEDS_DIR, '5 imported')
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Entities' }).click()
  const panel = page.getByRole('region', { name: 'Entities' })
  const list = panel.getByRole('list', { name: 'Entity list' })
  const filter = panel.getByRole('searchbox', { name: 'Filter entities' })
  await filter.fill('Sweida')
  await list.getByRole('button', { name: /^Sweida/ }).click()
  const sweidaEditor = panel.getByRole('group', { name: 'Edit Sweida' })
  await expect(sweidaEditor).toBeVisible()

  // From now on the service answers slowly for Sweida's mentions: the refresh of the selection that
  // a change sets off arrives after the analyst has already clicked another entity.
  let delayedId = ''
  let lateAnswer: Promise<unknown> | null = null
  await page.route('**/api/getEntityMentions', async (route) => {
    const { id } = route.request().postDataJSON() as { id: string }
    if (!delayedId) delayedId = id
    if (id !== delayedId) return route.continue()
    const response = await route.fetch()
    lateAnswer = new Promise((resolve) => setTimeout(resolve, 1_500)).then(() => route.fulfill({ response }))
    await lateAnswer
  })
  // A first request from the route tells it Sweida's id: the rename refreshes the selection.
  await sweidaEditor.getByRole('textbox', { name: 'Entity name' }).fill('Sweida province')
  await sweidaEditor.getByRole('button', { name: 'Rename' }).click()
  await expect.poll(() => lateAnswer !== null).toBe(true)
  await filter.fill('')
  await list.getByRole('button', { name: /al-Sharaa .*Person/ }).click()
  const sharaaEditor = panel.getByRole('group', { name: /^Edit .*al-Sharaa/ })
  await expect(sharaaEditor).toBeVisible()
  await lateAnswer
  // The late answer has been delivered; the editor and the library still follow the click.
  await page.waitForTimeout(500)
  await expect(sharaaEditor).toBeVisible()
  await expect(page.getByRole('region', { name: 'Library' }).getByText(/Articles mentioning .*al-Sharaa/)).toBeVisible()
})
