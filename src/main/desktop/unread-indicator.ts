// What the tray and the taskbar/dock show for an unread total, per OS: the tray icon variant,
// its tooltip, and the badge method that OS draws properly (Windows draws setBadgeCount's
// badge on top of its own overlay, so it gets the overlay icon alone).
import type { DesktopInfo } from '../../shared/bridge'

/** build/tray/<name>.png: no count, a digit 1–9, or "9+". */
export type TrayIconName = 'tray' | `tray-${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}` | 'tray-9plus'

export type BadgePlan =
  /** app.setBadgeCount: the macOS dock, a Linux launcher that supports it (Unity API). */
  | { method: 'count'; count: number }
  /** BrowserWindow.setOverlayIcon on Windows; icon null clears it. */
  | { method: 'overlay'; icon: TrayIconName | null; description: string }
  | { method: 'none' }

export interface UnreadIndicator {
  count: number
  trayIcon: TrayIconName
  tooltip: string
  badge: BadgePlan
}

export function trayIconFor(count: number): TrayIconName {
  if (count <= 0) return 'tray'
  if (count > 9) return 'tray-9plus'
  return `tray-${count as 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}`
}

export function unreadIndicator(total: number, platform: DesktopInfo['platform']): UnreadIndicator {
  const count = Number.isSafeInteger(total) && total > 0 ? total : 0
  const tooltip = count === 0 ? 'Parley' : `Parley: ${count} unread`
  const icon = trayIconFor(count)
  let badge: BadgePlan
  if (platform === 'win32') {
    badge =
      count === 0
        ? { method: 'overlay', icon: null, description: '' }
        : {
            method: 'overlay',
            icon,
            description: `${count} unread`,
          }
  } else if (platform === 'darwin' || platform === 'linux') {
    badge = { method: 'count', count }
  } else {
    badge = { method: 'none' }
  }
  return { count, trayIcon: icon, tooltip, badge }
}
