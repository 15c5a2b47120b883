import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from './fixtures'

test('a damaged store file is restored from backup and the analyst is told', async ({ workbench }) => {
  let page = workbench.page
  const board = () => page.getByRole('region', { name: 'Claim board' })
  await board().getByRole('button', { name: 'New claim' }).click()
  await board().getByRole('textbox', { name: 'Claim statement' }).fill('The bridge was overloaded')
  await board().getByRole('button', { name: 'Save claim' }).click()
  await expect(board().getByRole('listitem', { name: 'The bridge was overloaded' })).toBeVisible()

  page = await workbench.restart() // this start backs the store up
  page = await workbench.restart(async () => {
    const file = join(workbench.storeDir, 'annotations.json')
    await writeFile(file, (await readFile(file, 'utf8')).slice(0, 30)) // torn by a failing disk
  })

  const notices = page.getByRole('alert', { name: 'Store notices' })
  await expect(notices).toContainText('annotations.json is damaged')
  await expect(notices).toContainText('was restored')
  await expect(board().getByRole('listitem', { name: 'The bridge was overloaded' })).toBeVisible()
  await notices.getByRole('button', { name: 'Dismiss' }).click()
  await expect(notices).toBeHidden()
})
