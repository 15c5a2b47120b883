// The browser-provisioning decisions, from facts passed in: which browser wins when several are
// present, and what may be installed where. The commands themselves are run by `npm test` (see
// scripts/test-all.mjs); this test runs no installer.

import { describe, expect, it } from 'vitest'
import { findBrowser, installPlan, provisionBrowser } from './provision-browser.mjs'

const present =
  (...paths) =>
  (p) =>
    paths.includes(p)
const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n'
const UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n'
const FEDORA = 'NAME="Fedora Linux"\nID=fedora\n'

describe('findBrowser', () => {
  const all = present('/opt/mine/chrome', '/pw/chrome', '/usr/bin/chromium', '/usr/local/bin/google-chrome')

  it('prefers CHROMIUM_PATH, then Playwright’s Chromium, then one on the PATH', () => {
    expect(findBrowser({ chromiumPathEnv: '/opt/mine/chrome', playwrightPath: '/pw/chrome', pathEnv: '/usr/bin', exists: all })).toEqual({
      path: '/opt/mine/chrome',
      source: 'CHROMIUM_PATH',
    })
    expect(findBrowser({ playwrightPath: '/pw/chrome', pathEnv: '/usr/bin', exists: all })).toEqual({ path: '/pw/chrome', source: 'playwright' })
    expect(findBrowser({ playwrightPath: '/pw/missing', pathEnv: '/usr/local/bin:/usr/bin', exists: all })).toEqual({ path: '/usr/bin/chromium', source: 'system' })
    expect(findBrowser({ pathEnv: '/usr/local/bin', exists: all })).toEqual({ path: '/usr/local/bin/google-chrome', source: 'system' })
  })

  it('finds nothing when no browser is on the PATH (a browser elsewhere does not count)', () => {
    expect(findBrowser({ playwrightPath: '/pw/missing', pathEnv: '/bin:/usr/local/bin/none', exists: present('/usr/bin/chromium') })).toBeNull()
  })

  it('reports a CHROMIUM_PATH that points nowhere instead of silently using another browser', () => {
    const found = findBrowser({ chromiumPathEnv: '/nowhere/chrome', playwrightPath: '/pw/chrome', exists: present('/pw/chrome') })
    expect(found).toEqual({ error: expect.stringContaining('CHROMIUM_PATH is set to /nowhere/chrome') })
  })

  it('looks where macOS keeps Chrome', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'
    expect(findBrowser({ pathEnv: '/usr/bin', platform: 'darwin', exists: present(chrome) })).toEqual({ path: chrome, source: 'system' })
  })
})

describe('installPlan', () => {
  const base = { platform: 'linux', hasAptGet: true, installAllowed: true, playwrightCli: '/repo/cli.js' }

  it('tries Playwright’s download first, then the chromium package on Debian or Ubuntu as root', () => {
    for (const osRelease of [DEBIAN, UBUNTU]) {
      const plan = installPlan({ ...base, isRoot: true, osRelease })
      expect(plan.steps.map((s) => s.name)).toEqual(["Playwright's Chromium", "the distribution's chromium package"])
      expect(plan.steps[0].args).toEqual(['/repo/cli.js', 'install', 'chromium'])
      expect(plan.steps[1].args.join(' ')).toMatch(/apt-get update .*&& .*apt-get install -y -qq chromium$/)
      expect(plan.remedy).toBe('apt-get install -y chromium')
    }
  })

  it('uses no package manager when not root, not on Debian or Ubuntu, or without apt-get', () => {
    expect(installPlan({ ...base, isRoot: false, osRelease: DEBIAN })).toMatchObject({
      steps: [{ name: "Playwright's Chromium" }],
      remedy: 'sudo apt-get install -y chromium',
    })
    expect(installPlan({ ...base, isRoot: true, osRelease: FEDORA })).toMatchObject({
      steps: [{ name: "Playwright's Chromium" }],
      remedy: 'npx playwright install chromium',
    })
    expect(installPlan({ ...base, isRoot: true, osRelease: DEBIAN, hasAptGet: false }).steps).toHaveLength(1)
    expect(installPlan({ ...base, platform: 'darwin', isRoot: false }).remedy).toBe('npx playwright install chromium')
  })

  it('installs nothing when installing is turned off', () => {
    expect(installPlan({ ...base, isRoot: true, osRelease: DEBIAN, installAllowed: false }).steps).toEqual([])
  })
})

describe('provisionBrowser', () => {
  it('with no browser anywhere and installing turned off, fails with one sentence naming the command', () => {
    const lines = []
    const result = provisionBrowser({ env: { PATH: '/nonexistent', TRIANGULATE_NO_BROWSER_INSTALL: '1' }, log: (l) => lines.push(l), locatePlaywright: () => undefined })
    expect(result.ok).toBe(false)
    expect(result.reason).toMatch(
      /^No Chromium for the e2e suite .*: run `(sudo )?(apt-get install -y chromium|npx playwright install chromium)` \(or set CHROMIUM_PATH\), then `npm test` again\.$/,
    )
    expect(result.reason.split(/[.!?] /)).toHaveLength(1)
    expect(lines).toEqual([])
  })

  it('uses the browser CHROMIUM_PATH names', () => {
    expect(provisionBrowser({ env: { CHROMIUM_PATH: process.execPath, PATH: '' } })).toEqual({
      ok: true,
      path: process.execPath,
      source: 'CHROMIUM_PATH',
      installed: false,
    })
  })
})
