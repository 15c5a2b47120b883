// The board's first answer is lean (src/shared/claims/first-screen-board.ts): every card, but only the
// evidence a collapsed card draws; the full board is asked for once that is on screen. Here the full
// board is held back, so what the analyst can do on the first screen alone is seen, then let through.

import type { Page, Route } from '@playwright/test'
import { expect, importThroughUi, SEEDS_DIR, test } from './fixtures'
import { withPageApi } from './page-api'

const EVIDENCE = 6

/** One claim with EVIDENCE quotes (a word of each seed in turn) and one with none, through the app's HTTP API. */
async function buildClaims(page: Page): Promise<string[]> {
  return withPageApi(
    page,
    async (call, evidence) => {
      const { articles }: { articles: { id: string }[] } = await call('listArticles', {})
      const claim = await call('createClaim', { text: 'Many accounts of the talks' })
      await call('createClaim', { text: 'A claim with no evidence yet' })
      const quotes: string[] = []
      for (let i = 0; i < evidence; i++) {
        const article = articles[i % articles.length]!
        const { text } = await call('getArticle', { id: article.id })
        const word = [...(text as string).matchAll(/\p{L}{6,}/gu)][3 + i]!
        const highlight = await call('createHighlight', { articleId: article.id, start: word.index!, end: word.index! + word[0].length })
        await call('linkEvidence', { claimId: claim.id, highlightId: highlight.id, stance: 'supports' })
        quotes.push(word[0])
      }
      return quotes
    },
    EVIDENCE,
  )
}

/**
 * Holds back the full board (asked for without evidencePerCard) until released; returns the held
 * requests, every request's arguments, and the release. Releasing lets every held request through,
 * and any asked later: an analysis finishing after the reload refreshes the board, asking again.
 */
async function holdFullBoard(page: Page) {
  const held: Route[] = []
  const asked: { evidencePerCard?: number; cardsPerLane?: number }[] = []
  let released = false
  await page.route('**/api/getClaimBoard', async (route) => {
    const args = route.request().postDataJSON() as { evidencePerCard?: number; cardsPerLane?: number }
    asked.push(args)
    if (args.evidencePerCard === undefined && !released) held.push(route)
    else await route.continue()
  })
  const release = async () => {
    released = true
    for (const route of held.splice(0)) await route.continue()
  }
  return { held, asked, release }
}

