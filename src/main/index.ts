// The Electron main process: lifecycle, the window, the tray, and wiring Electron's objects
// to the desktop service and the core. Every decision made here lives in a tested module;
// this file only connects them, so keep it that way.
import { homedir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  app,
  type BrowserWindow,
  ipcMain,
  Menu,
  nativeImage,
  nativeTheme,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
  type NativeImage,
} from 'electron'
import type { OpenRoomRequest } from '../shared/bridge'
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
} from './app-protocol'
import { createParleyCore } from './core'
import { createDesktopService, type DesktopService } from './desktop/desktop-service'
import { PROTOCOL_SCHEME, roomLinkInArgs, parseRoomLink } from './desktop/room-link'
import type { TrayIconName } from './desktop/unread-indicator'
import { e2eConfig, recordDesktop, type E2EGlobal } from './e2e-hooks'
import { createElectronEffects } from './electron-effects'
import { registerIpc } from './ipc'
import { platformOf } from './lifecycle'
import { applyAutostart } from './linux-autostart'
import { openMainWindow } from './main-window'
import { appMenu, trayMenu } from './menus'
import { NETWORK_POLL_MS, watchNetwork } from './network-watch'
import { safeStorageCipher } from './safe-storage'
import { permissionAllowed, hardenWebContents, trustedSender } from './security'
import { nextZoom, type ZoomCommand } from './zoom-keys'

const APP_ID = 'org.parley.desktop'
const here = fileURLToPath(new URL('.', import.meta.url))
const platform = platformOf(process.platform)
const devRendererUrl = app.isPackaged ? null : (process.env.ELECTRON_RENDERER_URL ?? null)
const devOrigin = devRendererUrl ? new URL(devRendererUrl).origin : null
const trusted = (url: string | undefined) => trustedSender(url, devOrigin)
const warn = (message: string) => console.warn(`parley: ${message}`)
// Icons: next to the app in development, beside app.asar once packaged (electron-builder.yml).
const trayDir = app.isPackaged
  ? join(process.resourcesPath, 'tray')
  : join(here, '../../build/tray')
const appIcon = app.isPackaged
  ? join(process.resourcesPath, 'icon.png')
  : join(here, '../../build/icon.png')

const e2e = e2eConfig(process.env, app.isPackaged)
// Before the single-instance lock, which is held per user-data folder.
if (e2e) app.setPath('userData', e2e.userData)

// Before ready: the renderer's scheme, the sandbox for every renderer, one instance.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])
app.enableSandbox()
if (platform === 'win32') app.setAppUserModelId(APP_ID)

if (!app.requestSingleInstanceLock()) {
  // The first instance gets our argv (and any parley:// link) through 'second-instance'.
  app.quit()
} else {
  void main()
}

