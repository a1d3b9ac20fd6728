// The last lines to Electron, with stand-ins for its objects: which call each decision makes
// on each OS (badge, overlay, tray, login item, spell-checker, notifications, the window).
import { describe, expect, it } from 'vitest'
import { BASE_DEFAULTS } from './desktop/settings-store'
import { unreadIndicator } from './desktop/unread-indicator'
import { createElectronEffects, type ElectronParts } from './electron-effects'
import type { DesktopInfo } from '../shared/bridge'

function parts(
  platform: DesktopInfo['platform'],
  o: { supported?: boolean; minimized?: boolean } = {},
) {
  const calls: unknown[][] = []
  const rec =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push([name, ...args])
    }
  const handlers = new Map<string, () => void>()
  const p: ElectronParts<string> = {
    platform,
    app: {
      setLoginItemSettings: rec('setLoginItemSettings'),
      setBadgeCount: (n) => (calls.push(['setBadgeCount', n]), true),
    },
    applyLinuxAutostart: rec('autostart'),
    nativeTheme: {
      set themeSource(v: string) {
        calls.push(['themeSource', v])
      },
      get themeSource() {
        return 'system'
      },
    } as never,
    session: {
      setSpellCheckerEnabled: rec('spellcheckEnabled'),
      setSpellCheckerLanguages: rec('spellcheckLanguages'),
    },
    shell: { openExternal: async (url) => void calls.push(['openExternal', url]) },
    window: () => ({
      isDestroyed: () => false,
      isVisible: () => false,
      isMinimized: () => o.minimized ?? false,
      show: rec('show'),
      restore: rec('restore'),
      focus: rec('focus'),
      setOverlayIcon: rec('setOverlayIcon'),
      webContents: { setZoomFactor: rec('setZoomFactor') },
    }),
    tray: () => ({ setImage: rec('tray.setImage'), setToolTip: rec('tray.setToolTip') }),
    icon: (name) => `icon:${name}`,
    notifications: {
      isSupported: () => o.supported ?? true,
      create: (options) => {
        calls.push(['notification', options])
        return {
          on: (event: string, fn: () => void) => handlers.set(event, fn),
          show: rec('notification.show'),
          close: rec('notification.close'),
        }
      },
    },
  }
  return { calls, handlers, effects: createElectronEffects(p) }
}

describe('Electron effects', () => {
  it('badges the macOS dock and Linux launcher by count, clearing at 0', () => {
    for (const platform of ['darwin', 'linux'] as const) {
      const { calls, effects } = parts(platform)
      effects.showUnread(unreadIndicator(12, platform))
      effects.showUnread(unreadIndicator(0, platform))
      expect(calls).toEqual([
        ['tray.setImage', 'icon:tray-9plus'],
        ['tray.setToolTip', 'Parley: 12 unread'],
        ['setBadgeCount', 12],
        ['tray.setImage', 'icon:tray'],
        ['tray.setToolTip', 'Parley'],
        ['setBadgeCount', 0],
      ])
    }
  })

  it('uses only the overlay icon on Windows, removed at 0', () => {
    const { calls, effects } = parts('win32')
    effects.showUnread(unreadIndicator(3, 'win32'))
    effects.showUnread(unreadIndicator(0, 'win32'))
    expect(calls.filter((c) => c[0] === 'setOverlayIcon')).toEqual([
      ['setOverlayIcon', 'icon:tray-3', '3 unread'],
      ['setOverlayIcon', null, ''],
    ])
    expect(calls.some((c) => c[0] === 'setBadgeCount')).toBe(false)
  })

  it('applies every setting at start, then only what changed', () => {
    const { calls, effects } = parts('win32')
    const settings = { ...BASE_DEFAULTS, spellcheckLanguages: ['en-US'] }
    effects.applySettings(settings, null)
    expect(calls).toEqual([
      ['setLoginItemSettings', { openAtLogin: false, args: [] }],
      ['themeSource', 'system'],
      ['setZoomFactor', 1],
      ['spellcheckEnabled', true],
      ['spellcheckLanguages', ['en-US']],
    ])
    calls.length = 0
    effects.applySettings({ ...settings, zoom: 1.5, spellcheckLanguages: [] }, settings)
    expect(calls).toEqual([
      ['setZoomFactor', 1.5],
      ['spellcheckEnabled', false],
    ])
  })

  it('starts at login through the autostart entry on Linux, and leaves macOS spell-checking to the OS', () => {
    const linux = parts('linux')
    linux.effects.applySettings({ ...BASE_DEFAULTS, startAtLogin: true, startHidden: true }, null)
    expect(linux.calls[0]).toEqual(['autostart', true, true])
    const mac = parts('darwin')
    mac.effects.applySettings({ ...BASE_DEFAULTS, spellcheckLanguages: ['en-US'] }, null)
    expect(mac.calls.some((c) => c[0] === 'spellcheckLanguages')).toBe(false)
  })

  it('shows a notification with click and close wired, or none where unsupported', () => {
    const { calls, handlers, effects } = parts('linux')
    const hooks: string[] = []
    const shown = effects.showNotification(
      { roomId: 'r', seq: 4, title: 'Ann in r', body: 'hi', count: 1 },
      { click: () => hooks.push('click'), closed: () => hooks.push('closed') },
    )
    expect(calls).toContainEqual(['notification', { title: 'Ann in r', body: 'hi' }])
    expect(calls).toContainEqual(['notification.show'])
    handlers.get('click')!()
    handlers.get('close')!()
    shown!.close()
    expect(hooks).toEqual(['click', 'closed'])
    expect(calls).toContainEqual(['notification.close'])
    const none = parts('linux', { supported: false })
    expect(
      none.effects.showNotification(
        { roomId: 'r', seq: 1, title: 't', body: 'b', count: 1 },
        { click: () => {}, closed: () => {} },
      ),
    ).toBeNull()
  })

  it('brings a minimized window back and focuses it', () => {
    const { calls, effects } = parts('win32', { minimized: true })
    effects.showWindow()
    expect(calls).toEqual([['restore'], ['show'], ['focus']])
  })
})
