// A board too large to draw whole: hundreds of claims built through the real API (HTTP in the
// browser shell, IPC in the desktop app), then found, filtered and moved between on the virtualised
// board, with the lanes still counting every claim.

import type { Page } from '@playwright/test'
import { expect, importThroughUi, SEEDS_DIR, test } from './fixtures'
import { withPageApi } from './page-api'

/** More claims than any screen shows, few enough to build through the API one call at a time. */
const CLAIMS = 240
const LINKS_PER_CLAIM = 2

/** Builds the board in the page, through the same API the app uses; returns what the test looks for. */
async function buildLargeBoard(page: Page): Promise<{ needle: string; target: string }> {
  return withPageApi(
    page,
    async (call, { claims, linksPerClaim }) => {
      const { articles }: { articles: { id: string }[] } = await call('listArticles', {})
      const texts: { id: string; words: { start: number; end: number }[] }[] = []
      for (const a of articles) {
        const { text } = await call('getArticle', { id: a.id })
        texts.push({ id: a.id, words: [...(text as string).matchAll(/\p{L}{4,}/gu)].map((m) => ({ start: m.index!, end: m.index! + m[0].length })) })
      }
      let n = 0
      const names: string[] = []
      for (let i = 0; i < claims; i++) {
        const text =
          i === claims - 2
            ? 'Needle: the ceasefire held in Sweida'
            : i === claims - 1
              ? 'Target: monitors confirmed the ceasefire'
              : `Claim ${i} about the talks, item ${i.toString(36)}`
        const claim = await call('createClaim', { text, tags: i >= claims - 2 ? ['scale-pair'] : [] })
        names.push(text)
        for (let k = 0; k < linksPerClaim; k++, n++) {
          const article = texts[n % texts.length]!
          const word = article.words[Math.floor(n / texts.length) % article.words.length]!
          const highlight = await call('createHighlight', { articleId: article.id, start: word.start, end: word.end })
          await call('linkEvidence', { claimId: claim.id, highlightId: highlight.id, stance: k === 0 ? 'supports' : 'context' })
        }
      }
      return { needle: names[claims - 2]!, target: names[claims - 1]! }
    },
    { claims: CLAIMS, linksPerClaim: LINKS_PER_CLAIM },
  )
}

test('a board of hundreds of claims draws what is in view, and still finds, filters and moves evidence', async ({ workbench }) => {
  test.setTimeout(180_000)
  const page = workbench.page
  const board = page.getByRole('region', { name: 'Claim board' })
  await importThroughUi(page, SEEDS_DIR, '5 imported')
  const { needle, target } = await buildLargeBoard(page)
  await page.reload()

  // Every claim is counted in the lanes, but only a screenful is drawn.
  const cards = board.locator('ul.claim-cards > li')
  const laneTotal = async () => (await board.locator('.lane-count').allInnerTexts()).reduce((sum, c) => sum + Number(c), 0)
  await expect.poll(laneTotal).toBe(CLAIMS)
  await expect.poll(() => cards.count()).toBeGreaterThan(3)
  expect(await cards.count()).toBeLessThan(CLAIMS / 2)
  await expect(board.getByRole('listitem', { name: needle })).toHaveCount(0)

  // The keyboard reaches cards that were not drawn. A lane is one tab stop (its current card and that
  // card's controls); on a card, the arrow keys move to the next, and focus scrolls the last drawn
  // card into view, which draws the next.
  const lane = board.getByRole('region', { name: 'Single source claims' })
  const tabbableCards = () =>
    lane.locator('ul.claim-cards').evaluate((list) => {
      const tabbable = [...list.querySelectorAll<HTMLElement>('li, button, input, select, textarea, summary')].filter((el) => el.tabIndex >= 0)
      return new Set(tabbable.map((el) => el.closest('li.claim-card')?.getAttribute('aria-posinset'))).size
    })
  expect(await tabbableCards()).toBe(1)
  const lastDrawn = lane.locator('ul.claim-cards > li').last()
  const lastPosition = Number(await lastDrawn.getAttribute('aria-posinset'))
  await lastDrawn.focus()
  await expect(lane.locator(`ul.claim-cards > li[aria-posinset="${lastPosition + 1}"]`)).toHaveCount(1)
  await page.keyboard.press('ArrowDown')
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('li.claim-card')?.getAttribute('aria-posinset'))).toBe(String(lastPosition + 1))
  expect(await tabbableCards()).toBe(1)

  // Scrolling a lane to its end draws its last cards.
  await lane.locator('.lane-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight))
  // (Which claim is last depends on the lane's order by independent origins: it is the one at the set's end.)
  const setSize = await lane.locator('ul.claim-cards > li').first().getAttribute('aria-setsize')
  await expect(lane.locator(`ul.claim-cards > li[aria-posinset="${setSize}"]`)).toBeVisible()

  // The filter finds a claim that was never drawn, by its words, by a quote, or by status.
  const filter = board.getByRole('searchbox', { name: 'Filter claims' })
  await filter.fill('needle sweida')
  await expect(board.getByRole('status', { name: 'Claims shown' })).toHaveText(`1 of ${CLAIMS} claims`)
  await expect(board.getByRole('listitem', { name: needle })).toBeVisible()
  await filter.fill('single source')
  await expect(board.getByRole('status', { name: 'Claims shown' })).toHaveText(`${CLAIMS} of ${CLAIMS} claims`)

  // Evidence dragged from one card to another moves, and comes back with undo.
  await filter.fill('scale-pair')
  const from = board.getByRole('listitem', { name: needle })
  const to = board.getByRole('listitem', { name: target })
  const evidenceOf = (card: typeof from) => card.getByRole('button', { name: /^Open evidence: / })
  await expect(evidenceOf(from)).toHaveCount(2)
  // Cards grew taller (sources named by title, dates, figures): drop on the target's statement, which stays in view.
  // Picked up by its quote: the middle of the evidence row can be one of its controls (a select does not drag).
  await evidenceOf(from).first().dragTo(to.locator('.claim-text'))
  await expect(evidenceOf(from)).toHaveCount(1)
  await expect(evidenceOf(to)).toHaveCount(3)
  await expect(to).toContainText('3 articles')
  await page.getByRole('status', { name: 'Last change' }).getByRole('button', { name: 'Undo' }).click()
  await expect(evidenceOf(from)).toHaveCount(2)
  await expect(evidenceOf(to)).toHaveCount(2)

  // The keyboard's way: "Move to…" lists every other claim, built when opened.
  const quote = ((await evidenceOf(from).first().getAttribute('aria-label')) ?? '').replace(/^Open evidence: /, '')
  await from.getByRole('button', { name: `Move to another claim: “${quote}”` }).click()
  const picker = from.getByRole('combobox', { name: `Move to another claim: “${quote}”` })
  await expect(picker.locator('option')).toHaveCount(CLAIMS)
  await picker.selectOption({ label: target })
  await expect(evidenceOf(from)).toHaveCount(1)
  await expect(evidenceOf(to)).toHaveCount(3)
  // Stored, not only shown: a fresh load agrees.
  await page.reload()
  await board.getByRole('searchbox', { name: 'Filter claims' }).fill('scale-pair')
  await expect(evidenceOf(board.getByRole('listitem', { name: target }))).toHaveCount(3)
})
