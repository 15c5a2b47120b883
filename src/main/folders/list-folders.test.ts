import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UserError } from '../../shared/result'
import { CorpusStore } from '../store/corpus-store'
import { listFolders, rememberRecentFolder } from './list-folders'

let root: string
let store: CorpusStore

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'triangulate-folders-'))
  store = await CorpusStore.open(join(root, 'store'))
})
afterEach(async () => {
  await store.close()
  await rm(root, { recursive: true, force: true })
})

describe('listFolders', () => {
  it('lists the folders inside a folder by name, not files, hidden folders or links', async () => {
    const docs = join(root, 'docs')
    for (const name of ['b-articles', 'A-reports', '10 later', '9 earlier', '.git']) await mkdir(join(docs, name), { recursive: true })
    await writeFile(join(docs, 'note.txt'), 'not a folder')
    await symlink(join(docs, 'A-reports'), join(docs, 'link-to-reports'))
    const listing = await listFolders(store, docs)
    expect(listing.path).toBe(docs)
    expect(listing.parent).toBe(root)
    expect(listing.folders.map((f) => f.name)).toEqual(['9 earlier', '10 later', 'A-reports', 'b-articles'])
    expect(listing.folders[0]!.path).toBe(join(docs, '9 earlier'))
    expect(listing.truncated).toBe(false)
  })

  it('starts at the home folder, and says which parent the root lacks', async () => {
    expect((await listFolders(store, undefined)).path).toBe(homedir())
    expect((await listFolders(store, '/')).parent).toBeNull()
  })

  it('refuses relative paths and says why a folder cannot be listed', async () => {
    await expect(listFolders(store, 'docs')).rejects.toThrow(/full path/)
    const missing = listFolders(store, join(root, 'nope'))
    await expect(missing).rejects.toBeInstanceOf(UserError)
    await expect(missing).rejects.toThrow(/Folder not found/)
    await writeFile(join(root, 'file.txt'), 'x')
    await expect(listFolders(store, join(root, 'file.txt'))).rejects.toThrow(/Not a folder/)
  })

  it('remembers recent folders, latest first, once each, only those that still exist', async () => {
    const [a, b, gone] = ['a', 'b', 'gone'].map((n) => join(root, n))
    for (const f of [a!, b!, gone!]) await mkdir(f)
    await rememberRecentFolder(store, a!)
    await rememberRecentFolder(store, gone!)
    await rememberRecentFolder(store, b!)
    await rememberRecentFolder(store, a!)
    await rm(gone!, { recursive: true })
    expect((await listFolders(store, root)).recent).toEqual([a, b])
    for (let i = 0; i < 12; i++) {
      await mkdir(join(root, `f${i}`))
      await rememberRecentFolder(store, join(root, `f${i}`))
    }
    expect((await listFolders(store, root)).recent).toHaveLength(8)
  })
})
