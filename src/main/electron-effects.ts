// DesktopEffects carried out with Electron: the last lines between the desktop service's
// decisions and the OS. Each Electron object comes in as a parameter (shaped by the interfaces
// below), so this file is tested with stand-ins while index.ts passes the real ones.
import type { DesktopInfo, DesktopSettings, NotificationRequest } from '../shared/bridge'
import type { DesktopEffects } from './desktop/desktop-service'
import type { NotificationHooks, ShownNotification } from './desktop/notifier'
import type { TrayIconName, UnreadIndicator } from './desktop/unread-indicator'
import { loginItemSettings } from './lifecycle'

export interface EffectsWindow {
  isDestroyed(): boolean
  isVisible(): boolean
  isMinimized(): boolean
  show(): void
  restore(): void
  focus(): void
  setOverlayIcon(icon: unknown, description: string): void
  webContents: { setZoomFactor(factor: number): void }
}

export interface EffectsNotification {
  on(event: 'click' | 'close', listener: () => void): unknown
  show(): void
  close(): void
}

export interface ElectronParts<Image> {
  platform: DesktopInfo['platform']
  app: {
    setLoginItemSettings(settings: ReturnType<typeof loginItemSettings>): void
    setBadgeCount(count: number): boolean
  }
  /** Linux: the XDG autostart entry (setLoginItemSettings does nothing there). */
  applyLinuxAutostart(enabled: boolean, hidden: boolean): void
  nativeTheme: { themeSource: DesktopSettings['theme'] }
  session: {
    setSpellCheckerEnabled(enabled: boolean): void
    setSpellCheckerLanguages(languages: string[]): void
  }
  shell: { openExternal(url: string): Promise<void> }
  window: () => EffectsWindow | null
  tray: () => { setImage(image: Image): void; setToolTip(text: string): void } | null
  icon: (name: TrayIconName) => Image
  notifications: {
    isSupported(): boolean
    create(options: { title: string; body: string; icon?: Image }): EffectsNotification
  }
}

export function createElectronEffects<Image>(e: ElectronParts<Image>): DesktopEffects {
  const liveWindow = () => {
    const w = e.window()
    return w && !w.isDestroyed() ? w : null
  }
  return {
    applySettings(settings: DesktopSettings, previous: DesktopSettings | null) {
      const changed = (key: keyof DesktopSettings) =>
        previous === null || JSON.stringify(previous[key]) !== JSON.stringify(settings[key])
      if (changed('startAtLogin') || changed('startHidden')) {
        if (e.platform === 'linux')
          e.applyLinuxAutostart(settings.startAtLogin, settings.startHidden)
        else e.app.setLoginItemSettings(loginItemSettings(settings, e.platform))
      }
      if (changed('theme')) e.nativeTheme.themeSource = settings.theme
      if (changed('zoom')) liveWindow()?.webContents.setZoomFactor(settings.zoom)
      if (changed('spellcheckLanguages')) {
        const languages = settings.spellcheckLanguages
        e.session.setSpellCheckerEnabled(languages.length > 0)
        // macOS uses the OS spell-checker, which picks the language itself.
        if (e.platform !== 'darwin' && languages.length > 0) {
          e.session.setSpellCheckerLanguages(languages)
        }
      }
    },
    openExternal: (url) => e.shell.openExternal(url),
    showUnread(indicator: UnreadIndicator) {
      const tray = e.tray()
      tray?.setImage(e.icon(indicator.trayIcon))
      tray?.setToolTip(indicator.tooltip)
      const badge = indicator.badge
      if (badge.method === 'count') e.app.setBadgeCount(badge.count)
      if (badge.method === 'overlay') {
        liveWindow()?.setOverlayIcon(badge.icon ? e.icon(badge.icon) : null, badge.description)
      }
    },
    showNotification(request: NotificationRequest, hooks: NotificationHooks) {
      if (!e.notifications.isSupported()) return null
      const n = e.notifications.create({ title: request.title, body: request.body })
      n.on('click', hooks.click)
      n.on('close', hooks.closed)
      n.show()
      const shown: ShownNotification = { close: () => n.close() }
      return shown
    },
    showWindow() {
      const w = liveWindow()
      if (!w) return
      if (w.isMinimized()) w.restore()
      w.show()
      w.focus()
    },
  }
}
