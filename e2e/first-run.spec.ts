import { mkdtemp, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from './fixtures'

test('an empty store offers the sample corpus', async ({ workbench }) => {
  const library = workbench.page.getByRole('region', { name: 'Library' })
  await expect(library).toContainText('Your corpus is empty')
  await library.getByRole('button', { name: 'Load sample corpus' }).click()
  await expect(library.getByRole('status', { name: 'Import report' })).toContainText('5 imported')
  await expect(library.getByRole('listitem', { name: 'Marlow Street footbridge collapses during river festival' })).toContainText('Vessen Courier')
})

test('a folder with bad files imports the good ones and reports each skipped file', async ({ workbench }) => {
  const folder = await mkdtemp(join(tmpdir(), 'triangulate-mixed-'))
  await writeFile(join(folder, 'good.txt'), 'A real headline\nA paragraph of the article.')
  await writeFile(join(folder, 'empty.txt'), '')
  await writeFile(join(folder, 'binary.txt'), Buffer.from([0x00, 0x01, 0x02, 0x03]))
  await writeFile(join(folder, 'scan.pdf'), '%PDF-1.4 cut short')
  await writeFile(join(folder, 'slides.pptx'), 'not an article')
  await symlink(folder, join(folder, 'loop'))

  const library = workbench.page.getByRole('region', { name: 'Library' })
  await library.getByRole('textbox', { name: 'Folder path' }).fill(folder)
  await library.getByRole('button', { name: 'Import folder' }).click()
  const report = library.getByRole('status', { name: 'Import report' })
  await expect(report).toContainText('1 imported')
  await expect(report).toContainText('5 skipped')
  await report.getByText('Skipped files').click()
  await expect(report).toContainText('empty.txt: empty file')
  await expect(report).toContainText('binary.txt: binary file')
  await expect(report).toContainText('scan.pdf: not a valid PDF file')
  await expect(report).toContainText('slides.pptx: unsupported file type (.pptx)')
  await expect(report).toContainText('loop: symbolic link (not followed)')

  await library.getByRole('textbox', { name: 'Folder path' }).fill(join(folder, 'nope'))
  await library.getByRole('button', { name: 'Import folder' }).click()
  await expect(library.getByRole('alert')).toContainText('Folder not found')
})
