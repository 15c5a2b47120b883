import { defineConfig } from '@playwright/test'

// Two projects run the same specs: `web` in Chromium against the loopback browser shell, and
// `electron` through _electron.launch, which skips itself (with the reason) where the Electron binary
// was never downloaded. See e2e/fixtures.ts.
export default defineConfig({
  testDir: './e2e',
  // The README screenshot is made on request (`npm run screenshot`), not on every test run.
  testIgnore: process.env.TRIANGULATE_SCREENSHOT ? [] : ['**/readme-screenshot.spec.ts'],
  globalSetup: './e2e/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  outputDir: 'test-results',
  reporter: [['list'], ['json', { outputFile: '.test-output/e2e.json' }]],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [{ name: 'web' }, { name: 'electron' }],
})
