// DesktopEffects that record what the Electron glue would have done, for tests of the desktop
// service and for the e2e fixture that runs the renderer in Chromium without Electron.
import type { DesktopSettings, NotificationRequest } from '../../shared/bridge'
import type { DesktopEffects } from '../desktop/desktop-service'
import type { NotificationHooks } from '../desktop/notifier'
import type { UnreadIndicator } from '../desktop/unread-indicator'

export interface RecordedNotification {
  request: NotificationRequest
  hooks: NotificationHooks
  closed: boolean
}

export interface RecordingEffects extends DesktopEffects {
  applied: { settings: DesktopSettings; previous: DesktopSettings | null }[]
  opened: string[]
  unread: UnreadIndicator[]
  notifications: RecordedNotification[]
  windowShown: number
  /** False: the OS has no notifications (Notification.isSupported() is false). */
  notificationsSupported: boolean
}

export function recordingEffects(): RecordingEffects {
  const fx: RecordingEffects = {
    applied: [],
    opened: [],
    unread: [],
    notifications: [],
    windowShown: 0,
    notificationsSupported: true,
    applySettings(settings, previous) {
      fx.applied.push({ settings, previous })
    },
    async openExternal(url) {
      fx.opened.push(url)
    },
    showUnread(indicator) {
      fx.unread.push(indicator)
    },
    showNotification(request, hooks) {
      if (!fx.notificationsSupported) return null
      const shown: RecordedNotification = { request, hooks, closed: false }
      fx.notifications.push(shown)
      return {
        close() {
          shown.closed = true
        },
      }
    },
    showWindow() {
      fx.windowShown++
    },
  }
  return fx
}
