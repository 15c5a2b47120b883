// Reading: up to four panes side by side, overlapping highlights, search that opens the hit,
// and the layout and highlights coming back after a restart.

import { expect, importThroughUi, openInReader, SEEDS_DIR, selectPhrase, test } from './fixtures'

test('four panes, overlapping highlights and search survive a restart', async ({ workbench }) => {
  let page = workbench.page
  const library = page.getByRole('region', { name: 'Library' })
  await importThroughUi(page, SEEDS_DIR, '5 imported')

  await page.getByRole('button', { name: 'Add reader' }).click()
  await page.getByRole('button', { name: 'Add reader' }).click()
  await expect(page.getByRole('button', { name: 'Add reader' })).toBeDisabled()
  await openInReader(page, /resume secret talks in Baku/, 1)
  const others = library.getByRole('list', { name: 'Articles' }).getByRole('listitem').filter({ hasNotText: 'resume secret talks' })
  for (let i = 2; i <= 4; i++)
    await others
      .nth(i - 2)
      .getByRole('button', { name: `Open in Reader ${i}` })
      .click()
  for (let i = 1; i <= 4; i++) await expect(page.getByRole('region', { name: `Reader ${i}` }).getByRole('document')).toBeVisible()

  // Two highlights that overlap: "Syrian Observatory for Human Rights" inside a longer one.
  const reader = page.getByRole('region', { name: 'Reader 1' })
  await selectPhrase(page, 'Reader 1', 'more than 1,400 deaths, as reported by the UK-based Syrian Observatory')
  await page.getByRole('dialog', { name: 'Tag selection' }).getByRole('button', { name: 'Highlight only' }).click()
  await selectPhrase(page, 'Reader 1', 'Syrian Observatory for Human Rights')
  await page.getByRole('dialog', { name: 'Tag selection' }).getByRole('button', { name: 'Highlight only' }).click()
  await expect(reader.locator('mark.overlap')).toHaveText(['Syrian Observatory'])
  await expect(reader.locator('mark')).toHaveCount(3)

  // Search opens the article at the hit.
  const search = page.getByRole('search', { name: 'Search corpus' })
  await search.getByRole('searchbox', { name: 'Search corpus' }).fill('Hmeimim')
  await search.getByRole('button', { name: 'Search' }).click()
  const results = library.getByRole('list', { name: 'Search results' }).getByRole('listitem')
  await expect(results).not.toHaveCount(0)
  await results.first().getByRole('button').first().click()
  const hit = page.locator('mark.passage')
  await expect(hit).toHaveText('Hmeimim')
  await expect(hit).toBeInViewport()

  // After a restart: four panes, the same articles, both highlights.
  page = await workbench.restart()
  for (let i = 1; i <= 4; i++) await expect(page.getByRole('region', { name: `Reader ${i}` }).getByRole('document')).toBeVisible()
  await expect(page.getByRole('region', { name: 'Reader 1' }).locator('mark.overlap')).toHaveText(['Syrian Observatory'])

  // Closing a pane removes it.
  await page.getByRole('button', { name: 'Close Reader 4' }).click()
  await expect(page.getByRole('region', { name: 'Reader 4' })).toHaveCount(0)
})

test('find in an article, tag and note a highlight, and open a claim’s sources side by side', async ({ workbench }) => {
  const page = workbench.page
  await importThroughUi(page, SEEDS_DIR, '5 imported')
  await openInReader(page, /resume secret talks in Baku/, 1)
  const reader = page.getByRole('region', { name: 'Reader 1' })

  await reader.getByRole('searchbox', { name: 'Find in article' }).fill('sweida')
  const found = reader.getByRole('status', { name: 'Find results' })
  await expect(found).toHaveText(/^1 of \d+$/)
  const total = Number((await found.textContent())!.split(' of ')[1])
  expect(total).toBe(4) // "Sweida" four times in this article, whatever the case
  await reader.getByRole('searchbox', { name: 'Find in article' }).press('Enter')
  await expect(found).toHaveText(`2 of ${total}`)
  await expect(reader.locator('mark.find-hit.current')).toBeInViewport()

  await selectPhrase(page, 'Reader 1', 'more than 1,400 deaths')
  const popover = page.getByRole('dialog', { name: 'Tag selection' })
  await popover.getByRole('textbox', { name: 'Claim' }).fill('Over 1,400 died')
  await popover.getByRole('textbox', { name: 'Tags' }).fill('toll, SOHR')
  await popover.getByRole('textbox', { name: 'Note' }).fill('Figure attributed to SOHR')
  await popover.getByRole('button', { name: 'Create claim' }).click()
  const details = reader.locator('footer.highlight-details') // a footer inside a region is no landmark
  await expect(details).toContainText('Figure attributed to SOHR')
  // Tags belong to the claim; the highlight keeps its note.
  const tagged = page.getByRole('region', { name: 'Claim board' }).getByRole('listitem', { name: 'Over 1,400 died' })
  await expect(tagged).toContainText('toll')
  await expect(tagged).toContainText('SOHR')
  await expect(details).not.toContainText('toll')

  await openInReader(page, /Syrian-Israeli ministerial meeting/, 1)
  await selectPhrase(page, 'Reader 1', 'killed over 1400 people')
  await popover.getByRole('button', { name: 'Add to claim: Over 1,400 died' }).click()
  const board = page.getByRole('region', { name: 'Claim board' })
  await expect(board.getByRole('listitem', { name: 'Over 1,400 died' })).toContainText('2 articles · 2 outlets · 1 independent origin: SOHR') // both credit SOHR (DECISIONS section 9)
  await board.getByRole('button', { name: 'Open sources side by side: Over 1,400 died' }).click()
  await expect(page.locator('mark.selected')).toHaveCount(2)
  await expect(page.locator('mark.selected').nth(0)).toBeInViewport()
  await expect(page.locator('mark.selected').nth(1)).toBeInViewport()
  await expect(page.getByRole('region', { name: /^Reader \d$/ })).toHaveCount(2)
})

