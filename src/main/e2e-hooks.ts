// The test hooks the Electron end-to-end project drives (e2e/fixtures/electron-app.ts): with
// PARLEY_E2E=1, and only in an unpackaged build, the app uses the user-data folder and OS
// languages the test names and short reconnect timings, records its desktop effects as well
// as performing them, and offers globalThis.__parleyE2E to electronApp.evaluate.
import type { DesktopSettings, NotificationRequest, OpenRoomRequest } from '../shared/bridge'
import type { ParleyCoreOptions } from './core'
import type { DesktopEffects } from './desktop/desktop-service'
import type { UnreadIndicator } from './desktop/unread-indicator'

export interface E2EConfig {
  userData: string
  osLanguages: string[]
  connection: NonNullable<ParleyCoreOptions['connection']>
}

/** The hooks' settings, or null for a normal run (always null once packaged). */
export function e2eConfig(env: NodeJS.ProcessEnv, packaged: boolean): E2EConfig | null {
  if (packaged || env.PARLEY_E2E !== '1' || !env.PARLEY_E2E_USER_DATA) return null
  return {
    userData: env.PARLEY_E2E_USER_DATA,
    osLanguages: (env.PARLEY_E2E_OS_LANGUAGES ?? 'en-US').split(',').filter(Boolean),
    // A killed server is back within a second, not after production backoff.
    connection: {
      connectTimeoutMs: 2000,
      stableAfterMs: 1000,
      backoff: { baseMs: 50, capMs: 500 },
    },
  }
}

/** What a spec reads about the desktop, in both e2e projects. */
export interface DesktopSnapshot {
  badge: number
  badgeHistory: number[]
  trayTooltip: string | null
  trayIcon: string | null
  notifications: { request: NotificationRequest; closed: boolean }[]
  openedExternal: string[]
  appliedSettings: DesktopSettings[]
  windowShown: number
}

export interface RecordedDesktop {
  /** The same effects, recorded on the way to the real ones. */
  effects: DesktopEffects
  snapshot(): DesktopSnapshot
  /** What a click on the desktop notification does. */
  clickNotification(index: number): void
}

export function recordDesktop(real: DesktopEffects): RecordedDesktop {
  let unread: UnreadIndicator | null = null
  const badgeHistory: number[] = []
  const notifications: { request: NotificationRequest; closed: boolean; click(): void }[] = []
  const openedExternal: string[] = []
  const appliedSettings: DesktopSettings[] = []
  let windowShown = 0
  return {
    effects: {
      applySettings(settings, previous) {
        appliedSettings.push(structuredClone(settings))
        real.applySettings(settings, previous)
      },
      async openExternal(url) {
        openedExternal.push(url)
        await real.openExternal(url)
      },
      showUnread(indicator) {
        unread = structuredClone(indicator)
        if (badgeHistory.at(-1) !== indicator.count) badgeHistory.push(indicator.count)
        real.showUnread(indicator)
      },
      showNotification(request, hooks) {
        const record = { request: structuredClone(request), closed: false, click: hooks.click }
        notifications.push(record)
        const shown = real.showNotification(request, {
          click: hooks.click,
          closed: () => {
            record.closed = true
            hooks.closed()
          },
        })
        return {
          close() {
            record.closed = true
            shown?.close()
          },
        }
      },
      showWindow() {
        windowShown += 1
        real.showWindow()
      },
    },
    snapshot: () =>
      structuredClone({
        badge: unread?.count ?? 0,
        badgeHistory,
        trayTooltip: unread?.tooltip ?? null,
        trayIcon: unread?.trayIcon ?? null,
        notifications: notifications.map(({ request, closed }) => ({ request, closed })),
        openedExternal,
        appliedSettings,
        windowShown,
      }),
    clickNotification(index) {
      const n = notifications[index]
      if (!n) throw new Error(`no notification ${index} (${notifications.length} shown)`)
      n.click()
    },
  }
}

/** globalThis.__parleyE2E, for electronApp.evaluate. */
export interface E2EGlobal {
  desktop(): DesktopSnapshot
  clickNotification(index: number): void
  openRoom(request: OpenRoomRequest): void
  setWindowFocused(focused: boolean): void
}
