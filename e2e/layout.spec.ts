// The layout on laptop screens (issue 15): library and board fold into the rail, readers keep 320 px
// of text, the matrix opens over the work area instead of squeezing the readers, the undo bar sits in
// the status bar, and nothing overlaps at 1024×700, 1280×800 and 1440×900 (a screenshot of each is
// attached to the test).

import { expect, importThroughUi, openInReader, SEEDS_DIR, selectPhrase, tagAsNewClaim, test } from './fixtures'
import { cutPlaceholders, inside, intersects, overlappingControls, readerTextWidths, spillingOutOfCards } from './screen-checks'
import type { Page } from '@playwright/test'

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
]
const MIN_TEXT_PX = 320
// Each test imports, tags and measures at several layouts: longer than most specs on a loaded machine.
test.describe.configure({ timeout: 180_000 })

async function openTwoArticles(page: Page) {
  await openInReader(page, /resume secret talks in Baku/, 1)
  await openInReader(page, /Syrian-Israeli ministerial meeting/, 2)
  for (const reader of ['Reader 1', 'Reader 2']) await expect(page.getByRole('region', { name: reader }).getByRole('document')).toBeVisible()
}

async function expectReadersKeepTheirWidth(page: Page) {
  const widths = await readerTextWidths(page)
  expect(Object.keys(widths)).toEqual(['Reader 1', 'Reader 2'])
  for (const [reader, width] of Object.entries(widths)) expect(width, `${reader}'s text width`).toBeGreaterThanOrEqual(MIN_TEXT_PX)
}

for (const size of SIZES) {
  test(`at ${size.width}×${size.height}: panels fold into the rail, readers keep ${MIN_TEXT_PX} px, nothing overlaps`, async ({ workbench }, testInfo) => {
    const page = workbench.page
    await page.setViewportSize(size)
    const rail = page.getByRole('navigation', { name: 'Views' })
    const libraryButton = rail.getByRole('button', { name: 'Library' })
    const boardButton = rail.getByRole('button', { name: 'Claims' })
    await importThroughUi(page, SEEDS_DIR, '5 imported')
    await openTwoArticles(page)

    // Make one change, so the undo bar is showing too.
    await selectPhrase(page, 'Reader 1', 'more than 1,400 deaths')
    const popover = page.getByRole('dialog', { name: 'Tag selection' })
    await popover.getByRole('textbox', { name: 'Claim' }).fill('The Sweida clashes killed over 1,400 people')
    await popover.getByRole('button', { name: 'Create claim' }).click()
    await expect(popover).toBeHidden()
    // A second claim, so each card's evidence has its full set of tools (Move to… needs another claim).
    await tagAsNewClaim(page, 'Reader 2', 'set to take place Thursday in Baku', 'Ministers meet in Baku on Thursday')
    const undoBar = page.getByRole('status', { name: 'Last change' })
    await expect(undoBar).toBeVisible()

    // Both panels beside two readers only where they fit (1440); otherwise the one opened last.
    const bothFit = size.width >= 1440
    await expect(libraryButton).toHaveAttribute('aria-pressed', 'true')
    await expect(boardButton).toHaveAttribute('aria-pressed', bothFit ? 'true' : 'false')
    await expect(page.getByRole('region', { name: 'Claim board' })).toHaveCount(bothFit ? 1 : 0)
    if (bothFit) {
      // A pressed button folds its panel into the rail.
      await boardButton.click()
      await expect(boardButton).toHaveAttribute('aria-pressed', 'false')
      await expect(page.getByRole('region', { name: 'Claim board' })).toHaveCount(0)
    }
    await boardButton.click()
    await expect(boardButton).toHaveAttribute('aria-pressed', 'true')
    await expect(page.getByRole('region', { name: 'Claim board' })).toBeVisible()
    await expect(libraryButton).toHaveAttribute('aria-pressed', bothFit ? 'true' : 'false')
    await expect(page.getByRole('region', { name: 'Library' })).toHaveCount(bothFit ? 1 : 0)
    await expect(page.getByRole('region', { name: 'Claim board' }).getByRole('listitem', { name: 'The Sweida clashes killed over 1,400 people' })).toBeVisible()

    for (const panels of ['board', 'library']) {
      if (panels === 'library') {
        // The keyboard does what the rail's buttons do.
        if (bothFit) {
          await page.keyboard.press('Control+Shift+1')
          await expect(libraryButton).toHaveAttribute('aria-pressed', 'false')
          await expect(page.getByRole('region', { name: 'Library' })).toHaveCount(0)
        }
        await page.keyboard.press('Control+Shift+1')
        await expect(page.getByRole('region', { name: 'Library' })).toBeVisible()
        await expect(libraryButton).toHaveAttribute('aria-pressed', 'true')
        await expect(boardButton).toHaveAttribute('aria-pressed', bothFit ? 'true' : 'false')
      }
      await expectReadersKeepTheirWidth(page)
      expect(await overlappingControls(page)).toEqual([])
      // A card's evidence tools wrap inside it rather than run off the board's edge.
      if (panels === 'board') expect(await spillingOutOfCards(page)).toEqual([])
      // Every placeholder shows whole.
      expect(await cutPlaceholders(page)).toEqual([])
      // The readers sit side by side, whole: no sideways scrolling with two of them.
      const deck = await page.locator('.reader-deck').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }))
      expect(deck.scroll).toBeLessThanOrEqual(deck.client)
      // The undo bar covers nothing: it has the status bar to itself.
      const bar = (await undoBar.boundingBox())!
      const footer = (await page.getByRole('contentinfo', { name: 'Status' }).boundingBox())!
      expect(inside(bar, footer)).toBe(true)
      for (const region of await page.locator('nav.rail, section.dock:not(.folded), section.reader-pane').all()) {
        expect(intersects(bar, (await region.boundingBox())!)).toBe(false)
      }
      await testInfo.attach(`${size.width}x${size.height}-${panels}.png`, { body: await page.screenshot(), contentType: 'image/png' })
    }
  })
}

