// The sync as the app and the CLI run it (issue 19): the settings (kept in the store folder,
// without credentials), the credentials (from the shell's own source), start, stop, "sync now",
// continuous sync while the app runs, and the status the settings panel shows in plain words.
// One engine at a time, for the configured database; syncs never overlap.

import { userInfo } from 'node:os'
import { z } from 'zod'
import { UserError } from '../../shared/result'
import { describeSyncError, type SyncErrorInfo } from '../../shared/sync/sync-errors'
import type { SyncConflict, SyncResult, SyncSettings, SyncState, SyncStatus } from '../../shared/sync/sync-model'
import { checkRemoteUrl, type RemoteAddress } from '../../shared/sync/sync-remote'
import type { CorpusStore } from '../store/corpus-store'
import type { Credentials } from './pouch'
import { environmentCredentials, type CredentialSource, type CredentialsFrom } from './sync-credentials'
import { conflictsOf, SyncEngine, type Resolution } from './sync-engine'
import { readSyncState } from './sync-state'

export const SYNC_SETTINGS_FILE = 'sync-settings.json'
/**
 * Pause between two syncs in continuous mode when nothing calls for one. A change does not wait for
 * it: a local change (a command, an undo) wakes the loop at once, and a teammate's change too, as
 * soon as the server's changes feed reports it (SyncEngine.watch, a long poll). This pause only
 * bounds how late a change can be if the feed drops; an idle sync costs a request to the server
 * and a scan of the store's records by identity.
 */
const LIVE_INTERVAL_MS = 5_000
/** After a failed sync, continuous mode waits this long, doubling up to the cap, so an unreachable server is not hammered. */
const RETRY_FIRST_MS = 2_000
const RETRY_MAX_MS = 60_000

const settingsSchema = z.object({ remoteUrl: z.string().nullable(), member: z.string(), continuous: z.boolean(), shareTexts: z.boolean().default(false) })

export interface SyncControllerOptions {
  credentials?: CredentialSource
  /** Called after a sync changed the store, with the articles whose title changed (the search index keeps titles) and those it added from shared texts. */
  onStoreChanged?: (retitledArticleIds: string[], addedArticleIds: string[]) => Promise<void> | void
}

export class SyncController {
  private engine: SyncEngine | null = null
  private engineFor: string | null = null
  private running = false
  private loop: Promise<void> | null = null
  private wake: (() => void) | null = null
  /** A sync was asked for while one ran: the loop syncs again at once. */
  private nudged = false
  private syncing = false
  private lastSyncAt: string | null = null
  private lastResult: SyncResult | null = null
  private error: SyncErrorInfo | null = null
  private changes = 0
  private queue: Promise<unknown> = Promise.resolve()
  private readonly credentials: CredentialSource
  /** The saved state's conflicts and unsent changes while no engine is open (read once: the status is asked for every second). */
  private saved: Promise<{ conflicts: SyncConflict[]; unsent: number | null; texts: Set<string> }> | null = null

  constructor(
    private readonly store: CorpusStore,
    private readonly options: SyncControllerOptions = {},
  ) {
    this.credentials = options.credentials ?? environmentCredentials()
  }

  async settings(): Promise<SyncSettings> {
    const saved = settingsSchema.safeParse(await this.store.readSidecar(SYNC_SETTINGS_FILE))
    return saved.success ? saved.data : { remoteUrl: null, member: defaultMember(), continuous: false, shareTexts: false }
  }

  /** Saves the settings (checked: TLS unless loopback, no credentials in the address); continuous sync follows them. */
  async saveSettings(next: Omit<SyncSettings, 'shareTexts'> & { shareTexts?: boolean }): Promise<SyncStatus> {
    const member = next.member.trim()
    if (!member) throw new UserError('invalid-argument', 'Give your name as the team knows you: it is written as the author of each change you sync.')
    let remoteUrl: string | null = null
    if (next.remoteUrl && next.remoteUrl.trim()) remoteUrl = requireRemote(next.remoteUrl).url
    await this.store.writeSidecar(SYNC_SETTINGS_FILE, {
      remoteUrl,
      member,
      continuous: next.continuous && remoteUrl !== null,
      shareTexts: next.shareTexts ?? (await this.settings()).shareTexts,
    })
    await this.inQueue(() => this.closeEngine())
    if (next.continuous && remoteUrl) await this.start()
    else await this.stop()
    return this.status()
  }

