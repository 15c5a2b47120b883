// The desktop shell's IPC checks, without the Electron binary: registerIpc is given a stand-in for
// ipcMain that keeps the handlers it registers, and a stand-in dialog, and each handler is called as
// Electron would call it, with an event whose sender frame is the app's own page, another frame, the
// app's window gone to another address, or a frame that has gone. Behind the handlers: the real
// service, on a real store.

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { DESKTOP_CHANNELS, IPC_CHANNEL_PREFIX, operationNames } from '../shared/api-operations'
import { registerIpc, type IpcMainInvokeEvent, type IpcShell } from './ipc'
import { createTriangulateService, type TriangulateService } from './service/triangulate-service'
import { CorpusStore } from './store/corpus-store'
import { SAMPLE_CORPUS_DIR, tempDir } from './test-support/temp-dir'

// Importing ipc.ts loads electron, whose package only says where its binary is (and throws when it is
// not installed): the stand-ins below are all these tests use of it.
vi.mock('electron', () => ({ ipcMain: { handle: () => undefined }, dialog: {} }))
const printHtmlToPdf = vi.fn(async (_html: string) => Buffer.from('%PDF-1.4 test'))
vi.mock('./brief-pdf', () => ({ printHtmlToPdf: (html: string) => printHtmlToPdf(html) }))

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown
type Frame = { url: string }

const REFUSED = { ok: false, error: { code: 'invalid-argument', message: 'Refused: the request did not come from the Triangulate window.' } }

let registered: Map<string, Handler>
let service: TriangulateService
let store: CorpusStore
let appFrame: Frame
let windowOpen: boolean
let dialogCalls: string[]
let saveTo: string | null

/** The app's page as the window shows it: the built renderer's index.html. */
async function setUp() {
  const rendererDir = await tempDir('triangulate-renderer-')
  const appUrl = `${pathToFileURL(rendererDir).href}/index.html`
  appFrame = { url: appUrl }
  windowOpen = true
  dialogCalls = []
  saveTo = null
  registered = new Map()
  store = await CorpusStore.open(await tempDir('triangulate-store-'))
  service = createTriangulateService({ store, sampleCorpusDir: SAMPLE_CORPUS_DIR })
  const shell: IpcShell = {
    ipcMain: {
      handle: (channel, listener) => {
        if (registered.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
        registered.set(channel, listener as Handler)
      },
    },
    dialog: {
      showOpenDialog: (async () => {
        dialogCalls.push('open')
        return { canceled: false, filePaths: ['/chosen/folder'] }
      }) as IpcShell['dialog']['showOpenDialog'],
      showSaveDialog: (async () => {
        dialogCalls.push('save')
        return saveTo === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: saveTo }
      }) as IpcShell['dialog']['showSaveDialog'],
    },
  }
  const window = { webContents: { mainFrame: appFrame } }
  registerIpc(
    service,
    () => (windowOpen ? (window as never) : null),
    (url) => url.startsWith(`${pathToFileURL(rendererDir).href}/`),
    shell,
  )
}

/** Calls a registered handler as Electron does, from `frame` (null: a frame already gone). */
function invoke(channel: string, frame: Frame | null, ...args: unknown[]) {
  const handler = registered.get(channel)
  if (!handler) throw new Error(`no handler for ${channel}`)
  return Promise.resolve(handler({ senderFrame: frame } as unknown as IpcMainInvokeEvent, ...args))
}

const op = (name: string) => IPC_CHANNEL_PREFIX + name

beforeEach(async () => {
  printHtmlToPdf.mockClear()
  await setUp()
})

