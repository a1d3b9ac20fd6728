// The test bridge behaves as the Electron preload's contextBridge does: window.parley has every
// ParleyBridge member and nothing else is reachable, failures reject with the encoded
// ParleyErrorInfo, and core events reach page listeners as they happen.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { Channels, decodeBridgeError } from '../src/shared/bridge'
import { createParleyCore } from '../src/main/core'
import { createDesktopService } from '../src/main/desktop/desktop-service'
import { errorInfo } from '../src/main/desktop/errors'
import { attachBridge } from './fixtures/bridge-host'
import { DesktopRecorder } from './fixtures/desktop-recorder'
import { serveRenderer } from './fixtures/renderer-server'

test('window.parley is the whole bridge, frozen, and the only door', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-e2e-bridge-'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>blank</title>')
  const blank = await serveRenderer(dir)
  const core = createParleyCore({ dataDir: dir })
  const part = createDesktopService({
    core,
    dataDir: dir,
    fetch: globalThis.fetch,
    effects: new DesktopRecorder().effects,
    info: { platform: 'linux', osLanguages: ['en-US'], spellcheckAvailable: [], version: '0' },
  })
  const bridge = await attachBridge(page, part.api, errorInfo, { focused: true })
  try {
    await page.goto(blank.url)
    // globalThis is the page's window in these functions.
    const seen = await page.evaluate(() => {
      const w = globalThis as unknown as Record<string, unknown>
      const api = w.parley as Record<string, unknown>
      return {
        members: Object.keys(api).sort(),
        frozen: Object.isFrozen(api),
        functions: Object.values(api).every((v) => typeof v === 'function'),
        globals: Object.keys(w).filter((k) => k.toLowerCase().includes('parley')),
      }
    })
    expect(seen.members).toEqual(Object.keys(Channels).sort())
    expect(seen.frozen).toBe(true)
    expect(seen.functions).toBe(true)
    expect(seen.globals).toEqual(['parley'])

    const failure = await page.evaluate(() =>
      (globalThis as unknown as { parley: { listRooms(): Promise<unknown> } }).parley
        .listRooms()
        .then(
          () => 'resolved',
          (e: unknown) => (e instanceof Error ? e.message : 'not an Error'),
        ),
    )
    expect(decodeBridgeError(new Error(failure))).toEqual({
      code: 'not-signed-in',
      message: 'Sign in first.',
    })

    // Like IPC, the bridge refuses what structured clone cannot copy, before main sees it.
    const uncopyable = await page.evaluate(() =>
      (globalThis as unknown as { parley: { joinRoom(id: unknown): Promise<unknown> } }).parley
        .joinRoom(() => 'lobby')
        .then(
          () => 'resolved',
          (e: unknown) => (e as { name?: string }).name,
        ),
    )
    expect(uncopyable).toBe('DataCloneError')

    // An event from the core reaches a page listener.
    await page.evaluate(() => {
      const w = globalThis as unknown as { parley: { onSettings(l: (s: unknown) => void): void } }
      const seenSettings: unknown[] = ((globalThis as unknown as { seen: unknown[] }).seen = [])
      w.parley.onSettings((s) => seenSettings.push(s))
    })
    await page.evaluate(() =>
      (
        globalThis as unknown as { parley: { updateSettings(p: unknown): Promise<unknown> } }
      ).parley.updateSettings({ theme: 'dark' }),
    )
    await expect
      .poll(() =>
        page.evaluate(() => (globalThis as unknown as { seen: { theme: string }[] }).seen),
      )
      .toEqual([expect.objectContaining({ theme: 'dark' })])
  } finally {
    bridge.detach()
    await part.close()
    await core.close()
    await blank.close()
  }
})
