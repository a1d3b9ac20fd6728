// The bridge contract: the API the preload exposes as window.parley, its IPC channel names
// and the payloads of the events main pushes. Pure types and constants, no runtime imports.

export type Unsubscribe = () => void

/** The account a core runs: one server, one uid, one local database. */
export interface AccountInfo {
  serverUrl: string
  uid: string
  /** The token's `name` claim, if any; the server's `auth ok` name once connected. */
  name: string | null
}

export type SignedOutReason =
  /** No account yet, or signOut() was called. */
  | 'not-signed-in'
  /** The server refused the token (HTTP 401) or closed with 4401: a new token is needed. */
  | 'unauthorized'
  /** The local database failed; see the matching `problem` event. */
  | 'database'

/** What the UI shows about the link to the server. */
export type ConnectionState =
  | { status: 'connecting'; attempt: number }
  | { status: 'open' }
  /** nextTryAt is epoch milliseconds. */
  | { status: 'reconnecting'; nextTryAt: number; attempt: number }
  /** The OS says there is no network; the next try waits for an "online" signal. */
  | { status: 'offline' }
  | { status: 'signed-out'; reason: SignedOutReason }

export type ConnectionStatus = ConnectionState['status']

/** Why the core refused or failed a call; the message is fit to show as it is. */
export type ParleyErrorCode =
  | 'invalid-input'
  | 'not-signed-in'
  | 'not-found'
  | 'db-corrupt'
  | 'db-locked'
  | 'db-unavailable'
  | 'db-too-new'
  /** The server did not answer, or not as a Parley server does. */
  | 'server-unreachable'
  /** The server answered but refused: guest sign-in off, a bad name, a refused token. */
  | 'server-refused'
  /** Plain ws:// to a host that is neither loopback nor on a private LAN. */
  | 'insecure-server'
  /** A bug or an OS failure; the message says what failed. */
  | 'internal'

export interface ParleyErrorInfo {
  code: ParleyErrorCode
  message: string
}

/**
 * A failed bridge call rejects with an Error whose message carries the ParleyErrorInfo:
 * contextBridge and IPC copy an Error's message and drop its other fields.
 */
const BRIDGE_ERROR_MARK = 'parley-error:'

export function encodeBridgeError(info: ParleyErrorInfo): string {
  return BRIDGE_ERROR_MARK + JSON.stringify({ code: info.code, message: info.message })
}

/** The ParleyErrorInfo of a rejected bridge call; anything else becomes an 'internal' error. */
export function decodeBridgeError(error: unknown): ParleyErrorInfo {
  const text = error instanceof Error ? error.message : String(error)
  const at = text.indexOf(BRIDGE_ERROR_MARK)
  if (at >= 0) {
    try {
      const info = JSON.parse(text.slice(at + BRIDGE_ERROR_MARK.length)) as Partial<ParleyErrorInfo>
      if (typeof info.code === 'string' && typeof info.message === 'string') {
        return { code: info.code, message: info.message }
      }
    } catch {
      // Not ours after all: fall through.
    }
  }
  return { code: 'internal', message: text }
}

/** Something the UI should tell the user about, outside any call it made. */
export type ParleyProblem =
  | ({ kind: 'database' } & ParleyErrorInfo)
  /** The server refused to let this account enter the room (token `rooms` claim). */
  | { kind: 'room-forbidden'; roomId: string }
  /** The token expired on an open connection: sign in again with a fresh one. */
  | { kind: 'token-expired' }
  /**
   * The server lost the room's history (it restarted without durable storage): what this
   * device held is kept, numbered below 1, and the room syncs afresh.
   */
  | { kind: 'history-lost'; roomId: string }

export type MessageState = 'sent' | 'pending' | 'failed'

/** The server's reason for a permanent send failure (PROTOCOL "v1 extras"). */
export type SendFailure = 'forbidden' | 'too_large'

