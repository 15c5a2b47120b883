// Builds large fixtures through the app's own API from inside the page, in one round trip: the
// desktop bridge when the app has one, else the browser shell's HTTP API with this tab's token (as
// the renderer's api-client does). Hundreds of calls cost what they cost the app, not a Playwright
// round trip each.

import type { Page } from '@playwright/test'

/** One service operation called from the page: its value, or an error naming the operation. */
export type PageCall = (operation: string, args: unknown) => Promise<any>

/**
 * Runs `build(call, arg)` in the page. `build` is sent as its source text, as page.evaluate sends
 * any function: it must not use anything from the test's scope but `call` and `arg` (JSON-able).
 */
export async function withPageApi<A, R>(page: Page, build: (call: PageCall, arg: A) => Promise<R>, arg: A): Promise<R> {
  return (await page.evaluate(`(async () => {
    const bridge = window.triangulate
    const call = async (operation, args) => {
      const result = bridge
        ? await bridge.api[operation](args)
        : await (
            await fetch('/api/' + operation, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', 'x-triangulate-token': sessionStorage.getItem('triangulate.token') ?? '' },
              body: JSON.stringify(args),
            })
          ).json()
      if (!result.ok) throw new Error(operation + ': ' + result.error.message)
      return result.value
    }
    return (${build.toString()})(call, ${JSON.stringify(arg)})
  })()`)) as R
}
