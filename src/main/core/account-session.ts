// One signed-in account: opens its database, builds its connection, sync, outbox, room list
// and frame pipeline, and carries out the facade's calls on them. Created by signIn, closed by
// signOut; core.ts only checks arguments and routes calls here.
import type { Database } from 'better-sqlite3'
import type {
  AccountInfo,
  HistoryPage,
  MessageView,
  RoomView,
  SearchHit,
  SearchOptions,
} from '../../shared/bridge'
import { Connection, type ConnectionOptions } from './connection/connection'
import type { CoreEvents } from './core-events'
import { toDatabaseError } from './db/errors'
import { openAccountDatabase } from './db/open'
import { getOutboxRow, roomOutbox } from './db/outbox'
import { getRoom, markRead, setMuted } from './db/rooms'
import { searchMessages } from './db/search'
import type { RoomRow } from './db/types'
import { ParleyCoreError } from './errors'
import { FramePipeline, type PipelineParts } from './frame-pipeline'
import { Outbox } from './outbox/outbox'
import { RoomList } from './room-list'
import { RoomSync } from './sync/room-sync'
import { messageView, outboxView } from './views'

export type ConnectionTuning = Omit<ConnectionOptions, 'url' | 'token'>

export interface SessionOptions {
  dataDir: string
  serverUrl: string
  token: string
  uid: string
  name: string | null
  events: CoreEvents
  focus: PipelineParts['focus']
  tuning?: ConnectionTuning
}

function signedOut(): ParleyCoreError {
  return new ParleyCoreError('not-signed-in', 'Signed out.')
}

function notInRoom(roomId: string): ParleyCoreError {
  return new ParleyCoreError('not-found', `You are not in room ${roomId}.`)
}

export class AccountSession {
  readonly account: AccountInfo
  readonly connection: Connection
  private readonly db: Database
  private readonly sync: RoomSync
  private readonly outbox: Outbox
  private readonly rooms: RoomList
  private readonly pipeline: FramePipeline
  private readonly events: CoreEvents
  private token: string
  private closed = false

  constructor(options: SessionOptions) {
    const { uid, events } = options
    this.account = { serverUrl: options.serverUrl, uid, name: options.name }
    this.token = options.token
    this.events = events
    this.db = openAccountDatabase(options.dataDir, { serverUrl: options.serverUrl, uid })
    this.connection = new Connection({
      ...options.tuning,
      url: options.serverUrl,
      token: () => this.token,
    })
    // Timers in sync and the outbox read the database where no caller can catch a failure.
    const onTimerError = (err: unknown) => this.pipeline.fail(err)
    this.sync = new RoomSync(this.db, this.connection, uid, onTimerError)
    this.outbox = new Outbox(this.db, this.connection, uid, onTimerError, (roomId) =>
      this.sync.entries.isLive(roomId),
    )
    this.rooms = new RoomList(this.db, uid, events)
    const { db, connection, sync, outbox, rooms } = this
    this.pipeline = new FramePipeline({
      db,
      connection,
      sync,
      outbox,
      rooms,
      events,
      myUid: uid,
      focus: options.focus,
    })

    connection.stateChanged.add((state) => events.onConnectionState.emit(state))
    connection.opened.add((auth) => {
      this.account.name = auth.name
      try {
        sync.onOpen()
      } catch (err) {
        this.pipeline.fail(err)
      }
    })
    connection.frames.add((frame) => this.pipeline.push(frame))
    connection.closed.add(() => {
      this.pipeline.flush()
      this.dropSocketState()
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
    // Before the stop, whose close event would store the queued frames and emit their events.
    this.pipeline.close()
    this.connection.stop()
    this.dropSocketState()
    this.db.close()
  }

  listRooms(): RoomView[] {
    return this.guard(() => this.rooms.list())
  }

  joinRoom(roomId: string, nickname: string | null): RoomView {
    this.guard(() => this.sync.entries.join(roomId, nickname))
    this.publishRooms()
    return this.guard(() => this.rooms.get(roomId))
  }

  forgetRoom(roomId: string): void {
    this.guard(() => this.sync.entries.forget(roomId))
    this.rooms.dropPresence(roomId)
    this.publishRooms()
  }

  send(roomId: string, text: string): MessageView {
    const row = this.guard(() => {
      this.requireRoom(roomId)
      return this.outbox.add(roomId, text)
    })
    this.events.onMessages.emit({ roomId, reason: 'outbox' })
    return outboxView(row, this.sender(roomId))
  }

  retry(cid: string): void {
    const row = this.guard(() => getOutboxRow(this.db, cid))
    if (!row) {
      throw new ParleyCoreError('not-found', 'That message is no longer waiting to be sent.')
    }
    this.guard(() => this.outbox.retry(cid))
    this.events.onMessages.emit({ roomId: row.roomId, reason: 'outbox' })
  }

  discard(cid: string): void {
    const row = this.guard(() => this.outbox.discard(cid))
    if (row) this.events.onMessages.emit({ roomId: row.roomId, reason: 'outbox' })
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
    if (!this.guard(() => setMuted(this.db, roomId, muted))) throw notInRoom(roomId)
    this.publishRooms()
  }

  unreadTotal(): number {
    return this.guard(() => this.rooms.unreadTotal())
  }

  /** What belonged to the socket that is gone: rooms are entered again on the next one. */
  private dropSocketState(): void {
    this.sync.onClosed()
    this.outbox.onClosed()
    this.rooms.dropPresence()
  }

  private publishRooms(): void {
    this.guard(() => this.rooms.publish())
  }

  private requireRoom(roomId: string): RoomRow {
    const room = getRoom(this.db, roomId)
    if (!room?.joined) throw notInRoom(roomId)
    return room
  }

  private sender(roomId: string): { uid: string; name: string } {
    const nickname = this.guard(() => getRoom(this.db, roomId)?.nickname)
    return { uid: this.account.uid, name: nickname ?? this.account.name ?? this.account.uid }
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
