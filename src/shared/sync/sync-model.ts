// What the sync shows the analyst (the settings panel, the CLI's JSON): plain data. Issue 19.

import type { SyncErrorInfo } from './sync-errors'
import type { SyncKind } from './sync-docs'

export interface SyncSettings {
  /** The team database's address (no credentials), or null before sync is set up. */
  remoteUrl: string | null
  /** The name written as author on every change this analyst makes. */
  member: string
  /** Sync continuously while the app runs (else only on "Sync now"). */
  continuous: boolean
  /**
   * Share article texts (a team's choice, off unless turned on): this store's texts travel to the
   * server, and texts teammates shared become articles here, so highlights on articles this analyst
   * never imported land too. Off, texts stay home and shared ones are not taken.
   */
  shareTexts: boolean
}

/** What one sync did (DECISIONS.md section 10: `sync --json`). */
export interface SyncResult {
  pushed: number
  pulled: number
  conflicts: number
}

export type SyncState = 'off' | 'idle' | 'syncing' | 'live' | 'error'

export interface SyncStatus {
  settings: SyncSettings
  state: SyncState
  /** When the last sync finished without error (ISO), or null. */
  lastSyncAt: string | null
  lastResult: SyncResult | null
  /** Local changes not yet on the server. */
  pending: number
  /** Records received that wait for something this store lacks (a highlight whose article is not imported here). */
  waiting: number
  conflicts: number
  /** Received records this store refused (not a record's shape, or against its rules), with why; they are kept on the server. */
  rejected: { docId: string; reason: string }[]
  /** Local records the server would not take at the last sync (too large for it, or denied), with why; they stay here, unsent, and are offered again. */
  refused: { docId: string; reason: string }[]
  error: SyncErrorInfo | null
  /** Where the credentials come from; never the credentials themselves. */
  credentials: 'none' | 'environment' | 'file' | 'saved'
  /** Whether this shell can keep credentials itself (the desktop app, with the system's keychain). */
  canSaveCredentials: boolean
  /** Goes up each time a sync changed the store: views refresh when it moves. */
  changes: number
}

export interface SyncVersion {
  rev: string
  author: string | null
  /** The version the store shows now (CouchDB's winning revision). */
  current: boolean
  deleted: boolean
  summary: string
  record: unknown
}

/** A record two analysts changed apart: every version is kept until someone picks or combines. */
export interface SyncConflict {
  kind: SyncKind
  /** The record's id (a source grade's source key, an article's content hash). */
  id: string
  docId: string
  versions: SyncVersion[]
}
