// index.ts run under plain Node with a stand-in for Electron: the wiring between Electron's
// objects and the tested modules (the app scheme, the sandbox, every IPC channel, the
// security handlers, zoom keys, close to tray, links from a second launch, quitting), on a
// real core and desktop service. What Electron itself then does is checked with the binary.
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { Channels, decodeBridgeError, type DesktopSettings } from '../shared/bridge'
import { waitFor } from './core/testing/core-harness'
import { cancellable, fake } from './testing/fake-electron'
import { isMethod } from './ipc-handlers'

vi.mock('electron', async () => (await import('./testing/fake-electron')).fake.electron)

const { state, electron } = fake
const win = () => state.windows[0]!
const fromApp = { senderFrame: { url: 'app://parley/index.html' } }
const invoke = async (name: keyof typeof Channels, sender: unknown, ...args: unknown[]) =>
  (await state.ipc.get(Channels[name])!(sender, ...args)) as unknown

beforeAll(async () => {
  await import('./index')
  await waitFor(() => state.windows[0]?.webContents.url === 'app://parley/index.html', 'loaded')
})
afterAll(() => rmSync(electron.app.getPath(), { recursive: true, force: true }))

describe('main process wiring', () => {
  it('turns on the sandbox and registers the app scheme before anything loads', () => {
    const names = state.calls.map((c) => c[0])
    expect(names).toContain('app.enableSandbox')
    expect(state.calls).toContainEqual([
      'protocol.registerSchemesAsPrivileged',
      [expect.objectContaining({ scheme: 'app' })],
    ])
    expect(state.protocols.has('app')).toBe(true)
    expect(win().options).toMatchObject({
      show: false,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false },
    })
    expect((win().options.webPreferences as { preload: string }).preload).toMatch(
      /preload[/\\]index\.cjs$/,
    )
  })

  it('handles every method channel, only for the app page', async () => {
    for (const [name, channel] of Object.entries(Channels)) {
      if (isMethod(name as keyof typeof Channels))
        expect(state.ipc.has(channel), channel).toBe(true)
    }
    const settings = (await invoke('getSettings', fromApp)) as DesktopSettings
    expect(settings.closeToTray).toBe(true)
    const refused = await invoke('getSettings', {
      senderFrame: { url: 'https://evil.example/' },
    }).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(decodeBridgeError(refused).message).toMatch(/own window/)
  })

  it('grants notifications to the app page and nothing else', () => {
    const granted: boolean[] = []
    const request = (permission: string, url: string) =>
      state.permissionRequest!(null, permission, (ok: boolean) => granted.push(ok), {
        requestingUrl: url,
      })
    request('notifications', 'app://parley/index.html')
    request('media', 'app://parley/index.html')
    request('notifications', 'https://evil.example/')
    expect(granted).toEqual([true, false, false])
    expect(state.permissionCheck!(null, 'geolocation', 'app://parley', {})).toBe(false)
  })

  it('cancels navigation and sends web links from new windows to the browser', () => {
    const navigation = cancellable({ url: 'https://example.org/x' })
    win().webContents.emit('will-navigate', navigation)
    expect(navigation.defaultPrevented).toBe(true)
    expect(win().webContents.openHandler!({ url: 'https://example.org/y' })).toEqual({
      action: 'deny',
    })
    expect(state.calls).toContainEqual(['shell.openExternal', 'https://example.org/y'])
  })

  it('zooms on Ctrl+= and tells the renderer the new settings', async () => {
    const key = cancellable()
    win().webContents.emit('before-input-event', key, {
      type: 'keyDown',
      key: '=',
      code: 'Equal',
      control: true,
      meta: false,
      alt: false,
    })
    expect(key.defaultPrevented).toBe(true)
    await waitFor(() => win().webContents.zoom === 1.1, 'zoom applied')
    expect(win().webContents.sent).toContainEqual([
      'event:settings',
      expect.objectContaining({ zoom: 1.1 }),
    ])
  })

  it('hides to the tray on close, says so once, and offers Show in the tray menu', () => {
    win().show()
    expect(win().close()).toBe(true)
    expect(win().isVisible()).toBe(false)
    expect(win().close()).toBe(true)
    const notices = state.notifications.filter((n) => n.options.title === 'Parley is still running')
    expect(notices).toHaveLength(1)
    expect(state.trays[0]!.menu!.template.map((i) => i.label)).toEqual([
      'Show Parley',
      undefined,
      'Quit Parley',
    ])
  })

  it('opens a room from a link passed by a second launch', () => {
    electron.app.emit('second-instance', cancellable(), ['parley', 'parley://room/dev?seq=3'], '/')
    expect(win().isVisible()).toBe(true)
    expect(win().webContents.sent).toContainEqual(['event:open-room', { roomId: 'dev', seq: 3 }])
  })

  it('quits from the tray menu after stopping the service and the core', async () => {
    const quitItem = state.trays[0]!.menu!.template.find((i) => i.label === 'Quit Parley')!
    quitItem.click!()
    await waitFor(() => state.quitted, 'the app quit')
    expect(state.ipc.size).toBe(0)
  })
})
