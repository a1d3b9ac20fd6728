// The Electron e2e project's hooks: off unless asked for and unpackaged; the desktop
// recorded on its way to the real effects.
import { describe, expect, it } from 'vitest'
import { unreadIndicator } from './desktop/unread-indicator'
import { e2eConfig, recordDesktop } from './e2e-hooks'
import { recordingEffects } from './testing/recording-effects'
import { BASE_DEFAULTS } from './desktop/settings-store'

describe('e2e hooks', () => {
  it('are on only with PARLEY_E2E=1 and a data folder, and never in a packaged app', () => {
    const env = {
      PARLEY_E2E: '1',
      PARLEY_E2E_USER_DATA: '/tmp/x',
      PARLEY_E2E_OS_LANGUAGES: 'zh-CN,en',
    }
    expect(e2eConfig(env, false)).toMatchObject({
      userData: '/tmp/x',
      osLanguages: ['zh-CN', 'en'],
    })
    expect(e2eConfig(env, true)).toBeNull()
    expect(e2eConfig({ ...env, PARLEY_E2E: '0' }, false)).toBeNull()
    expect(e2eConfig({ PARLEY_E2E: '1' }, false)).toBeNull()
  })

  it('record the desktop while the real effects still happen', async () => {
    const real = recordingEffects()
    const desktop = recordDesktop(real)
    desktop.effects.showUnread(unreadIndicator(2, 'linux'))
    desktop.effects.showUnread(unreadIndicator(2, 'linux'))
    desktop.effects.showUnread(unreadIndicator(0, 'linux'))
    desktop.effects.applySettings(BASE_DEFAULTS, null)
    await desktop.effects.openExternal('https://example.org/')
    desktop.effects.showWindow()
    const clicks: string[] = []
    const shown = desktop.effects.showNotification(
      { roomId: 'r', seq: 1, title: 't', body: 'b', count: 1 },
      { click: () => clicks.push('click'), closed: () => clicks.push('closed') },
    )
    desktop.clickNotification(0)
    shown!.close()
    expect(desktop.snapshot()).toEqual({
      badge: 0,
      badgeHistory: [2, 0],
      trayTooltip: 'Parley',
      trayIcon: 'tray',
      notifications: [
        { request: { roomId: 'r', seq: 1, title: 't', body: 'b', count: 1 }, closed: true },
      ],
      openedExternal: ['https://example.org/'],
      appliedSettings: [BASE_DEFAULTS],
      windowShown: 1,
    })
    expect(clicks).toEqual(['click'])
    expect(real.unread.map((u) => u.count)).toEqual([2, 2, 0])
    expect(real.notifications[0]!.closed).toBe(true)
    expect(real.opened).toEqual(['https://example.org/'])
    expect(real.windowShown).toBe(1)
    expect(() => desktop.clickNotification(5)).toThrow(/no notification 5/)
  })
})
