// Everything one signed-in account runs: its database, its connection, sync and outbox, and
// the batch pipeline that turns frames into stored rows and events. Created by signIn,
// closed by signOut; the facade in core.ts only routes calls here.
import type { Database } from 'better-sqlite3'
import type {
  AccountInfo,
  HistoryPage,
  MessageView,
  RoomView,
  SearchHit,
  SearchOptions,
} from '../../shared/bridge'
import type { ServerFrame } from '../../shared/protocol'
import { Connection, type ConnectionOptions } from './connection/connection'
import type { CoreEvents } from './core-events'
import { toDatabaseError } from './db/errors'
import { openAccountDatabase } from './db/open'
import { getOutboxRow, roomOutbox } from './db/outbox'
import {
  getRoom,
  listJoinedRooms,
  markRead,
  mutedRoomIds,
  setMuted,
  unreadCounts,
} from './db/rooms'
import { searchMessages } from './db/search'
import { ParleyCoreError } from './errors'
import { notificationsFor, unreadTotal } from './notify-policy'
import { Outbox } from './outbox/outbox'
import { BatchEffects } from './sync/batch-effects'
import { FrameBatcher } from './sync/frame-batcher'
import { RoomSync } from './sync/room-sync'
import { messageView, outboxView, roomView } from './views'

export type ConnectionTuning = Omit<ConnectionOptions, 'url' | 'token'>

export interface SessionOptions {
  dataDir: string
  serverUrl: string
  token: string
  uid: string
  name: string | null
  events: CoreEvents
  /** What the notification policy needs to know about the window. */
  focus: () => { windowFocused: boolean; focusedRoomId: string | null }
  tuning?: ConnectionTuning
}

function signedOut(): ParleyCoreError {
  return new ParleyCoreError('not-signed-in', 'Signed out.')
}

export class AccountSession {
  readonly account: AccountInfo
  readonly connection: Connection
  private readonly db: Database
  private readonly sync: RoomSync
  private readonly outbox: Outbox
  private readonly batcher: FrameBatcher
  private readonly presence = new Map<string, { num: number; users: number }>()
  private token: string
  private lastUnreadTotal: number | undefined
  private closed = false

  constructor(private readonly options: SessionOptions) {
    this.account = { serverUrl: options.serverUrl, uid: options.uid, name: options.name }
    this.token = options.token
    this.db = openAccountDatabase(options.dataDir, {
      serverUrl: options.serverUrl,
      uid: options.uid,
    })
    this.connection = new Connection({
      ...options.tuning,
      url: options.serverUrl,
      token: () => this.token,
    })
    this.sync = new RoomSync(this.db, this.connection, options.uid)
    this.outbox = new Outbox(this.db, this.connection, options.uid, (roomId) =>
      this.sync.isLive(roomId),
    )
    this.batcher = new FrameBatcher((frames) => this.handleBatch(frames))
    const { events } = options
    this.connection.stateChanged.add((state) => events.onConnectionState.emit(state))
    this.connection.opened.add((auth) => {
      this.account.name = auth.name
      try {
        this.sync.onOpen()
      } catch (err) {
        this.failDatabase(err)
      }
    })
    this.connection.frames.add((frame) => this.batcher.push(frame))
    this.connection.closed.add(() => {
      // Frames that arrived before the close are real data: store them first.
      this.batcher.flush()
      this.sync.onClosed()
      this.outbox.onClosed()
      this.presence.clear()
    })
  }

  start(): void {
    this.connection.start()
  }

  /** A fresh token for the same account: used from the next socket, or at once if open. */
  renewToken(token: string): void {
    this.token = token
    if (this.connection.isOpen) this.connection.send({ event: 'auth', message: token })
    else if (this.connection.state.status === 'signed-out') this.connection.start()
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.connection.stop()
    this.batcher.clear()
    this.sync.onClosed()
    this.outbox.onClosed()
    this.db.close()
  }

  listRooms(): RoomView[] {
    return this.guard(() => {
      const unread = unreadCounts(this.db, this.account.uid)
      return listJoinedRooms(this.db).map((r) =>
        roomView(r, unread.get(r.roomId) ?? 0, this.presence.get(r.roomId)),
      )
    })
  }

  joinRoom(roomId: string, nickname: string | null): RoomView {
    this.guard(() => this.sync.join(roomId, nickname))
    this.publishRooms()
    return this.roomViewOf(roomId)
  }

  forgetRoom(roomId: string): void {
    this.guard(() => this.sync.forget(roomId))
    this.presence.delete(roomId)
    this.publishRooms()
  }

  send(roomId: string, text: string): MessageView {
    const row = this.guard(() => {
      this.requireRoom(roomId)
      return this.outbox.add(roomId, text)
    })
    this.options.events.onMessages.emit({ roomId, reason: 'outbox' })
    return outboxView(row, this.sender(roomId))
  }

  retry(cid: string): void {
    const row = this.guard(() => getOutboxRow(this.db, cid))
    if (!row)
      throw new ParleyCoreError('not-found', 'That message is no longer waiting to be sent.')
    this.guard(() => this.outbox.retry(cid))
    this.options.events.onMessages.emit({ roomId: row.roomId, reason: 'outbox' })
  }

  discard(cid: string): void {
    const row = this.guard(() => this.outbox.discard(cid))
    if (row) this.options.events.onMessages.emit({ roomId: row.roomId, reason: 'outbox' })
  }

