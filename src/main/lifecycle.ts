// Decisions of the app's lifecycle: what closing the window does, whether this launch starts
// hidden in the tray, and the OS login item for "start at login".
import type { DesktopInfo, DesktopSettings } from '../shared/bridge'

/** The argument the login item passes when the app should start in the tray. */
export const HIDDEN_ARG = '--hidden'

export type CloseAction = 'hide' | 'quit'

export function closeAction(o: {
  /** Quit was chosen (menu, tray, OS shutdown): the window closes for real. */
  quitting: boolean
  closeToTray: boolean
  /** Without a tray icon a hidden window could never be brought back. */
  trayAvailable: boolean
  platform: DesktopInfo['platform']
}): CloseAction {
  if (o.quitting) return 'quit'
  // On macOS the dock icon brings the window back, tray or not.
  if (o.platform === 'darwin') return 'hide'
  return o.closeToTray && o.trayAvailable ? 'hide' : 'quit'
}

export function startsHidden(o: {
  argv: readonly string[]
  /** macOS, where the login item takes no arguments: app.getLoginItemSettings().wasOpenedAtLogin. */
  openedAtLogin: boolean
  settings: DesktopSettings
  trayAvailable: boolean
}): boolean {
  if (!o.settings.startHidden || !o.trayAvailable) return false
  return o.argv.includes(HIDDEN_ARG) || o.openedAtLogin
}

/** app.setLoginItemSettings's argument for these settings. */
export function loginItemSettings(settings: DesktopSettings, platform: DesktopInfo['platform']) {
  // macOS login items take no arguments: startsHidden asks whether the OS opened us at login.
  if (platform === 'darwin') return { openAtLogin: settings.startAtLogin }
  return {
    openAtLogin: settings.startAtLogin,
    args: settings.startHidden ? [HIDDEN_ARG] : [],
  }
}

export function platformOf(nodePlatform: string): DesktopInfo['platform'] {
  return nodePlatform === 'darwin' || nodePlatform === 'win32' || nodePlatform === 'linux'
    ? nodePlatform
    : 'other'
}
