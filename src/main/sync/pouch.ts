// PouchDB, assembled from its parts: the core, the memory adapter for the local replica (pure
// JavaScript: no native module to build for each platform), the http adapter to reach the team's
// CouchDB-protocol server, and the replication protocol. The only module that imports PouchDB.
//
// The server is reached through a fetch that refuses every address but the configured database's
// origin: whatever PouchDB or a server's answer asks for, the sync talks to that server only.

import PouchDB from 'pouchdb-core'
import httpAdapter from 'pouchdb-adapter-http'
import memoryAdapter from 'pouchdb-adapter-memory'
import replication from 'pouchdb-replication'
import { randomBytes } from 'node:crypto'
import type { RemoteAddress } from '../../shared/sync/sync-remote'

PouchDB.plugin(memoryAdapter).plugin(httpAdapter).plugin(replication)

export type SyncDoc = PouchDB.Doc
export type Replica = PouchDB.Database
export type ChangesFeed = PouchDB.ChangesFeed
export type BulkResult = PouchDB.BulkResult

export interface Credentials {
  username: string
  password: string
}

/** Seconds a request to the server may take before the sync says it is unreachable. */
const REQUEST_TIMEOUT_MS = 30_000

/** A fresh in-memory database; each has its own name, so two stores in one process never share one. */
export function newReplica(): Replica {
  return new PouchDB(`triangulate-sync-${randomBytes(8).toString('hex')}`, { adapter: 'memory' })
}

/** A fetch that reaches this origin only: any other address is refused before a byte is sent. */
export function fetchOnly(origin: string): (url: string, init?: RequestInit) => Promise<Response> {
  return (url, init) => {
    const target = new URL(url)
    if (target.origin !== origin) {
      const error = Object.assign(new Error(`The sync refused to reach ${target.origin}: only the team server ${origin} may be reached.`), { name: 'refused_address' })
      return Promise.reject(error)
    }
    // PouchDB hands over node-fetch's Headers; the platform's fetch takes plain pairs.
    const headers = init?.headers ? Object.fromEntries([...(init.headers as unknown as Iterable<[string, string]>)]) : undefined
    return fetch(target, { ...init, headers, credentials: undefined, signal: init?.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
  }
}

export function openRemote(remote: RemoteAddress, credentials: Credentials | null): Replica {
  return new PouchDB(remote.url, {
    adapter: 'http',
    skip_setup: true,
    fetch: fetchOnly(remote.origin),
    ...(credentials ? { auth: { username: credentials.username, password: credentials.password } } : {}),
  })
}
