// Scraped page furniture (seed 002's teaser list and comment prompt) is collapsed, not deleted: one
// click shows it, and a highlight inside it stays visible however it is toggled.

import { expect, importThroughUi, openInReader, SEEDS_DIR, selectPhrase, test } from './fixtures'

test('teasers and comment prompts are collapsed and can be revealed', async ({ workbench }) => {
  const page = workbench.page
  await importThroughUi(page, SEEDS_DIR, '5 imported')
  await openInReader(page, /high-level ministerial meeting/, 1)

  const reader = page.getByRole('region', { name: 'Reader 1' })
  const text = reader.getByRole('document')
  await expect(text).toContainText('hundreds of casualties')
  await expect(text.getByText('Leave the first comment')).toBeHidden()
  await expect(text.getByText(/shadow fleet/)).toHaveCount(2) // the teaser is listed twice on the page
  for (const teaser of await text.getByText(/shadow fleet/).all()) await expect(teaser).toBeHidden()

  const toggle = reader.getByRole('button', { name: /^Show \d+ collapsed passages/ })
  await toggle.click()
  await expect(text.getByText('Leave the first comment')).toBeVisible()
  await selectPhrase(page, 'Reader 1', 'What is your opinion on this topic?')
  await page.getByRole('dialog', { name: 'Tag selection' }).getByRole('button', { name: 'Highlight only' }).click()
  await reader.getByRole('button', { name: 'Collapse page furniture' }).click()
  // The highlighted prompt stays in view, dimmed; the rest folds away again.
  await expect(text.locator('mark')).toHaveText(['What is your opinion on this topic?'])
  await expect(text.locator('mark')).toBeVisible()
  await expect(text.getByText('Leave the first comment')).toBeHidden()
})
