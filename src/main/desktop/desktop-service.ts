// createDesktopService: the whole of window.parley as main implements it, in plain Node. Core
// calls go to the core (signIn/signOut also remember or forget the account); the desktop part
// (settings, server checks, guest sign-in, hosting, links out) is done here; the unread badge,
// notifications and settings become calls on `effects`, the one edge the Electron glue (or a
// test recording them) provides.
import { mkdirSync } from 'node:fs'
import { z } from 'zod'
import {
  Channels,
  type DesktopApi,
  type DesktopInfo,
  type DesktopSettings,
  type OpenRoomRequest,
  type ParleyApi,
  type ParleyBridge,
} from '../../shared/bridge'
import { Listeners, type ParleyCore } from '../core'
import { createCredentialStore, type TokenCipher } from './credentials'
import { DesktopError } from './errors'
import { externalUrl } from './external-url'
import { parseInput } from './input'
import { createLocalHost, type LocalHostOptions } from './local-host'
import { createNotifier, type ShowNotification } from './notifier'
import { openRoomSchema } from './room-link'
import { checkServer, fetchGuestToken, secureAddress, type FetchLike } from './server-probe'
import { BASE_DEFAULTS, createSettingsStore } from './settings-store'
import { unreadIndicator, type UnreadIndicator } from './unread-indicator'

/** What only Electron can do; the glue implements it, tests record it. */
export interface DesktopEffects {
  /** Login item, zoom, spell-checker, theme source. previous is null at start. */
  applySettings(settings: DesktopSettings, previous: DesktopSettings | null): void
  /** Receives only URLs that passed externalUrl (http, https, mailto). */
  openExternal(url: string): Promise<void>
  showUnread(indicator: UnreadIndicator): void
  showNotification: ShowNotification
  /** Shows and focuses the main window (a notification click, a room link). */
  showWindow(): void
}

export interface DesktopServiceDeps {
  core: ParleyCore
  /** The app's data directory (Electron's userData): settings, account, hosting secret. */
  dataDir: string
  fetch: FetchLike
  effects: DesktopEffects
  info: DesktopInfo
  /** safeStorage in the app; absent: the token is stored unencrypted, with a warning. */
  cipher?: TokenCipher
  warn?: (message: string) => void
  /** The hosted server's log level (default warn). */
  hostLogLevel?: string
  networkInterfaces?: LocalHostOptions['networkInterfaces']
}

export interface DesktopService {
  /** window.parley: every member of ParleyBridge. */
  readonly api: ParleyBridge
  /** Applies the settings, hosts again if the user was hosting, signs the saved account in. */
  start(): Promise<void>
  /** A notification click or a parley:// link: the window comes forward, the room opens. */
  openRoom(request: OpenRoomRequest): void
  settings(): DesktopSettings
  /** Stops the hosted server (remembered for the next start) and drops every listener. */
  close(): Promise<void>
}

const MAX_URL_CHARS = 2048
const urlArg = z.string().min(1).max(MAX_URL_CHARS)
const signInArg = z.strictObject({ serverUrl: urlArg, token: z.string() })
const guestArg = z.strictObject({ serverUrl: urlArg, name: z.string().trim().min(1).max(64) })

