// Article text is scraped from the web: whatever markup it carries must show as text and never run.

import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, importThroughUi, test } from './fixtures'

const HOSTILE = [
  'Hostile headline <img src=x onerror="window.__pwned = 1">',
  '<script>window.__pwned = 2</script>',
  'Click <a href="javascript:window.__pwned = 3">here</a> or <a href="http://example.invalid/">there</a>.',
  '<iframe src="javascript:parent.__pwned = 4"></iframe><svg onload="window.__pwned = 5"></svg>',
  '<style>body { display: none }</style> The real paragraph is still readable.',
].join('\n')

test('markup inside an article is shown as text and never runs or navigates', async ({ workbench }) => {
  const folder = await mkdtemp(join(tmpdir(), 'triangulate-hostile-'))
  await writeFile(join(folder, 'hostile.txt'), HOSTILE)
  const page = workbench.page
  const requests: string[] = []
  page.on('request', (r) => requests.push(r.url()))
  const startUrl = page.url()

  const library = page.getByRole('region', { name: 'Library' })
  await importThroughUi(page, folder, '1 imported')
  await library.getByRole('listitem').first().getByRole('button', { name: 'Open in Reader 1' }).click()

  const text = page.getByRole('region', { name: 'Reader 1' }).getByRole('document')
  await expect(text).toContainText('<script>window.__pwned = 2</script>')
  await expect(text).toContainText('<a href="javascript:window.__pwned = 3">here</a>')
  await expect(text.locator('script, img, a, iframe, svg, style')).toHaveCount(0)
  await expect(page.getByRole('heading', { name: /Hostile headline <img/ })).toBeVisible()

  await text.getByText('javascript:window.__pwned = 3').click()
  await page.waitForTimeout(300)
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
  expect(page.url().split('#')[0]).toBe(startUrl.split('#')[0])
  expect(requests.filter((u) => !u.startsWith(new URL(startUrl).origin))).toEqual([])
})
