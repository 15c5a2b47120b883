// Team sync (issue 19) end to end: two browser shells on two stores, as two analysts' laptops,
// synced through a CouchDB-protocol server on loopback (pouchdb-server in memory, started here).
// What one tags appears on the other's board; both reword one claim while apart, the conflict is
// listed side by side, one keeps a version, and both boards converge. Team sync is a view of the
// rail, docked beside the readers with the claim board in sight.

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { startCouchTestServer, type CouchTestServer } from '../src/main/sync/test-support/couch-test-server'
import { expect, importThroughUi, launchBrowserShell, SEEDS_DIR, selectPhrase, test } from './fixtures'

let server: CouchTestServer

test.beforeAll(async () => {
  server = await startCouchTestServer()
  await server.admin('/_users/org.couchdb.user:desk', { method: 'PUT', body: JSON.stringify({ name: 'desk', password: 'desk-password', roles: [], type: 'user' }) })
  // The browser shells read their credentials from the environment, as the README says.
  process.env.TRIANGULATE_SYNC_USER = 'desk'
  process.env.TRIANGULATE_SYNC_PASSWORD = 'desk-password'
})

test.afterAll(async () => {
  delete process.env.TRIANGULATE_SYNC_USER
  delete process.env.TRIANGULATE_SYNC_PASSWORD
  await server?.stop()
})

/** Team sync and the library share the rail's left dock: showing one puts the other away. */
async function showView(page: Page, label: 'Sync' | 'Library'): Promise<void> {
  const button = page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: label })
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click()
  await expect(page.getByRole('region', { name: label === 'Sync' ? 'Team sync' : 'Library' })).toBeVisible()
}

async function setUpSync(page: Page, remote: string, name: string): Promise<void> {
  await showView(page, 'Sync')
  const panel = page.getByRole('region', { name: 'Team sync' })
  await panel.getByRole('textbox', { name: 'Database address' }).fill(remote)
  await panel.getByRole('textbox', { name: 'Your name' }).fill(name)
  await panel.getByRole('button', { name: 'Save settings' }).click()
  await expect(panel.getByRole('status', { name: 'Sync status' })).toContainText('Ready')
  await expect(panel).toContainText('User and password from the environment')
}

const syncPanel = (page: Page) => page.getByRole('region', { name: 'Team sync' })

// Two browser shells, two stores and a sync server: the one spec that has timed out while starting
// on a loaded machine; a second attempt is allowed (a retry is reported as flaky, not hidden).
test.describe.configure({ retries: 1 })