  async newestPage(roomId: string, limit: number): Promise<HistoryPage> {
    const room = this.guard(() => this.requireRoom(roomId))
    const page = await this.guardAsync(() =>
      this.sync.page(roomId, room.latestSeq + 1, limit, false),
    )
    const sender = this.sender(roomId)
    const pending = this.guard(() => roomOutbox(this.db, roomId))
    return {
      messages: [...page.rows.map(messageView), ...pending.map((r) => outboxView(r, sender))],
      more: page.more,
      complete: page.complete,
    }
  }

  async pageBefore(roomId: string, before: number, limit: number): Promise<HistoryPage> {
    this.guard(() => this.requireRoom(roomId))
    const page = await this.guardAsync(() => this.sync.page(roomId, before, limit, true))
    return { messages: page.rows.map(messageView), more: page.more, complete: page.complete }
  }

  search(query: string, options: SearchOptions): SearchHit[] {
    return this.guard(() => searchMessages(this.db, query, options))
  }

  markRead(roomId: string, seq: number): void {
    const moved = this.guard(() => {
      this.requireRoom(roomId)
      return markRead(this.db, roomId, seq)
    })
    if (!moved) return
    // The server's cursor is best effort; it only helps the uid's other devices.
    this.connection.send({ event: 'ack', roomId, seq })
    this.publishRooms()
  }

  setMuted(roomId: string, muted: boolean): void {
    const changed = this.guard(() => setMuted(this.db, roomId, muted))
    if (!changed) throw new ParleyCoreError('not-found', `You are not in room ${roomId}.`)
    this.publishRooms()
  }

  unreadTotal(): number {
    return unreadTotal(this.listRooms())
  }

  private handleBatch(frames: ServerFrame[]): void {
    if (this.closed) return
    const fx = new BatchEffects()
    try {
      this.db.transaction(() => {
        for (const frame of frames) this.applyFrame(frame, fx)
        this.sync.finishBatch(fx)
      })()
      // A room that just synced may have rows waiting for it.
      this.outbox.flush()
    } catch (err) {
      this.failDatabase(err)
      return
    }
    const { events } = this.options
    for (const [roomId, reason] of fx.changed) events.onMessages.emit({ roomId, reason })
    for (const problem of fx.problems) events.onProblem.emit(problem)
    if (fx.roomsChanged) this.publishRooms()
    this.notify(fx)
  }

  private applyFrame(frame: ServerFrame, fx: BatchEffects): void {
    switch (frame.event) {
      case 'message':
        this.sync.applyMessage(frame, fx)
        return this.outbox.applyStored(frame, fx)
      case 'synced':
        return this.sync.applySynced(frame, fx)
      case 'history':
        this.sync.applyHistory(frame, fx)
        for (const m of frame.messages) this.outbox.applyStored(m, fx)
        return
      case 'error': {
        const row = this.outbox.applyError(frame, fx)
        if (!row) this.sync.applyError(frame, fx)
        else if (frame.code === 'not_in_room') this.sync.reenter(row.roomId)
        return
      }
      case 'enter':
      case 'out':
        this.presence.set(frame.roomId, { num: frame.num, users: frame.users })
        fx.roomsChanged = true
        return
      case 'noauth':
        if (frame.message === 'token expired') fx.problems.push({ kind: 'token-expired' })
        return
      default:
        return
    }
  }

  private notify(fx: BatchEffects): void {
    if (fx.live.length === 0) return
    const { windowFocused, focusedRoomId } = this.options.focus()
    const muted = this.guard(() => mutedRoomIds(this.db))
    const ctx = { myUid: this.account.uid, windowFocused, focusedRoomId, mutedRoomIds: muted }
    for (const n of notificationsFor(fx.live, ctx)) this.options.events.onNotify.emit(n)
  }

  private publishRooms(): void {
    const rooms = this.listRooms()
    this.options.events.onRooms.emit(rooms)
    const total = unreadTotal(rooms)
    if (total !== this.lastUnreadTotal) {
      this.lastUnreadTotal = total
      this.options.events.onUnreadTotal.emit(total)
    }
  }

  private roomViewOf(roomId: string): RoomView {
    const view = this.listRooms().find((r) => r.roomId === roomId)
    if (!view) throw new ParleyCoreError('not-found', `You are not in room ${roomId}.`)
    return view
  }

  private requireRoom(roomId: string) {
    const room = getRoom(this.db, roomId)
    if (!room?.joined) throw new ParleyCoreError('not-found', `You are not in room ${roomId}.`)
    return room
  }

  private sender(roomId: string): { uid: string; name: string } {
    const nickname = this.guard(() => getRoom(this.db, roomId)?.nickname)
    return { uid: this.account.uid, name: nickname ?? this.account.name ?? this.account.uid }
  }

  /** A database failure while receiving: tell the UI once and stop, instead of looping. */
  private failDatabase(err: unknown): void {
    const error = toDatabaseError(err, this.db.name)
    if (!(error instanceof ParleyCoreError)) throw error
    this.options.events.onProblem.emit({ kind: 'database', ...error.toInfo() })
    this.connection.stop('database')
  }

  private guard<T>(fn: () => T): T {
    try {
      if (this.closed) throw signedOut()
      return fn()
    } catch (err) {
      throw this.translate(err)
    }
  }

  private async guardAsync<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn()
    } catch (err) {
      throw this.translate(err)
    }
  }

  /** A call that was waiting when the user signed out finds the database closed. */
  private translate(err: unknown): unknown {
    return this.closed ? signedOut() : toDatabaseError(err, this.db.name)
  }
}
