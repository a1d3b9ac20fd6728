// A ParleyBridge held in memory for the renderer's unit tests: rooms, stored messages and an
// outbox that page like the core's (docs/desktop-core.md), and events the test fires by hand.
import type {
  AccountInfo,
  ConnectionState,
  DesktopSettings,
  HistoryPage,
  MessageView,
  MessagesChangedEvent,
  ParleyBridge,
  ParleyProblem,
  PresenceNotice,
  RoomView,
  SearchHit,
  Unsubscribe,
} from '../../shared/bridge'
import { encodeBridgeError } from '../../shared/bridge'

type Listener<T> = (value: T) => void

class Emitter<T> {
  private readonly listeners = new Set<Listener<T>>()
  add = (listener: Listener<T>): Unsubscribe => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
  emit(value: T): void {
    for (const l of this.listeners) l(value)
  }
}

interface FakeRoom {
  view: RoomView
  stored: MessageView[]
  outbox: MessageView[]
}

export const ME = { uid: 'me', name: 'Me' }

export function stored(roomId: string, seq: number, over: Partial<MessageView> = {}): MessageView {
  return {
    roomId,
    seq,
    id: `${roomId}:${seq}`,
    cid: null,
    uid: `u${seq % 3}`,
    name: `User ${seq % 3}`,
    text: `message ${seq}`,
    ts: Date.UTC(2026, 0, 1, 12) + seq * 60_000,
    state: 'sent',
    failure: null,
    ...over,
  }
}

function refusal(code: 'not-found' | 'invalid-input', message: string): Error {
  return new Error(encodeBridgeError({ code, message }))
}

export class FakeBridge {
  account: AccountInfo | null = { serverUrl: 'ws://127.0.0.1:1/', uid: ME.uid, name: ME.name }
  connection: ConnectionState = { status: 'open' }
  /** The server refuses the next token signed in with: the connection ends 'unauthorized'. */
  refuseToken = false
  rooms = new Map<string, FakeRoom>()
  hits: SearchHit[] = []
  /** newestPage answers complete: false while set (a hole the core is filling). */
  holeInNewest = false
  settings: DesktopSettings = {
    startAtLogin: false,
    startHidden: false,
    closeToTray: true,
    notifications: true,
    zoom: 1,
    spellcheckLanguages: [],
    theme: 'system',
    language: 'system',
  }
  readonly calls: string[] = []
  private nextCid = 1

  readonly events = {
    connection: new Emitter<ConnectionState>(),
    messages: new Emitter<MessagesChangedEvent>(),
    rooms: new Emitter<RoomView[]>(),
    unread: new Emitter<number>(),
    problem: new Emitter<ParleyProblem>(),
    notice: new Emitter<PresenceNotice>(),
    settings: new Emitter<DesktopSettings>(),
    openRoom: new Emitter<{ roomId: string; seq?: number }>(),
  }

  addRoom(roomId: string, count: number, over: Partial<RoomView> = {}): FakeRoom {
    const room: FakeRoom = {
      view: {
        roomId,
        muted: false,
        lastReadSeq: count,
        unread: 0,
        latestSeq: count,
        presence: { num: 2, users: 2 },
        ...over,
      },
      stored: Array.from({ length: count }, (_, i) => stored(roomId, i + 1)),
      outbox: [],
    }
    this.rooms.set(roomId, room)
    return room
  }

  /** Messages arriving from the server: stored, then one coalesced event. */
  deliver(roomId: string, messages: MessageView[]): void {
    const room = this.room(roomId)
    room.stored.push(...messages)
    room.view = { ...room.view, latestSeq: room.stored.at(-1)?.seq ?? 0 }
    this.events.messages.emit({ roomId, reason: 'received' })
  }

  /** The server stored an outbox row: it comes back with a seq. */
  echo(cid: string, seq: number): void {
    for (const room of this.rooms.values()) {
      const row = room.outbox.find((m) => m.cid === cid)
      if (!row) continue
      room.outbox = room.outbox.filter((m) => m !== row)
      this.deliver(row.roomId, [{ ...row, seq, id: `${row.roomId}:${seq}`, state: 'sent' }])
    }
  }

  private room(roomId: string): FakeRoom {
    const room = this.rooms.get(roomId)
    if (!room) throw refusal('not-found', `No room ${roomId}.`)
    return room
  }