test('a passage can be selected and tagged with the keyboard alone, and the text cannot be edited', async ({ workbench }) => {
  const page = workbench.page
  await importThroughUi(page, SEEDS_DIR, '5 imported')
  await openInReader(page, /resume secret talks in Baku/, 1)
  const text = page.getByRole('region', { name: 'Reader 1' }).getByRole('document')
  const before = await text.textContent()

  await text.focus()
  await page.keyboard.press('Control+Home')
  const phrase = 'Syria and Israel'
  for (let i = 0; i < phrase.length; i++) await page.keyboard.press('Shift+ArrowRight')
  await page.keyboard.press('Enter')
  const popover = page.getByRole('dialog', { name: 'Tag selection' })
  await expect(popover.getByRole('textbox', { name: 'Claim' })).toHaveValue(phrase)
  await expect(popover.getByRole('textbox', { name: 'Claim' })).toBeFocused()
  await page.keyboard.type('Talks resumed in Baku')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('region', { name: 'Claim board' }).getByRole('listitem', { name: 'Talks resumed in Baku' })).toBeVisible()
  await expect(text.locator('mark')).toHaveText([phrase])

  // Typing, deleting and pasting into the article change nothing.
  await text.focus()
  await page.keyboard.press('Control+End')
  await page.keyboard.type('INSERTED')
  await page.keyboard.press('Backspace')
  await page.keyboard.press('Enter')
  expect(await text.textContent()).toBe(before)
})

test('undo restores a deleted highlight together with its claim link', async ({ workbench }) => {
  const page = workbench.page
  await importThroughUi(page, SEEDS_DIR, '5 imported')
  await openInReader(page, /resume secret talks in Baku/, 1)
  await selectPhrase(page, 'Reader 1', 'more than 1,400 deaths')
  const popover = page.getByRole('dialog', { name: 'Tag selection' })
  await popover.getByRole('textbox', { name: 'Claim' }).fill('Over 1,400 died')
  await popover.getByRole('button', { name: 'Create claim' }).click()
  const reader = page.getByRole('region', { name: 'Reader 1' })
  const card = page.getByRole('region', { name: 'Claim board' }).getByRole('listitem', { name: 'Over 1,400 died' })
  await expect(card).toContainText('1 article · 1 outlet · 1 independent origin')

  await reader.getByRole('button', { name: 'Delete highlight' }).click()
  await expect(reader.locator('mark')).toHaveCount(0)
  await expect(card).toContainText('0 articles · 0 outlets · 0 independent origins')
  await page.getByRole('status', { name: 'Last change' }).getByRole('button', { name: 'Undo' }).click()
  await expect(reader.locator('mark')).toHaveText(['more than 1,400 deaths'])
  await expect(card).toContainText('1 article · 1 outlet · 1 independent origin')
})

test('a new highlight redraws only its own line, and find marks come back on it', async ({ workbench }) => {
  const page = workbench.page
  await importThroughUi(page, SEEDS_DIR, '5 imported')
  await openInReader(page, /resume secret talks in Baku/, 1)
  const reader = page.getByRole('region', { name: 'Reader 1' })
  const text = reader.getByRole('document')
  const phrase = 'more than 1,400 deaths'
  await expect(text).toContainText(phrase)
  // Every other line's element is tagged: a redraw of the whole article would replace them all.
  const tagged = await text.evaluate((el, p) => {
    const others = [...el.children].filter((line) => !line.textContent?.includes(p))
    for (const line of others) (line as HTMLElement).dataset.untouched = 'yes'
    return others.length
  }, phrase)
  expect(tagged).toBeGreaterThan(3)

  await reader.getByRole('searchbox', { name: 'Find in article' }).fill('sweida')
  await expect(reader.getByRole('status', { name: 'Find results' })).toHaveText('1 of 4')
  await selectPhrase(page, 'Reader 1', phrase)
  await page.getByRole('dialog', { name: 'Tag selection' }).getByRole('button', { name: 'Highlight only' }).click()
  await expect(text.locator('mark.highlight')).toHaveText([phrase])
  await expect(text.locator('[data-untouched="yes"]')).toHaveCount(tagged)
  await expect(reader.getByRole('status', { name: 'Find results' })).toHaveText('1 of 4')
  await expect(text.locator('mark.find-hit')).toHaveCount(4)
})
