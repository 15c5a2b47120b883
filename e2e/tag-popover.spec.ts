// The tag popover at 1024×700 (issue 15): from a selection at the window's foot it opens above the
// selection, inside the window; "Add to existing claim" comes first, filtered as you type and
// chosen with the arrow keys and Enter; "New claim" after it; the focus goes back to the text.

import { expect, importThroughUi, openInReader, SEEDS_DIR, selectedPassage, selectPhrase, test } from './fixtures'
import { inside } from './screen-checks'
import type { Page } from '@playwright/test'

test.describe.configure({ timeout: 180_000 })

/** Scrolls the reader so `phrase` sits on its last visible line, then drags over it with the mouse. */
async function selectPhraseAtFoot(page: Page, reader: string, phrase: string): Promise<{ top: number; bottom: number }> {
  const text = page.getByRole('region', { name: reader }).getByRole('document')
  await expect(text).toContainText(phrase)
  const box = await text.evaluate((el, p) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
    const nodes: Text[] = []
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text)
    const start = nodes
      .map((n) => n.data)
      .join('')
      .indexOf(p)
    if (start < 0) throw new Error(`phrase not in article: ${p}`)
    const rangeOf = (from: number, to: number) => {
      const range = document.createRange()
      let seen = 0
      for (const node of nodes) {
        if (from >= seen && from < seen + node.data.length) range.setStart(node, from - seen)
        if (to > seen && to <= seen + node.data.length) range.setEnd(node, to - seen)
        seen += node.data.length
      }
      return range
    }
    const whole = rangeOf(start, start + p.length).getBoundingClientRect()
    el.scrollTop += whole.bottom - (el.getBoundingClientRect().bottom - 16)
    const first = rangeOf(start, start + 1).getBoundingClientRect()
    const last = rangeOf(start + p.length - 1, start + p.length).getBoundingClientRect()
    return {
      x1: first.left + 1,
      y1: first.top + first.height / 2,
      x2: last.right - 1,
      y2: last.top + last.height / 2,
      top: Math.min(first.top, last.top),
      bottom: Math.max(first.bottom, last.bottom),
    }
  }, phrase)
  await page.mouse.move(box.x1, box.y1)
  await page.mouse.down()
  await page.mouse.move(box.x2, box.y2, { steps: 4 })
  await page.mouse.up()
  expect(await selectedPassage(page)).toBe(phrase)
  return { top: box.top, bottom: box.bottom }
}

test('at 1024×700 the popover opens inside the window from a selection at its foot, existing claims first', async ({ workbench }) => {
  const page = workbench.page
  await page.setViewportSize({ width: 1024, height: 700 })
  await importThroughUi(page, SEEDS_DIR, '5 imported')
  await openInReader(page, /resume secret talks in Baku/, 1)
  const popover = page.getByRole('dialog', { name: 'Tag selection' })
  const text = page.getByRole('region', { name: 'Reader 1' }).getByRole('document')

  // Two claims to choose from.
  for (const [phrase, claim] of [
    ['more than 1,400 deaths', 'The Sweida clashes killed over 1,400 people'],
    ['Israeli Minister for Strategic Affairs Ron Dermer', 'Dermer leads the Israeli side'],
  ]) {
    await selectPhrase(page, 'Reader 1', phrase!)
    await popover.getByRole('textbox', { name: 'Claim' }).fill(claim!)
    await popover.getByRole('button', { name: 'Create claim' }).click()
    await expect(popover).toBeHidden()
    // Tagging gives the focus back to the text.
    await expect(text).toBeFocused()
  }

  // Another article in Reader 2, whose text runs down to the status bar at the window's foot.
  await openInReader(page, /Syrian-Israeli ministerial meeting/, 2)
  const text2 = page.getByRole('region', { name: 'Reader 2' }).getByRole('document')
  const selection = await selectPhraseAtFoot(page, 'Reader 2', 'killed over 1400 people')
  expect(selection.bottom).toBeGreaterThan(620)
  await expect(popover).toBeVisible()
  const box = (await popover.boundingBox())!
  expect(inside(box, { x: 0, y: 0, width: 1024, height: 700 }), JSON.stringify(box)).toBe(true)
  // Flipped above the selection, not over it.
  expect(box.y + box.height).toBeLessThanOrEqual(selection.top)

  // "Add to existing claim" first, labelled, with the filter focused; "New claim" after it.
  const existing = popover.getByRole('region', { name: 'Add to existing claim' })
  const created = popover.getByRole('form', { name: 'New claim' })
  await expect(existing).toBeVisible()
  await expect(created).toBeVisible()
  expect((await existing.boundingBox())!.y).toBeLessThan((await created.boundingBox())!.y)
  const find = existing.getByRole('searchbox', { name: 'Find a claim' })
  await expect(find).toBeFocused()
  const listed = existing.getByRole('list', { name: 'Existing claims' }).getByRole('button')
  await expect(listed).toHaveCount(2)

  // Filtered as you type.
  await page.keyboard.type('dermer')
  await expect(listed).toHaveCount(1)
  await expect(listed).toHaveAccessibleName('Add to claim: Dermer leads the Israeli side')
  await page.keyboard.press('Backspace')
  await page.keyboard.press('Control+a')
  await page.keyboard.press('Delete')
  await expect(listed).toHaveCount(2)
  // Chosen with the arrow keys, added with Enter.
  await page.keyboard.press('ArrowDown')
  await expect(listed.nth(0)).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(listed.nth(1)).toBeFocused()
  const chosen = (await listed.nth(1).getAttribute('aria-label'))!.replace('Add to claim: ', '')
  await page.keyboard.press('Enter')
  await expect(popover).toBeHidden()
  await expect(text2).toBeFocused()
  const card = page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Claims' })
  await card.click()
  const board = page.getByRole('region', { name: 'Claim board' })
  await expect(board.getByRole('listitem', { name: chosen })).toContainText('killed over 1400 people')

  // Escape closes the popover and hands the focus back to the text.
  await selectPhraseAtFoot(page, 'Reader 2', 'a diplomat told AFP')
  await expect(popover).toBeVisible()
  expect(inside((await popover.boundingBox())!, { x: 0, y: 0, width: 1024, height: 700 })).toBe(true)
  await page.keyboard.press('Escape')
  await expect(popover).toBeHidden()
  await expect(text2).toBeFocused()
})