export function createDesktopService(deps: DesktopServiceDeps): DesktopService {
  const { core, effects, info } = deps
  const warn = deps.warn ?? ((message: string) => console.warn(`parley: ${message}`))
  mkdirSync(deps.dataDir, { recursive: true })
  const settingsStore = createSettingsStore({
    dataDir: deps.dataDir,
    defaults: { ...BASE_DEFAULTS, spellcheckLanguages: defaultSpellcheck(info) },
    warn,
  })
  const credentials = createCredentialStore({ dataDir: deps.dataDir, cipher: deps.cipher, warn })
  const host = createLocalHost({
    dataDir: deps.dataDir,
    logLevel: deps.hostLogLevel,
    networkInterfaces: deps.networkInterfaces,
    warn,
  })
  const settingsEvents = new Listeners<DesktopSettings>()
  const openRoomEvents = new Listeners<OpenRoomRequest>()

  function openRoom(request: OpenRoomRequest): void {
    const checked = parseInput(openRoomSchema, request, 'Room link')
    effects.showWindow()
    openRoomEvents.emit(checked)
  }

  const notifier = createNotifier({
    show: effects.showNotification,
    enabled: () => settingsStore.get().notifications,
    open: openRoom,
  })
  const unsubscribe = [
    core.onUnreadTotal((total) => effects.showUnread(unreadIndicator(total, info.platform))),
    core.onNotify((request) => notifier.show(request)),
  ]

  async function signIn(input: { serverUrl: string; token: string }) {
    const { serverUrl, token } = parseInput(signInArg, input, 'Sign-in')
    const address = secureAddress(serverUrl)
    const account = await core.signIn({ serverUrl: address.serverUrl, token })
    credentials.save({ serverUrl: account.serverUrl, token })
    return account
  }

  const own: DesktopApi & Pick<ParleyApi, 'signIn' | 'signOut'> = {
    signIn,
    async signOut() {
      await core.signOut()
      credentials.clear()
    },
    getDesktopInfo: async () => structuredClone(info),
    getSettings: async () => settingsStore.get(),
    async updateSettings(patch) {
      const previous = settingsStore.get()
      const next = settingsStore.update(patch)
      effects.applySettings(next, previous)
      if (!next.notifications) notifier.closeAll()
      settingsEvents.emit(next)
      return next
    },
    checkServer: async (serverUrl) =>
      checkServer(deps.fetch, parseInput(urlArg, serverUrl, 'Address')),
    async signInAsGuest(input) {
      const { serverUrl, name } = parseInput(guestArg, input, 'Guest sign-in')
      const address = secureAddress(serverUrl)
      const token = await fetchGuestToken(deps.fetch, address, name)
      return signIn({ serverUrl: address.serverUrl, token })
    },
    hostLocalServer: (options) => host.start(options),
    stopLocalServer: () => host.stop(),
    getLocalServer: async () => host.current(),
    async openExternal(url) {
      const safe = externalUrl(url)
      if (!safe) {
        throw new DesktopError(
          'invalid-input',
          'Only http, https and mailto links open outside Parley.',
        )
      }
      await effects.openExternal(safe)
    },
    onSettings: (listener) => settingsEvents.add(listener),
    onOpenRoom: (listener) => openRoomEvents.add(listener),
  }

  return {
    api: bridgeOf(core, own),
    openRoom,
    settings: () => settingsStore.get(),
    async start() {
      effects.applySettings(settingsStore.get(), null)
      effects.showUnread(unreadIndicator(await core.getUnreadTotal(), info.platform))
      await host.resume()
      const saved = credentials.load()
      if (!saved) return
      try {
        await signIn(saved)
      } catch (err) {
        // A saved account that can no longer sign in (a refused address, a broken token)
        // leaves the app at the sign-in screen, not failing to start.
        warn(`the saved account was not signed in: ${(err as Error).message}`)
      }
    },
    async close() {
      for (const off of unsubscribe) off()
      notifier.closeAll()
      settingsEvents.clear()
      openRoomEvents.clear()
      await host.close()
    },
  }
}

/** One object with every Channels member: ours where we have one, else the core's. */
function bridgeOf(core: ParleyCore, own: Partial<ParleyBridge>): ParleyBridge {
  const api: Record<string, unknown> = {}
  const fromCore = core as unknown as Record<string, (...args: never[]) => unknown>
  for (const name of Object.keys(Channels) as (keyof ParleyBridge)[]) {
    api[name] = own[name] ?? fromCore[name]!.bind(core)
  }
  return api as unknown as ParleyBridge
}

/** The first OS language the spell-checker has a dictionary for (en matches en-US). */
function defaultSpellcheck(info: DesktopInfo): string[] {
  for (const wanted of info.osLanguages) {
    const lang = wanted.toLowerCase()
    const exact = info.spellcheckAvailable.find((a) => a.toLowerCase() === lang)
    const near = info.spellcheckAvailable.find(
      (a) => a.toLowerCase().split('-')[0] === lang.split('-')[0],
    )
    const pick = exact ?? near
    if (pick) return [pick]
  }
  return []
}