test('at 1024×700 the evidence matrix opens over the work area, readers keep their width under it', async ({ workbench }, testInfo) => {
  const page = workbench.page
  await page.setViewportSize({ width: 1024, height: 700 })
  await importThroughUi(page, SEEDS_DIR, '5 imported')
  await openTwoArticles(page)
  const popover = page.getByRole('dialog', { name: 'Tag selection' })
  await tagAsNewClaim(page, 'Reader 1', 'more than 1,400 deaths', 'Over 1,400 were killed in Sweida')
  await selectPhrase(page, 'Reader 2', 'killed over 1400 people')
  await popover.getByRole('button', { name: 'Add to claim: Over 1,400 were killed in Sweida' }).click()
  await expect(popover).toBeHidden()

  // Opened from the rail by its shortcut.
  const text = page.getByRole('region', { name: 'Reader 2' }).getByRole('document')
  await text.focus()
  await page.keyboard.press('Control+Shift+3')
  const overlay = page.getByRole('region', { name: 'Evidence matrix' })
  await expect(overlay).toBeVisible()
  await expect(overlay).toBeFocused()
  const matrix = overlay.getByRole('table', { name: 'Evidence matrix' })
  await expect(matrix.getByRole('row')).toHaveCount(2)
  // The claim's column and one source: both passages trace to SOHR, one origin (DECISIONS section 9).
  await expect(matrix.getByRole('columnheader')).toHaveCount(2)
  await expectReadersKeepTheirWidth(page)
  // Wide: everything right of the rail, inside the window, the rail still usable beside it.
  const box = (await overlay.boundingBox())!
  const rail = (await page.getByRole('navigation', { name: 'Views' }).boundingBox())!
  expect(inside(box, { x: 0, y: 0, width: 1024, height: 700 })).toBe(true)
  expect(intersects(box, rail)).toBe(false)
  expect(box.width).toBeGreaterThanOrEqual(1024 - rail.width - 1)
  expect(await overlappingControls(page, 'section.overlay-view:not(.folded)')).toEqual([])
  await testInfo.attach('1024x700-matrix.png', { body: await page.screenshot(), contentType: 'image/png' })
  // Covered readers are out of reach of the keyboard and the mouse until it closes.
  const covered = await text.evaluate((el) => {
    const r = el.getBoundingClientRect()
    return { inert: el.closest('[inert]') !== null, onTop: document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)?.closest('section.overlay-view') !== null }
  })
  expect(covered).toEqual({ inert: true, onTop: true })

  // Escape closes it and puts the focus back where it was.
  await page.keyboard.press('Escape')
  await expect(overlay).toBeHidden()
  await expect(text).toBeFocused()

  // A cell opens its evidence in a reader and closes the matrix to show it.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Matrix' }).click()
  await overlay.getByRole('searchbox', { name: 'Filter matrix claims' }).fill('nothing like this')
  await expect(matrix.getByRole('row')).toHaveCount(0)
  await overlay.getByRole('searchbox', { name: 'Filter matrix claims' }).fill('sweida')
  await matrix.getByRole('button', { name: /^SOHR on “Over 1,400 were killed in Sweida”: supports, supports$/ }).click()
  await expect(overlay).toBeHidden()
  const opened = page.getByRole('region', { name: 'Reader 1' }).locator('mark.selected')
  await expect(opened).toHaveText('more than 1,400 deaths')
  await expect(opened).toBeInViewport()
})

test('a resize that lands before the workbench listens for resizes still refits the panels', async ({ workbench }) => {
  const page = workbench.page
  // The window narrows (as when a test or a tiling window manager resizes it at start) in the gap
  // between the workbench's first paint and its effects: the page reports the new width and fires
  // its resize event before anything is subscribed to it.
  await page.addInitScript(() => {
    let narrowed = false
    const real = Object.getOwnPropertyDescriptor(window, 'innerWidth')!.get!.bind(window)
    Object.defineProperty(window, 'innerWidth', { configurable: true, get: () => (narrowed ? 1000 : real()) })
    const watch = new MutationObserver(() => {
      if (narrowed || !document.querySelector('nav[aria-label="Views"]')) return
      narrowed = true
      watch.disconnect()
      window.dispatchEvent(new Event('resize'))
    })
    watch.observe(document, { childList: true, subtree: true })
  })
  await page.reload()
  const rail = page.getByRole('navigation', { name: 'Views' })
  // At 1,000 px the library (opened last on a first start) keeps its place and the board folds.
  await expect(rail.getByRole('button', { name: 'Library' })).toHaveAttribute('aria-pressed', 'true')
  await expect(rail.getByRole('button', { name: 'Claims' })).toHaveAttribute('aria-pressed', 'false')
})