async function main(): Promise<void> {
  let window: BrowserWindow | null = null
  let tray: Tray | null = null
  let quitting = false
  let pendingLink: OpenRoomRequest | null = roomLinkInArgs(process.argv)

  // macOS hands over a link that launched the app before it is ready: keep it for the page.
  let deliverLink = (link: OpenRoomRequest | null) => {
    if (link) pendingLink = link
  }
  app.on('open-url', (event, url) => {
    event.preventDefault()
    deliverLink(parseRoomLink(url))
  })
  app.on('second-instance', (_event, argv) => deliverLink(roomLinkInArgs(argv)))
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, (url) => void shell.openExternal(url)),
  )
  if (app.isPackaged) app.setAsDefaultProtocolClient(PROTOCOL_SCHEME)

  await app.whenReady()
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(permissionAllowed(permission, details.requestingUrl, devOrigin)),
  )
  ses.setPermissionCheckHandler((_wc, permission, origin, details) =>
    permissionAllowed(permission, details.requestingUrl ?? origin, devOrigin),
  )
  protocol.handle(APP_SCHEME, createAppProtocolHandler(join(here, '../renderer')))

  const userData = app.getPath('userData')
  const icons = new Map<TrayIconName, NativeImage>()
  const icon = (name: TrayIconName) => {
    let image = icons.get(name)
    if (!image) {
      // nativeImage picks name@2x.png beside it on high-DPI screens.
      image = nativeImage.createFromPath(join(trayDir, `${name}.png`))
      icons.set(name, image)
    }
    return image
  }
  const core = createParleyCore({
    dataDir: join(userData, 'accounts'),
    ...(e2e ? { connection: e2e.connection } : {}),
  })
  const effects = createElectronEffects<NativeImage>({
    platform,
    app,
    applyLinuxAutostart(enabled, hidden) {
      if (!app.isPackaged) return warn('start at login works in the packaged app only')
      applyAutostart({
        configHome: process.env.XDG_CONFIG_HOME || join(homedir(), '.config'),
        execPath: process.env.APPIMAGE || process.execPath,
        enabled,
        hidden,
      })
    },
    nativeTheme,
    session: ses,
    shell,
    window: () => window,
    tray: () => tray,
    icon,
    notifications: {
      isSupported: () => Notification.isSupported(),
      create: (options) => new Notification({ ...options, icon: appIcon }),
    },
  })
  const recorded = e2e ? recordDesktop(effects) : null
  const service: DesktopService = createDesktopService({
    core,
    dataDir: userData,
    fetch: (url, init) => net.fetch(url, init),
    effects: recorded?.effects ?? effects,
    info: {
      platform,
      osLanguages: e2e?.osLanguages ?? app.getPreferredSystemLanguages(),
      spellcheckAvailable: ses.availableSpellCheckerLanguages,
      version: app.getVersion(),
    },
    cipher: safeStorageCipher(safeStorage, platform),
    warn,
  })
  if (recorded) {
    const hooks: E2EGlobal = {
      desktop: () => recorded.snapshot(),
      clickNotification: (index) => recorded.clickNotification(index),
      openRoom: (request) => service.openRoom(request),
      setWindowFocused: (focused) => core.setWindowFocused(focused),
    }
    Object.assign(globalThis, { __parleyE2E: hooks })
  }

  const toggleWindow = () => {
    if (window?.isVisible() && window.isFocused()) window.hide()
    else effects.showWindow()
  }
  const quit = () => {
    quitting = true
    app.quit()
  }
  const refreshTrayMenu = () =>
    tray?.setContextMenu(
      Menu.buildFromTemplate(trayMenu(window?.isVisible() ?? false, { toggleWindow, quit })),
    )
  const zoom = (command: ZoomCommand) =>
    void service.api.updateSettings({ zoom: nextZoom(service.settings().zoom, command) })

  try {
    tray = new Tray(icon('tray'))
    tray.setToolTip('Parley')
    tray.on('click', toggleWindow)
    refreshTrayMenu()
  } catch (err) {
    warn(`no tray icon: ${(err as Error).message}`)
    tray = null
  }
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenu(platform, { zoom, showWindow: effects.showWindow, quit }, !app.isPackaged),
    ),
  )

  const mainWindow = openMainWindow({
    platform,
    userData,
    preload: join(here, '../preload/index.cjs'),
    icon: appIcon,
    devTools: !app.isPackaged,
    settings: () => service.settings(),
    trayAvailable: tray !== null,
    quitting: () => quitting,
    openedAtLogin: platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin,
    setWindowFocused: (focused) => core.setWindowFocused(focused),
    zoom,
    visibilityChanged: refreshTrayMenu,
  })
  window = mainWindow.window
  window.on('closed', () => (window = null))
  const contents = window.webContents

  const stopIpc = registerIpc({
    ipcMain,
    api: service.api,
    trusted,
    contents: () => window?.webContents ?? null,
    warn,
  })
  const stopNetwork = watchNetwork({
    isOnline: () => net.isOnline(),
    signals: core.network,
    every: (fn) => {
      const timer = setInterval(fn, NETWORK_POLL_MS)
      return () => clearInterval(timer)
    },
    onResume: (fn) => {
      powerMonitor.on('resume', fn)
      return () => powerMonitor.off('resume', fn)
    },
  })

  // A link that launched the app opens once the page is there to receive it.
  contents.once('did-finish-load', () => {
    if (pendingLink) service.openRoom(pendingLink)
    pendingLink = null
  })
  deliverLink = (link) => {
    if (!link) return effects.showWindow()
    if (pendingLink !== null || contents.isLoading()) pendingLink = link
    else service.openRoom(link)
  }
  app.on('activate', () => effects.showWindow())

  // Quitting: stop the hosted server and the core before the process ends.
  let cleanup: Promise<unknown> | undefined
  let cleaned = false
  app.on('before-quit', (event) => {
    quitting = true
    if (cleaned) return
    event.preventDefault()
    if (cleanup) return
    mainWindow.saveState()
    stopNetwork()
    stopIpc()
    cleanup = Promise.allSettled([service.close(), core.close()]).then(() => {
      cleaned = true
      app.quit()
    })
  })
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') quit()
  })

  await service.start()
  void window.loadURL(devRendererUrl ?? APP_ENTRY_URL)
}
