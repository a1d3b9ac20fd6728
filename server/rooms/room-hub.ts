// The rooms of this instance: opening a room (bus subscription, start seq), presence of
// local connections with global counts, and fan-out of bus events to local members. Events
// this instance caused are delivered locally at once; a bus echo of them is ignored or deduped.
import type { Bus, BusEvent } from '../bus/types'
import type { Logger } from '../logger'
import type { ChatStore, PresenceEntry, RoomCounts, StoredMessage } from '../store/types'
import { enterFrame, outFrame } from '../wire/frames'
import { textFrame } from '../wire/ws-frame'
import { LocalRoom, type RoomMember } from './local-room'

const NO_COUNTS: RoomCounts = { num: 0, users: 0 }

export interface RoomHubOptions {
  store: ChatStore
  bus: Bus
  logger: Logger
  instanceId: string
  presenceTtlMs: number
}

export class RoomHub {
  private readonly rooms = new Map<string, { room: LocalRoom; ready: Promise<void> }>()

  constructor(private readonly o: RoomHubOptions) {
    o.bus.onEvent((event) => this.onBusEvent(event))
  }

  get size(): number {
    return this.rooms.size
  }

  counts(roomId: string): RoomCounts {
    return this.rooms.get(roomId)?.room.counts ?? NO_COUNTS
  }

  /**
   * Adds a connection's presence (or renews it with a new nickname) and broadcasts `enter`,
   * the member itself first. Rejects with the store's error; then nothing changed.
   */
  async enter(member: RoomMember, roomId: string): Promise<RoomCounts> {
    const room = await this.open(roomId)
    room.members.set(member.connId, member)
    const entry = this.entryOf(member, roomId)
    let counts: RoomCounts
    try {
      counts = await this.o.store.presenceAdd(roomId, entry, this.o.presenceTtlMs)
    } catch (err) {
      this.removeMember(room, member)
      throw err
    }
    if (room.members.get(member.connId) !== member) {
      // It left (its uid forgot the room) while the presence was being added: take it back.
      return this.o.store.presenceRemove(roomId, entry).catch((err: Error) => {
        this.o.logger.warn({ room: roomId, err: err.message }, 'presence not removed')
        return counts
      })
    }
    room.counts = counts
    const frame = textFrame(enterFrame(roomId, entry, counts))
    member.sendText(frame)
    for (const other of room.members.values()) if (other !== member) other.sendText(frame)
    this.publish({ type: 'enter', roomId, entry, counts })
    return counts
  }

  /** Ends a connection's presence; the others get `out`, the leaver does not. */
  async leave(member: RoomMember, roomId: string): Promise<void> {
    const open = this.rooms.get(roomId)
    if (!open || !open.room.members.has(member.connId)) return
    const entry = this.entryOf(member, roomId)
    this.removeMember(open.room, member)
    let counts: RoomCounts
    try {
      counts = await this.o.store.presenceRemove(roomId, entry)
    } catch (err) {
      // The entry expires on its own within two heartbeats; say what we know now.
      this.o.logger.warn({ room: roomId, err: (err as Error).message }, 'presence not removed')
      counts = { num: Math.max(0, open.room.counts.num - 1), users: open.room.counts.users }
    }
    this.sendOut(open.room, entry, counts)
    this.publish({ type: 'out', roomId, entry, counts })
  }

  /** A message this instance stored: local members get it now, other instances by the bus. */
  stored(message: StoredMessage): void {
    this.rooms.get(message.roomId)?.room.ingest(message)
    if (!this.o.store.announcesMessages) this.publish({ type: 'message', message })
  }

  /** Every uid's connections here leave the room (the uid forgot it); other instances too. */
  forget(uid: string, roomId: string): void {
    this.dropUid(uid, roomId)
    this.publish({ type: 'forget', roomId, uid })
  }

