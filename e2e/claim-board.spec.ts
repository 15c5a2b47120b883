// The claim board: evidence dragged between claims (and undone), the evidence matrix opening the
// right passage, and the analyst's status override shown as such.

import { expect, importThroughUi, openInReader, SEEDS_DIR, selectPhrase, tagAsNewClaim, test } from './fixtures'

test('drag evidence between claims, undo it, and open evidence from the matrix', async ({ workbench }) => {
  const page = workbench.page
  const board = page.getByRole('region', { name: 'Claim board' })
  const popover = page.getByRole('dialog', { name: 'Tag selection' })
  await importThroughUi(page, SEEDS_DIR, '5 imported')

  await openInReader(page, /resume secret talks in Baku/, 1)
  await openInReader(page, /Syrian-Israeli ministerial meeting/, 2)

  await tagAsNewClaim(page, 'Reader 1', 'Foreign Minister Asaad al-Shaibani and Israeli Minister for Strategic Affairs Ron Dermer', 'Shaibani and Dermer lead the talks')
  await tagAsNewClaim(page, 'Reader 2', 'killed over 1400 people', 'Over 1,400 were killed in Sweida')
  // Tagged to the wrong claim by mistake: the Dermer passage in Reader 2 goes to the toll claim.
  await selectPhrase(page, 'Reader 2', 'Israeli Minister of Strategic Affairs Ron Dermer')
  await popover.getByRole('button', { name: 'Add to claim: Over 1,400 were killed in Sweida' }).click()

  const talks = board.getByRole('listitem', { name: 'Shaibani and Dermer lead the talks' })
  const toll = board.getByRole('listitem', { name: 'Over 1,400 were killed in Sweida' })
  const evidenceOf = (card: typeof toll) => card.getByRole('button', { name: /^Open evidence: / })
  await expect(evidenceOf(toll)).toHaveCount(2)
  // Two passages of one article with different origins: SOHR's toll, AFP's report of the talks.
  await expect(toll).toContainText('1 article · 1 outlet · 2 independent origins')
  await expect(talks).toContainText('1 article · 1 outlet · 1 independent origin')

  // Drag it where it belongs.
  // Picked up by its quote: the middle of the evidence row can be one of its controls (a select does not drag).
  await toll.getByRole('button', { name: /^Open evidence: .*Israeli Minister of Strategic Affairs Ron Dermer/ }).dragTo(talks.locator('.claim-text'))
  // Both articles credit AFP: one origin told twice.
  await expect(talks).toContainText('2 articles · 2 outlets · 1 independent origin: AFP (2 articles)')
  await expect(talks).toContainText('Single source')
  await expect(evidenceOf(toll)).toHaveCount(1)

  // Undo puts it back.
  await page.getByRole('status', { name: 'Last change' }).getByRole('button', { name: 'Undo' }).click()
  await expect(evidenceOf(toll)).toHaveCount(2)
  await expect(talks).toContainText('1 article · 1 outlet · 1 independent origin')
  // Ctrl+Z undoes the step before that: the mistaken tag, highlight and all.
  await page.locator('body').press('Control+z')
  await expect(evidenceOf(toll)).toHaveCount(1)

  // The matrix: claims × sources, opened over the work area; a cell opens that evidence.
  await page.getByRole('button', { name: 'Close Reader 2' }).click()
  await page.getByRole('button', { name: 'Close Reader 1' }).click()
  await board.getByRole('group', { name: 'Board view' }).getByRole('button', { name: 'Matrix' }).click()
  const matrix = page.getByRole('region', { name: 'Evidence matrix' }).getByRole('table', { name: 'Evidence matrix' })
  await expect(matrix.getByRole('row')).toHaveCount(3)
  await matrix
    .getByRole('button', { name: /on “Over 1,400 were killed in Sweida”: supports$/ })
    .filter({ hasText: '✓' })
    .first()
    .click()
  const opened = page.locator('mark.selected')
  await expect(opened).toBeInViewport()
  await expect(opened).toHaveText(/killed over 1400 people|Israeli Minister of Strategic Affairs Ron Dermer/)

  // Opening the evidence closed the matrix, to show the reader.
  await expect(matrix).toBeHidden()
  await expect(board.getByRole('group', { name: 'Board view' }).getByRole('button', { name: 'Cards' })).toHaveAttribute('aria-pressed', 'true')
  // An analyst's verdict overrides the derived status and says so.
  await talks.getByRole('button', { name: 'Edit claim: Shaibani and Dermer lead the talks' }).click()
  await talks.getByRole('combobox', { name: 'Status override' }).selectOption('contested')
  await talks.getByRole('textbox', { name: 'Reason for the override' }).fill('Syrian state TV named a different delegation')
  await talks.getByRole('button', { name: 'Save' }).click()
  await expect(board.getByRole('region', { name: 'Contested claims' }).getByRole('listitem', { name: 'Shaibani and Dermer lead the talks' })).toContainText(
    'Contested (analyst)',
  )
})