describe('registerIpc', () => {
  it('registers one handler per operation of the contract and per desktop channel, and nothing else', () => {
    expect([...registered.keys()].sort()).toEqual([...operationNames.map(op), ...Object.values(DESKTOP_CHANNELS)].sort())
  })

  it('dispatches calls from the app’s own page, validating their arguments first', async () => {
    expect(await invoke(op('stats'), appFrame, {})).toMatchObject({ ok: true, value: { articles: 0 } })
    const claim = await invoke(op('createClaim'), appFrame, { text: 'The bridge closed on Tuesday' })
    expect(claim).toMatchObject({ ok: true, value: { text: 'The bridge closed on Tuesday' } })
    // Arguments the contract does not allow never reach the service.
    for (const args of [{ text: '' }, { text: 'x', extra: true }, 'a string', null, { text: 'x'.repeat(3000) }]) {
      expect(await invoke(op('createClaim'), appFrame, args)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    }
    expect(store.claims).toHaveLength(1)
  })

  it('refuses every operation from any other frame, changing nothing', async () => {
    const elsewhere: [string, Frame | null][] = [
      // An iframe inside the app's page, even at an address of the app: not the window's main frame.
      ['a subframe', { url: appFrame.url }],
      ['a page of another site', { url: 'https://example.com/' }],
      ['a frame that has gone', null],
    ]
    for (const [what, frame] of elsewhere) {
      expect(await invoke(op('createClaim'), frame, { text: 'Injected claim' }), what).toEqual(REFUSED)
      expect(await invoke(op('stats'), frame, {}), what).toEqual(REFUSED)
    }
    // The window's own main frame, navigated away from the app.
    appFrame.url = 'https://example.com/phish.html'
    expect(await invoke(op('createClaim'), appFrame, { text: 'Injected claim' })).toEqual(REFUSED)
    appFrame.url = 'file:///etc/passwd'
    expect(await invoke(op('stats'), appFrame, {})).toEqual(REFUSED)
    expect(store.claims).toHaveLength(0)
  })

  it('refuses everything once the window is gone', async () => {
    windowOpen = false
    expect(await invoke(op('stats'), appFrame, {})).toEqual(REFUSED)
    expect(await invoke(DESKTOP_CHANNELS.pickFolder, appFrame)).toBeNull()
    expect(await invoke(DESKTOP_CHANNELS.saveTextFile, appFrame, { suggestedName: 'a.txt', content: 'x' })).toEqual(REFUSED)
    expect(dialogCalls).toEqual([])
  })

  it('opens the folder dialog only for the app’s page', async () => {
    expect(await invoke(DESKTOP_CHANNELS.pickFolder, { url: 'https://example.com/' })).toBeNull()
    expect(dialogCalls).toEqual([])
    expect(await invoke(DESKTOP_CHANNELS.pickFolder, appFrame)).toBe('/chosen/folder')
    expect(dialogCalls).toEqual(['open'])
  })

  it('saves a file only for the app’s page and only with valid arguments, before any dialog opens', async () => {
    const dir = await tempDir()
    saveTo = join(dir, 'export.csv')
    const channel = DESKTOP_CHANNELS.saveTextFile
    expect(await invoke(channel, { url: 'https://example.com/' }, { suggestedName: 'a.csv', content: 'x' })).toEqual(REFUSED)
    for (const args of [
      { suggestedName: '', content: 'x' },
      { suggestedName: 'a.csv', content: 'x', encoding: 'hex' },
      { suggestedName: 'a.csv', content: 'x', path: '/etc/cron.d/job' },
      { suggestedName: 'a.csv' },
      undefined,
    ]) {
      expect(await invoke(channel, appFrame, args)).toMatchObject({
        ok: false,
        error: { code: 'invalid-argument', message: expect.stringMatching(/^Invalid save request: /) },
      })
    }
    expect(dialogCalls).toEqual([])
    expect(await invoke(channel, appFrame, { suggestedName: 'a.csv', content: 'claim,stance\n' })).toEqual({ ok: true, value: { path: saveTo } })
    expect(await readFile(saveTo, 'utf8')).toBe('claim,stance\n')
    expect(await invoke(channel, appFrame, { suggestedName: 'a.bin', content: Buffer.from([0, 1, 2, 255]).toString('base64'), encoding: 'base64' })).toMatchObject({
      ok: true,
    })
    expect([...(await readFile(saveTo))]).toEqual([0, 1, 2, 255])
    // Cancelled in the dialog: nothing written, no error.
    saveTo = null
    expect(await invoke(channel, appFrame, { suggestedName: 'a.csv', content: 'x' })).toEqual({ ok: true, value: { path: null } })
  })

  it('exports the claims CSV and prints the brief only for the app’s page, checking the CSV request’s arguments', async () => {
    const dir = await tempDir()
    saveTo = join(dir, 'claims.csv')
    await invoke(op('createClaim'), appFrame, { text: 'The bridge closed on Tuesday' })
    const csv = DESKTOP_CHANNELS.exportClaimsCsvFile
    expect(await invoke(csv, { url: 'https://example.com/' }, { claimIds: null })).toEqual(REFUSED)
    expect(await invoke(csv, appFrame, { claimIds: 'all' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Invalid export request: /) } })
    expect(await invoke(csv, appFrame, { claimIds: null, extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(dialogCalls).toEqual([])
    expect(await invoke(csv, appFrame, { claimIds: null })).toEqual({ ok: true, value: { path: saveTo, claims: 1 } })
    expect(await readFile(saveTo, 'utf8')).toContain('The bridge closed on Tuesday')

    expect(await invoke(DESKTOP_CHANNELS.saveBriefPdf, { url: 'https://example.com/' })).toEqual(REFUSED)
    expect(printHtmlToPdf).not.toHaveBeenCalled()
    saveTo = join(dir, 'brief.pdf')
    expect(await invoke(DESKTOP_CHANNELS.saveBriefPdf, appFrame)).toEqual({ ok: true, value: { path: saveTo } })
    expect(printHtmlToPdf).toHaveBeenCalledTimes(1)
    expect(await readFile(saveTo, 'utf8')).toBe('%PDF-1.4 test')
  })
})
