// Focus and the keyboard (issue 15): F6 and Shift+F6 move between library, readers and board; a
// list is one tab stop that the arrow keys walk; deleting or splitting a claim hands the focus to
// the card that follows, not to the page's body; "Split off" says what it does.

import { expect, importThroughUi, openInReader, SEEDS_DIR, selectPhrase, test } from './fixtures'

test.describe.configure({ timeout: 180_000 })

test('F6 between areas, one tab stop per list, and the focus kept after a delete or a split', async ({ workbench }) => {
  const page = workbench.page
  await importThroughUi(page, SEEDS_DIR, '5 imported')
  const library = page.getByRole('region', { name: 'Library' })
  const board = page.getByRole('region', { name: 'Claim board' })
  await openInReader(page, /resume secret talks in Baku/, 1)
  await openInReader(page, /Syrian-Israeli ministerial meeting/, 2)
  const text1 = page.getByRole('region', { name: 'Reader 1' }).getByRole('document')
  const text2 = page.getByRole('region', { name: 'Reader 2' }).getByRole('document')
  await expect(text2).toBeVisible()

  // F6 walks library → Reader 1 → Reader 2 → board → library; Shift+F6 walks back.
  await library.getByRole('searchbox', { name: 'Filter articles' }).focus()
  for (const area of [text1, text2, board, library]) {
    await page.keyboard.press('F6')
    await expect(area).toBeFocused()
  }
  await page.keyboard.press('Shift+F6')
  await expect(board).toBeFocused()
  await page.keyboard.press('Shift+F6')
  await expect(text2).toBeFocused()

  // The article list is one tab stop; arrows walk it, left and right within a row.
  const articles = library.getByRole('list', { name: 'Articles' })
  expect(await articles.getByRole('button').evaluateAll((buttons) => buttons.filter((b) => (b as HTMLElement).tabIndex === 0).length)).toBe(1)
  await articles.getByRole('button', { name: /resume secret talks in Baku/ }).focus()
  await page.keyboard.press('ArrowRight')
  await expect(articles.getByRole('listitem', { name: /resume secret talks in Baku/ }).getByRole('button', { name: 'Open in Reader 1' })).toBeFocused()
  await page.keyboard.press('ArrowLeft')
  await expect(articles.getByRole('button', { name: /resume secret talks in Baku/ })).toBeFocused()

  // Three claims in one lane.
  const popover = page.getByRole('dialog', { name: 'Tag selection' })
  for (const [phrase, claim] of [
    ['more than 1,400 deaths', 'A: over 1,400 were killed'],
    ['Ron Dermer', 'B: Dermer leads the Israeli side'],
    ['Sergey Lavrov', 'C: Shaibani meets Lavrov'],
  ]) {
    await selectPhrase(page, 'Reader 1', phrase!)
    await popover.getByRole('textbox', { name: 'Claim' }).fill(claim!)
    await popover.getByRole('button', { name: 'Create claim' }).click()
    await expect(popover).toBeHidden()
  }
  const lane = board.getByRole('list', { name: 'Single source claims' })
  await expect(lane.locator(':scope > li')).toHaveCount(3)
  await board.getByRole('combobox', { name: 'Sort claims by' }).selectOption('changed')
  const order = await lane.locator(':scope > li').evaluateAll((cards) => cards.map((c) => c.getAttribute('aria-label')))
  expect(order).toEqual(['C: Shaibani meets Lavrov', 'B: Dermer leads the Israeli side', 'A: over 1,400 were killed'])

  // Delete the middle card: the focus goes to the one after it.
  await lane.getByRole('button', { name: 'Delete claim: B: Dermer leads the Israeli side' }).click()
  await expect(lane.getByRole('listitem', { name: 'B: Dermer leads the Israeli side' })).toHaveCount(0)
  await expect(lane.getByRole('listitem', { name: 'A: over 1,400 were killed' })).toBeFocused()

  // "Split off" is spelled out, and the new claim's card takes the focus.
  const split = board.getByRole('button', { name: 'Split off into a new claim: Sergey Lavrov' })
  await expect(split).toContainText('Split off')
  await split.click()
  await expect(board.getByRole('listitem', { name: 'Sergey Lavrov' })).toBeFocused()
})