export interface MessageView {
  roomId: string
  /**
   * Null while the message waits in the outbox. 0 or below: kept by this device from before
   * the server lost the room's history (see the `history-lost` problem).
   */
  seq: number | null
  /** The server's id; null while in the outbox. */
  id: string | null
  /** The client idempotency key, when the sender gave one. */
  cid: string | null
  uid: string
  name: string
  text: string
  /** Epoch milliseconds: the server's time once stored, the local time while in the outbox. */
  ts: number
  state: MessageState
  /** Set when state is 'failed'. */
  failure: SendFailure | null
}

export interface HistoryPage {
  /** Oldest first. The newest page ends with the room's outbox rows (pending, failed). */
  messages: MessageView[]
  /** Whether older messages may exist (locally or on the server). */
  more: boolean
  /**
   * False when the local copy has a hole in this range that could not be filled (offline):
   * the page is what is held, and a `messages` event follows once the hole is filled.
   */
  complete: boolean
}

export interface RoomView {
  roomId: string
  muted: boolean
  lastReadSeq: number
  /** Messages from others after lastReadSeq held locally. */
  unread: number
  /** The highest seq known in the room. */
  latestSeq: number
  /** Connections and distinct users in the room, as last announced; null before any. */
  presence: { num: number; users: number } | null
}

export interface SearchOptions {
  /** Limit the search to one room. */
  roomId?: string
  /** At most this many hits (default 50, at most 200). */
  limit?: number
}

/** A piece of a search snippet; `hit` pieces are the matched words. */
export interface SnippetPart {
  text: string
  hit: boolean
}

export interface SearchHit {
  /** The jump target: the room and the seq of the message. */
  roomId: string
  seq: number
  uid: string
  name: string
  ts: number
  snippet: SnippetPart[]
}

export interface MessagesChangedEvent {
  roomId: string
  /**
   * received: live or replayed frames; history: a hole filled; outbox: a local send changed;
   * reset: the room's messages were renumbered (history-lost), reload what is shown.
   */
  reason: 'received' | 'history' | 'outbox' | 'reset'
}

/** Someone else came into or left a room while this device was connected (not stored). */
export interface PresenceNotice {
  roomId: string
  kind: 'joined' | 'left'
  uid: string
  /** Their nickname in the room. */
  name: string
  /** Epoch milliseconds, local time of arrival: the time it shows. */
  ts: number
  /**
   * The room's latest seq this device knew of when the notice arrived. The notice sits after
   * that message and before later ones: its place in the stream, which no clock skew or busy
   * moment can move, unlike a comparison of its local time with the server's.
   */
  afterSeq: number
  /** Connections and distinct users in the room after the change. */
  presence: { num: number; users: number }
}

/** A desktop notification the notification policy decided to show. */
export interface NotificationRequest {
  roomId: string
  seq: number
  title: string
  body: string
  /** How many new messages from others this notification stands for. */
  count: number
}

export interface ParleyApi {
  /** Opens the account's local database and connects; history is readable even while offline. */
  signIn(input: { serverUrl: string; token: string }): Promise<AccountInfo>
  /** Disconnects and closes the database; the local copy stays on disk. */
  signOut(): Promise<void>
  getAccount(): Promise<AccountInfo | null>
  getConnectionState(): Promise<ConnectionState>
  /** Connects at once instead of waiting out the backoff or an offline signal ("retry now"). */
  reconnectNow(): Promise<void>

  listRooms(): Promise<RoomView[]>
  /** Joins (or re-enters) a room; works offline, the room is entered on the next connect. */
  joinRoom(roomId: string, nickname?: string): Promise<RoomView>
  /** Leaves a room for good: membership ends on the server and the local copy is deleted. */
  forgetRoom(roomId: string): Promise<void>

  /** Writes the message to the outbox and returns it at once, as 'pending'. */
  send(roomId: string, text: string): Promise<MessageView>
  /** Puts a failed (or pending) outbox message back in line. */
  retry(cid: string): Promise<void>
  /** Drops an outbox message that has not been stored by the server yet. */
  discard(cid: string): Promise<void>