  /**
   * Heartbeat: renews this instance's presence, drops what crashed instances left behind, and
   * delivers any message of an open room that the bus never brought.
   */
  async heartbeat(): Promise<void> {
    const entries: { roomId: string; entry: PresenceEntry }[] = []
    for (const [roomId, { room }] of this.rooms) {
      for (const member of room.members.values()) {
        entries.push({ roomId, entry: this.entryOf(member, roomId) })
      }
    }
    if (entries.length > 0) await this.o.store.presenceRefresh(entries, this.o.presenceTtlMs)
    const roomIds = [...this.rooms.keys()]
    await this.sweep(roomIds)
    if (roomIds.length === 0) return
    for (const [roomId, latest] of await this.o.store.latestSeqs(roomIds))
      this.rooms.get(roomId)?.room.catchUp(latest)
  }

  /**
   * Global counts of the rooms given, after dropping what crashed instances left behind
   * (whose connections then get their `out`).
   */
  async sweep(roomIds: string[]): Promise<Map<string, RoomCounts>> {
    const { counts, expired } = await this.o.store.presenceSweep(roomIds)
    for (const [roomId, c] of counts) {
      const open = this.rooms.get(roomId)
      if (open) open.room.counts = c
    }
    for (const { roomId, entry } of expired) {
      const c = counts.get(roomId) ?? this.counts(roomId)
      const open = this.rooms.get(roomId)
      if (open) this.sendOut(open.room, entry, c)
      this.publish({ type: 'out', roomId, entry, counts: c })
    }
    return counts
  }

  private onBusEvent(event: BusEvent): void {
    if (event.type === 'message')
      return this.rooms.get(event.message.roomId)?.room.ingest(event.message)
    const open = this.rooms.get(event.roomId)
    if (!open) return
    if (event.type === 'forget') return this.dropUid(event.uid, event.roomId)
    if (event.entry.instanceId === this.o.instanceId) return
    open.room.counts = event.counts
    if (event.type === 'enter') {
      const frame = textFrame(enterFrame(event.roomId, event.entry, event.counts))
      for (const member of open.room.members.values()) member.sendText(frame)
    } else {
      this.sendOut(open.room, event.entry, event.counts)
    }
  }

  private dropUid(uid: string, roomId: string): void {
    const open = this.rooms.get(roomId)
    if (!open) return
    for (const member of [...open.room.members.values()])
      if (member.uid === uid) member.dropRoom(roomId)
  }

  private sendOut(room: LocalRoom, entry: PresenceEntry, counts: RoomCounts): void {
    room.counts = counts
    const frame = textFrame(outFrame(room.id, entry, counts))
    for (const member of room.members.values()) member.sendText(frame)
  }

  private async open(roomId: string): Promise<LocalRoom> {
    for (;;) {
      let open = this.rooms.get(roomId)
      if (!open) {
        const room = new LocalRoom(roomId, (...args) => this.fetch(...args), this.o.logger)
        const ready = this.start(room)
        open = { room, ready }
        this.rooms.set(roomId, open)
        const mine = open
        ready.catch(() => {
          if (this.rooms.get(roomId) === mine) this.rooms.delete(roomId)
        })
      }
      await open.ready
      // The room may have been closed (its last member left) while we waited.
      if (this.rooms.get(roomId) === open) return open.room
    }
  }

  private async start(room: LocalRoom): Promise<void> {
    await this.o.bus.subscribe(room.id)
    room.start(await this.o.store.latestSeq(room.id))
  }

  private removeMember(room: LocalRoom, member: RoomMember): void {
    room.members.delete(member.connId)
    if (room.members.size > 0 || this.rooms.get(room.id)?.room !== room) return
    this.rooms.delete(room.id)
    this.o.bus.unsubscribe(room.id).catch((err: Error) => {
      this.o.logger.warn({ room: room.id, err: err.message }, 'unsubscribe failed')
    })
  }

  private fetch(roomId: string, after: number, before: number | undefined, limit: number) {
    return this.o.store.range(roomId, { after, before, limit })
  }

  private entryOf(member: RoomMember, roomId: string): PresenceEntry {
    return {
      instanceId: this.o.instanceId,
      connId: member.connId,
      uid: member.uid,
      name: member.nickname(roomId),
    }
  }

  private publish(event: BusEvent): void {
    this.o.bus.publish(event).catch((err: Error) => {
      this.o.logger.warn({ event: event.type, err: err.message }, 'bus publish failed')
    })
  }
}
