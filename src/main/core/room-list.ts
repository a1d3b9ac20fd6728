// The room list as the UI shows it: joined rooms with their unread counts and the presence the
// server last announced, pushed as onRooms, and the unread total (the tray badge) pushed as
// onUnreadTotal whenever it changes.
import type { Database } from 'better-sqlite3'
import type { RoomView } from '../../shared/bridge'
import type { CoreEvents } from './core-events'
import { listJoinedRooms, unreadCounts } from './db/rooms'
import { ParleyCoreError } from './errors'
import { unreadTotal } from './notify-policy'
import { roomView } from './views'

export interface Presence {
  num: number
  users: number
}

export class RoomList {
  /** Counts from the latest enter/out frame per room on the current socket. */
  private readonly presence = new Map<string, Presence>()
  private lastUnreadTotal: number | undefined

  constructor(
    private readonly db: Database,
    private readonly myUid: string,
    private readonly events: CoreEvents,
  ) {}

  list(): RoomView[] {
    const unread = unreadCounts(this.db, this.myUid)
    return listJoinedRooms(this.db).map((r) =>
      roomView(r, unread.get(r.roomId) ?? 0, this.presence.get(r.roomId)),
    )
  }

  get(roomId: string): RoomView {
    const view = this.list().find((r) => r.roomId === roomId)
    if (!view) throw new ParleyCoreError('not-found', `You are not in room ${roomId}.`)
    return view
  }

  unreadTotal(): number {
    return unreadTotal(this.list())
  }

  setPresence(roomId: string, presence: Presence): void {
    this.presence.set(roomId, presence)
  }

  /** One room left for good, or (no argument) the socket is gone: no count holds any more. */
  dropPresence(roomId?: string): void {
    if (roomId === undefined) this.presence.clear()
    else this.presence.delete(roomId)
  }

  publish(): void {
    const rooms = this.list()
    this.events.onRooms.emit(rooms)
    const total = unreadTotal(rooms)
    if (total !== this.lastUnreadTotal) {
      this.lastUnreadTotal = total
      this.events.onUnreadTotal.emit(total)
    }
  }
}
