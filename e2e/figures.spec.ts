// Figures compared across sources (issue 20), through the UI on the seeds: 001's and 003's tolls
// merge into one figure from two outlets; 002's "hundreds of casualties" is shown beside them and
// flagged, and the stance picker suggests "contradicts" and says why; the analyst accepts a figure
// with a reason, and undoes it.

import { expect, importThroughUi, openInReader, SEEDS_DIR, selectPhrase, tagAsNewClaim, test } from './fixtures'

test('figures merge across outlets, conflict with casualties, suggest a stance, and can be accepted', async ({ workbench }) => {
  const page = workbench.page
  const board = page.getByRole('region', { name: 'Claim board' })
  const popover = page.getByRole('dialog', { name: 'Tag selection' })

  await importThroughUi(page, SEEDS_DIR, '5 imported')
  await openInReader(page, /resume secret talks in Baku/, 1)
  await openInReader(page, /Syrian-Israeli ministerial meeting/, 2)

  // 001: "more than 1,400 deaths", as a new claim.
  await tagAsNewClaim(page, 'Reader 1', 'The deteriorating situation in Sweida has resulted in more than 1,400 deaths', 'The Sweida clashes left more than 1,400 dead')
  const card = board.getByRole('listitem', { name: 'The Sweida clashes left more than 1,400 dead' })
  const figures = card.getByRole('region', { name: 'Figures' })
  await expect(figures.getByRole('list', { name: 'Figures: deaths' }).getByRole('listitem')).toHaveCount(1)

  // 003: "killed over 1400 people" — the same figure from a second outlet: one line, two sources.
  await selectPhrase(page, 'Reader 2', 'killed over 1400 people')
  await expect(popover.getByRole('combobox', { name: 'Stance' })).toHaveValue('supports')
  await popover.getByRole('button', { name: 'Add to claim: The Sweida clashes left more than 1,400 dead' }).click()
  await expect(popover).toBeHidden()
  const deaths = figures.getByRole('list', { name: 'Figures: deaths' }).getByRole('listitem')
  await expect(deaths).toHaveCount(1)
  await expect(deaths).toHaveAccessibleName(/^over 1,400 · MNTV, A Syrian-Israeli/)
  await expect(figures.getByRole('note', { name: 'Figures conflict' })).toHaveCount(0)

  // 002: "hundreds of casualties" — the stance picker suggests contradicts, and says why.
  await openInReader(page, /high-level ministerial meeting/, 2)
  await selectPhrase(page, 'Reader 2', 'The fighting reportedly resulted in hundreds of casualties.')
  await expect(popover.getByRole('note', { name: 'Suggested stance' })).toContainText('contradicts')
  await expect(popover.getByRole('note', { name: 'Suggested stance' })).toContainText(
    'hundreds of casualties cannot be true if over 1,400 were killed: casualties include the dead',
  )
  await expect(popover.getByRole('combobox', { name: 'Stance' })).toHaveValue('contradicts')
  await popover.getByRole('button', { name: 'Add to claim: The Sweida clashes left more than 1,400 dead' }).click()
  await expect(popover).toBeHidden()

  // The two side by side, by kind, and flagged.
  await expect(card.getByRole('button', { name: /^Stance of “The fighting reportedly/ })).toHaveText('✗ contradicts')
  await expect(deaths).toHaveCount(1)
  await expect(figures.getByRole('list', { name: 'Figures: casualties' }).getByRole('listitem')).toHaveAccessibleName(/^hundreds · /)
  const conflict = figures.getByRole('note', { name: 'Figures conflict' })
  await expect(conflict).toHaveCount(1)
  await expect(conflict).toContainText('over 1,400 deaths')
  await expect(conflict).toContainText('hundreds of casualties')

  // Accept the toll with a reason; it shows on the card; undo takes it back.
  await deaths.getByRole('button', { name: 'Accept over 1,400 deaths' }).click()
  await figures.getByRole('textbox', { name: 'Reason for accepting the figure' }).fill('Two outlets citing SOHR')
  await figures.getByRole('button', { name: 'Accept figure' }).click()
  const accepted = figures.getByText(/^Accepted:/)
  await expect(accepted).toContainText('over 1,400 deaths — Two outlets citing SOHR')
  await page.keyboard.press('Control+z')
  await expect(accepted).toHaveCount(0)
})
