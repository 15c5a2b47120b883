// A claim card's grade and stance pickers are buttons showing the value until used (LazySelect: a
// card drew 81 <option>s nobody had opened). Each opens into the real select by mouse or keyboard,
// keeps its accessible name, and saves what is chosen: a fresh load shows it.

import { expect, importThroughUi, openInReader, SEEDS_DIR, showBoard, tagAsNewClaim, test } from './fixtures'

test('a card’s lazy pickers open into selects, by mouse and by keyboard, and save the grade and stance chosen', async ({ workbench }) => {
  const page = workbench.page
  await page.setViewportSize({ width: 1024, height: 700 })
  await importThroughUi(page, SEEDS_DIR, '5 imported')
  await openInReader(page, /resume secret talks in Baku/, 1)
  await tagAsNewClaim(page, 'Reader 1', 'Ron Dermer', 'Dermer led the Israeli side')
  await showBoard(page)
  const card = () => page.getByRole('region', { name: 'Claim board' }).getByRole('listitem', { name: 'Dermer led the Israeli side' })
  const stance = 'Stance of “Ron Dermer”'
  const credibility = 'Credibility of “Ron Dermer”'
  const reliability = /^Reliability of /

  // Closed, each picker is a button named as the select, then the value it shows; no options are drawn.
  await expect(card().getByRole('button', { name: stance })).toHaveText('✓ supports')
  await expect(card().getByRole('button', { name: stance })).toHaveAccessibleName(`${stance}: supports`)
  await expect(card().getByRole('button', { name: credibility })).toHaveText('–')
  await expect(card().getByRole('button', { name: credibility })).toHaveAccessibleName(`${credibility}: not graded`)
  await expect(card().getByRole('button', { name: reliability })).toHaveAttribute('title', /not graded/)
  await expect(card().locator('option')).toHaveCount(0)

  // Mouse: a click opens the select, named as the button was; the grade chosen is saved.
  await card().getByRole('button', { name: reliability }).click()
  await card().getByRole('combobox', { name: reliability }).selectOption('B')
  await expect(card().getByRole('combobox', { name: reliability })).toHaveAttribute('title', /B, usually reliable/)
  await card().getByRole('button', { name: stance }).click()
  // Opening another picker closes the first (the focus left it): it is a button again, showing B.
  await expect(card().getByRole('button', { name: reliability })).toHaveText('B')
  await card().getByRole('combobox', { name: stance }).selectOption('contradicts')
  // The claim is contradicted now: its card moves to that lane, the stance shown on its button.
  await expect(card().getByRole('button', { name: stance })).toHaveText('✗ contradicts')

  // Keyboard: Enter on the credibility's button puts the focus in its select; each arrow key chooses
  // (and is saved); Escape closes it with the focus back on the button, which shows the choice.
  await card().getByRole('button', { name: credibility }).focus()
  await page.keyboard.press('Enter')
  await expect(card().getByRole('combobox', { name: credibility })).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(card().getByRole('combobox', { name: credibility })).toHaveValue('1')
  await page.keyboard.press('ArrowDown')
  await expect(card().getByRole('combobox', { name: credibility })).toHaveAttribute('title', /2, probably true/)
  await page.keyboard.press('Escape')
  await expect(card().getByRole('button', { name: credibility })).toBeFocused()
  await expect(card().getByRole('button', { name: credibility })).toHaveText('2')
  // Space and the arrow keys open the closed button too.
  for (const key of ['Space', 'ArrowUp']) {
    await page.keyboard.press(key)
    await expect(card().getByRole('combobox', { name: credibility })).toBeFocused()
    await page.keyboard.press('Escape')
    await expect(card().getByRole('button', { name: credibility })).toBeFocused()
  }

  // Saved, not only shown: a fresh load draws the three choices.
  await page.reload()
  await showBoard(page)
  await expect(card().getByRole('button', { name: stance })).toHaveText('✗ contradicts')
  await expect(card().getByRole('button', { name: credibility })).toHaveText('2')
  await expect(card().getByRole('button', { name: credibility })).toHaveAttribute('title', /2, probably true/)
  await expect(card().getByRole('button', { name: reliability })).toHaveText('B')
  await expect(card().getByRole('button', { name: reliability })).toHaveAccessibleName(/^Reliability of .*: B$/)
})
