// Memberships and read cursors in Redis: one hash per uid, roomId -> cursor.
import type { ChatStore } from '../types'
import { inSlices } from './bulk'
import type { RedisConnection } from './connection'
import { luaScript } from './keys'
import type { RedisKeys } from './keys'

// KEYS: memberships of uid, seq of room. ARGV: roomId. Returns {latest, cursor, firstJoin}.
// HSETNX makes "the cursor starts at the latest seq" hold once, however many joins race.
const join = luaScript<[number, number, number]>(
  'parleyJoin',
  `
local latest = tonumber(redis.call('GET', KEYS[2]) or '0')
if redis.call('HSETNX', KEYS[1], ARGV[1], latest) == 1 then return {latest, latest, 1} end
return {latest, tonumber(redis.call('HGET', KEYS[1], ARGV[1])), 0}
`,
)

// KEYS: per entry, memberships of uid then seq of room. ARGV: 1 when every seq was delivered (no
// need to read the latest: see ChatStore.advanceCursors), then per entry roomId then seq.
// PROTOCOL.md: cursor = max(cursor, min(seq, latest)), and a non-member gets no cursor.
const advance = luaScript<number>(
  'parleyAdvanceCursors',
  `
local delivered = ARGV[1] == '1'
for i = 1, #KEYS, 2 do
  local room, seq = ARGV[i + 1], tonumber(ARGV[i + 2])
  local cursor = redis.call('HGET', KEYS[i], room)
  if cursor and seq > tonumber(cursor) then
    local target = seq
    if not delivered then target = math.min(seq, tonumber(redis.call('GET', KEYS[i + 1]) or '0')) end
    if target > tonumber(cursor) then redis.call('HSET', KEYS[i], room, target) end
  end
end
return 0
`,
)

type MembershipOps = Pick<
  ChatStore,
  'join' | 'forget' | 'isMember' | 'memberships' | 'advanceCursors'
>

export function redisMemberships(conn: RedisConnection, keys: RedisKeys): MembershipOps {
  return {
    join: (uid, roomId) =>
      conn.run(async (client) => {
        const [seq, cursor, first] = await join(
          client,
          [keys.memberships(uid), keys.seq(roomId)],
          [roomId],
        )
        return { roomId, seq, cursor, firstJoin: first === 1 }
      }),

    forget: (uid, roomId) =>
      conn.run(async (client) => {
        await client.hdel(keys.memberships(uid), roomId)
      }),

    isMember: (uid, roomId) =>
      conn.run(async (client) => (await client.hexists(keys.memberships(uid), roomId)) === 1),

    // Two round trips: the seq keys to read depend on the first answer. A seq read a moment
    // later can only be larger, so cursor <= seq still holds.
    memberships: (uid) =>
      conn.run(async (client) => {
        const cursors = Object.entries(await client.hgetall(keys.memberships(uid)))
        if (cursors.length === 0) return []
        const seqs = await client.mget(cursors.map(([roomId]) => keys.seq(roomId)))
        return cursors.map(([roomId, cursor], i) => ({
          roomId,
          seq: Number(seqs[i] ?? 0),
          cursor: Number(cursor),
        }))
      }),

    async advanceCursors(entries, options) {
      await inSlices(entries, (slice) =>
        conn.run((client) =>
          advance(
            client,
            slice.flatMap(({ uid, roomId }) => [keys.memberships(uid), keys.seq(roomId)]),
            [options?.delivered ? 1 : 0, ...slice.flatMap(({ roomId, seq }) => [roomId, seq])],
          ),
        ),
      )
    },
  }
}
