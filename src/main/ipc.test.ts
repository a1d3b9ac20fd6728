// The IPC door: every Channels member handled in main and exposed by the preload, calls only
// from the app's own page, arguments checked before the core sees them, errors crossing as
// ParleyErrorInfo, events reaching the window. The preload's bridge is driven against main's
// handlers through an in-memory stand-in for Electron's IPC, on a real core and service.
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  Channels,
  decodeBridgeError,
  type ParleyBridge,
  type DesktopSettings,
} from '../shared/bridge'
import { createBridge, type RendererIpc } from '../preload/bridge'
import { testCore, waitFor } from './core/testing/core-harness'
import { makeTempDir, type TempDir } from './core/testing/temp-dir'
import { createDesktopService, type DesktopService } from './desktop/desktop-service'
import { createIpcHandlers, forwardEvents, isMethod, type IpcHandler } from './ipc-handlers'
import { methodArguments } from './ipc-arguments'
import { recordingEffects } from './testing/recording-effects'
import { APP_ENTRY_URL } from './app-protocol'
import { trustedSender } from './security'

let dir: TempDir
let service: DesktopService
let handlers: Map<string, IpcHandler>
let warnings: string[]
let stopForwarding: () => void
const rendererListeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>()
let senderUrl: string | undefined

/** ipcRenderer as far as the bridge uses it, wired straight to main's handlers. */
const ipc: RendererIpc = {
  async invoke(channel, ...args) {
    const handler = handlers.get(channel)
    if (!handler) throw new Error(`No handler registered for '${channel}'`)
    // Structured clone, as IPC does: nothing but data crosses.
    return structuredClone(await handler(senderUrl, structuredClone(args)))
  },
  on(channel, listener) {
    const set = rendererListeners.get(channel) ?? new Set()
    set.add(listener)
    rendererListeners.set(channel, set)
  },
  removeListener(channel, listener) {
    rendererListeners.get(channel)?.delete(listener)
  },
}

beforeEach(() => {
  dir = makeTempDir('parley-ipc-')
  warnings = []
  senderUrl = APP_ENTRY_URL
  const core = testCore(dir.path, 'accounts')
  service = createDesktopService({
    core,
    dataDir: join(dir.path, 'app'),
    fetch,
    effects: recordingEffects(),
    info: { platform: 'linux', osLanguages: ['en-US'], spellcheckAvailable: [], version: '0.1.0' },
    warn: (m) => warnings.push(m),
    hostLogLevel: 'silent',
  })
  handlers = createIpcHandlers(
    service.api,
    (url) => trustedSender(url, null),
    (m) => warnings.push(m),
  )
  stopForwarding = forwardEvents(service.api, (channel, payload) => {
    for (const l of rendererListeners.get(channel) ?? [])
      l({ sender: 'main' }, structuredClone(payload))
  })
  return async () => {
    stopForwarding()
    await service.close()
    await core.close()
  }
})
afterEach(() => {
  rendererListeners.clear()
  dir.remove()
})

describe('IPC', () => {
  it('handles every method channel in main, forwards every event, and the preload exposes each', () => {
    const parley = createBridge(ipc)
    for (const [name, channel] of Object.entries(Channels)) {
      expect(typeof (parley as unknown as Record<string, unknown>)[name], name).toBe('function')
      if (isMethod(name as keyof ParleyBridge)) {
        expect(handlers.has(channel), channel).toBe(true)
        expect(methodArguments, name).toHaveProperty(name)
      } else {
        // forwardEvents subscribed once to each event; the renderer subscribes through it.
        const off = (parley as unknown as Record<string, (l: () => void) => () => void>)[name]!(
          () => {},
        )
        expect(rendererListeners.get(channel)?.size, channel).toBe(1)
        off()
        expect(rendererListeners.get(channel)?.size, channel).toBe(0)
      }
    }
    expect(handlers.size).toBe(Object.keys(methodArguments).length)
    expect(Object.keys(parley).sort()).toEqual(Object.keys(Channels).sort())
  })

  it('carries a call and its answer, and pushes the event that follows', async () => {
    const parley = createBridge(ipc)
    const seen: DesktopSettings[] = []
    parley.onSettings((s) => seen.push(s))
    const next = await parley.updateSettings({ zoom: 1.5 })
    expect(next.zoom).toBe(1.5)
    expect(seen).toEqual([next])
    expect(await parley.getConnectionState()).toEqual({
      status: 'signed-out',
      reason: 'not-signed-in',
    })
  })

  it('refuses bad arguments before the core sees them, with a code and a message', async () => {
    const parley = createBridge(ipc)
    const cases: [() => Promise<unknown>, RegExp][] = [
      [() => parley.send('lobby', 42 as unknown as string), /send/],
      [() => parley.joinRoom('', 'nick'), /joinRoom/],
      [
        () => (parley.markRead as (...a: unknown[]) => Promise<void>)('lobby', 1, 'extra'),
        /markRead/,
      ],
      [() => parley.search('x', { roomId: 'r', evil: true } as never), /search/],
      [() => parley.updateSettings({ zoom: 9 }), /zoom/],
      [() => parley.signIn({ serverUrl: 'ws://127.0.0.1:1', token: 'x'.repeat(20_000) }), /signIn/],
    ]
    for (const [call, message] of cases) {
      const err = await call().then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(decodeBridgeError(err)).toMatchObject({ code: 'invalid-input', message })
    }
    expect(await parley.getSettings()).toMatchObject({ zoom: 1 })
  })

  it('passes the core errors through with their code', async () => {
    const parley = createBridge(ipc)
    const err = await parley.listRooms().catch((e: unknown) => e)
    expect(decodeBridgeError(err)).toEqual({ code: 'not-signed-in', message: 'Sign in first.' })
  })

  it('refuses every call from a page that is not the app', async () => {
    const parley = createBridge(ipc)
    for (const url of [
      'https://evil.example/',
      'file:///tmp/x.html',
      'app://other/index.html',
      undefined,
    ]) {
      senderUrl = url
      const err = await parley.getSettings().catch((e: unknown) => e)
      expect(decodeBridgeError(err).message, String(url)).toMatch(/own window/)
    }
    expect(warnings).toHaveLength(4)
  })

  it('never sends the stored token back to the renderer', async () => {
    const parley = createBridge(ipc)
    const sent: unknown[] = []
    forwardEvents(service.api, (_c, payload) => sent.push(payload))
    const token =
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbm4iLCJuYW1lIjoiQW5uIn0.c2lnbmF0dXJlLWZvci10ZXN0cw'
    const account = await parley.signIn({ serverUrl: 'ws://127.0.0.1:9', token })
    const answers = [
      account,
      await parley.getAccount(),
      await parley.getSettings(),
      await parley.getDesktopInfo(),
      await parley.getConnectionState(),
    ]
    await waitFor(() => sent.length > 0, 'an event after sign-in')
    expect(JSON.stringify([answers, sent])).not.toContain(token.split('.')[2])
    expect(JSON.stringify([answers, sent])).not.toContain(token.split('.')[1])
  })
})
