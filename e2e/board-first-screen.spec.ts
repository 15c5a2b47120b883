// The board's first answer is lean (src/shared/claims/first-screen-board.ts): every card, but only the
// evidence a collapsed card draws; the full board is asked for once that is on screen. Here the full
// board is held back, so what the analyst can do on the first screen alone is seen, then let through.

import type { Page, Route } from '@playwright/test'
import { expect, importThroughUi, SEEDS_DIR, test } from './fixtures'

const EVIDENCE = 6

/** One claim with EVIDENCE quotes (a word of each seed in turn) and one with none, through the app's HTTP API. */
async function buildClaims(page: Page): Promise<string[]> {
  return page.evaluate(async (evidence) => {
    const call = async (op: string, args: unknown): Promise<any> => {
      const result = await (
        await fetch(`/api/${op}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'x-triangulate-token': sessionStorage.getItem('triangulate.token') ?? '' },
          body: JSON.stringify(args),
        })
      ).json()
      if (!result.ok) throw new Error(`${op}: ${result.error.message}`)
      return result.value
    }
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
  }, EVIDENCE)
}

test('the board draws its first screen before the full board arrives, and the filter already finds any quote', async ({ workbench }, testInfo) => {
  test.skip(testInfo.project.name !== 'web', 'holds back an HTTP answer of the browser shell')
  const page = workbench.page
  await importThroughUi(page, SEEDS_DIR, '5 imported')
  const quotes = await buildClaims(page)

  // The full board (asked for without evidencePerCard) waits until released.
  const held: Route[] = []
  const asked: unknown[] = []
  await page.route('**/api/getClaimBoard', async (route) => {
    const args = route.request().postDataJSON() as { evidencePerCard?: number }
    asked.push(args)
    if (args.evidencePerCard === undefined) held.push(route)
    else await route.continue()
  })
  await page.reload()
  const board = page.getByRole('region', { name: 'Claim board' })
  const card = board.getByRole('listitem', { name: 'Many accounts of the talks' })
  const evidence = card.getByRole('button', { name: /^Open evidence: / })
  await expect(card.getByRole('button', { name: `Show all ${EVIDENCE}` })).toBeVisible()
  await expect(evidence).toHaveCount(3)
  await expect.poll(() => held.length).toBe(1)
  expect(asked[0]).toEqual({ evidencePerCard: 3 })
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
  await held[0]!.continue()
  await expect(page.getByRole('table', { name: 'Evidence matrix' })).toBeVisible()
  await page.getByRole('button', { name: 'Close evidence matrix' }).click()
  await expect(evidence).toHaveCount(EVIDENCE)
  await expect(card.getByRole('button', { name: 'Show fewer' })).toBeVisible()
})