  async setCredentials(credentials: Credentials | null): Promise<SyncStatus> {
    if (!this.credentials.save) {
      throw new UserError(
        'conflict',
        'This shell does not keep passwords. Start it with TRIANGULATE_SYNC_USER and TRIANGULATE_SYNC_PASSWORD set, or TRIANGULATE_SYNC_CREDENTIALS_FILE naming a file only you can read (user:password).',
      )
    }
    await this.credentials.save(credentials)
    await this.inQueue(() => this.closeEngine())
    return this.status()
  }

  async status(): Promise<SyncStatus> {
    const settings = await this.settings()
    const from = await this.credentials.read().then(
      (c) => c.from,
      (): CredentialsFrom => 'none',
    )
    const state: SyncState = this.syncing ? 'syncing' : this.error ? 'error' : this.running ? 'live' : settings.remoteUrl ? 'idle' : 'off'
    return {
      settings,
      state,
      lastSyncAt: this.lastSyncAt,
      lastResult: this.lastResult,
      pending: this.engine ? this.engine.pendingCount() : await this.pendingWithoutEngine(),
      waiting: this.engine?.waitingCount() ?? 0,
      conflicts: (await this.conflicts()).length,
      rejected: this.engine?.rejections() ?? [],
      refused: this.engine?.refusals() ?? [],
      error: this.error,
      credentials: from,
      canSaveCredentials: this.credentials.save !== undefined,
      changes: this.changes,
    }
  }

  /**
   * One sync now, with the settings' database or the one given (the CLI's --remote), and the
   * settings' member name or the one given. Errors come back as UserErrors in plain words.
   */
  syncNow(override: SyncOverride = {}): Promise<SyncResult> {
    return this.inQueue(() => this.syncCycle(override))
  }

  /** Continuous sync: a sync every moment while running, retrying with a growing pause after a failure. */
  async start(): Promise<void> {
    const settings = await this.settings()
    if (!settings.remoteUrl) throw new UserError('invalid-argument', 'Set the team database’s address first.')
    if (!settings.continuous) await this.store.writeSidecar(SYNC_SETTINGS_FILE, { ...settings, continuous: true })
    if (this.running) return
    this.running = true
    this.loop = this.runLoop()
  }

  async stop(): Promise<void> {
    const settings = await this.settings()
    if (settings.continuous && !this.store.readOnly) await this.store.writeSidecar(SYNC_SETTINGS_FILE, { ...settings, continuous: false })
    await this.halt()
  }

  /** At the app's start: continuous sync resumes if it was on. */
  async resumeIfEnabled(): Promise<void> {
    const settings = await this.settings()
    if (settings.continuous && settings.remoteUrl && !this.store.readOnly && !this.running) {
      this.running = true
      this.loop = this.runLoop()
    }
  }

  /** Asks the continuous loop to sync at once (after a local change, a resolution, a teammate's change on the server). */
  nudge(): void {
    if (!this.running) return
    this.nudged = true
    this.wake?.()
  }

  async conflicts(): Promise<SyncConflict[]> {
    if (this.engine) return this.engine.conflicts()
    return (await this.savedState()).conflicts
  }

  private savedState(): Promise<{ conflicts: SyncConflict[]; unsent: number | null; texts: Set<string> }> {
    return (this.saved ??= readSyncState(this.store).then((state) => ({
      conflicts: state ? conflictsOf(state) : [],
      unsent: state && Object.keys(state.docs).length > 0 ? Object.values(state.docs).filter((d) => !d.pushed).length : null,
      texts: new Set(Object.keys(state?.docs ?? {}).filter((id) => id.startsWith('text:'))),
    })))
  }

  /** The store write a resolution makes (run by the service as an undoable command), then markResolved. */
  planResolution(docId: string, choice: { rev: string } | { record: Record<string, unknown> }): Promise<Resolution> {
    return this.inQueue(async () => (await this.openEngine({})).planResolution(docId, choice))
  }

  markResolved(resolution: Resolution): Promise<void> {
    return this.inQueue(async () => {
      await (await this.openEngine({})).markResolved(resolution)
      this.nudge()
    })
  }

  /**
   * After a resolution was undone (its conflict comes back) or redone (resolved anew): the undo
   * history calls this with the step's arguments. A failure is shown in the status, never thrown
   * into the undo, which has changed the store already.
   */
  afterResolutionStep(direction: 'undo' | 'redo', resolution: Resolution): Promise<void> {
    return this.inQueue(async () => {
      try {
        const engine = await this.openEngine({})
        await (direction === 'undo' ? engine.unresolve(resolution) : engine.reresolve(resolution))
        this.nudge()
      } catch (error) {
        this.error = {
          kind: 'other',
          message: `The conflict on ${resolution.docId} could not be ${direction === 'undo' ? 'brought back' : 'resolved again'}: ${(error as Error).message}`,
        }
      }
    })
  }

