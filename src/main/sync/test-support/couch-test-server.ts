// A CouchDB-protocol server for the sync's tests: pouchdb-server, in memory, on a free loopback
// port, in its own folder (it writes a config and a log where it runs). Where a real CouchDB is at
// hand, TRIANGULATE_TEST_COUCHDB=http://admin:password@127.0.0.1:5984 runs the same tests against
// it instead (each test makes its own database there and removes it afterwards).

import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'

export interface CouchTestServer {
  /** scheme://host:port, no credentials. */
  origin: string
  /** The server's process when the tests started it (pouchdb-server), for the bench to read its CPU time. */
  pid?: number
  /** Makes an empty database and returns its address. */
  createDatabase(name?: string): Promise<string>
  /** What the server logged so far: one line per request it answered (pouchdb-server only). */
  log(): string
  /** Requests with the server's admin credentials (for tests that set up users and permissions). */
  admin(path: string, init?: RequestInit): Promise<Response>
  stop(): Promise<void>
}

export const EXTERNAL_COUCHDB_ENV = 'TRIANGULATE_TEST_COUCHDB'

export async function startCouchTestServer(): Promise<CouchTestServer> {
  const external = process.env[EXTERNAL_COUCHDB_ENV]
  if (external) return externalServer(external)
  const port = await freePort()
  const dir = await mkdtemp(join(tmpdir(), 'triangulate-couch-'))
  const bin = require.resolve('pouchdb-server/bin/pouchdb-server')
  const child = spawn(process.execPath, [bin, '--in-memory', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const log: string[] = []
  child.stdout?.on('data', (c: Buffer) => log.push(c.toString()))
  child.stderr?.on('data', (c: Buffer) => log.push(c.toString()))
  const origin = `http://127.0.0.1:${port}`
  await waitForServer(origin, child, log)
  let adminAuth: string | null = null
  const server: CouchTestServer = {
    origin,
    pid: child.pid,
    log: () => log.join(''),
    async createDatabase(name = `team-${randomBytes(4).toString('hex')}`) {
      const res = await server.admin(`/${name}`, { method: 'PUT' })
      if (!res.ok) throw new Error(`could not create database ${name}: ${res.status} ${await res.text()}`)
      return `${origin}/${name}`
    },
    admin: (path, init = {}) =>
      fetch(`${origin}${path}`, { ...init, headers: { 'content-type': 'application/json', ...(adminAuth ? { authorization: adminAuth } : {}) } }),
    async stop() {
      await stopChild(child)
      await rm(dir, { recursive: true, force: true })
    },
  }
  // Ends the "admin party": from here on the server checks credentials, as a team's would.
  const password = randomBytes(8).toString('hex')
  await server.admin('/_config/admins/admin', { method: 'PUT', body: JSON.stringify(password) })
  adminAuth = `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`
  return server
}

function externalServer(address: string): CouchTestServer {
  const url = new URL(address)
  const auth = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`
  const origin = url.origin
  const made: string[] = []
  const admin = (path: string, init: RequestInit = {}) => fetch(`${origin}${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: auth } })
  return {
    origin,
    log: () => '',
    admin,
    async createDatabase(name = `triangulate-test-${randomBytes(4).toString('hex')}`) {
      const res = await admin(`/${name}`, { method: 'PUT' })
      if (!res.ok) throw new Error(`could not create database ${name}: ${res.status}`)
      made.push(name)
      return `${origin}/${name}`
    },
    async stop() {
      for (const name of made) await admin(`/${name}`, { method: 'DELETE' })
    },
  }
}

/** Adds a user (CouchDB's _users database) and returns its credentials. */
export async function addUser(server: CouchTestServer, name: string, password: string): Promise<void> {
  const res = await server.admin(`/_users/org.couchdb.user:${name}`, { method: 'PUT', body: JSON.stringify({ name, password, roles: [], type: 'user' }) })
  if (!res.ok) throw new Error(`could not add user ${name}: ${res.status} ${await res.text()}`)
}

/** Lets only these users use the database. */
export async function restrictDatabase(server: CouchTestServer, database: string, members: string[]): Promise<void> {
  const res = await server.admin(`/${database}/_security`, {
    method: 'PUT',
    body: JSON.stringify({ admins: { names: [], roles: [] }, members: { names: members, roles: [] } }),
  })
  if (!res.ok) throw new Error(`could not restrict ${database}: ${res.status}`)
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

async function waitForServer(origin: string, child: ChildProcess, log: string[]): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pouchdb-server exited (${child.exitCode}):\n${log.join('')}`)
    try {
      const res = await fetch(`${origin}/`)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  await stopChild(child)
  throw new Error(`pouchdb-server did not start within 30 s:\n${log.join('')}`)
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((done) => {
    child.once('exit', () => done())
    child.kill('SIGTERM')
  })
}