test('a suggested match from another article is accepted and appears on the card', async ({ workbench }) => {
  const page = workbench.page
  const board = page.getByRole('region', { name: 'Claim board' })
  await importThroughUi(page, SEEDS_DIR, '5 imported')
  await openInReader(page, /resume secret talks in Baku/, 1)

  await selectPhrase(page, 'Reader 1', 'more than 1,400 deaths')
  const popover = page.getByRole('dialog', { name: 'Tag selection' })
  await popover.getByRole('textbox', { name: 'Claim' }).fill('The clashes killed over 1,400 people')
  await popover.getByRole('button', { name: 'Create claim' }).click()
  const card = board.getByRole('listitem', { name: 'The clashes killed over 1,400 people' })
  await expect(card).toContainText('1 article · 1 outlet · 1 independent origin')

  await page.getByRole('region', { name: 'Reader 1' }).getByRole('button', { name: 'Suggest matches' }).click()
  const suggestions = page.getByRole('region', { name: 'Suggested matches' })
  await expect(suggestions).toContainText('killed over 1400 people')
  await expect(suggestions).toContainText('hundreds of casualties')
  // Each suggestion says why: its score and what it shares with the highlight.
  const afp = suggestions.getByRole('listitem').filter({ hasText: 'killed over 1400 people' })
  await expect(afp).toContainText(/\d+%/)
  await expect(afp).toContainText('number 1,400 ~ 1400')
  await expect(afp).toContainText('spelling Sweida ~ Suweida')
  await expect(afp).toContainText('same fact deaths ~ killed')
  await suggestions.getByRole('button', { name: /^Add as evidence: .*killed over 1400 people/ }).click()
  // 001 and 003 both take the toll from the Syrian Observatory: one origin.
  await expect(card).toContainText('2 articles · 2 outlets · 1 independent origin: SOHR (2 articles)')
  await expect(card).toContainText('Single source')

  await suggestions.getByRole('combobox', { name: 'Stance for added evidence' }).selectOption('contradicts')
  await suggestions.getByRole('button', { name: /^Add as evidence: .*hundreds of casualties/ }).click()
  await expect(card).toContainText('Contested')
  await expect(card.getByRole('button', { name: /^Open evidence: .*hundreds of casualties/ })).toBeVisible()
})

test('a syndicated copy counts as its original source, not a second one', async ({ workbench }) => {
  const page = workbench.page
  const library = page.getByRole('region', { name: 'Library' })
  const board = page.getByRole('region', { name: 'Claim board' })
  const popover = page.getByRole('dialog', { name: 'Tag selection' })
  await library.getByRole('button', { name: 'Load sample corpus' }).click()
  const report = library.getByRole('status', { name: 'Import report' })
  await expect(report).toContainText('5 imported')
  await expect(report).toContainText('1 near-duplicate')

  await library.getByRole('listitem').filter({ hasText: 'Harbour Wire' }).nth(0).getByRole('button', { name: 'Open in Reader 1' }).click()
  await library.getByRole('listitem').filter({ hasText: 'Harbour Wire' }).nth(1).getByRole('button', { name: 'Open in Reader 2' }).click()
  await tagAsNewClaim(page, 'Reader 1', 'At least 20 people were injured', 'At least 20 were injured')
  await selectPhrase(page, 'Reader 2', 'At least 20 people were injured')
  await popover.getByRole('button', { name: 'Add to claim: At least 20 were injured' }).click()

  const card = board.getByRole('listitem', { name: 'At least 20 were injured' })
  await expect(card).toContainText('2 articles · 1 outlet · 1 independent origin')
  await expect(card).toContainText('Single source')
  await expect(card).toContainText('(2 articles, one origin)')
})

test('claims group by tag, and evidence split off into a new claim comes back with undo', async ({ workbench }) => {
  const page = workbench.page
  await importThroughUi(page, SEEDS_DIR, '5 imported')
  const board = page.getByRole('region', { name: 'Claim board' })
  const popover = page.getByRole('dialog', { name: 'Tag selection' })
  await openInReader(page, /resume secret talks in Baku/, 1)
  await tagAsNewClaim(page, 'Reader 1', 'more than 1,400 deaths', 'Talks and toll')
  await selectPhrase(page, 'Reader 1', 'Ron Dermer')
  await popover.getByRole('button', { name: 'Add to claim: Talks and toll' }).click()
  const card = board.getByRole('listitem', { name: 'Talks and toll' })
  await expect(card.getByRole('button', { name: /^Open evidence: / })).toHaveCount(2)

  await card.getByRole('button', { name: 'Edit claim: Talks and toll' }).click()
  await card.getByRole('textbox', { name: 'Claim tags' }).fill('toll, sweida')
  await card.getByRole('button', { name: 'Save' }).click()
  await board.getByRole('combobox', { name: 'Group claims by' }).selectOption('tag')
  await expect(board.getByRole('region', { name: '#toll claims' }).getByRole('listitem', { name: 'Talks and toll' })).toBeVisible()
  await expect(board.getByRole('region', { name: '#sweida claims' }).getByRole('listitem', { name: 'Talks and toll' })).toBeVisible()

  // A note on one piece of evidence, kept with it.
  await card.first().getByRole('button', { name: 'Add note on “more than 1,400 deaths”' }).click()
  await card.first().getByRole('textbox', { name: 'Note on “more than 1,400 deaths”' }).fill('SOHR count, not official')
  await card.first().getByRole('textbox', { name: 'Note on “more than 1,400 deaths”' }).press('Enter')
  await expect(card.first()).toContainText('SOHR count, not official')

  // The Dermer passage is about the talks, not the toll: split it off.
  await card.first().getByRole('button', { name: 'Split off into a new claim: Ron Dermer' }).click()
  const split = board.getByRole('listitem', { name: 'Ron Dermer' })
  await expect(split).toContainText('1 article · 1 outlet · 1 independent origin')
  await expect(card.first().getByRole('button', { name: /^Open evidence: / })).toHaveCount(1)
  await page.getByRole('status', { name: 'Last change' }).getByRole('button', { name: 'Undo' }).click()
  await expect(split).toHaveCount(0)
  await expect(card.first().getByRole('button', { name: /^Open evidence: / })).toHaveCount(2)
})
