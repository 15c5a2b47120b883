// The sync reaches the configured server's origin and nothing else, whatever PouchDB asks for.

import { createServer } from 'node:http'
import { describe, expect, it } from 'vitest'
import { fetchOnly } from './pouch'

describe('the remote database', () => {
  it('refuses to fetch from any origin but the configured one', async () => {
    const seen: string[] = []
    const other = createServer((req, res) => {
      seen.push(req.url ?? '')
      res.end('{}')
    })
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r))
    const port = (other.address() as { port: number }).port
    try {
      const guarded = fetchOnly('http://127.0.0.1:1')
      await expect(guarded(`http://127.0.0.1:${port}/elsewhere`)).rejects.toThrow(/refused to reach http:\/\/127\.0\.0\.1:\d+: only the team server/)
      expect(seen).toEqual([])
      // The same fetch reaches its own origin (here: the other server, named as the team's).
      expect(await (await fetchOnly(`http://127.0.0.1:${port}`)(`http://127.0.0.1:${port}/db`)).text()).toBe('{}')
      expect(seen).toEqual(['/db'])
    } finally {
      other.close()
    }
  })
})