  private page(messages: MessageView[], limit: number, withOutbox: MessageView[]): HistoryPage {
    return {
      messages: [...messages.slice(-limit), ...withOutbox].map((m) => ({ ...m })),
      more: messages.length > limit,
      complete: true,
    }
  }

  bridge(): ParleyBridge {
    const call = (name: string) => this.calls.push(name)
    return {
      signIn: async ({ serverUrl }) => {
        this.account = { serverUrl, uid: ME.uid, name: ME.name }
        if (this.refuseToken) this.connection = { status: 'signed-out', reason: 'unauthorized' }
        return { ...this.account }
      },
      signOut: async () => {
        this.account = null
      },
      getAccount: async () => this.account,
      getConnectionState: async () => this.connection,
      reconnectNow: async () => void call('reconnectNow'),
      listRooms: async () => [...this.rooms.values()].map((r) => ({ ...r.view })),
      joinRoom: async (roomId) => ({ ...(this.rooms.get(roomId) ?? this.addRoom(roomId, 0)).view }),
      forgetRoom: async (roomId) => void this.rooms.delete(roomId),
      send: async (roomId, text) => {
        const row: MessageView = {
          ...stored(roomId, 0),
          seq: null,
          id: null,
          cid: `cid-${this.nextCid++}`,
          uid: ME.uid,
          name: ME.name,
          text,
          ts: Date.now(),
          state: 'pending',
        }
        this.room(roomId).outbox.push(row)
        return { ...row }
      },
      retry: async (cid) => {
        call(`retry:${cid}`)
        for (const r of this.rooms.values())
          r.outbox = r.outbox.map((m) =>
            m.cid === cid ? { ...m, state: 'pending', failure: null } : m,
          )
      },
      discard: async (cid) => {
        call(`discard:${cid}`)
        for (const r of this.rooms.values()) r.outbox = r.outbox.filter((m) => m.cid !== cid)
      },
      newestPage: async (roomId, limit = 50) => {
        const room = this.room(roomId)
        return { ...this.page(room.stored, limit, room.outbox), complete: !this.holeInNewest }
      },
      pageBefore: async (roomId, before, limit = 50) => {
        const room = this.room(roomId)
        return this.page(
          room.stored.filter((m) => (m.seq ?? 0) < before),
          limit,
          [],
        )
      },
      search: async (_query, options) =>
        this.hits.filter((h) => !options?.roomId || h.roomId === options.roomId),
      markRead: async (roomId, seq) => {
        call(`markRead:${roomId}:${seq}`)
      },
      setMuted: async (roomId, muted) => {
        const room = this.room(roomId)
        room.view = { ...room.view, muted }
      },
      setFocusedRoom: async () => undefined,
      getUnreadTotal: async () => 0,
      onConnectionState: this.events.connection.add,
      onMessages: this.events.messages.add,
      onRooms: this.events.rooms.add,
      onUnreadTotal: this.events.unread.add,
      onNotify: () => () => undefined,
      onPresenceNotice: this.events.notice.add,
      onProblem: this.events.problem.add,
      getDesktopInfo: async () => ({
        platform: 'linux',
        osLanguages: ['en-US'],
        spellcheckAvailable: ['en-US'],
        version: '0.0.0-test',
      }),
      getSettings: async () => ({ ...this.settings }),
      updateSettings: async (patch) => {
        this.settings = { ...this.settings, ...patch }
        this.events.settings.emit({ ...this.settings })
        return { ...this.settings }
      },
      checkServer: async (serverUrl) => ({ serverUrl, guestLogin: true, insecure: false }),
      signInAsGuest: async ({ serverUrl, name }) => {
        this.account = { serverUrl, uid: ME.uid, name }
        return { ...this.account }
      },
      hostLocalServer: async ({ lan }) => ({
        serverUrl: 'ws://127.0.0.1:4100/',
        port: 4100,
        lanUrls: lan ? ['ws://192.168.1.20:4100/'] : [],
      }),
      stopLocalServer: async () => undefined,
      getLocalServer: async () => null,
      openExternal: async (url) => void call(`openExternal:${url}`),
      onSettings: this.events.settings.add,
      onOpenRoom: this.events.openRoom.add,
    }
  }
}
