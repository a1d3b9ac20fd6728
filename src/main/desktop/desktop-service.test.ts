// The desktop service against real servers, a real core and real files: server checks,
// guest sign-in, the remembered account, hosting, the badge and notifications, settings and
// links out. Only the Electron edge is recorded instead of performed.
import { createServer as createHttpServer, type Server } from 'node:http'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Channels, type OpenRoomRequest, type ParleyBridge } from '../../shared/bridge'
import { freePort } from '../../../server/testing/free-port'
import { startTestServer } from '../../../server/testing/in-process'
import { testToken } from '../../../server/testing/tokens'
import type { ParleyServer } from '../../../server/create-server'
import { testCore, waitFor, waitForStatus, type TestCore } from '../core/testing/core-harness'
import { makeTempDir, type TempDir } from '../core/testing/temp-dir'
import { recordingEffects, type RecordingEffects } from '../testing/recording-effects'
import { testCipher } from '../testing/test-cipher'
import type { TokenCipher } from './credentials'
import { CREDENTIALS_FILE } from './credentials'
import {
  createDesktopService,
  type DesktopService,
  type DesktopServiceDeps,
} from './desktop-service'

interface TestApp {
  core: TestCore
  service: DesktopService
  api: ParleyBridge
  fx: RecordingEffects
  warnings: string[]
  fetched: string[]
  /** Quits the app: the service, then the core. */
  quit(): Promise<void>
}

let dir: TempDir
const cleanups: (() => Promise<unknown> | void)[] = []

beforeEach(() => {
  dir = makeTempDir('parley-desktop-')
})
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  dir.remove()
})

const cipher = testCipher()

/** One run of the app on the data directory `name`; a second call with it is a restart. */
function app(name = 'app', extra: Partial<DesktopServiceDeps> & { cipher?: TokenCipher } = {}) {
  const core = testCore(dir.path, name)
  const fx = recordingEffects()
  const warnings: string[] = []
  const fetched: string[] = []
  const service = createDesktopService({
    core,
    dataDir: join(dir.path, name),
    fetch: (url, init) => {
      fetched.push(url)
      return fetch(url, init)
    },
    effects: fx,
    info: {
      platform: 'linux',
      osLanguages: ['en-GB'],
      spellcheckAvailable: ['en-US'],
      version: '0.1.0',
    },
    cipher,
    warn: (m) => warnings.push(m),
    hostLogLevel: 'silent',
    ...extra,
  })
  let quitted = false
  const quit = async () => {
    if (quitted) return
    quitted = true
    await service.close()
    await core.close()
  }
  cleanups.push(quit)
  const testApp: TestApp = { core, service, api: service.api, fx, warnings, fetched, quit }
  return testApp
}

async function server(env: Record<string, string> = {}): Promise<ParleyServer> {
  const s = await startTestServer(env)
  cleanups.push(() => s.close())
  return s
}

function httpUrl(s: ParleyServer): string {
  return `http://127.0.0.1:${s.port}`
}

