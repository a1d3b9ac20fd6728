// The ChatStore contract: everything the server keeps, behind one interface that the
// in-process store and the Redis store both implement (one contract suite tests both).
import type { ChatMessage } from '../../src/shared/protocol'

export type StoredMessage = ChatMessage

export interface AppendInput {
  roomId: string
  uid: string
  /** Nickname shown with the message. */
  name: string
  text: string
  /** Client idempotency key; absent when the client gave none. */
  cid?: string
  /** Epoch milliseconds, set by the server instance. */
  ts: number
  /** Unique across rooms, set by the server instance. */
  id: string
}

export interface AppendResult {
  message: StoredMessage
  /** True when (uid, roomId, cid) was seen before: `message` is the original, nothing was stored. */
  repeat: boolean
}

export interface RangeQuery {
  /** Messages with seq > after (ascending, the oldest first). */
  after?: number
  /** Messages with seq < before (ascending, the newest `limit` of them). */
  before?: number
  limit: number
}

export interface RoomCounts {
  /** Connections in the room, over all instances. */
  num: number
  /** Distinct uids among them. */
  users: number
}

/** One connection's presence in one room. */
export interface PresenceEntry {
  instanceId: string
  connId: string
  uid: string
  name: string
}

export interface MembershipState {
  roomId: string
  /** Latest seq of the room (0 when empty). */
  seq: number
  /** The uid's read cursor in the room. */
  cursor: number
}

/** How long a store remembers (uid, roomId, cid) by default: PROTOCOL.md asks for at least 24 h. */
export const CID_RETENTION_MS = 24 * 60 * 60 * 1000

export interface ChatStore {
  readonly kind: 'memory' | 'redis'
  /**
   * True when append itself announces each message it stores on the bus, as part of the same
   * atomic step (the Redis store, in its append script); then nobody else must publish it.
   */
  readonly announcesMessages: boolean

  /**
   * Stores a message and gives it the room's next seq, atomically and in one round trip.
   * Idempotent on (uid, roomId, cid) for at least 24 h, across instances; the retention
   * of HISTORY_LIMIT trims the oldest messages of the room.
   */
  append(input: AppendInput): Promise<AppendResult>
  /** Latest seq of a room, 0 when it has none. */
  latestSeq(roomId: string): Promise<number>
  /** latestSeq of each room given, in one round trip. */
  latestSeqs(roomIds: string[]): Promise<Map<string, number>>
  /** Seq of the oldest message still kept (latest + 1 when none is kept). */
  oldestSeq(roomId: string): Promise<number>
  /** Kept messages, ascending by seq; `after` and `before` may be combined. */
  range(roomId: string, query: RangeQuery): Promise<StoredMessage[]>

  /**
   * Makes uid a lasting member of roomId. At the first join the read cursor starts at the
   * room's latest seq. Returns the state after joining.
   */
  join(uid: string, roomId: string): Promise<MembershipState & { firstJoin: boolean }>
  /** Ends the membership and drops the cursor. */
  forget(uid: string, roomId: string): Promise<void>
  isMember(uid: string, roomId: string): Promise<boolean>
  /** Every room the uid is a member of, with its latest seq and the uid's cursor. */
  memberships(uid: string): Promise<MembershipState[]>
  /**
   * cursor = max(cursor, min(seq, latest)) for each entry, in one round trip; never moves a
   * cursor back and does nothing for a room the uid is not a member of. `delivered` says every
   * seq was delivered, so is stored and at most the latest: the store need not read the latest.
   */
  advanceCursors(
    entries: { uid: string; roomId: string; seq: number }[],
    options?: { delivered: boolean },
  ): Promise<void>

  /** Adds (or replaces, same instanceId+connId) a connection's presence; returns the counts after. */
  presenceAdd(roomId: string, entry: PresenceEntry, ttlMs: number): Promise<RoomCounts>
  /** Removes a connection's presence; returns the counts after (unchanged if it was not there). */
  presenceRemove(roomId: string, entry: PresenceEntry): Promise<RoomCounts>
  /** Extends the expiry of live entries, in one round trip. */
  presenceRefresh(entries: { roomId: string; entry: PresenceEntry }[], ttlMs: number): Promise<void>
  /**
   * Drops expired entries of the rooms given (a crashed instance's sockets) and returns the
   * counts of each room and the entries this call removed (each expired entry is returned
   * to exactly one caller, over all instances).
   */
  presenceSweep(roomIds: string[]): Promise<{
    counts: Map<string, RoomCounts>
    expired: { roomId: string; entry: PresenceEntry }[]
  }>

  /** True when the backing storage answers. */
  ping(): Promise<boolean>
  close(): Promise<void>
}

/** Thrown (or rejected with) when the backing storage cannot be reached. */
export class StoreUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('storage unavailable', { cause })
    this.name = 'StoreUnavailableError'
  }
}
