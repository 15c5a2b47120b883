// `npm run screenshot`: drives the real UI over the sample corpus and saves docs/screenshot.png for
// the README. Not part of `npm test` (playwright.config.ts ignores it unless asked).

import { join } from 'node:path'
import { expect, ROOT, selectPhrase, test } from './fixtures'

test('README screenshot', async ({ workbench }) => {
  const page = workbench.page
  // A laptop's screen: the library folds into the rail to show the board beside two readers.
  await page.setViewportSize({ width: 1280, height: 800 })
  const library = page.getByRole('region', { name: 'Library' })
  await library.getByRole('button', { name: 'Load sample corpus' }).click()
  await expect(library.getByRole('status', { name: 'Import report' })).toContainText('5 imported')
  const popover = page.getByRole('dialog', { name: 'Tag selection' })

  await library
    .getByRole('listitem', { name: /^Marlow Street footbridge collapses/ })
    .getByRole('button', { name: 'Open in Reader 1' })
    .click()
  await library
    .getByRole('listitem', { name: /^Vessen bridge was overloaded/ })
    .getByRole('button', { name: 'Open in Reader 2' })
    .click()

  await selectPhrase(page, 'Reader 1', 'Twelve people were taken to St. Aldric Hospital')
  await popover.getByRole('textbox', { name: 'Claim' }).fill('Twelve people were hospitalised')
  await popover.getByRole('button', { name: 'Create claim' }).click()
  await selectPhrase(page, 'Reader 2', '12 people were hospitalised')
  await popover.getByRole('button', { name: 'Add to claim: Twelve people were hospitalised' }).click()

  await selectPhrase(page, 'Reader 1', 'the bridge had passed its last safety inspection in 2029')
  await popover.getByRole('textbox', { name: 'Claim' }).fill('The bridge passed its 2029 inspection')
  await popover.getByRole('button', { name: 'Create claim' }).click()

  await selectPhrase(page, 'Reader 2', 'There were hundreds of people on a bridge built for a few dozen at a time')
  await popover.getByRole('textbox', { name: 'Claim' }).fill('The bridge was overloaded when it collapsed')
  await popover.getByRole('button', { name: 'Create claim' }).click()

  await library
    .getByRole('listitem', { name: /^Council names judge/ })
    .getByRole('button', { name: 'Open in Reader 2' })
    .click()
  await selectPhrase(page, 'Reader 2', 'rated the bridge\'s steel supports as "poor"')
  await popover.getByRole('combobox', { name: 'Stance' }).selectOption('contradicts')
  await popover.getByRole('button', { name: 'Add to claim: The bridge passed its 2029 inspection' }).click()
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Claims' }).click()
  await expect(page.getByRole('region', { name: 'Claim board' })).toContainText('Contested')

  // Nothing focused or hovered in the picture: a click on the empty status bar.
  await page.mouse.click(1100, 790)
  await page.screenshot({ path: join(ROOT, 'docs', 'screenshot.png') })
})
