// createParleyCore: the one object implementing ParleyApi that the Electron glue forwards IPC
// to. It validates arguments, holds the signed-in AccountSession and the event sources, and
// takes the OS signals (network, sleep, window focus) the glue feeds in.
import type {
  AccountInfo,
  ConnectionState,
  HistoryPage,
  MessageView,
  ParleyApi,
  RoomView,
  SearchHit,
  SearchOptions,
} from '../../shared/bridge'
import { normalizeServerUrl, readTokenClaims } from './account'
import { AccountSession, type ConnectionTuning } from './account-session'
import type { NetworkSignals } from './connection/connection'
import { createCoreEvents } from './core-events'
import { ParleyCoreError, invalidInput } from './errors'
import {
  limitArg,
  listenerArg,
  nicknameArg,
  roomIdArg,
  searchOptionsArg,
  seqArg,
  stringArg,
  textArg,
} from './validate'

export interface ParleyCoreOptions {
  /** Where the per-account database files live (the app's userData). */
  dataDir: string
  /** Timings of the connection; tests shorten them. */
  connection?: ConnectionTuning
}

export interface ParleyCore extends ParleyApi {
  /** The glue wires Electron's net and powerMonitor events here. */
  readonly network: NetworkSignals
  /** The glue reports window focus here, for the notification policy. */
  setWindowFocused(focused: boolean): void
  /** Signs out and drops every listener: the app is quitting. */
  close(): Promise<void>
}

export function createParleyCore(options: ParleyCoreOptions): ParleyCore {
  return new Core(options)
}

const SIGNED_OUT: ConnectionState = { status: 'signed-out', reason: 'not-signed-in' }

class Core implements ParleyCore {
  private session: AccountSession | undefined
  private readonly events = createCoreEvents()
  private networkUp = true
  private windowFocused = true
  private focusedRoomId: string | null = null

  readonly network: NetworkSignals = {
    online: () => {
      this.networkUp = true
      this.session?.connection.online()
    },
    offline: () => {
      this.networkUp = false
      this.session?.connection.offline()
    },
    resumed: () => this.session?.connection.resumed(),
  }

  constructor(private readonly options: ParleyCoreOptions) {}

  async signIn(input: { serverUrl: string; token: string }): Promise<AccountInfo> {
    if (typeof input !== 'object' || input === null) throw invalidInput('signIn needs an object.')
    const serverUrl = normalizeServerUrl(stringArg(input.serverUrl, 'serverUrl'))
    const token = stringArg(input.token, 'token')
    const claims = readTokenClaims(token)
    const current = this.session
    if (current && current.account.serverUrl === serverUrl && current.account.uid === claims.sub) {
      current.renewToken(token)
      return { ...current.account }
    }
    await this.signOut()
    const session = new AccountSession({
      dataDir: this.options.dataDir,
      serverUrl,
      token,
      uid: claims.sub,
      name: claims.name,
      events: this.events,
      focus: () => ({ windowFocused: this.windowFocused, focusedRoomId: this.focusedRoomId }),
      tuning: this.options.connection,
    })
    this.session = session
    if (!this.networkUp) session.connection.offline()
    session.start()
    return { ...session.account }
  }

  async signOut(): Promise<void> {
    const session = this.session
    if (!session) return
    this.session = undefined
    // Stopping the connection emits the signed-out state.
    session.close()
  }

  async getAccount(): Promise<AccountInfo | null> {
    return this.session ? { ...this.session.account } : null
  }

  async getConnectionState(): Promise<ConnectionState> {
    return this.session?.connection.state ?? SIGNED_OUT
  }

  async reconnectNow(): Promise<void> {
    this.session?.connection.retryNow()
  }

  async listRooms(): Promise<RoomView[]> {
    return this.requireSession().listRooms()
  }

  async joinRoom(roomId: string, nickname?: string): Promise<RoomView> {
    return this.requireSession().joinRoom(roomIdArg(roomId), nicknameArg(nickname))
  }

  async forgetRoom(roomId: string): Promise<void> {
    this.requireSession().forgetRoom(roomIdArg(roomId))
  }

  async send(roomId: string, text: string): Promise<MessageView> {
    return this.requireSession().send(roomIdArg(roomId), textArg(text))
  }

  async retry(cid: string): Promise<void> {
    this.requireSession().retry(stringArg(cid, 'cid'))
  }

  async discard(cid: string): Promise<void> {
    this.requireSession().discard(stringArg(cid, 'cid'))
  }

  async newestPage(roomId: string, limit?: number): Promise<HistoryPage> {
    return this.requireSession().newestPage(roomIdArg(roomId), limitArg(limit))
  }

  async pageBefore(roomId: string, before: number, limit?: number): Promise<HistoryPage> {
    return this.requireSession().pageBefore(
      roomIdArg(roomId),
      seqArg(before, 'before'),
      limitArg(limit),
    )
  }

  async search(query: string, options?: SearchOptions): Promise<SearchHit[]> {
    const checked = searchOptionsArg(options)
    return this.requireSession().search(stringArg(query, 'query'), checked)
  }

  async markRead(roomId: string, seq: number): Promise<void> {
    this.requireSession().markRead(roomIdArg(roomId), seqArg(seq))
  }

  async setMuted(roomId: string, muted: boolean): Promise<void> {
    if (typeof muted !== 'boolean') throw invalidInput('muted is true or false.')
    this.requireSession().setMuted(roomIdArg(roomId), muted)
  }

  async setFocusedRoom(roomId: string | null): Promise<void> {
    this.focusedRoomId = roomId === null ? null : roomIdArg(roomId)
  }

  async getUnreadTotal(): Promise<number> {
    return this.session?.unreadTotal() ?? 0
  }

  setWindowFocused(focused: boolean): void {
    this.windowFocused = focused
  }

  async close(): Promise<void> {
    await this.signOut()
    for (const source of Object.values(this.events)) source.clear()
  }

  onConnectionState: ParleyApi['onConnectionState'] = (listener) =>
    this.events.onConnectionState.add(listenerArg(listener))
  onMessages: ParleyApi['onMessages'] = (listener) =>
    this.events.onMessages.add(listenerArg(listener))
  onRooms: ParleyApi['onRooms'] = (listener) => this.events.onRooms.add(listenerArg(listener))
  onUnreadTotal: ParleyApi['onUnreadTotal'] = (listener) =>
    this.events.onUnreadTotal.add(listenerArg(listener))
  onNotify: ParleyApi['onNotify'] = (listener) => this.events.onNotify.add(listenerArg(listener))
  onPresenceNotice: ParleyApi['onPresenceNotice'] = (listener) =>
    this.events.onPresenceNotice.add(listenerArg(listener))
  onProblem: ParleyApi['onProblem'] = (listener) => this.events.onProblem.add(listenerArg(listener))

  private requireSession(): AccountSession {
    if (!this.session) throw new ParleyCoreError('not-signed-in', 'Sign in first.')
    return this.session
  }
}
