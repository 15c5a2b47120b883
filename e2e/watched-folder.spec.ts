import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from './fixtures'

test('a watched folder imports new articles as they land, across a restart, until it is unwatched', async ({ workbench }) => {
  const folder = await mkdtemp(join(tmpdir(), 'triangulate-watched-'))
  await writeFile(join(folder, 'monday.txt'), 'Monday dispatch\nOfficials met in the capital on Monday.')
  const library = () => workbench.page.getByRole('region', { name: 'Library' })

  await library().getByRole('textbox', { name: 'Folder path' }).fill(folder)
  await library().getByRole('button', { name: 'Watch folder' }).click()
  const watched = () => library().getByRole('region', { name: 'Watched folders' })
  await expect(watched()).toContainText(folder)
  await expect(library().getByRole('listitem', { name: 'Monday dispatch' })).toBeVisible()

  await writeFile(join(folder, 'tuesday.txt'), 'Tuesday dispatch\nThe talks resumed on Tuesday.')
  await expect(library().getByRole('listitem', { name: 'Tuesday dispatch' })).toBeVisible({ timeout: 15_000 })

  // Files that land while the app is closed are imported when it starts again.
  await workbench.restart(async () => {
    await writeFile(join(folder, 'wednesday.txt'), 'Wednesday dispatch\nA third round was announced.')
  })
  await expect(watched()).toContainText(folder)
  await expect(library().getByRole('listitem', { name: 'Wednesday dispatch' })).toBeVisible({ timeout: 15_000 })

  await watched()
    .getByRole('button', { name: `Stop watching ${folder}` })
    .click()
  await expect(library().getByRole('region', { name: 'Watched folders' })).toHaveCount(0)
  await writeFile(join(folder, 'thursday.txt'), 'Thursday dispatch\nNot wanted any more.')
  await workbench.page.waitForTimeout(3000)
  await workbench.page.reload()
  await expect(library().getByRole('listitem', { name: 'Wednesday dispatch' })).toBeVisible()
  await expect(library().getByRole('listitem', { name: 'Thursday dispatch' })).toHaveCount(0)
})
