// The embedded ChatStore: everything in this process's memory, used when REDIS_URL is unset.
import type {
  AppendInput,
  AppendResult,
  ChatStore,
  MembershipState,
  PresenceEntry,
  RangeQuery,
  RoomCounts,
  StoredMessage,
} from './types'
import { messageBody } from './message-body'
import { CID_RETENTION_MS } from './types'

export interface MemoryStoreOptions {
  historyLimit: number
  /** How long a cid is remembered (PROTOCOL.md: at least 24 h); shorter only in tests. */
  cidRetentionMs?: number
}

interface Room {
  latest: number
  /** The kept messages, contiguous seqs, the oldest first. */
  kept: StoredMessage[]
}

interface LiveEntry extends PresenceEntry {
  expiresAt: number
}

interface Presence {
  /**
   * instanceId -> connId -> entry. Keyed by the ids the caller already holds rather than a key
   * built from both, which costs a third of the memory per idle connection (docs/benchmarks.md).
   */
  entries: Map<string, Map<string, LiveEntry>>
  /** Entries over all instances: `num`. */
  num: number
  /** uid -> its number of entries, so `users` needs no scan. */
  uids: Map<string, number>
}

export function createMemoryStore(options: MemoryStoreOptions): ChatStore {
  const { historyLimit } = options
  const cidRetentionMs = options.cidRetentionMs ?? CID_RETENTION_MS
  const rooms = new Map<string, Room>()
  // Insertion order is expiry order (the retention is fixed), so pruning stops at the first live one.
  const cids = new Map<string, { message: StoredMessage; expiresAt: number }>()
  const members = new Map<string, Map<string, number>>()
  const presence = new Map<string, Presence>()

  const room = (roomId: string): Room => {
    let r = rooms.get(roomId)
    if (!r) rooms.set(roomId, (r = { latest: 0, kept: [] }))
    return r
  }
  const latest = (roomId: string) => rooms.get(roomId)?.latest ?? 0

  const pruneCids = (now: number) => {
    for (const [key, value] of cids) {
      if (value.expiresAt > now) return
      cids.delete(key)
    }
  }

  const append = async (input: AppendInput): Promise<AppendResult> => {
    const now = Date.now()
    pruneCids(now)
    const cidKey =
      input.cid === undefined ? undefined : JSON.stringify([input.roomId, input.uid, input.cid])
    const seen = cidKey === undefined ? undefined : cids.get(cidKey)
    if (seen) return { message: seen.message, repeat: true }

    const r = room(input.roomId)
    const message: StoredMessage = { seq: ++r.latest, ...messageBody(input) }
    // Every reader gets this same object (Redis hands out copies): a reader that mutates it must
    // fail loudly rather than rewrite history.
    r.kept.push(Object.freeze(message))
    if (r.kept.length > historyLimit) r.kept.splice(0, r.kept.length - historyLimit)
    if (cidKey !== undefined) cids.set(cidKey, { message, expiresAt: now + cidRetentionMs })
    return { message, repeat: false }
  }

  const range = async (roomId: string, query: RangeQuery): Promise<StoredMessage[]> => {
    const kept = rooms.get(roomId)?.kept ?? []
    const first = kept[0]?.seq ?? 1
    // Kept seqs are contiguous, so positions follow from seqs without a search.
    const from = Math.max(0, (query.after ?? 0) + 1 - first)
    const to = Math.min(kept.length, (query.before ?? Infinity) - first)
    if (query.limit <= 0 || from >= to) return []
    // With `after`, page forward from it; with only `before`, the newest page below it.
    return query.after === undefined
      ? kept.slice(Math.max(from, to - query.limit), to)
      : kept.slice(from, Math.min(to, from + query.limit))
  }

  const roomsOf = (uid: string) => {
    let rs = members.get(uid)
    if (!rs) members.set(uid, (rs = new Map()))
    return rs
  }

  const presenceOf = (roomId: string): Presence => {
    let p = presence.get(roomId)
    if (!p) presence.set(roomId, (p = { entries: new Map(), num: 0, uids: new Map() }))
    return p
  }
  const counts = (roomId: string): RoomCounts => {
    const p = presence.get(roomId)
    return { num: p?.num ?? 0, users: p?.uids.size ?? 0 }
  }
  const liveEntry = (roomId: string, { instanceId, connId }: PresenceEntry) =>
    presence.get(roomId)?.entries.get(instanceId)?.get(connId)
  const drop = (roomId: string, { instanceId, connId }: PresenceEntry) => {
    const p = presence.get(roomId)
    const ofInstance = p?.entries.get(instanceId)
    const old = ofInstance?.get(connId)
    if (!p || !ofInstance || !old) return
    ofInstance.delete(connId)
    if (ofInstance.size === 0) p.entries.delete(instanceId)
    p.num--
    const n = (p.uids.get(old.uid) ?? 0) - 1
    if (n > 0) p.uids.set(old.uid, n)
    else p.uids.delete(old.uid)
    if (p.num === 0) presence.delete(roomId)
  }

  return {
    kind: 'memory',
    announcesMessages: false,
    append,
    latestSeq: async (roomId) => latest(roomId),
    latestSeqs: async (roomIds) => new Map(roomIds.map((roomId) => [roomId, latest(roomId)])),
    oldestSeq: async (roomId) => rooms.get(roomId)?.kept[0]?.seq ?? latest(roomId) + 1,
    range,

    async join(uid, roomId) {
      const rs = roomsOf(uid)
      const seq = latest(roomId)
      const known = rs.get(roomId)
      if (known !== undefined) return { roomId, seq, cursor: known, firstJoin: false }
      rs.set(roomId, seq)
      return { roomId, seq, cursor: seq, firstJoin: true }
    },
    async forget(uid, roomId) {
      const rs = members.get(uid)
      rs?.delete(roomId)
      if (rs?.size === 0) members.delete(uid)
    },
    isMember: async (uid, roomId) => members.get(uid)?.has(roomId) ?? false,
    async memberships(uid) {
      const rs = members.get(uid) ?? new Map<string, number>()
      return [...rs].map(([roomId, cursor]): MembershipState => ({
        roomId,
        seq: latest(roomId),
        cursor,
      }))
    },
    async advanceCursors(entries) {
      for (const { uid, roomId, seq } of entries) {
        const rs = members.get(uid)
        const cursor = rs?.get(roomId)
        if (rs && cursor !== undefined)
          rs.set(roomId, Math.max(cursor, Math.min(seq, latest(roomId))))
      }
    },

    async presenceAdd(roomId, entry, ttlMs) {
      drop(roomId, entry)
      const p = presenceOf(roomId)
      const { instanceId, connId, uid, name } = entry
      let ofInstance = p.entries.get(instanceId)
      if (!ofInstance) p.entries.set(instanceId, (ofInstance = new Map()))
      ofInstance.set(connId, { instanceId, connId, uid, name, expiresAt: Date.now() + ttlMs })
      p.num++
      p.uids.set(uid, (p.uids.get(uid) ?? 0) + 1)
      return counts(roomId)
    },
    async presenceRemove(roomId, entry) {
      drop(roomId, entry)
      return counts(roomId)
    },
    async presenceRefresh(entries, ttlMs) {
      const expiresAt = Date.now() + ttlMs
      for (const { roomId, entry } of entries) {
        const live = liveEntry(roomId, entry)
        if (live) live.expiresAt = expiresAt
      }
    },
    async presenceSweep(roomIds) {
      const now = Date.now()
      const result = new Map<string, RoomCounts>()
      const expired: { roomId: string; entry: PresenceEntry }[] = []
      for (const roomId of roomIds) {
        for (const ofInstance of presence.get(roomId)?.entries.values() ?? []) {
          for (const live of ofInstance.values()) {
            if (live.expiresAt > now) continue
            drop(roomId, live)
            const { instanceId, connId, uid, name } = live
            expired.push({ roomId, entry: { instanceId, connId, uid, name } })
          }
        }
        result.set(roomId, counts(roomId))
      }
      return { counts: result, expired }
    },

    ping: async () => true,
    close: async () => {},
  }
}
