// Highlights follow their passages when an article is re-imported with edits, and a highlight whose
// passage was destroyed is listed as an orphan with its claim, never silently dropped or misplaced.

import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, importThroughUi, tagAsNewClaim, test } from './fixtures'

const FIRST = [
  'Bridge collapse in Vessen',
  'Twelve people were taken to St. Aldric Hospital on Saturday evening.',
  'The mayor promised an independent inquiry into the collapse.',
].join('\n')

const REVISED = [
  'Bridge collapse in Vessen',
  'UPDATE: rescuers searched the river through the night.',
  'Twelve people were taken to St. Aldric Hospital late on Saturday evening.',
  'The mayor declined to comment.',
].join('\n')

test('re-importing an edited article moves highlights and lists the orphan', async ({ workbench }) => {
  const folder = await mkdtemp(join(tmpdir(), 'triangulate-revised-'))
  await writeFile(join(folder, 'story.txt'), FIRST)
  const page = workbench.page
  const library = page.getByRole('region', { name: 'Library' })
  const reader = page.getByRole('region', { name: 'Reader 1' })

  await importThroughUi(page, folder, '1 imported')
  await library.getByRole('listitem', { name: 'Bridge collapse in Vessen' }).getByRole('button', { name: 'Open in Reader 1' }).click()

  await tagAsNewClaim(page, 'Reader 1', 'taken to St. Aldric Hospital on Saturday evening', 'Twelve were hospitalised')
  await tagAsNewClaim(page, 'Reader 1', 'promised an independent inquiry', 'An inquiry was promised')
  await expect(reader.locator('mark')).toHaveCount(2)

  await writeFile(join(folder, 'story.txt'), REVISED)
  await library.getByRole('button', { name: 'Import folder' }).click()
  const report = library.getByRole('status', { name: 'Import report' })
  await expect(report).toContainText('1 updated')
  await expect(report).toContainText('1 moved with their text, 1 orphaned')

  // The edited sentence keeps its highlight, now covering the edited wording.
  await expect(reader.locator('mark')).toHaveText(['taken to St. Aldric Hospital late on Saturday evening'])
  const orphans = reader.getByRole('group', { name: 'Orphaned highlights' })
  await expect(orphans).toContainText('1 highlight no longer found in this text')
  await orphans.getByText('no longer found').click()
  await expect(orphans).toContainText('promised an independent inquiry')
  await expect(orphans).toContainText('An inquiry was promised')
  const card = page.getByRole('region', { name: 'Claim board' }).getByRole('listitem', { name: 'An inquiry was promised' })
  await expect(card).toContainText('orphaned')
})
