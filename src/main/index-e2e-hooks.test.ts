// index.ts with PARLEY_E2E=1, under the stand-in for Electron: the hooks the Electron e2e
// project evaluates in the main process are there and see the real desktop service.
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { waitFor } from './core/testing/core-harness'
import type { E2EGlobal } from './e2e-hooks'
import { fake } from './testing/fake-electron'

vi.mock('electron', async () => (await import('./testing/fake-electron')).fake.electron)

const { state, electron } = fake
const hooks = () => (globalThis as unknown as { __parleyE2E?: E2EGlobal }).__parleyE2E

beforeAll(async () => {
  vi.stubEnv('PARLEY_E2E', '1')
  vi.stubEnv('PARLEY_E2E_USER_DATA', electron.app.getPath())
  vi.stubEnv('PARLEY_E2E_OS_LANGUAGES', 'zh-CN,en-US')
  await import('./index')
  await waitFor(() => state.windows[0]?.webContents.url === 'app://parley/index.html', 'loaded')
})
afterAll(async () => {
  electron.app.quit()
  await waitFor(() => state.quitted, 'quit')
  vi.unstubAllEnvs()
  rmSync(electron.app.getPath(), { recursive: true, force: true })
})

describe('e2e hooks in the main process', () => {
  it('use the test’s user-data folder and record the desktop', async () => {
    expect(state.calls).toContainEqual(['app.setPath', 'userData', electron.app.getPath()])
    const desktop = hooks()!.desktop()
    expect(desktop.appliedSettings).toHaveLength(1)
    expect(desktop).toMatchObject({ badge: 0, trayIcon: 'tray', trayTooltip: 'Parley' })
  })

  it('open a room in the page and bring the window forward', () => {
    hooks()!.openRoom({ roomId: 'lobby', seq: 2 })
    expect(state.windows[0]!.webContents.sent).toContainEqual([
      'event:open-room',
      { roomId: 'lobby', seq: 2 },
    ])
    expect(hooks()!.desktop().windowShown).toBe(1)
  })
})
