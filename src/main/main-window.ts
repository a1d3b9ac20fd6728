// The main window: created from window-options.ts at its remembered place, and wired to the
// decisions about it (start hidden, close to the tray with a one-time notice, focus for the
// notification policy, zoom keys, the spelling context menu).
import { BrowserWindow, clipboard, Menu, Notification, screen } from 'electron'
import type { DesktopInfo, DesktopSettings } from '../shared/bridge'
import { closeAction, startsHidden } from './lifecycle'
import { contextMenu } from './menus'
import { mainWindowOptions } from './window-options'
import { boundsOnScreen, readWindowState, writeWindowState } from './window-state'
import { zoomCommand, type ZoomCommand } from './zoom-keys'

export interface MainWindowDeps {
  platform: DesktopInfo['platform']
  userData: string
  preload: string
  icon?: string
  devTools: boolean
  settings: () => DesktopSettings
  /** A tray icon exists to bring a hidden window back. */
  trayAvailable: boolean
  /** Quit was chosen: closing is for real. */
  quitting: () => boolean
  openedAtLogin: boolean
  setWindowFocused: (focused: boolean) => void
  zoom: (command: ZoomCommand) => void
  /** Shown or hidden: the tray menu's Show/Hide follows. */
  visibilityChanged: () => void
}

export interface MainWindow {
  window: BrowserWindow
  /** Remembers bounds and maximized for the next start. */
  saveState(): void
}

export function openMainWindow(d: MainWindowDeps): MainWindow {
  const state = readWindowState(d.userData)
  const settings = d.settings()
  const window = new BrowserWindow(
    mainWindowOptions({
      preload: d.preload,
      bounds: boundsOnScreen(
        state.bounds,
        screen.getAllDisplays().map((display) => display.workArea),
      ),
      zoom: settings.zoom,
      spellcheck: settings.spellcheckLanguages.length > 0 || d.platform === 'darwin',
      devTools: d.devTools,
      ...(d.icon ? { icon: d.icon } : {}),
    }),
  )
  const saveState = () => {
    if (window.isDestroyed()) return
    state.bounds = window.getNormalBounds()
    state.maximized = window.isMaximized()
    writeWindowState(d.userData, state)
  }
  const hidden = startsHidden({
    argv: process.argv,
    openedAtLogin: d.openedAtLogin,
    settings,
    trayAvailable: d.trayAvailable,
  })
  window.once('ready-to-show', () => {
    if (hidden) return
    if (state.maximized) window.maximize()
    window.show()
  })
  window.on('show', d.visibilityChanged)
  window.on('hide', d.visibilityChanged)
  // Until the window has focus, messages notify (it may start hidden in the tray).
  d.setWindowFocused(false)
  window.on('focus', () => d.setWindowFocused(true))
  window.on('blur', () => d.setWindowFocused(false))
  window.on('close', (event) => {
    saveState()
    const action = closeAction({
      quitting: d.quitting(),
      closeToTray: d.settings().closeToTray,
      trayAvailable: d.trayAvailable,
      platform: d.platform,
    })
    if (action === 'quit') return
    event.preventDefault()
    window.hide()
    if (!state.trayNoticeShown && d.platform !== 'darwin' && Notification.isSupported()) {
      new Notification({
        title: 'Parley is still running',
        body: 'It keeps your messages coming in the tray. Quit it from the tray menu.',
      }).show()
      state.trayNoticeShown = true
      writeWindowState(d.userData, state)
    }
  })

  const contents = window.webContents
  // Pinch and Ctrl+wheel would zoom past the setting; zoom-changed turns them into steps.
  void contents.setVisualZoomLevelLimits(1, 1)
  contents.on('before-input-event', (event, input) => {
    const command = zoomCommand(input, d.platform)
    if (!command) return
    event.preventDefault()
    d.zoom(command)
  })
  contents.on('zoom-changed', (_event, direction) => d.zoom(direction))
  contents.on('context-menu', (_event, params) => {
    const items = contextMenu(params, {
      replaceMisspelling: (word) => contents.replaceMisspelling(word),
      addToDictionary: (word) => contents.session.addWordToSpellCheckerDictionary(word),
      copyText: (text) => clipboard.writeText(text),
    })
    if (items.length) Menu.buildFromTemplate(items).popup({ window })
  })
  return { window, saveState }
}
