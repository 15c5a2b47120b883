// The part of PouchDB's API the sync uses, typed here: DefinitelyTyped's @types/pouchdb-core
// declares a global Buffer and pulls the DOM library into every Node file, which breaks the
// project's own types. Only what pouch.ts and sync-engine.ts call.

declare module 'pouchdb-core' {
  namespace PouchDB {
    type Seq = number | string
    interface Doc {
      _id: string
      _rev?: string
      _deleted?: boolean
      [field: string]: unknown
    }
    type BulkResult = { ok: true; id: string; rev: string } | { error: string | boolean; id?: string; reason?: string; status?: number }
    interface ReplicationResult {
      ok: boolean
      docs_read: number
      docs_written: number
      doc_write_failures: number
      /** Documents the target denied (a validation function's forbidden or unauthorized), each naming its id. */
      errors: unknown[]
      last_seq: Seq
    }
    interface ReplicateOptions {
      since?: Seq
      checkpoint?: boolean | 'source' | 'target'
      batch_size?: number
      batches_limit?: number
      /** Only these documents. */
      doc_ids?: string[]
    }
    /** A replication in flight: a promise of its result that also reports each batch it wrote. */
    interface Replication extends Promise<ReplicationResult> {
      on(event: 'change', listener: (info: ReplicationResult & { docs?: Doc[] }) => void): this
    }
    interface ChangesFeed {
      on(event: 'change', listener: (change: { id: string; seq: Seq; changes: { rev: string }[] }) => void): this
      on(event: 'complete' | 'error', listener: (info: unknown) => void): this
      cancel(): void
    }
    interface Database {
      info(): Promise<{ update_seq: Seq; doc_count: number }>
      bulkDocs(docs: Doc[], options?: { new_edits?: boolean }): Promise<BulkResult[]>
      get(id: string, options: { open_revs: 'all'; revs: true }): Promise<({ ok: Doc & { _revisions: { start: number; ids: string[] } } } | { missing: string })[]>
      changes(options: { since: Seq; style?: 'all_docs' | 'main_only' }): Promise<{ results: { id: string; seq: Seq; changes: { rev: string }[] }[]; last_seq: Seq }>
      changes(options: { since: Seq | 'now'; live: true; style?: 'all_docs'; timeout?: number; heartbeat?: number | false; return_docs?: false }): ChangesFeed
      replicate: {
        to(target: Database, options?: ReplicateOptions): Replication
        from(source: Database, options?: ReplicateOptions): Replication
      }
      destroy(): Promise<unknown>
      close(): Promise<unknown>
    }
    interface Options {
      adapter?: 'memory' | 'http'
      skip_setup?: boolean
      fetch?: (url: string, init?: RequestInit) => Promise<Response>
      auth?: { username: string; password: string }
    }
    interface Static {
      new (name: string, options?: Options): Database
      plugin(plugin: unknown): Static
    }
  }
  const PouchDB: PouchDB.Static
  export = PouchDB
}

declare module 'pouchdb-adapter-memory' {
  const plugin: unknown
  export = plugin
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown
  export = plugin
}
declare module 'pouchdb-replication' {
  const plugin: unknown
  export = plugin
}
