// `npm run cli -- sync` and `npm run cli -- conflicts` (issue 19), in the shapes DECISIONS.md
// section 10 fixes: `sync --json` prints {pushed, pulled, conflicts}; `conflicts --json` prints
// {conflicts: [{kind, id, versions}]}. `sync` holds the store's write lock like `import` (so it is
// refused while the app has the store open: the app syncs itself); `conflicts` only reads.
// Credentials come from TRIANGULATE_SYNC_USER / TRIANGULATE_SYNC_PASSWORD or the owner-only file
// named by TRIANGULATE_SYNC_CREDENTIALS_FILE, never from the command line (it shows in `ps`).

import type { SyncResult } from '../../shared/sync/sync-model'
import type { TriangulateService } from '../service/triangulate-service'

export const SYNC_HELP = `  sync --remote URL [--member NAME] [--once] [--share-texts]
                                 sync the store with the team's CouchDB database: once, or (without
                                 --once) continuously until Ctrl+C; credentials from
                                 TRIANGULATE_SYNC_USER and TRIANGULATE_SYNC_PASSWORD, or the file
                                 named by TRIANGULATE_SYNC_CREDENTIALS_FILE (user:password, chmod 600);
                                 --share-texts also sends article texts and takes teammates' shared
                                 texts as articles (else as the sync settings say: off by default)
  conflicts                      records changed apart by two analysts, with every version
`

export const SYNC_OPTIONS = {
  remote: { type: 'string' },
  member: { type: 'string' },
  once: { type: 'boolean', default: false },
  'share-texts': { type: 'boolean' },
} as const

/** Pause between two syncs of `sync` without --once. */
const CONTINUOUS_PAUSE_MS = 1000
const RETRY_MAX_MS = 60_000

interface SyncCommandOptions {
  remote?: string
  member?: string
  once: boolean
  /** --share-texts; absent: as the saved sync settings say. */
  shareTexts?: boolean
  json: boolean
  print: (json: unknown, text: string) => void
}

export async function syncCommand(service: TriangulateService, options: SyncCommandOptions): Promise<number> {
  const override = { remoteUrl: options.remote, member: options.member, ...(options.shareTexts ? { shareTexts: true } : {}) }
  const describe = (r: SyncResult) =>
    `Sent ${r.pushed} change(s), received ${r.pulled}; ${r.conflicts} conflict(s)${r.conflicts > 0 ? ' (npm run cli -- conflicts)' : ''}.`
  try {
    if (options.once) {
      const result = await service.sync.syncNow(override)
      options.print(result, describe(result))
      return 0
    }
    // Continuous: until interrupted; a failed sync is told and retried after a growing pause.
    const total: SyncResult = { pushed: 0, pulled: 0, conflicts: 0 }
    let stopping = false
    let wake: () => void = () => undefined
    const stop = () => {
      stopping = true
      wake()
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    let pause = CONTINUOUS_PAUSE_MS
    while (!stopping) {
      try {
        const result = await service.sync.syncNow(override)
        total.pushed += result.pushed
        total.pulled += result.pulled
        total.conflicts = result.conflicts
        if (!options.json && (result.pushed > 0 || result.pulled > 0)) console.error(`triangulate: ${new Date().toISOString()} ${describe(result)}`)
        pause = CONTINUOUS_PAUSE_MS
      } catch (error) {
        console.error(`triangulate: ${(error as Error).message}`)
        pause = Math.min(Math.max(pause * 2, 2000), RETRY_MAX_MS)
      }
      await new Promise<void>((resume) => {
        const timer = setTimeout(resume, pause)
        wake = () => {
          clearTimeout(timer)
          resume()
        }
      })
    }
    options.print(total, describe(total))
    return 0
  } finally {
    await service.sync.close()
  }
}

export async function conflictsCommand(service: TriangulateService, print: (json: unknown, text: string) => void): Promise<number> {
  const conflicts = (await service.listSyncConflicts({})).conflicts.map(({ kind, id, versions }) => ({
    kind,
    id,
    versions: versions.map(({ rev, author, current, summary, record }) => ({ rev, author, current, summary, record })),
  }))
  print(
    { conflicts },
    conflicts.length === 0
      ? 'No sync conflicts.'
      : conflicts
          .map((c) => [`${c.kind} ${c.id}:`, ...c.versions.map((v) => `  ${v.current ? '*' : ' '} ${v.author ?? '?'} (${v.rev}): ${v.summary}`)].join('\n'))
          .join('\n'),
  )
  return 0
}
