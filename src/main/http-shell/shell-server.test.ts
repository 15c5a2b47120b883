import { mkdir, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createTriangulateService } from '../service/triangulate-service'
import { CorpusStore } from '../store/corpus-store'
import { SAMPLE_CORPUS_DIR, tempDir } from '../test-support/temp-dir'
import { API_TOKEN_HEADER, MAX_BODY_BYTES, startShellServer, type ShellServer } from './shell-server'

let server: ShellServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

async function start() {
  const rendererDir = await tempDir()
  await mkdir(join(rendererDir, 'assets'))
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Triangulate</title>')
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  const store = await CorpusStore.open(await tempDir())
  server = await startShellServer({ handlers: createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR }), rendererDir })
  return server
}

/** A raw request, so tests can send the headers a browser would never let a page forge. */
function send(port: number, options: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: options.path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = ''
      res.on('data', (c) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

const api = (s: ShellServer, op: string, body: unknown, extra: Record<string, string> = {}) =>
  send(s.port, {
    path: `/api/${op}`,
    method: 'POST',
    headers: { host: `127.0.0.1:${s.port}`, 'content-type': 'application/json', [API_TOKEN_HEADER]: s.token, ...extra },
    body: JSON.stringify(body),
  })

describe('the loopback browser shell', () => {
  it('binds to 127.0.0.1 and answers API calls that carry the token', async () => {
    const s = await start()
    expect(s.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${s.port}/#token=`))
    const res = await api(s, 'stats', {})
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { articles: 0 } })
  })

  it('refuses API calls without the right token', async () => {
    const s = await start()
    expect((await api(s, 'stats', {}, { [API_TOKEN_HEADER]: 'wrong' })).status).toBe(401)
    const noToken = await send(s.port, { path: '/api/stats', method: 'POST', headers: { host: `127.0.0.1:${s.port}`, 'content-type': 'application/json' }, body: '{}' })
    expect(noToken.status).toBe(401)
  })

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin', async () => {
    const s = await start()
    expect((await api(s, 'stats', {}, { host: `evil.example:${s.port}` })).status).toBe(421)
    expect((await send(s.port, { path: '/', headers: { host: 'evil.example' } })).status).toBe(421)
    expect((await api(s, 'stats', {}, { origin: 'http://evil.example' })).status).toBe(403)
    expect((await api(s, 'stats', {}, { origin: `http://127.0.0.1:${s.port}` })).status).toBe(200)
  })

  it('refuses oversized bodies, non-JSON bodies and GET on the API', async () => {
    const s = await start()
    const big = await api(s, 'startImport', { path: 'x'.repeat(MAX_BODY_BYTES + 10) })
    expect(big.status).toBe(413)
    expect((await api(s, 'stats', {}, { 'content-type': 'text/plain' })).status).toBe(415)
    expect((await send(s.port, { path: '/api/stats', headers: { host: `127.0.0.1:${s.port}` } })).status).toBe(405)
  })

  it('returns invalid arguments as an error value, not a crash', async () => {
    const s = await start()
    const res = await api(s, 'getArticle', { id: '<script>' })
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
  })

  it('serves the renderer with a strict CSP and nothing outside its folder', async () => {
    const s = await start()
    const index = await send(s.port, { path: '/', headers: { host: `localhost:${s.port}` } })
    expect(index.status).toBe(200)
    expect(index.headers['content-security-policy']).toContain("script-src 'self'")
    expect((await send(s.port, { path: '/assets/app.js', headers: { host: `127.0.0.1:${s.port}` } })).headers['content-type']).toMatch(/javascript/)
    expect((await send(s.port, { path: '/../package.json', headers: { host: `127.0.0.1:${s.port}` } })).status).toBe(404)
    expect((await send(s.port, { path: '/%2e%2e/%2e%2e/etc/passwd', headers: { host: `127.0.0.1:${s.port}` } })).status).toBe(404)
  })

  it('answers a malformed URL with 400, on the API and off it, and goes on serving', async () => {
    const s = await start()
    const get = (path: string) => send(s.port, { path, headers: { host: `127.0.0.1:${s.port}` } })
    for (const path of ['/%E0%A4%A', '/assets/%zz.js', '/%', '/index.html%00', '/a%ED%A0%80b']) {
      const res = await get(path)
      expect(res.status, path).toBe(400)
      expect(res.body).toBe('Malformed URL (a bad % escape, or not a path).')
    }
    const badApi = await send(s.port, {
      path: '/api/st%ZZats',
      method: 'POST',
      headers: { host: `127.0.0.1:${s.port}`, 'content-type': 'application/json', [API_TOKEN_HEADER]: s.token },
      body: '{}',
    })
    expect(badApi.status).toBe(400)
    // A well-formed escape still works, and the server is unharmed.
    expect((await get('/assets/%61pp.js')).status).toBe(200)
    expect((await api(s, 'stats', {})).status).toBe(200)
  })
})
