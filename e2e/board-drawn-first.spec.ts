// On the app's first load the claim board's first screen is drawn alone (with the rail around it), and
// the library, the readers and the status bar follow once it is painted (Workspace's drawFirstOnly, the
// board view's drawnFirst). Here the board's first answer is held back to see that order, made to fail
// to see that nothing waits for an answer that will not come, and the board is closed to see that
// nothing waits for a view that is not open.

import type { Page, Route } from '@playwright/test'
import { expect, importThroughUi, SEEDS_DIR, test } from './fixtures'

/** Holds back the board's first answer (asked for with evidencePerCard) until released; later answers pass. */
async function holdFirstScreen(page: Page) {
  const held: Route[] = []
  let released = false
  await page.route('**/api/getClaimBoard', async (route) => {
    const args = route.request().postDataJSON() as { evidencePerCard?: number }
    if (args.evidencePerCard !== undefined && !released) held.push(route)
    else await route.continue()
  })
  return {
    held,
    release: async () => {
      released = true
      for (const route of held.splice(0)) await route.continue()
    },
  }
}

test('the board’s first screen is drawn first; the library, the readers and the status bar follow it', async ({ workbench }, testInfo) => {
  test.skip(testInfo.project.name !== 'web', 'holds back an HTTP answer of the browser shell')
  const page = workbench.page
  await importThroughUi(page, SEEDS_DIR, '5 imported')
  await page.getByRole('region', { name: 'Claim board' }).getByRole('button', { name: 'New claim' }).click()
  await page.getByRole('textbox', { name: 'Claim statement' }).fill('Officials met in Baku')
  await page.getByRole('button', { name: 'Save claim' }).click()
  await expect(page.getByRole('listitem', { name: 'Officials met in Baku' })).toBeVisible()

  const { held, release } = await holdFirstScreen(page)
  await page.reload()
  await expect.poll(() => held.length).toBeGreaterThan(0)
  // The workbench is up (the rail, the board's panel) while the first answer is on its way…
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Claim board' })).toBeVisible()
  // …but what follows the board is not drawn yet.
  await expect(page.getByRole('list', { name: 'Articles' })).toHaveCount(0)
  await expect(page.getByRole('region', { name: 'Reader 1' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Add reader' })).toHaveCount(0)

  await release()
  await expect(page.getByRole('listitem', { name: 'Officials met in Baku' })).toBeVisible()
  await expect(page.getByRole('list', { name: 'Articles' }).getByRole('listitem')).toHaveCount(5)
  await expect(page.getByRole('region', { name: 'Reader 1' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Add reader' })).toBeVisible()
})

test('a first answer that fails holds nothing back, and with the board closed nothing waits for it', async ({ workbench }, testInfo) => {
  test.skip(testInfo.project.name !== 'web', 'holds back an HTTP answer of the browser shell')
  const page = workbench.page
  await importThroughUi(page, SEEDS_DIR, '5 imported')

  // The board's answer fails: the error is shown, and the rest of the workbench is drawn all the same.
  await page.route('**/api/getClaimBoard', (route) => route.fulfill({ status: 500, contentType: 'text/plain', body: 'board unavailable' }))
  await page.reload()
  await expect(page.getByRole('alert').filter({ hasText: 'board unavailable' })).toBeVisible()
  await expect(page.getByRole('list', { name: 'Articles' }).getByRole('listitem')).toHaveCount(5)
  await expect(page.getByRole('region', { name: 'Reader 1' })).toBeVisible()
  await page.unroute('**/api/getClaimBoard')

  // The board closed (remembered across the reload): its first answer, held back, delays nothing.
  await page.reload()
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Claims' }).click()
  await expect(page.getByRole('region', { name: 'Claim board' })).toHaveCount(0)
  const { held, release } = await holdFirstScreen(page)
  await page.reload()
  await expect.poll(() => held.length).toBeGreaterThan(0)
  await expect(page.getByRole('list', { name: 'Articles' }).getByRole('listitem')).toHaveCount(5)
  await expect(page.getByRole('region', { name: 'Reader 1' })).toBeVisible()
  await release()
})
