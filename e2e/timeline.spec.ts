// The chronology on the seeds: relative dates resolved against each article's own date, undated
// articles' expressions listed apart until the analyst dates them, a claim whose evidence names two
// days flagged, and the analyst's event date undone by Ctrl+Z.

import type { Page } from '@playwright/test'
import { expect, importThroughUi, SEEDS_DIR, selectPhrase, test } from './fixtures'

async function openTimeline(page: Page) {
  const toggle = page.getByRole('button', { name: 'Timeline', exact: true })
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click()
  return page.getByRole('region', { name: 'Timeline' })
}

/** The time line is an overlay over the work area: the library and readers are behind it until it closes. */
async function closeTimeline(page: Page) {
  const toggle = page.getByRole('button', { name: 'Timeline', exact: true })
  if ((await toggle.getAttribute('aria-pressed')) === 'true') await toggle.click()
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeHidden()
}

async function dateArticle(page: Page, titlePattern: RegExp, date: string) {
  await closeTimeline(page)
  const library = page.getByRole('region', { name: 'Library' })
  await library.getByRole('listitem', { name: titlePattern }).getByRole('button', { name: 'Open in Reader 1' }).click()
  const reader = page.getByRole('region', { name: 'Reader 1' })
  await reader.getByRole('button', { name: 'Edit details' }).click()
  const details = reader.getByRole('form', { name: 'Article details' })
  await details.getByRole('textbox', { name: 'Date' }).fill(date)
  await details.getByRole('button', { name: 'Save details' }).click()
  await expect(details).toBeHidden()
}

test('relative dates resolve against each article’s date, undated ones wait for a date, and a claim’s two days are flagged', async ({ workbench }) => {
  const page = workbench.page
  await importThroughUi(page, SEEDS_DIR, '5 imported')

  let timeline = await openTimeline(page)
  const day = (date: string) => timeline.getByRole('listitem').filter({ has: page.getByRole('heading', { name: date, exact: true }) })
  // 003 (dated 2025-07-30): "set to take place Thursday" is the next day; 004 (2025-07-12, a Saturday): "later on Saturday" that day.
  await expect(day('2025-07-31')).toContainText('A Syrian-Israeli ministerial meeting is set to take place Thursday in Baku')
  await expect(day('2025-07-12')).toContainText('are expected to meet in Baku later on Saturday')
  // 000 has no date: its Thursday is listed apart, with the reason; 001's "July 31" too.
  const unresolved = timeline.getByRole('region', { name: 'Unresolved dates' })
  await expect(unresolved).toContainText('will meet in the Azerbaijani capital of Baku on Thursday')
  await expect(unresolved).toContainText('the article has no date')
  await expect(unresolved).toContainText('High-level meeting set for July 31')

  // Filtered by an entity: the events said in a sentence that names Asaad al-Shaibani, however spelled.
  const entityFilter = timeline.getByRole('combobox', { name: 'Entity' })
  await expect(entityFilter.getByRole('option', { name: 'Asaad al-Shaibani' })).toHaveCount(1, { timeout: 60_000 })
  await entityFilter.selectOption({ label: 'Asaad al-Shaibani' })
  // 003's three Thursdays: the two sentences about Shaibani stay, the meeting's own (Baku, not him) goes.
  const thursdays = day('2025-07-31').getByRole('listitem')
  await expect(thursdays).toHaveCount(2)
  await expect(thursdays.nth(0)).toContainText('Shaibani')
  await expect(thursdays.nth(1)).toContainText('Shaibani')
  await expect(day('2025-07-31')).toContainText('unprecedented visit by Shaibani to Moscow on Thursday')
  await expect(day('2025-07-12')).toHaveCount(0)
  await expect(unresolved).toContainText('Shaibani and Dermer')
  await expect(unresolved).not.toContainText('will meet in the Azerbaijani capital of Baku on Thursday')
  await entityFilter.selectOption({ label: 'All entities' })
  await expect(day('2025-07-12')).toContainText('are expected to meet in Baku later on Saturday')

  // Given a 2025 date, 001's "July 31" takes its place beside 003's Thursday.
  await dateArticle(page, /resume secret talks in Baku/, '2025-07-29')
  timeline = await openTimeline(page)
  await expect(day('2025-07-31')).toContainText('High-level meeting set for July 31')
  await expect(day('2025-07-31')).toContainText('set to take place Thursday in Baku')
  await expect(unresolved).not.toContainText('High-level meeting set for July 31')

  // 000 dated the week before: its "Thursday" is 2025-07-24, no longer unresolved.
  await dateArticle(page, /^Israeli and Syrian officials will meet/, '2025-07-22')
  timeline = await openTimeline(page)
  await expect(day('2025-07-24')).toContainText('will meet in the Azerbaijani capital of Baku on Thursday')

  // A claim whose evidence names the two Thursdays shows the conflict, and takes an event date, undoably.
  await closeTimeline(page)
  const library = page.getByRole('region', { name: 'Library' })
  const popover = page.getByRole('dialog', { name: 'Tag selection' })
  await library
    .getByRole('listitem', { name: /Syrian-Israeli ministerial meeting/ })
    .getByRole('button', { name: 'Open in Reader 2' })
    .click()
  await selectPhrase(page, 'Reader 2', 'A Syrian-Israeli ministerial meeting is set to take place Thursday in Baku')
  await popover.getByRole('textbox', { name: 'Claim' }).fill('The ministers meet in Baku on Thursday')
  await popover.getByRole('button', { name: 'Create claim' }).click()
  await selectPhrase(page, 'Reader 1', 'Israeli and Syrian officials will meet in the Azerbaijani capital of Baku on Thursday')
  await popover.getByRole('button', { name: 'Add to claim: The ministers meet in Baku on Thursday' }).click()

  const board = page.getByRole('region', { name: 'Claim board' })
  const card = board.getByRole('listitem', { name: 'The ministers meet in Baku on Thursday' })
  const conflict = card.getByRole('note', { name: 'Date conflict' })
  await expect(conflict).toContainText('2025-07-24')
  await expect(conflict).toContainText('2025-07-31')
  await card.getByRole('button', { name: 'Set 2025-07-31 as the event date of “The ministers meet in Baku on Thursday”' }).click()
  await expect(card).toContainText('Event date: 2025-07-31')
  await page.locator('body').press('Control+z')
  await expect(card).not.toContainText('Event date: 2025-07-31')
  await expect(conflict).toBeVisible()

  // An event opens its sentence in a reader.
  timeline = await openTimeline(page)
  await day('2025-07-12')
    .getByRole('button', { name: /Open “Saturday” in/ })
    .click()
  await expect(page.locator('mark.selected, .search-hit, [data-passage]').first()).toBeInViewport()
})
