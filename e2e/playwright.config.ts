// Playwright end-to-end suite, two ways over the same specs:
// - chromium: the built renderer (npm run build:renderer) in Debian's Chromium (never a
//   downloaded browser, flags that keep it off the network), window.parley provided by the
//   test fixture around a real desktop core;
// - electron: the built app (npm run build) under Playwright's _electron, on the binary
//   PARLEY_ELECTRON_PATH names; skipped, with the reason printed, where there is none.
import { existsSync } from 'node:fs'
import { defineConfig } from '@playwright/test'
import { ELECTRON_BINARY, ELECTRON_SKIP_REASON } from './fixtures/electron-app'
import type { AppKind } from './fixtures/test'

// Never a downloaded browser here; elsewhere (a developer's Mac running the electron project)
// Playwright's own Chromium, if installed, serves the pages that are not the app.
const DEBIAN_CHROMIUM = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined

// Once, from the runner process (workers load this file too).
if (!ELECTRON_BINARY && process.env.TEST_WORKER_INDEX === undefined) {
  console.log(ELECTRON_SKIP_REASON)
}

export default defineConfig<{ appKind: AppKind }>({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../test-results',
  // Spec files run side by side; each starts its own servers, apps and redis-server.
  workers: 2,
  fullyParallel: false,
  // Generous: the machine is shared, and a slow test is waited for, never cut at a guess.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    // DOM snapshots and sources without the screencast, which costs CPU on every test.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
    // Debian's Chromium for every browser page (the electron project's tutorial page too).
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? DEBIAN_CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    {
      name: 'chromium',
      use: { appKind: 'chromium', browserName: 'chromium' },
    },
    {
      name: 'electron',
      use: { appKind: 'electron', browserName: 'chromium' },
      // Specs of the tutorial page and of the test bridge need no app: chromium runs them.
      testIgnore: ['compat-page.spec.ts', 'bridge.spec.ts'],
    },
  ],
})