  /** The newest page from the local copy, at once, online or not. */
  newestPage(roomId: string, limit?: number): Promise<HistoryPage>
  /**
   * The page of messages with seq < before (any integer: seqs of 0 or below exist after a
   * history-lost); asks the server only to fill a local hole.
   */
  pageBefore(roomId: string, before: number, limit?: number): Promise<HistoryPage>
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>

  /** Everything up to seq has been seen; never moves back, nor past the room's latest seq. */
  markRead(roomId: string, seq: number): Promise<void>
  setMuted(roomId: string, muted: boolean): Promise<void>
  /** The room the user is looking at (null: none), for the notification policy. */
  setFocusedRoom(roomId: string | null): Promise<void>
  /** Unread messages over the rooms that are not muted: the tray badge. */
  getUnreadTotal(): Promise<number>

  onConnectionState(listener: (state: ConnectionState) => void): Unsubscribe
  onMessages(listener: (event: MessagesChangedEvent) => void): Unsubscribe
  onRooms(listener: (rooms: RoomView[]) => void): Unsubscribe
  onUnreadTotal(listener: (total: number) => void): Unsubscribe
  onNotify(listener: (notification: NotificationRequest) => void): Unsubscribe
  onPresenceNotice(listener: (notice: PresenceNotice) => void): Unsubscribe
  onProblem(listener: (problem: ParleyProblem) => void): Unsubscribe
}

export type ThemeSetting = 'system' | 'light' | 'dark'
export type LanguageSetting = 'system' | 'en' | 'zh-CN'

/** The app's own settings, kept by main across restarts. */
export interface DesktopSettings {
  /** Start Parley when the user logs in to the OS. */
  startAtLogin: boolean
  /** When started at login, stay in the tray without opening the window. */
  startHidden: boolean
  /** Closing the window hides it to the tray instead of quitting. */
  closeToTray: boolean
  /** Desktop notifications for new messages (muted rooms never notify). */
  notifications: boolean
  /** Page zoom factor, ZOOM_MIN to ZOOM_MAX in ZOOM_STEP steps; 1 is 100%. */
  zoom: number
  /** Spell-check languages (BCP 47, e.g. "en-US"); empty turns spell-checking off. */
  spellcheckLanguages: string[]
  theme: ThemeSetting
  language: LanguageSetting
}

export const ZOOM_MIN = 0.5
export const ZOOM_MAX = 2
export const ZOOM_STEP = 0.1

/** Where to take the user: a notification click or a parley://room/<id> link. */
export interface OpenRoomRequest {
  roomId: string
  /** The message to show highlighted; absent: the room's newest messages. */
  seq?: number
}

/** What a server answered before sign-in. */
export interface ServerCheck {
  /** The address normalised the way signIn will use it (ws:// or wss://). */
  serverUrl: string
  /** The server hands out guest tokens (`POST /api/token`). */
  guestLogin: boolean
  /**
   * Set when the address is plain ws:// to a host that is neither loopback nor a private LAN
   * address: the UI must show it; such servers are refused.
   */
  insecure: boolean
}

export interface HostOptions {
  /** 0 or absent: a free port. */
  port?: number
  /** Listen on every interface so others on the LAN can join; else 127.0.0.1 only. */
  lan?: boolean
}

/** The server this app hosts in its own process; it stops when the app quits. */
export interface HostedServer {
  /** The address this app signs in to (loopback). */
  serverUrl: string
  port: number
  /** Addresses others on the LAN can join (empty unless hosting with lan: true). */
  lanUrls: string[]
}

/** Facts about the OS the UI adapts to (shortcut labels, spell-check choices). */
export interface DesktopInfo {
  platform: 'darwin' | 'win32' | 'linux' | 'other'
  /** The OS's preferred languages, most preferred first. */
  osLanguages: string[]
  /** Languages the spell-checker has dictionaries for. */
  spellcheckAvailable: string[]
  /** The app's version, for the settings screen. */
  version: string
}

