// A library too long to draw at once: the list draws about a screenful of rows, pages through the
// service as it scrolls, and still sorts, filters, opens and walks with the keyboard over every article.

import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, importThroughUi, test } from './fixtures'

/** Several pages of the list (a page is 100 articles), small enough to import in a few seconds. */
const ARTICLES = 1_200
const OUTLETS = ['Kestrel Post', 'Northline Radio', 'Valley Herald']
const WORDS = ['harbour', 'council', 'bridge', 'ferry', 'inspection', 'festival', 'budget', 'storm', 'school', 'rail', 'mayor', 'river', 'market', 'clinic', 'tower']

const titleOf = (n: number) => `Dispatch ${String(n).padStart(4, '0')}`

async function writeCorpus(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'triangulate-library-'))
  for (const outlet of OUTLETS) await mkdir(join(folder, outlet))
  for (let n = 0; n < ARTICLES; n++) {
    // One day apart, so newest first is the reverse of the numbering; words vary so no two texts are near-duplicates.
    const date = new Date(Date.UTC(2020, 0, 1 + n)).toISOString().slice(0, 10)
    const body = Array.from({ length: 40 }, (_, i) => WORDS[(n * 7 + i * i + Math.floor(n / (i + 1))) % WORDS.length]).join(' ')
    await writeFile(join(folder, OUTLETS[n % OUTLETS.length]!, `dispatch-${n}.txt`), `${titleOf(n)}\n date ${date}\nReport number ${n}: ${body}.\n`)
  }
  return folder
}

test('a long library is drawn a screenful at a time and still sorts, filters, opens and walks by keyboard', async ({ workbench }) => {
  test.setTimeout(120_000)
  const page = workbench.page
  const library = page.getByRole('region', { name: 'Library' })
  await importThroughUi(page, await writeCorpus(), `${ARTICLES} imported`)
  await expect(library.getByText(`${ARTICLES} articles`)).toBeVisible()

  const rows = library.getByRole('list', { name: 'Articles' }).getByRole('listitem')
  await expect(rows.first()).toHaveAccessibleName(titleOf(ARTICLES - 1))
  expect(await rows.count()).toBeLessThan(60)

  // The keyboard walks the whole list, including rows whose page was never fetched.
  await rows
    .first()
    .getByRole('button', { name: titleOf(ARTICLES - 1), exact: true })
    .focus()
  await page.keyboard.press('ArrowDown')
  await expect(page.locator(':focus')).toHaveText(titleOf(ARTICLES - 2))
  await page.keyboard.press('End')
  await expect(page.locator(':focus')).toHaveText(titleOf(0))
  await expect(page.locator(':focus')).toBeInViewport()
  await page.keyboard.press('ArrowUp')
  await expect(page.locator(':focus')).toHaveText(titleOf(1))
  await page.keyboard.press('Enter')
  const reader = page.getByRole('region', { name: 'Reader 1' })
  await expect(reader.getByRole('heading', { name: titleOf(1) })).toBeVisible()
  await expect(library.getByRole('listitem', { name: titleOf(1) })).toHaveAttribute('aria-current', 'true')
  expect(await rows.count()).toBeLessThan(60)

  // Filtering and sorting are done by the service over every article, not over the rows drawn.
  await library.getByRole('searchbox', { name: 'Filter articles' }).fill('kestrel')
  await expect(library.getByText(`${ARTICLES / OUTLETS.length} of ${ARTICLES} articles match`)).toBeVisible()
  await library.getByRole('combobox', { name: 'Sort articles' }).selectOption('oldest')
  await expect(rows.first()).toHaveAccessibleName(titleOf(0))
  await expect(rows.nth(1)).toHaveAccessibleName(titleOf(OUTLETS.length))
  for (const row of await rows.all()) await expect(row).toContainText('Kestrel Post')
  await library.getByRole('searchbox', { name: 'Filter articles' }).fill('')
  await library.getByRole('combobox', { name: 'Sort articles' }).selectOption('title')
  await expect(rows.first()).toHaveAccessibleName(titleOf(0))
  await expect(rows.nth(1)).toHaveAccessibleName(titleOf(1))

  // Search answers with its best results first, and more on request: every article says "Report".
  await library.getByRole('searchbox', { name: 'Search corpus' }).fill('report')
  await library.getByRole('button', { name: 'Search', exact: true }).click()
  const hits = library.getByRole('list', { name: 'Search results' }).getByRole('listitem')
  await expect(library.getByRole('status').filter({ hasText: 'Best 20 articles' })).toBeVisible()
  await expect(hits).toHaveCount(20)
  await library.getByRole('button', { name: 'More results' }).click()
  await expect(hits).toHaveCount(200)
  await expect(library.getByRole('status').filter({ hasText: 'Best 200 articles' })).toBeVisible()
  await expect(library.getByRole('button', { name: 'More results' })).toHaveCount(0)
})
