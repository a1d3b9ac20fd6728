// A stand-in for the `electron` module, for the one test that runs index.ts under plain Node:
// it records what the glue asks of Electron and lets the test play the OS and the user
// (close the window, press keys, launch a second instance, quit). Behaviour is modelled only
// as far as index.ts relies on it.
import { EventEmitter } from 'node:events'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface Cancellable {
  defaultPrevented: boolean
  preventDefault(): void
}

export function cancellable(
  extra: Record<string, unknown> = {},
): Cancellable & Record<string, unknown> {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true
    },
    ...extra,
  }
}

type Handler = (...args: unknown[]) => unknown

export class FakeWebContents extends EventEmitter {
  url = ''
  loading = true
  zoom = 1
  sent: [string, unknown][] = []
  openHandler: ((details: { url: string }) => { action: string }) | undefined
  session = { addWordToSpellCheckerDictionary: (_w: string) => true }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload])
  }
  getURL() {
    return this.url
  }
  isDestroyed() {
    return false
  }
  isLoading() {
    return this.loading
  }
  setZoomFactor(zoom: number) {
    this.zoom = zoom
  }
  async setVisualZoomLevelLimits() {}
  replaceMisspelling() {}
}

export function createFakeElectron(userData: string) {
  const state = {
    calls: [] as unknown[][],
    windows: [] as FakeBrowserWindow[],
    trays: [] as FakeTray[],
    notifications: [] as FakeNotification[],
    ipc: new Map<string, Handler>(),
    protocols: new Map<string, (request: Request) => Promise<Response>>(),
    permissionRequest: undefined as Handler | undefined,
    permissionCheck: undefined as Handler | undefined,
    applicationMenu: undefined as unknown,
    quitted: false,
  }
  const rec =
    (name: string, result?: unknown) =>
    (...args: unknown[]) => {
      state.calls.push([name, ...args])
      return result
    }

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    whenReady: async () => {},
    requestSingleInstanceLock: () => true,
    enableSandbox: rec('app.enableSandbox'),
    setAppUserModelId: rec('app.setAppUserModelId'),
    setAsDefaultProtocolClient: rec('app.setAsDefaultProtocolClient', true),
    getPath: () => userData,
    setPath: rec('app.setPath'),
    getPreferredSystemLanguages: () => ['en-US'],
    getVersion: () => '0.1.0',
    getLoginItemSettings: () => ({ wasOpenedAtLogin: false }),
    setLoginItemSettings: rec('app.setLoginItemSettings'),
    setBadgeCount: rec('app.setBadgeCount', true),
    quit() {
      state.calls.push(['app.quit'])
      const event = cancellable()
      app.emit('before-quit', event)
      if (!event.defaultPrevented) state.quitted = true
    },
  })

  class FakeBrowserWindow extends EventEmitter {
    webContents = new FakeWebContents()
    visible = false
    focused = false
    destroyed = false
    maximized = false
    constructor(readonly options: Record<string, unknown>) {
      super()
      state.windows.push(this)
      app.emit('web-contents-created', cancellable(), this.webContents)
    }
    async loadURL(url: string) {
      this.webContents.url = url
      this.webContents.loading = false
      this.webContents.emit('did-finish-load')
      this.emit('ready-to-show')
    }
    show() {
      this.visible = true
      this.emit('show')
    }
    hide() {
      this.visible = false
      this.emit('hide')
    }
    focus() {
      this.focused = true
      this.emit('focus')
    }
    isVisible() {
      return this.visible
    }
    isFocused() {
      return this.focused
    }
    isMinimized() {
      return false
    }
    isMaximized() {
      return this.maximized
    }
    maximize() {
      this.maximized = true
    }
    restore() {}
    isDestroyed() {
      return this.destroyed
    }
    getNormalBounds() {
      return { x: 40, y: 30, width: 1000, height: 700 }
    }
    setOverlayIcon = rec('window.setOverlayIcon')
    /** The user closes the window; returns whether the glue kept it (hid it). */
    close(): boolean {
      const event = cancellable()
      this.emit('close', event)
      if (event.defaultPrevented) return true
      this.destroyed = true
      this.emit('closed')
      app.emit('window-all-closed')
      return false
    }
  }

  class FakeTray extends EventEmitter {
    tooltip = ''
    image: unknown
    menu: { template: { label?: string; click?: () => void }[] } | undefined
    constructor(image: unknown) {
      super()
      this.image = image
      state.trays.push(this)
    }
    setToolTip(text: string) {
      this.tooltip = text
    }
    setImage(image: unknown) {
      this.image = image
    }
    setContextMenu(menu: { template: { label?: string; click?: () => void }[] }) {
      this.menu = menu
    }
  }

  class FakeNotification extends EventEmitter {
    static isSupported() {
      return true
    }
    shown = false
    closed = false
    constructor(readonly options: { title: string; body: string }) {
      super()
      state.notifications.push(this)
    }
    show() {
      this.shown = true
    }
    close() {
      this.closed = true
    }
  }

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Notification: FakeNotification,
    Menu: {
      buildFromTemplate: (template: unknown[]) => ({ template, popup: rec('menu.popup') }),
      setApplicationMenu: (menu: unknown) => (state.applicationMenu = menu),
    },
    nativeImage: { createFromPath: (path: string) => ({ path }) },
    nativeTheme: { themeSource: 'system' },
    net: { fetch: (url: string, init?: RequestInit) => fetch(url, init), isOnline: () => true },
    powerMonitor: new EventEmitter(),
    protocol: {
      registerSchemesAsPrivileged: rec('protocol.registerSchemesAsPrivileged'),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        state.protocols.set(scheme, handler),
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (text: string) => Buffer.from(text).reverse(),
      decryptString: (data: Buffer) => Buffer.from(data).reverse().toString(),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Handler) => (state.permissionRequest = h),
        setPermissionCheckHandler: (h: Handler) => (state.permissionCheck = h),
        availableSpellCheckerLanguages: ['en-US', 'de-DE'],
        setSpellCheckerEnabled: rec('session.setSpellCheckerEnabled'),
        setSpellCheckerLanguages: rec('session.setSpellCheckerLanguages'),
      },
    },
    shell: {
      openExternal: async (url: string) => void state.calls.push(['shell.openExternal', url]),
    },
    clipboard: { writeText: rec('clipboard.writeText') },
    ipcMain: {
      handle: (channel: string, handler: Handler) => state.ipc.set(channel, handler),
      removeHandler: (channel: string) => state.ipc.delete(channel),
    },
  }
  return { electron, state }
}

export type FakeElectron = ReturnType<typeof createFakeElectron>

/** The one fake a test file's vi.mock('electron') hands out, on a fresh data directory. */
export const fake = createFakeElectron(mkdtempSync(join(tmpdir(), 'parley-electron-')))