/**
 * The desktop part of window.parley, implemented by the Electron glue around the core:
 * settings, links out, guest sign-in and hosting (the renderer has no network of its own).
 */
export interface DesktopApi {
  getDesktopInfo(): Promise<DesktopInfo>
  getSettings(): Promise<DesktopSettings>
  /** Applies and persists the given fields; returns the whole new settings. */
  updateSettings(patch: Partial<DesktopSettings>): Promise<DesktopSettings>
  /** Asks a server whether it answers, before sign-in. */
  checkServer(serverUrl: string): Promise<ServerCheck>
  /** Gets a guest token from the server's /api/token and signs in with it. */
  signInAsGuest(input: { serverUrl: string; name: string }): Promise<AccountInfo>
  /** Starts the bundled server in this app (in-process store); a second call returns the first. */
  hostLocalServer(options: HostOptions): Promise<HostedServer>
  stopLocalServer(): Promise<void>
  getLocalServer(): Promise<HostedServer | null>
  /** Opens an http(s) or mailto link in the system's browser or mail app. */
  openExternal(url: string): Promise<void>

  onSettings(listener: (settings: DesktopSettings) => void): Unsubscribe
  onOpenRoom(listener: (request: OpenRoomRequest) => void): Unsubscribe
}

/** window.parley: the one object the renderer sees. */
export interface ParleyBridge extends ParleyApi, DesktopApi {}

/**
 * The IPC channel of every ParleyBridge member: methods are invoke/handle channels, the onXxx
 * events are send/on channels from main to the renderer.
 */
export const Channels = {
  signIn: 'account:sign-in',
  signOut: 'account:sign-out',
  getAccount: 'account:get',
  getConnectionState: 'connection:get-state',
  reconnectNow: 'connection:reconnect-now',
  listRooms: 'room:list',
  joinRoom: 'room:join',
  forgetRoom: 'room:forget',
  send: 'message:send',
  retry: 'message:retry',
  discard: 'message:discard',
  newestPage: 'history:newest',
  pageBefore: 'history:before',
  search: 'search:query',
  markRead: 'room:mark-read',
  setMuted: 'room:set-muted',
  setFocusedRoom: 'room:set-focused',
  getUnreadTotal: 'unread:get-total',
  onConnectionState: 'event:connection-state',
  onMessages: 'event:messages',
  onRooms: 'event:rooms',
  onUnreadTotal: 'event:unread-total',
  onNotify: 'event:notify',
  onPresenceNotice: 'event:presence-notice',
  onProblem: 'event:problem',
  getDesktopInfo: 'desktop:info',
  getSettings: 'settings:get',
  updateSettings: 'settings:update',
  checkServer: 'server:check',
  signInAsGuest: 'account:sign-in-guest',
  hostLocalServer: 'host:start',
  stopLocalServer: 'host:stop',
  getLocalServer: 'host:get',
  openExternal: 'shell:open-external',
  onSettings: 'event:settings',
  onOpenRoom: 'event:open-room',
} as const satisfies Record<keyof ParleyBridge, string>

export type EventName = Extract<keyof ParleyBridge, `on${string}`>
export type MethodName = Exclude<keyof ParleyBridge, EventName>
/** The members the core implements; the rest (DesktopApi) are the Electron glue's own. */
export type CoreEventName = Extract<keyof ParleyApi, `on${string}`>
export type CoreMethodName = Exclude<keyof ParleyApi, CoreEventName>
export type DesktopMethodName = Exclude<keyof DesktopApi, EventName>

/** The payload an event channel carries, read off its listener in ParleyBridge. */
export type EventPayload<E extends EventName> = Parameters<Parameters<ParleyBridge[E]>[0]>[0]
