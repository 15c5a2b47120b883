// Accessibility at 1024×700 (issue 15): axe-core finds no serious or critical violation on the
// empty screen, two readers with the board, the evidence matrix, and the tag popover. axe is
// evaluated from its source through the debugging protocol: the app's CSP rightly refuses an added
// script tag, and the page itself is never loosened for the test.

import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, importThroughUi, openInReader, SEEDS_DIR, selectPhrase, tagAsNewClaim, test } from './fixtures'

test.describe.configure({ timeout: 180_000 })

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

interface Violation {
  id: string
  impact: string | null
  help: string
  nodes: { target: unknown[]; failureSummary?: string }[]
}

/** Serious and critical violations on the page as it is now, each with where and why. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE)
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe
    // label-content-name-mismatch is still marked experimental in axe, so off unless asked for: the
    // issue found it on "add note" and "Move to…", so it is asked for.
    return (await axe.run(document, { resultTypes: ['violations'], rules: { 'label-content-name-mismatch': { enabled: true } } })).violations
  })
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} (${v.help}) at ${JSON.stringify(n.target)}: ${n.failureSummary ?? ''}`))
}

test('at 1024×700 axe finds no serious or critical violation: empty screen, readers with the board, matrix, popover', async ({ workbench }) => {
  const page = workbench.page
  await page.setViewportSize({ width: 1024, height: 700 })
  const library = page.getByRole('region', { name: 'Library' })

  // The empty screen: a first start.
  await expect(library).toContainText('Your corpus is empty')
  expect(await seriousViolations(page)).toEqual([])

  // Two readers with the board, a claim with evidence from each, and collapsed page furniture shown.
  await importThroughUi(page, SEEDS_DIR, '5 imported')
  await openInReader(page, /resume secret talks in Baku/, 1)
  await openInReader(page, /Syrian-Israeli ministerial meeting/, 2)
  const popover = page.getByRole('dialog', { name: 'Tag selection' })
  await tagAsNewClaim(page, 'Reader 1', 'more than 1,400 deaths', 'Over 1,400 were killed in Sweida')
  await selectPhrase(page, 'Reader 2', 'killed over 1400 people')
  await popover.getByRole('button', { name: 'Add to claim: Over 1,400 were killed in Sweida' }).click()
  await expect(popover).toBeHidden()
  await page
    .getByRole('region', { name: 'Reader 2' })
    .getByRole('button', { name: /^Show 1 collapsed/ })
    .click()
  // The collapsed passages and the date prefix are at the top: in view, so their contrast is measured.
  await page
    .getByRole('region', { name: 'Reader 2' })
    .getByRole('document')
    .evaluate((el) => (el.scrollTop = 0))
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Claims' }).click()
  const board = page.getByRole('region', { name: 'Claim board' })
  await expect(board.getByRole('listitem', { name: 'Over 1,400 were killed in Sweida' })).toContainText('2 articles · 2 outlets')
  // A second claim, so every card shows its "Move to…" and "Merge into…" pickers too.
  await board.getByRole('button', { name: 'New claim', exact: true }).click()
  await board.getByRole('textbox', { name: 'Claim statement' }).fill('The talks took place in Baku')
  await board.getByRole('button', { name: 'Save claim' }).click()
  await expect(board.getByRole('button', { name: /^Move to another claim/ }).first()).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])

  // The evidence matrix.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Matrix' }).click()
  await expect(page.getByRole('region', { name: 'Evidence matrix' }).getByRole('table')).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  await page.keyboard.press('Escape')

  // The tag popover, with an existing claim to add to.
  await selectPhrase(page, 'Reader 1', 'Syrian Observatory for Human Rights')
  await expect(popover.getByRole('region', { name: 'Add to existing claim' })).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
})
