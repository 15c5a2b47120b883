// The renderer's one way to reach the service. Picks the transport at start: the preload bridge in
// the desktop app, HTTP to the loopback shell otherwise. Callers get typed promises; errors arrive
// as ApiError with the service's message, ready to show.

import type { ApiTransport, DesktopBridge, OperationArgs, OperationResult } from '../../../shared/api'
import { operationNames, type OperationName } from '../../../shared/api-operations'
import type { ErrorCode, Result } from '../../../shared/result'

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'transport',
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export type Api = { [K in OperationName]: (args: OperationArgs<K>) => Promise<OperationResult<K>> }

export interface Connection {
  api: Api
  /** Native dialogs, in the desktop app only. */
  desktop: DesktopBridge | null
  shell: 'desktop' | 'browser'
}

/**
 * The shell makes a new token each time it starts, so a tab left open across a restart holds an old
 * one (as does an address copied without its #token=… part).
 */
export const STALE_TOKEN_MESSAGE =
  'This page’s access token is not valid: the browser shell was restarted since this tab was opened, or the address lacks its #token=… part. ' +
  'Open the address that `npm run serve` printed most recently in its terminal (the line starting “Open:”); this tab cannot reconnect by itself.'

const TOKEN_KEY = 'triangulate.token'
const TOKEN_HEADER = 'x-triangulate-token'

export function connect(): Connection {
  const bridge = window.triangulate
  if (bridge) return { api: unwrap(bridge.api), desktop: bridge.desktop, shell: 'desktop' }
  return { api: unwrap(httpTransport(takeToken())), desktop: null, shell: 'browser' }
}

/** The shell prints a URL ending in #token=…; keep the token for this tab and take it out of the address bar. */
function takeToken(): string {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash)
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]))
    history.replaceState(null, '', window.location.pathname + window.location.search)
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

function httpTransport(token: string): ApiTransport {
  const call = async (name: OperationName, args: unknown): Promise<Result<unknown>> => {
    let response: Response
    try {
      response = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(args ?? {}),
      })
    } catch {
      return { ok: false, error: { code: 'io', message: 'The Triangulate shell is not answering. Is `npm run serve` still running?' } }
    }
    if (response.status === 401) {
      return { ok: false, error: { code: 'invalid-argument', message: STALE_TOKEN_MESSAGE } }
    }
    if (!response.ok) return { ok: false, error: { code: 'io', message: `The shell refused the request (${response.status}): ${await response.text()}` } }
    return (await response.json()) as Result<unknown>
  }
  return Object.fromEntries(operationNames.map((name) => [name, (args: unknown) => call(name, args)])) as ApiTransport
}

function unwrap(transport: ApiTransport): Api {
  return Object.fromEntries(
    operationNames.map((name) => [
      name,
      async (args: unknown) => {
        const result = await (transport[name] as (a: unknown) => Promise<Result<unknown>>)(args)
        if (!result.ok) throw new ApiError(result.error.code, result.error.message)
        return result.value
      },
    ]),
  ) as Api
}
