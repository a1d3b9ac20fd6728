// What an account does with the server's frames: frames that arrive together are applied to
// sync and the outbox in one transaction, and only once it has committed do the events, the
// room list and the notifications go out. A database failure is reported once and stops the
// connection, instead of failing again on every frame.
import type { Database } from 'better-sqlite3'
import type { ServerFrame } from '../../shared/protocol'
import type { Connection } from './connection/connection'
import type { CoreEvents } from './core-events'
import { toDatabaseError } from './db/errors'
import { mutedRoomIds } from './db/rooms'
import { ParleyCoreError } from './errors'
import { notificationsFor } from './notify-policy'
import type { Outbox } from './outbox/outbox'
import type { RoomList } from './room-list'
import { BatchEffects } from './sync/batch-effects'
import { FrameBatcher } from './sync/frame-batcher'
import type { RoomSync } from './sync/room-sync'

export interface PipelineParts {
  db: Database
  connection: Connection
  sync: RoomSync
  outbox: Outbox
  rooms: RoomList
  events: CoreEvents
  myUid: string
  /** What the notification policy needs to know about the window. */
  focus: () => { windowFocused: boolean; focusedRoomId: string | null }
}

export class FramePipeline {
  private readonly batcher = new FrameBatcher((frames) => this.handleBatch(frames))
  private closed = false

  constructor(private readonly parts: PipelineParts) {}

  push(frame: ServerFrame): void {
    this.batcher.push(frame)
  }

  /** Frames that arrived before the socket closed are real data: stores them now. */
  flush(): void {
    this.batcher.flush()
  }

  /** The database is about to close: what is still queued is dropped. */
  close(): void {
    this.closed = true
    this.batcher.clear()
  }

  /** A database failure while receiving: tell the UI once and stop, instead of looping. */
  fail(err: unknown): void {
    const error = toDatabaseError(err, this.parts.db.name)
    if (!(error instanceof ParleyCoreError)) throw error
    this.parts.events.onProblem.emit({ kind: 'database', ...error.toInfo() })
    this.parts.connection.stop('database')
  }

  private handleBatch(frames: ServerFrame[]): void {
    if (this.closed) return
    const { db, sync, outbox, rooms, events } = this.parts
    const fx = new BatchEffects()
    try {
      db.transaction(() => {
        for (const frame of frames) this.applyFrame(frame, fx)
        sync.finishBatch(fx)
      })()
      // A room that just synced may have rows waiting for it.
      outbox.flush()
      for (const [roomId, reason] of fx.changed) events.onMessages.emit({ roomId, reason })
      for (const problem of fx.problems) events.onProblem.emit(problem)
      for (const notice of fx.notices) events.onPresenceNotice.emit(notice)
      if (fx.roomsChanged) rooms.publish()
      this.notify(fx)
    } catch (err) {
      this.fail(err)
    }
  }

  private applyFrame(frame: ServerFrame, fx: BatchEffects): void {
    const { sync, outbox, rooms } = this.parts
    switch (frame.event) {
      case 'message':
        sync.applyMessage(frame, fx)
        return outbox.applyStored(frame, fx)
      case 'synced':
        return sync.applySynced(frame, fx)
      case 'history':
        sync.applyHistory(frame, fx)
        for (const m of frame.messages) outbox.applyStored(m, fx)
        return
      case 'error': {
        const row = outbox.applyError(frame, fx)
        if (!row) sync.applyError(frame, fx)
        else if (frame.code === 'not_in_room') sync.entries.reenter(row.roomId)
        return
      }
      case 'enter':
      case 'out': {
        const presence = { num: frame.num, users: frame.users }
        rooms.setPresence(frame.roomId, presence)
        fx.roomsChanged = true
        // Our own comings and goings (every reconnect) are not news to the user.
        if (frame.uid === this.parts.myUid) return
        const kind = frame.event === 'enter' ? 'joined' : 'left'
        fx.notices.push({
          roomId: frame.roomId,
          kind,
          uid: frame.uid,
          name: frame.name,
          ts: Date.now(),
          afterSeq: sync.latestKnown(frame.roomId),
          presence,
        })
        return
      }
      case 'noauth':
        if (frame.message === 'token expired') fx.problems.push({ kind: 'token-expired' })
        return
      default:
        return
    }
  }

  private notify(fx: BatchEffects): void {
    if (fx.live.length === 0) return
    const { windowFocused, focusedRoomId } = this.parts.focus()
    const ctx = {
      myUid: this.parts.myUid,
      windowFocused,
      focusedRoomId,
      mutedRoomIds: mutedRoomIds(this.parts.db),
    }
    for (const n of notificationsFor(fx.live, ctx)) this.parts.events.onNotify.emit(n)
  }
}