test('the board draws its first screen before the full board arrives, and the filter already finds any quote', async ({ workbench }, testInfo) => {
  test.skip(testInfo.project.name !== 'web', 'holds back an HTTP answer of the browser shell')
  const page = workbench.page
  await importThroughUi(page, SEEDS_DIR, '5 imported')
  const quotes = await buildClaims(page)

  // The full board (asked for without evidencePerCard) waits until released.
  const { held, asked, release } = await holdFullBoard(page)
  await page.reload()
  const board = page.getByRole('region', { name: 'Claim board' })
  const card = board.getByRole('listitem', { name: 'Many accounts of the talks' })
  const evidence = card.getByRole('button', { name: /^Open evidence: / })
  await expect(card.getByRole('button', { name: `Show all ${EVIDENCE}` })).toBeVisible()
  await expect(evidence).toHaveCount(3)
  await expect.poll(() => held.length).toBeGreaterThan(0)
  expect(asked[0]).toMatchObject({ evidencePerCard: 3 })
  const lanes = async () => (await board.locator('.lane-count').allInnerTexts()).reduce((sum, c) => sum + Number(c), 0)
  expect(await lanes()).toBe(2)

  // The filter matches a quote the first screen does not carry.
  const drawn = await evidence.allInnerTexts()
  const farQuote = quotes.find((q) => !drawn.some((text) => text.includes(q)))!
  expect(farQuote).toBeTruthy()
  const filter = board.getByRole('searchbox', { name: 'Filter claims' })
  await filter.fill(farQuote.toLowerCase())
  await expect(board.getByRole('status', { name: 'Claims shown' })).toHaveText('1 of 2 claims')
  await expect(card).toBeVisible()
  await filter.fill('')

  // "Show all" and the matrix wait for the full board; released, it shows every piece of evidence.
  await card.getByRole('button', { name: `Show all ${EVIDENCE}` }).click()
  await expect(evidence).toHaveCount(3)
  await page.getByRole('group', { name: 'Board view' }).getByRole('button', { name: 'Matrix' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Loading the evidence of every claim' })).toBeVisible()
  await release()
  await expect(page.getByRole('table', { name: 'Evidence matrix' })).toBeVisible()
  await page.getByRole('button', { name: 'Close evidence matrix' }).click()
  await expect(evidence).toHaveCount(EVIDENCE)
  await expect(card.getByRole('button', { name: 'Show fewer' })).toBeVisible()
})

/** More single-source claims than a lane shows at once in the suite's 900-pixel-high window (ClaimLane's cardsALaneShows: 10). */
const LANE_CLAIMS = 14

test('the first screen carries only the top of each lane whole; a card further down shows as loading until the full board arrives', async ({ workbench }, testInfo) => {
  test.skip(testInfo.project.name !== 'web', 'holds back an HTTP answer of the browser shell')
  const page = workbench.page
  await importThroughUi(page, SEEDS_DIR, '5 imported')
  // Each claim one quote (a word of a seed): one source each, so one lane, in the order they were made.
  await withPageApi(
    page,
    async (call, claims) => {
      const { articles }: { articles: { id: string }[] } = await call('listArticles', {})
      for (let i = 0; i < claims; i++) {
        const article = articles[i % articles.length]!
        const { text } = await call('getArticle', { id: article.id })
        const word = [...(text as string).matchAll(/\p{L}{5,}/gu)][10 + i]!
        const claim = await call('createClaim', { text: `Lane claim ${i + 1}` })
        const highlight = await call('createHighlight', { articleId: article.id, start: word.index!, end: word.index! + word[0].length })
        await call('linkEvidence', { claimId: claim.id, highlightId: highlight.id, stance: 'supports' })
      }
    },
    LANE_CLAIMS,
  )
  const { held, asked, release } = await holdFullBoard(page)
  await page.reload()
  const lane = page.getByRole('region', { name: 'Single source claims' })
  await expect(lane.locator('.lane-count')).toHaveText(String(LANE_CLAIMS))
  await expect.poll(() => held.length).toBeGreaterThan(0)
  expect(asked[0]).toEqual({ evidencePerCard: 3, cardsPerLane: 10 })

  // The top of the lane is whole; its last card, scrolled to, is an outline: statement and counts, busy.
  const first = lane.getByRole('listitem', { name: 'Lane claim 1', exact: true })
  await expect(first.getByRole('button', { name: /^Open evidence: / })).toHaveCount(1)
  await expect(first).not.toHaveAttribute('aria-busy', 'true')
  await lane.locator('.lane-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight))
  const last = lane.getByRole('listitem', { name: `Lane claim ${LANE_CLAIMS}`, exact: true })
  await expect(last).toHaveAttribute('aria-busy', 'true')
  await expect(last).toContainText('Loading its one piece of evidence…')
  await expect(last).toContainText('1 article')
  await expect(last.getByRole('button', { name: /^Open evidence: / })).toHaveCount(0)

  // An outline carries no filter text: a filter typed now says it waits for the full board, and
  // leaves the lane as it was (a filter that matched statements only would wrongly drop cards).
  const filter = page.getByRole('searchbox', { name: 'Filter claims' })
  const shown = page.getByRole('status', { name: 'Claims shown' })
  await filter.fill(`claim ${LANE_CLAIMS}`)
  await expect(shown).toHaveText('Filtering once the evidence of every claim has loaded…')
  await expect(lane.locator('.lane-count')).toHaveText(String(LANE_CLAIMS))
  await expect(page.getByRole('region', { name: 'Claim board' }).getByRole('button', { name: 'Export CSV' })).toBeDisabled()
  await filter.fill('')

  // The full board makes it whole.
  await release()
  await expect(last.getByRole('button', { name: /^Open evidence: / })).toHaveCount(1)
  await expect(last).not.toHaveAttribute('aria-busy', 'true')
  await expect(last).not.toContainText('Loading its')
  // And the filter applies: one claim's statement has the number.
  await filter.fill(`claim ${LANE_CLAIMS}`)
  await expect(shown).toHaveText(`1 of ${LANE_CLAIMS} claims`)
  await expect(lane.locator('.lane-count')).toHaveText('1')
  await expect(page.getByRole('region', { name: 'Claim board' }).getByRole('button', { name: 'Export CSV' })).toBeEnabled()
})
