// Where a reader opens an article (issue 15): another article starts at its top, with its lede;
// the same article opened again keeps the analyst's place, as does going back to one read before.

import { expect, importThroughUi, SEEDS_DIR, test } from './fixtures'

test.describe.configure({ timeout: 120_000 })

test('at 1024×700 a new article opens at the top, and reopening keeps the place', async ({ workbench }) => {
  const page = workbench.page
  await page.setViewportSize({ width: 1024, height: 700 })
  await importThroughUi(page, SEEDS_DIR, '5 imported')
  const library = page.getByRole('region', { name: 'Library' })
  const openInReader1 = (title: RegExp) => library.getByRole('listitem', { name: title }).getByRole('button', { name: 'Open in Reader 1' }).click()
  const reader = page.getByRole('region', { name: 'Reader 1' })
  const text = reader.getByRole('document')
  const scrollTop = () => text.evaluate((el) => el.scrollTop)
  // The place as the analyst sees it: the line at the top of the view and how far into it. Lines far
  // from the view are laid out only when near it, so the same place may be another scrollTop when
  // the article is drawn again.
  const topOfView = () =>
    text.evaluate((el) => {
      const top = el.getBoundingClientRect().top
      for (const line of el.children) {
        const box = line.getBoundingClientRect()
        if (box.height > 0 && box.bottom > top) return `${line.textContent?.slice(0, 60)} @ ${Math.round(top - box.top)}px`
      }
      return null
    })

  await openInReader1(/resume secret talks in Baku/)
  await expect(reader.getByRole('heading')).toContainText('resume secret talks in Baku')
  await text.evaluate((el) => (el.scrollTop = 600))
  await expect.poll(scrollTop).toBe(600)
  const bakuPlace = await topOfView()
  expect(bakuPlace).not.toMatch(/^null/)

  // Another article: its top, not the previous one's place.
  await openInReader1(/Syrian-Israeli ministerial meeting/)
  await expect(reader.getByRole('heading')).toContainText('A Syrian-Israeli ministerial meeting')
  await expect(text).toContainText('A Syrian-Israeli ministerial meeting is set to take place')
  await expect.poll(scrollTop).toBe(0)
  await expect(text.getByText(/^A Syrian-Israeli ministerial meeting is set to take place/)).toBeInViewport()

  // The same article again: its place is kept.
  await text.evaluate((el) => (el.scrollTop = 300))
  await expect.poll(scrollTop).toBe(300)
  await openInReader1(/Syrian-Israeli ministerial meeting/)
  await page.waitForTimeout(300)
  expect(await scrollTop()).toBe(300)

  // Back to the first one: where the analyst left it, the same line at the top, as far into it.
  await openInReader1(/resume secret talks in Baku/)
  await expect(reader.getByRole('heading')).toContainText('resume secret talks in Baku')
  await expect.poll(topOfView).toBe(bakuPlace)

  // A third, never opened in this reader: the top again.
  await openInReader1(/high-level ministerial meeting/)
  await expect(reader.getByRole('heading')).toContainText('high-level ministerial meeting')
  await expect.poll(scrollTop).toBe(0)
})