  /** Stops continuous sync (its current sync finishes) and lets go of the replica. */
  async close(): Promise<void> {
    await this.halt()
    await this.inQueue(() => this.closeEngine())
  }

  private async halt(): Promise<void> {
    this.running = false
    this.wake?.()
    await this.loop
    this.loop = null
  }

  private async runLoop(): Promise<void> {
    let pause = LIVE_INTERVAL_MS
    while (this.running) {
      this.nudged = false
      try {
        await this.inQueue(async () => {
          await this.syncCycle({})
          this.engine?.watch(() => this.nudge())
        })
        pause = LIVE_INTERVAL_MS
      } catch {
        pause = pause < RETRY_FIRST_MS ? RETRY_FIRST_MS : Math.min(pause * 2, RETRY_MAX_MS)
      }
      if (!this.running) break
      // Asked for during that sync (a change made while it ran): sync again now.
      if (this.nudged && pause === LIVE_INTERVAL_MS) continue
      await new Promise<void>((resume) => {
        const timer = setTimeout(resume, pause)
        this.wake = () => {
          clearTimeout(timer)
          resume()
        }
      })
      this.wake = null
    }
  }

  private async syncCycle(override: SyncOverride): Promise<SyncResult> {
    this.syncing = true
    let server = override.remoteUrl ?? (await this.settings()).remoteUrl ?? 'the sync server'
    try {
      const engine = await this.openEngine(override)
      server = engine.remote.origin
      const result = await engine.sync()
      this.lastSyncAt = new Date().toISOString()
      this.lastResult = { pushed: result.pushed, pulled: result.pulled, conflicts: result.conflicts }
      this.error = null
      if (result.changedStore) {
        this.changes++
        await this.options.onStoreChanged?.(result.retitled, result.added)
      }
      return this.lastResult
    } catch (error) {
      if (error instanceof UserError && error.code !== 'io' && error.code !== 'internal') {
        this.error = { kind: 'other', message: error.message }
        throw error
      }
      this.error = describeSyncError(error, server)
      throw new UserError('io', this.error.message)
    } finally {
      this.syncing = false
    }
  }

  private async openEngine(override: SyncOverride): Promise<SyncEngine> {
    const settings = await this.settings()
    const rawUrl = override.remoteUrl ?? settings.remoteUrl
    if (!rawUrl) throw new UserError('invalid-argument', 'No team database is set: give its address in the sync settings (or --remote URL).')
    const remote = requireRemote(rawUrl)
    const member = override.member?.trim() || settings.member
    const shareTexts = override.shareTexts ?? settings.shareTexts
    const key = `${remote.url}\n${member}\n${shareTexts}`
    if (this.engine && this.engineFor === key) return this.engine
    await this.closeEngine()
    const { credentials } = await this.credentials.read()
    this.engine = await SyncEngine.open({ store: this.store, remote, member, credentials, shareTexts })
    this.engineFor = key
    return this.engine
  }

  private async closeEngine(): Promise<void> {
    const engine = this.engine
    this.engine = null
    this.engineFor = null
    this.saved = null
    await engine?.close()
  }

  /** Before the first sync, every shared record is pending. */
  private async pendingWithoutEngine(): Promise<number> {
    const { unsent, texts } = await this.savedState()
    const s = this.store
    // Shared texts not sent yet: one per article whose text has no document.
    const unsentTexts = (await this.settings()).shareTexts ? s.listArticles().filter((a) => !a.damaged && !texts.has(`text:${a.contentHash}`)).length : 0
    if (unsent !== null) return unsent + unsentTexts
    return (
      s.claims.length +
      s.highlights.length +
      s.links.length +
      s.sourceGrades.length +
      s.entityDecisions.length +
      s.listArticles().filter((a) => a.edited.length > 0).length +
      unsentTexts
    )
  }

  private inQueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work)
    this.queue = next.catch(() => undefined)
    return next
  }
}

/** What the CLI gives for one run instead of the saved settings. */
export interface SyncOverride {
  remoteUrl?: string
  member?: string
  /** --share-texts: share article texts on this run. */
  shareTexts?: boolean
}

function requireRemote(raw: string): RemoteAddress {
  const checked = checkRemoteUrl(raw)
  if (!checked.ok) throw new UserError('invalid-argument', checked.message)
  return checked.remote
}

/** The name written as author before the analyst gives one: their account name on this machine. */
export function defaultMember(): string {
  const fromEnv = process.env.TRIANGULATE_SYNC_MEMBER?.trim()
  if (fromEnv) return fromEnv
  try {
    return userInfo().username || 'analyst'
  } catch {
    return 'analyst'
  }
}