describe('desktop service', () => {
  it('implements every member of the bridge', () => {
    const { api } = app()
    for (const name of Object.keys(Channels)) {
      expect(typeof (api as unknown as Record<string, unknown>)[name], name).toBe('function')
    }
  })

  describe('server check', () => {
    it('finds a Parley server, normalises its address and sees whether it hands out guest tokens', async () => {
      const open = await server()
      const closed = await server({ GUEST_LOGIN: 'false' })
      const { api } = app()
      expect(await api.checkServer(httpUrl(open))).toEqual({
        serverUrl: `ws://127.0.0.1:${open.port}/`,
        guestLogin: true,
        insecure: false,
      })
      expect(await api.checkServer(`ws://localhost:${closed.port}`)).toMatchObject({
        guestLogin: false,
        insecure: false,
      })
    })

    it('says plainly when nothing answers, or something that is not Parley does', async () => {
      const { api } = app()
      const nobody = await freePort()
      await expect(api.checkServer(`ws://127.0.0.1:${nobody}`)).rejects.toMatchObject({
        code: 'server-unreachable',
        message: expect.stringMatching(/Could not reach .*ECONNREFUSED/),
      })
      const web: Server = createHttpServer((_req, res) => res.end('<html>hello</html>'))
      await new Promise<void>((r) => web.listen(0, '127.0.0.1', r))
      cleanups.push(() => new Promise((r) => web.close(r)))
      const port = (web.address() as { port: number }).port
      await expect(api.checkServer(`http://127.0.0.1:${port}`)).rejects.toMatchObject({
        code: 'server-unreachable',
        message: expect.stringMatching(/not as a Parley server/),
      })
      await expect(api.checkServer('gopher://x')).rejects.toMatchObject({ code: 'invalid-input' })
      await expect(api.checkServer(42 as unknown as string)).rejects.toMatchObject({
        code: 'invalid-input',
      })
    })

    it('flags plain ws:// to a public host without sending it anything', async () => {
      const { api, fetched } = app()
      expect(await api.checkServer('ws://chat.example.org:3000')).toEqual({
        serverUrl: 'ws://chat.example.org:3000/',
        guestLogin: false,
        insecure: true,
      })
      await expect(
        api.signInAsGuest({ serverUrl: 'ws://chat.example.org:3000', name: 'Ann' }),
      ).rejects.toMatchObject({ code: 'insecure-server' })
      await expect(
        api.signIn({ serverUrl: 'ws://203.0.113.9', token: await testToken('ann') }),
      ).rejects.toMatchObject({ code: 'insecure-server' })
      expect(fetched).toEqual([])
    })
  })

  describe('account', () => {
    it('signs in as a guest and is signed in again at the next start, token encrypted', async () => {
      const s = await server()
      const first = app()
      const account = await first.api.signInAsGuest({ serverUrl: httpUrl(s), name: ' Ann ' })
      expect(account).toMatchObject({ serverUrl: `ws://127.0.0.1:${s.port}/`, name: 'Ann' })
      await waitForStatus(first.core, 'open')
      const saved = readFileSync(join(dir.path, 'app', CREDENTIALS_FILE), 'utf8')
      expect(saved).toContain('encrypted')
      expect(saved).not.toMatch(/eyJ/) // no JWT in the clear
      await first.quit()

      const second = app()
      expect(await second.api.getAccount()).toBeNull()
      await second.service.start()
      expect(await second.api.getAccount()).toEqual({ ...account, name: 'Ann' })
      await waitForStatus(second.core, 'open')
    })

    it('stores the token as it is, with a warning, where the OS has no keyring', async () => {
      const s = await server()
      const first = app('app', { cipher: testCipher(false) })
      await first.api.signIn({
        serverUrl: httpUrl(s),
        token: await testToken('bo', { name: 'Bo' }),
      })
      expect(first.warnings.join()).toMatch(/unencrypted/)
      await first.quit()
      const second = app('app', { cipher: testCipher(false) })
      await second.service.start()
      expect(await second.api.getAccount()).toMatchObject({ uid: 'bo' })
    })

    it('forgets the account on sign-out', async () => {
      const s = await server()
      const first = app()
      await first.api.signIn({ serverUrl: httpUrl(s), token: await testToken('cy') })
      await first.api.signOut()
      await first.quit()
      const second = app()
      await second.service.start()
      expect(await second.api.getAccount()).toBeNull()
      expect(second.warnings).toEqual([])
    })

    it('starts signed out, with a warning, when the saved sign-in cannot be read', async () => {
      const s = await server()
      const first = app()
      await first.api.signIn({ serverUrl: httpUrl(s), token: await testToken('di') })
      await first.quit()
      // Another keyring key: what was encrypted cannot be decrypted.
      const second = app('app', { cipher: testCipher() })
      await second.service.start()
      expect(await second.api.getAccount()).toBeNull()
      expect(second.warnings.join()).toMatch(/could not be read/)
      expect(second.warnings.join()).not.toMatch(/eyJ/)
    })

    it('tells why a guest token was refused', async () => {
      const s = await server({ GUEST_LOGIN: 'false' })
      const { api } = app()
      await expect(api.signInAsGuest({ serverUrl: httpUrl(s), name: 'Ann' })).rejects.toMatchObject(
        {
          code: 'server-refused',
          message: expect.stringMatching(/does not offer guest sign-in/),
        },
      )
      await expect(api.signInAsGuest({ serverUrl: httpUrl(s), name: '  ' })).rejects.toMatchObject({
        code: 'invalid-input',
      })
      expect(await api.getAccount()).toBeNull()
    })
  })

  describe('hosting on this computer', () => {
    it('hosts a server others reach, and hosts it again on the same port after a restart', async () => {
      const first = app()
      const hosted = await first.api.hostLocalServer({})
      expect(hosted).toEqual({
        serverUrl: `ws://127.0.0.1:${hosted.port}/`,
        port: hosted.port,
        lanUrls: [],
      })
      expect(await first.api.hostLocalServer({ lan: true })).toEqual(hosted)
      expect(await first.api.getLocalServer()).toEqual(hosted)
      expect(await first.api.checkServer(hosted.serverUrl)).toMatchObject({ guestLogin: true })
      const account = await first.api.signInAsGuest({ serverUrl: hosted.serverUrl, name: 'Host' })
      await waitForStatus(first.core, 'open')
      await first.quit()

      const second = app()
      await second.service.start()
      expect(await second.api.getLocalServer()).toEqual(hosted)
      // The token the first run's server signed is still good: the secret was kept.
      expect(await second.api.getAccount()).toEqual(account)
      await waitForStatus(second.core, 'open')

      await second.api.stopLocalServer()
      expect(await second.api.getLocalServer()).toBeNull()
      await second.quit()
      const third = app()
      await third.service.start()
      expect(await third.api.getLocalServer()).toBeNull()
    })

    it('listens on every interface for the LAN and lists the addresses to join', async () => {
      const { api } = app('app', {
        networkInterfaces: () => ({
          lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true } as never],
          eth0: [
            { address: '192.168.1.5', family: 'IPv4', internal: false } as never,
            { address: 'fe80::1', family: 'IPv6', internal: false } as never,
          ],
        }),
      })
      const hosted = await api.hostLocalServer({ lan: true })
      expect(hosted.lanUrls).toEqual([`ws://192.168.1.5:${hosted.port}/`])
      expect(await api.checkServer(hosted.serverUrl)).toMatchObject({ insecure: false })
    })

    it('says when the chosen port is taken, and refuses a port that is not one', async () => {
      const taken = await server()
      const { api } = app()
      await expect(api.hostLocalServer({ port: taken.port })).rejects.toMatchObject({
        code: 'invalid-input',
        message: expect.stringMatching(new RegExp(`Port ${taken.port} is already in use`)),
      })
      await expect(api.hostLocalServer({ port: 70000 })).rejects.toMatchObject({
        code: 'invalid-input',
      })
      expect(await api.getLocalServer()).toBeNull()
    })
  })

  describe('badge and notifications', () => {
    it('shows the unread count, one notification per room, and opens the room on a click', async () => {
      const s = await server()
      const me = app()
      await me.service.start()
      expect(me.fx.unread.at(-1)).toMatchObject({ count: 0, trayIcon: 'tray' })
      await me.api.signIn({ serverUrl: httpUrl(s), token: await testToken('me', { name: 'Me' }) })
      await me.api.joinRoom('lobby')
      me.core.setWindowFocused(false)
      const them = testCore(dir.path, 'them')
      cleanups.push(() => them.close())
      await them.signIn({ serverUrl: s.url, token: await testToken('them', { name: 'Them' }) })
      await them.joinRoom('lobby')

      await them.send('lobby', 'one')
      await waitFor(() => me.fx.notifications.length === 1, 'first notification')
      await them.send('lobby', 'two')
      await waitFor(() => me.fx.notifications.length === 2, 'second notification')
      const [first, second] = me.fx.notifications
      expect(first!.closed).toBe(true)
      expect(second).toMatchObject({ closed: false, request: { roomId: 'lobby', body: 'two' } })
      await waitFor(() => me.fx.unread.at(-1)?.count === 2, 'two unread')
      expect(me.fx.unread.at(-1)).toMatchObject({ trayIcon: 'tray-2', tooltip: 'Parley: 2 unread' })

      const opened: OpenRoomRequest[] = []
      me.api.onOpenRoom((r) => opened.push(r))
      second!.hooks.click()
      expect(me.fx.windowShown).toBe(1)
      expect(opened).toEqual([{ roomId: 'lobby', seq: second!.request.seq }])

      await me.api.markRead('lobby', second!.request.seq)
      await waitFor(() => me.fx.unread.at(-1)?.count === 0, 'badge cleared')
      expect(me.fx.unread.at(-1)!.badge).toEqual({ method: 'count', count: 0 })
    })

    it('shows none while notifications are off, and closes those on screen', async () => {
      const s = await server()
      const me = app()
      await me.api.signIn({ serverUrl: httpUrl(s), token: await testToken('me') })
      await me.api.joinRoom('lobby')
      me.core.setWindowFocused(false)
      const them = testCore(dir.path, 'them')
      cleanups.push(() => them.close())
      await them.signIn({ serverUrl: s.url, token: await testToken('them') })
      await them.joinRoom('lobby')
      await them.send('lobby', 'one')
      await waitFor(() => me.fx.notifications.length === 1, 'a notification')

      await me.api.updateSettings({ notifications: false })
      expect(me.fx.notifications[0]!.closed).toBe(true)
      await them.send('lobby', 'two')
      await waitFor(() => me.fx.unread.at(-1)?.count === 2, 'the message arrived')
      expect(me.fx.notifications).toHaveLength(1)
    })
  })

  describe('settings and links', () => {
    it('applies and announces a change, and picks a spell-check language the OS has', async () => {
      const { api, service, fx } = app()
      await service.start()
      expect(fx.applied[0]).toMatchObject({
        previous: null,
        settings: { spellcheckLanguages: ['en-US'], zoom: 1 },
      })
      const announced: unknown[] = []
      api.onSettings((s) => announced.push(s))
      const next = await api.updateSettings({ zoom: 1.3, theme: 'dark' })
      expect(next).toMatchObject({ zoom: 1.3, theme: 'dark' })
      expect(fx.applied.at(-1)).toMatchObject({ settings: next, previous: { zoom: 1 } })
      expect(announced).toEqual([next])
      await expect(api.updateSettings({ zoom: 'big' } as never)).rejects.toMatchObject({
        code: 'invalid-input',
      })
      expect(announced).toHaveLength(1)
      expect(await api.getSettings()).toEqual(next)
    })

    it('passes http, https and mailto links out, and nothing else', async () => {
      const { api, fx } = app()
      await api.openExternal('https://example.org/docs')
      await expect(api.openExternal('file:///etc/passwd')).rejects.toMatchObject({
        code: 'invalid-input',
      })
      expect(fx.opened).toEqual(['https://example.org/docs'])
    })

    it('opens a room from a link and refuses a request that is not one', () => {
      const { api, service, fx } = app()
      const opened: OpenRoomRequest[] = []
      api.onOpenRoom((r) => opened.push(r))
      service.openRoom({ roomId: 'dev', seq: 3 })
      expect(() => service.openRoom({ roomId: '' })).toThrow(/room id/)
      expect(opened).toEqual([{ roomId: 'dev', seq: 3 }])
      expect(fx.windowShown).toBe(1)
    })
  })
})
