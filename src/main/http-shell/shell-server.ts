// The loopback browser shell: serves the built renderer and the API contract over HTTP on
// 127.0.0.1 only. Every API call needs this run's random token; Host and Origin are checked so a web
// page elsewhere cannot reach it (DNS rebinding, cross-site requests); bodies are size-limited.

import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import type { ApiHandlers } from '../../shared/api'
import { dispatch } from '../service/dispatch'

export const API_TOKEN_HEADER = 'x-triangulate-token'
/** Largest request body accepted: API arguments are ids, offsets and short texts. */
export const MAX_BODY_BYTES = 1024 * 1024

const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

export interface ShellServerOptions {
  handlers: ApiHandlers
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** 0 picks a free port. */
  port?: number
  token?: string
}

export interface ShellServer {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

export async function startShellServer(options: ShellServerOptions): Promise<ShellServer> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  let port = 0
  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error('[triangulate] request failed:', error)
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error; see the shell log.')
      else res.destroy()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopbackHost(req.headers.host, port)) return send(res, 421, 'text/plain; charset=utf-8', 'Unexpected Host header.')
    const pathname = requestPath(req.url)
    if (pathname === null) return send(res, 400, 'text/plain; charset=utf-8', 'Malformed URL (a bad % escape, or not a path).')
    if (pathname.startsWith('/api/')) return handleApi(req, res, pathname.slice('/api/'.length))
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed.')
    return serveStatic(res, pathname)
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, operation: string): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'API calls are POST requests.')
    const origin = req.headers.origin
    if (origin !== undefined && !isLoopbackOrigin(origin, port)) return send(res, 403, 'text/plain; charset=utf-8', 'Cross-origin request refused.')
    if (req.headers[API_TOKEN_HEADER] !== token) return send(res, 401, 'text/plain; charset=utf-8', 'Missing or wrong API token.')
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'text/plain; charset=utf-8', 'API calls send application/json.')
    const body = await readBody(req)
    if (body === null) return send(res, 413, 'text/plain; charset=utf-8', `Request body over ${MAX_BODY_BYTES} bytes.`)
    let args: unknown
    try {
      args = body.length === 0 ? {} : JSON.parse(body)
    } catch {
      return send(res, 400, 'text/plain; charset=utf-8', 'Request body is not valid JSON.')
    }
    const result = await dispatch(options.handlers, operation, args)
    send(res, 200, 'application/json; charset=utf-8', JSON.stringify(result))
  }

  /** `pathname` is decoded already (requestPath). */
  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '')
    const file = normalize(join(options.rendererDir, relative))
    if (!file.startsWith(normalize(options.rendererDir) + sep)) return send(res, 404, 'text/plain; charset=utf-8', 'Not found.')
    let content: Buffer
    try {
      content = await readFile(file)
    } catch {
      return send(res, 404, 'text/plain; charset=utf-8', 'Not found.')
    }
    send(res, 200, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', content)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/**
 * The request's path with its % escapes decoded, or null when it cannot be: a bad escape (`%E0%A4%A`,
 * `%zz`), an escape that decodes to a NUL byte, or a target that is not a path. Such a request is the
 * client's mistake, answered 400, never an internal error.
 */
function requestPath(target: string | undefined): string | null {
  if (target === undefined || !target.startsWith('/')) return null
  try {
    const decoded = decodeURIComponent(new URL(target, 'http://127.0.0.1').pathname)
    return decoded.includes('\0') ? null : decoded
  } catch {
    return null
  }
}

function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  })
  res.end(body)
}

/** The body as text, or null when it is over the limit (drained, not stored, so the reply still arrives). */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) chunks.push(chunk)
    })
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

export function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`
}

function isLoopbackOrigin(origin: string, port: number): boolean {
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`
}
