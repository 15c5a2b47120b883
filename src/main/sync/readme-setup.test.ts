// The README's team setup, run as written: the `curl` commands of "Set up the server once" against
// a CouchDB-protocol server (pouchdb-server here; the `docker run` line needs Docker, which the tests
// do not have, so it is the one line not run), with only the address changed; then an analyst syncs
// as the user the README creates, and one it does not name is refused. If the README's commands
// stop working, this fails.

import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CorpusStore } from '../store/corpus-store'
import { createTriangulateService } from '../service/triangulate-service'
import { dispatch } from '../service/dispatch'
import { SAMPLE_CORPUS_DIR, tempDir } from '../test-support/temp-dir'
import { addUser, EXTERNAL_COUCHDB_ENV, startCouchTestServer, type CouchTestServer } from './test-support/couch-test-server'

const run = promisify(execFile)
const README = join(__dirname, '../../../README.md')
/** The admin password the README's commands use. */
const README_ADMIN_PASSWORD = 'choose-one'

let server: CouchTestServer

beforeAll(async () => {
  server = await startCouchTestServer()
}, 60_000)

afterAll(async () => {
  await server?.stop()
})

/** The `curl` commands of the README's server setup, each as its arguments (backslash-continued lines joined). */
async function readmeSetupCommands(): Promise<string[][]> {
  const readme = await readFile(README, 'utf8')
  const section = readme.slice(readme.indexOf('**Set up the server once.**'))
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1]
  if (!block) throw new Error('the README has no setup commands under "Set up the server once"')
  const commands = block
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .filter((line) => line.startsWith('curl '))
  return commands.map((line) => {
    const words = line.replace(/\s+#.*$/, '').match(/'[^']*'|\S+/g) ?? []
    return words.slice(1).map((w) => (w.startsWith("'") ? w.slice(1, -1) : w))
  })
}

describe.skipIf(process.env[EXTERNAL_COUCHDB_ENV])('the README’s team setup', () => {
  it('its curl commands set up a database that ana can sync with and an outsider cannot', async () => {
    // The README's admin password, as its docker line sets it.
    expect((await server.admin('/_config/admins/admin', { method: 'PUT', body: JSON.stringify(README_ADMIN_PASSWORD) })).ok).toBe(true)
    const commands = await readmeSetupCommands()
    expect(commands).toHaveLength(4)
    for (const args of commands) {
      const address = args.map((a) => a.replace('http://127.0.0.1:5984', server.origin))
      const { stdout } = await run('curl', ['-sS', ...address])
      const answer = JSON.parse(stdout) as { ok?: boolean; error?: string }
      // `_users` may be there already (it is on pouchdb-server), as the README says.
      expect(answer.ok === true || (address.some((a) => a.endsWith('/_users')) && answer.error === 'file_exists'), `${args.join(' ')} answered ${stdout}`).toBe(true)
    }
    await addUser(await asAdmin(server), 'carla', 'carla-password')

    for (const [user, password, ok] of [
      ['ana', 'her-password', true],
      ['carla', 'carla-password', false],
    ] as const) {
      const dir = await tempDir()
      const store = await CorpusStore.open(dir)
      const service = createTriangulateService({
        store,
        sampleCorpusDir: SAMPLE_CORPUS_DIR,
        syncCredentials: { read: async () => ({ credentials: { username: user, password }, from: 'environment' }) },
      })
      try {
        await service.createClaim({ text: `A claim of ${user}` })
        await service.saveSyncSettings({ remoteUrl: `${server.origin}/our-story`, member: user, continuous: false })
        const result = await dispatch(service, 'syncNow', {})
        expect(result.ok).toBe(ok)
        if (ok) expect(result.ok && result.value).toMatchObject({ pushed: 1, conflicts: 0 })
        else expect((await service.getSyncStatus({})).error?.kind).toBe('no-permission')
      } finally {
        await service.sync.close()
        await service.derivedIndexes.close()
        await store.close()
      }
    }
  }, 60_000)
})

/** The test server's admin requests, now with the README's admin password. */
async function asAdmin(s: CouchTestServer): Promise<CouchTestServer> {
  const auth = `Basic ${Buffer.from(`admin:${README_ADMIN_PASSWORD}`).toString('base64')}`
  return {
    ...s,
    admin: (path, init = {}) => fetch(`${s.origin}${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: auth } }),
  }
}
