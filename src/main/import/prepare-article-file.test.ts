import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { prepareArticleFile } from './prepare-article-file'

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex')
const file = { path: '/corpus/Harbour Wire/bridge.txt', relativePath: 'Harbour Wire/bridge.txt' }

describe('prepareArticleFile', () => {
  it("keeps the file's own hash apart from the text's whenever decoding changed the bytes", async () => {
    const cases = [
      { bytes: Buffer.from('Bridge closes\nThe council closed the bridge.\n'), changed: false },
      { bytes: Buffer.from('Bridge closes\r\nThe council closed the bridge.\r\n'), changed: true },
      { bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Bridge closes\nCafé.\n')]), changed: true },
      // Combining marks (on a letter with no precomposed form): NFC puts them in canonical order, keeping the length.
      { bytes: Buffer.from('Bridge closes\nx\u0316\u0300 mark.\n'), changed: false },
      { bytes: Buffer.from('Bridge closes\nx\u0300\u0316 mark.\n'), changed: true },
      { bytes: Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x70, 0x65, 0x6e, 0x73, 0x0a]), changed: true },
    ]
    for (const { bytes, changed } of cases) {
      const prepared = await prepareArticleFile(file, bytes)
      if (prepared.kind !== 'prepared') throw new Error(`not prepared: ${prepared.reason}`)
      expect(prepared.fileHash).toBe(sha256(bytes))
      expect(prepared.contentHash).toBe(sha256(prepared.text))
      expect(prepared.fileHash !== prepared.contentHash).toBe(changed)
    }
  })
})