test('two analysts on two stores see each other’s claims; a conflict is shown, resolved, and both converge', async ({ workbench }, testInfo) => {
  test.skip(testInfo.project.name === 'electron', 'Two browser shells side by side; the desktop app syncs through the same service.')
  test.setTimeout(180_000)
  const remote = await server.createDatabase()
  const ana = workbench.page
  const benStore = await mkdtemp(join(tmpdir(), 'triangulate-e2e-'))
  const benLog: string[] = []
  const benShell = await launchBrowserShell(benStore, benLog)
  const ben = benShell.page
  try {
    for (const [page, name] of [
      [ana, 'ana'],
      [ben, 'ben'],
    ] as const) {
      await importThroughUi(page, SEEDS_DIR, '5 imported')
      await setUpSync(page, remote, name)
      await syncPanel(page).getByRole('button', { name: 'Start syncing' }).click()
      await expect(syncPanel(page).getByRole('status', { name: 'Sync status' })).toContainText(/Syncing continuously|Last sync/)
      await showView(page, 'Library')
    }

    // Ana tags a passage; it appears on Ben's board, with its evidence, within seconds.
    await ana
      .getByRole('region', { name: 'Library' })
      .getByRole('listitem', { name: /resume secret talks in Baku/ })
      .getByRole('button', { name: 'Open in Reader 1' })
      .click()
    await selectPhrase(ana, 'Reader 1', 'Senior Syrian and Israeli officials met in the Azerbaijani capital')
    const popover = ana.getByRole('dialog', { name: 'Tag selection' })
    await popover.getByRole('textbox', { name: 'Claim' }).fill('Officials met in Baku')
    await popover.getByRole('button', { name: 'Create claim' }).click()
    const bensCard = ben.getByRole('region', { name: 'Claim board' }).getByRole('listitem', { name: 'Officials met in Baku' })
    await expect(bensCard).toBeVisible({ timeout: 15_000 })
    await expect(bensCard.getByRole('button', { name: /^Open evidence: Senior Syrian and Israeli officials/ })).toBeVisible()

    // Both stop syncing and reword the claim apart.
    for (const [page, text] of [
      [ana, 'Ministers met in Baku'],
      [ben, 'Officials held talks in Baku'],
    ] as const) {
      await showView(page, 'Sync')
      await syncPanel(page).getByRole('button', { name: 'Stop syncing' }).click()
      await expect(syncPanel(page).getByRole('button', { name: 'Start syncing' })).toBeVisible()
      const card = page.getByRole('region', { name: 'Claim board' }).getByRole('listitem', { name: 'Officials met in Baku' })
      await card.getByRole('button', { name: 'Edit claim: Officials met in Baku' }).click()
      await card.getByRole('textbox', { name: 'Claim statement' }).fill(text)
      await card.getByRole('button', { name: 'Save' }).click()
      await expect(page.getByRole('region', { name: 'Claim board' }).getByRole('listitem', { name: text })).toBeVisible()
    }

    // They sync: both versions are kept, and listed side by side on each side.
    for (const page of [ana, ben, ana]) {
      await syncPanel(page).getByRole('button', { name: 'Sync now' }).click()
      await expect(syncPanel(page).getByRole('status', { name: 'Sync status' })).toContainText('Last sync')
    }
    for (const page of [ana, ben]) {
      const conflict = syncPanel(page).getByRole('region', { name: 'Sync conflicts' }).getByRole('listitem')
      await expect(conflict).toHaveCount(1)
      await expect(conflict.getByLabel('Version by ana')).toContainText('Ministers met in Baku')
      await expect(conflict.getByLabel('Version by ben')).toContainText('Officials held talks in Baku')
    }

    // Ben keeps Ana's wording; after a sync each way both boards show it and nothing is left in conflict.
    await syncPanel(ben).getByRole('button', { name: 'Keep ana’s version' }).click()
    await expect(syncPanel(ben).getByRole('region', { name: 'Sync conflicts' })).toHaveCount(0)
    await syncPanel(ben).getByRole('button', { name: 'Sync now' }).click()
    await expect(syncPanel(ben).getByRole('status', { name: 'Sync status' })).toContainText('Nothing waiting to be sent')
    await syncPanel(ana).getByRole('button', { name: 'Sync now' }).click()
    await expect(syncPanel(ana).getByRole('region', { name: 'Sync conflicts' })).toHaveCount(0)
    for (const page of [ana, ben]) {
      const board = page.getByRole('region', { name: 'Claim board' })
      await expect(board.getByRole('listitem', { name: 'Ministers met in Baku' })).toBeVisible()
      await expect(board.getByRole('listitem', { name: 'Officials held talks in Baku' })).toHaveCount(0)
    }

    // Ctrl+Z on Ben's side brings the conflict back, with both versions, even though the resolution
    // synced; after a sync Ana lists it again too. Ctrl+Shift+Z resolves it again.
    await ben.locator('body').press('Control+z')
    await expect(syncPanel(ben).getByRole('region', { name: 'Sync conflicts' }).getByRole('listitem').getByLabel('Version by ben')).toContainText(
      'Officials held talks in Baku',
    )
    await syncPanel(ben).getByRole('button', { name: 'Sync now' }).click()
    await expect(syncPanel(ben).getByRole('status', { name: 'Sync status' })).toContainText('Nothing waiting to be sent')
    // The status line already read "Nothing waiting" before this sync: wait for the sync itself to end.
    await expect(syncPanel(ben).getByRole('button', { name: 'Sync now' })).toBeEnabled()
    await syncPanel(ana).getByRole('button', { name: 'Sync now' }).click()
    await expect(syncPanel(ana).getByRole('region', { name: 'Sync conflicts' }).getByRole('listitem')).toHaveCount(1)
    await ben.locator('body').press('Control+Shift+z')
    await expect(syncPanel(ben).getByRole('region', { name: 'Sync conflicts' })).toHaveCount(0)

    // The texts switch is in the panel, off until the team turns it on.
    const share = syncPanel(ben).getByRole('checkbox', { name: /Share article texts with the team/ })
    await expect(share).not.toBeChecked()
    // Saved through the service: the box shows the saved setting once the panel has it back.
    await share.click()
    await expect(share).toBeChecked()
    await expect(syncPanel(ben)).toContainText('texts teammates share become articles here')
  } finally {
    await benShell.stop()
    if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('ben.log', { body: benLog.join(''), contentType: 'text/plain' })
    await rm(benStore, { recursive: true, force: true })
  }
})

test('a text the server refuses is listed in the Sync view with the server’s reason, and the rest syncs', async ({ workbench }, testInfo) => {
  test.skip(testInfo.project.name === 'electron', 'The desktop app syncs through the same service; the browser shell reads credentials from the environment.')
  const remote = await server.createDatabase()
  const database = new URL(remote).pathname.slice(1)
  // The team's server takes no text over 5,000 characters: of the seeds, only 002 is longer.
  const rule =
    "function (doc) { if (doc.kind === 'text' && doc.record && doc.record.text.length > 5000) throw({ forbidden: 'texts over 5,000 characters are not taken here' }) }"
  expect((await server.admin(`/${database}/_design/limits`, { method: 'PUT', body: JSON.stringify({ validate_doc_update: rule }) })).ok).toBe(true)
  const page = workbench.page
  await importThroughUi(page, SEEDS_DIR, '5 imported')
  // The panel's first status answers late, after the address and name are typed: what was typed stays.
  let first = true
  await page.route('**/api/getSyncStatus', async (route) => {
    if (!first) return route.continue()
    first = false
    const response = await route.fetch()
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    await route.fulfill({ response })
  })
  await setUpSync(page, remote, 'ana')
  const panel = syncPanel(page)
  await panel.getByRole('checkbox', { name: /Share article texts with the team/ }).click()
  await panel.getByRole('button', { name: 'Sync now' }).click()
  await expect(panel).toContainText('1 record was not sent: the server refused it.')
  const refused = panel.getByRole('list', { name: 'Records the server refused' }).getByRole('listitem')
  await expect(refused).toHaveCount(1)
  await expect(refused).toContainText('texts over 5,000 characters are not taken here')
  await expect(refused).toContainText('the text of “')
  await expect(panel).toContainText('1 change not yet sent.')
  const texts = ((await (await server.admin(`/${database}/_all_docs`)).json()) as { rows: { id: string }[] }).rows.filter((r) => r.id.startsWith('text:'))
  expect(texts).toHaveLength(4)
})
