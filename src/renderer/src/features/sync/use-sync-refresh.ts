// The workbench refreshes its views when a sync changed the store (a teammate's claims and evidence
// appear on the board within a moment of arriving): the service counts such syncs, and this hook
// asks for the count now and then. Issue 19.

import { useEffect } from 'react'
import type { Api } from '../../lib/api-client'

/** How often the count is asked for: a teammate's change should show within a couple of seconds. */
const POLL_MS = 1000

export function useSyncRefresh(api: Api, changed: () => void): void {
  useEffect(() => {
    let live = true
    let seen: number | null = null
    const poll = () =>
      api.getSyncStatus({}).then(
        (status) => {
          if (!live) return
          if (seen !== null && status.changes !== seen) changed()
          seen = status.changes
        },
        () => undefined,
      )
    void poll()
    const timer = setInterval(() => void poll(), POLL_MS)
    return () => {
      live = false
      clearInterval(timer)
    }
  }, [api, changed])
}
